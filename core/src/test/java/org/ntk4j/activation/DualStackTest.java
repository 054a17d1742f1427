package org.ntk4j.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DualStackTest {

    private static final int LAYERS = 4;
    private static final int N = 301;
    private static final double[] W = {2.0, 1.3, 0.7, 2.0};
    private static final double[] B = {0.1, 0.0, 0.25, 1e-3};

    /**
     * Column variances per pair (over three decades, some equal to the row's), the row's variances, and the first
     * pair's covariances: random correlations, |ρ| → 1, exactly ±1 (c = ±q1 where q2 = q1), 0 and −0.
     */
    private record Row(double[] q1, double[][] q2, double[] c, double[] t) {
        static Row of(long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            double[] q1 = new double[LAYERS];
            double[][] q2 = new double[LAYERS][N];
            for (int h = 0; h < LAYERS; h++) {
                q1[h] = Math.pow(10, r.nextDouble(-1, 1));
                for (int j = 0; j < N; j++) {
                    q2[h][j] = j % 11 == 0 ? q1[h] : q1[h] * Math.pow(10, r.nextDouble(-1.5, 1.5));
                }
            }
            double[] c = new double[N];
            double[] t = new double[N];
            for (int j = 0; j < N; j++) {
                double s = Math.sqrt(q1[0]) * Math.sqrt(q2[0][j]);
                c[j] = switch (j % 6) {
                    case 0 -> j % 4 == 0 ? q1[0] : -q1[0];
                    case 1 -> (1 - Math.pow(10, -r.nextDouble(1, 16))) * s;
                    case 2 -> (-1 + Math.pow(10, -r.nextDouble(1, 16))) * s;
                    case 3 -> j % 2 == 0 ? 0.0 : -0.0;
                    default -> (2 * r.nextDouble() - 1) * s;
                };
                t[j] = r.nextDouble(0, 3);
            }
            return new Row(q1, q2, c, t);
        }
    }

    /** The layer-by-layer route: {@link Activation#dualRow}, then the NTK-parameterised dense pass. */
    private static void layerByLayer(Activation phi, Row row, double[] k, double[] t, int from, int to) {
        double[] derivative = new double[N];
        for (int h = 0; h < LAYERS; h++) {
            phi.dualRow(row.q1[h], row.q2[h], k, k, derivative, from, to);
            for (int j = from; j < to; j++) {
                double kj = W[h] * k[j] + B[h];
                k[j] = kj;
                t[j] = kj + W[h] * (t[j] * derivative[j]);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"relu", "erf", "gelu", "leaky_relu(0.2)", "abs", "abrelu(0.5,3)", "abrelu(2,-2)",
            "abrelu(-1,-0.3)", "expr:max(0,x)"})
    void givesTheLayerByLayerResultsBitForBit(String name) {
        Activation phi = Activations.parse(name);
        for (long seed = 1; seed <= 3; seed++) {
            Row row = Row.of(seed);
            DualStack stack = phi.dualStack(row.q2, W, B).orElseThrow();
            assertThat(stack.layers()).isEqualTo(LAYERS);
            int lanes = RowKernels.INSTANCE.lanes();
            for (int[] range : new int[][] {{0, N}, {3, N}, {5, 5}, {0, 1}, {2, 9}, {1, 129}, {7, 263}}) {
                int from = range[0];
                int to = range[1];
                double[] k = row.c.clone();
                double[] t = row.t.clone();
                double[] expectedK = row.c.clone();
                double[] expectedT = row.t.clone();
                layerByLayer(phi, row, expectedK, expectedT, from, to);
                int end = stack.rows(row.q1, k, t, from, to);
                assertThat(end).as("the columns done").isEqualTo(from + (to - from) / lanes * lanes);
                for (int j = 0; j < N; j++) {
                    boolean done = j >= from && j < end;
                    assertThat(k[j]).as("Σ at %d of [%d, %d)", j, from, to).isEqualTo(done ? expectedK[j] : row.c[j]);
                    assertThat(t[j]).as("Θ at %d of [%d, %d)", j, from, to).isEqualTo(done ? expectedT[j] : row.t[j]);
                }
            }
        }
    }

    @Test
    void vectorAndScalarKernelsAgreeBitForBit() {
        assumeTrue(RowKernels.INSTANCE.vectorized(), "run with --add-modules jdk.incubator.vector");
        RowKernels scalar = new RowKernels.Scalar();
        int lanes = RowKernels.INSTANCE.lanes();
        Row row = Row.of(7);
        int to = N / lanes * lanes;
        double[][] slopes = {{0.2, 1}, {-1, 1}, {2, -2}, {0.5, 3}, {-1, -0.3}};
        for (String name : new String[] {"relu", "erf", "gelu", "abrelu 0", "abrelu 1", "abrelu 2", "abrelu 3",
            "abrelu 4"}) {
            double[] k1 = row.c.clone();
            double[] t1 = row.t.clone();
            double[] k2 = row.c.clone();
            double[] t2 = row.t.clone();
            for (int h = 0; h < LAYERS; h++) {
                if (name.equals("relu")) {
                    RowKernels.INSTANCE.reluDense(row.q1[h], row.q2[h], W[h], B[h], k1, t1, 0, to);
                    scalar.reluDense(row.q1[h], row.q2[h], W[h], B[h], k2, t2, 0, to);
                } else if (name.equals("gelu")) {
                    double[] ip2 = new double[N];
                    double[] h2 = new double[N];
                    for (int j = 0; j < N; j++) {
                        ip2[j] = 1.0 / (1.0 + row.q2[h][j]);
                        h2[j] = row.q2[h][j] * ip2[j];
                    }
                    RowKernels.INSTANCE.geluDense(row.q1[h], row.q2[h], ip2, h2, W[h], B[h], k1, t1, 0, to);
                    scalar.geluDense(row.q1[h], row.q2[h], ip2, h2, W[h], B[h], k2, t2, 0, to);
                } else if (name.startsWith("abrelu")) {
                    double[] ab = slopes[name.charAt(7) - '0'];
                    RowKernels.INSTANCE.abReluDense(ab[0], ab[1], row.q1[h], row.q2[h], W[h], B[h], k1, t1, 0, to);
                    scalar.abReluDense(ab[0], ab[1], row.q1[h], row.q2[h], W[h], B[h], k2, t2, 0, to);
                } else {
                    double[] half = java.util.Arrays.stream(row.q2[h]).map(q -> q / 2).toArray();
                    double[] roots = java.util.Arrays.stream(row.q2[h]).map(q -> Math.sqrt(q + 0.5)).toArray();
                    RowKernels.INSTANCE.erfDense(row.q1[h], half, roots, W[h], B[h], k1, t1, 0, to);
                    scalar.erfDense(row.q1[h], half, roots, W[h], B[h], k2, t2, 0, to);
                }
            }
            assertThat(k1).as(name).isEqualTo(k2);
            assertThat(t1).as(name).isEqualTo(t2);
        }
    }

    @Test
    void variancesOutsideTheFastRangeLeaveTheWorkToTheCaller() {
        Activation relu = new Relu();
        Row row = Row.of(2);
        double[][] tiny = row.q2.clone();
        tiny[2] = tiny[2].clone();
        tiny[2][17] = 1e-120;
        assertThat(relu.dualStack(tiny, W, B)).isEmpty();
        double[][] huge = row.q2.clone();
        huge[0] = huge[0].clone();
        huge[0][0] = 1e120;
        assertThat(new Erf().dualStack(huge, W, B)).isEmpty();
        assertThat(relu.dualStack(row.q2, new double[] {2, 2, Double.NaN, 2}, B)).isEmpty();
        assertThat(DualStack.accepts(new double[] {1e-100, 1.0, 1e100})).isTrue();
        assertThat(DualStack.accepts(new double[] {1.0, 9.99e-101})).isFalse();
        assertThat(DualStack.accepts(new double[] {1.0, 0.0})).isFalse();
        assertThat(DualStack.accepts(new double[] {Double.NaN})).isFalse();

        DualStack stack = relu.dualStack(row.q2, W, B).orElseThrow();
        double[] q1 = row.q1.clone();
        q1[3] = 0.0;
        double[] k = row.c.clone();
        double[] t = row.t.clone();
        assertThat(stack.rows(q1, k, t, 4, N)).isEqualTo(4);
        assertThat(k).isEqualTo(row.c);
        assertThat(t).isEqualTo(row.t);
    }

    @Test
    void onlyTheActivationsWithFusedKernelsHaveStacks() {
        Row row = Row.of(3);
        // abrelu(−0.5, 1): its two angle terms cancel where Σ̇ crosses zero, so it keeps Math.atan2 (no fast kernel).
        for (String name : new String[] {"tanh", "abrelu(-0.5,1)", "identity", "sin", "expr:x/(1+abs(x))"}) {
            assertThat(Activations.parse(name).dualStack(row.q2, W, B)).as(name).isEmpty();
        }
        assertThatThrownBy(() -> new Relu().dualStack(row.q2, new double[] {1}, B))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 pairs");
    }
}
