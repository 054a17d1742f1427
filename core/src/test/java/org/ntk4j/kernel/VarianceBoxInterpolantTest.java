package org.ntk4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ntk4j.activation.Activation;
import org.ntk4j.activation.Activations;
import org.ntk4j.network.Network;

/**
 * The variance-box interpolant (inputs of unequal norms, activations without closed form): against the closed
 * forms hidden behind {@link SlowDual}, against entry-by-entry quadrature for tanh, and its exact fallback.
 */
class VarianceBoxInterpolantTest {

    /** n Gaussian inputs in d dimensions whose norms √(⟨x, x⟩/d) run evenly from {@code first} to {@code last}. */
    private static double[][] inputsWithNorms(int n, int d, long seed, double first, double last) {
        double[][] x = InfiniteWidthKernelTest.randomInputs(n, d, seed);
        for (int i = 0; i < n; i++) {
            double norm = Math.sqrt(InfiniteWidthKernel.dotOverD(x[i], x[i], d));
            for (int k = 0; k < d; k++) {
                x[i][k] *= (first + (last - first) * i / (n - 1.0)) / norm;
            }
        }
        return x;
    }

    /** |a − b| ≤ 1e-10 |b| + 1e-13 √(b_ii b_jj) for every entry, with the diagonals of {@code diagonal}. */
    private static void assertClose(double[][] a, double[][] b, double[][] diagonalRows, double[][] diagonalCols,
                                    String what) {
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                double floor = Math.sqrt(diagonalRows[i][i] * diagonalCols[j][j]);
                assertThat(Math.abs(a[i][j] - b[i][j])).as(what + " (" + i + ", " + j + ")")
                        .isLessThanOrEqualTo(1e-10 * Math.abs(b[i][j]) + 1e-13 * floor);
            }
        }
    }

    /** Unnormalised Gaussian inputs (every norm distinct): Gram and cross matrices vs the closed form's own. */
    @ParameterizedTest
    @CsvSource({"erf,1,1.5,0.1", "erf,3,2.5,0", "erf,4,1.2,0.3", "relu,2,2,0.1", "relu,4,2,0", "relu,1,1.7,0.05"})
    void gramAndCrossMatchTheClosedForm(String activation, int depth, double w, double b) {
        Activation phi = Activations.parse(activation);
        SlowDual slow = new SlowDual(phi);
        double[][] x = InfiniteWidthKernelTest.randomInputs(600, 50, 40 + depth);
        double[][] z = InfiniteWidthKernelTest.randomInputs(70, 50, 50 + depth);
        for (double[] row : z) {
            for (int k = 0; k < row.length; k++) {
                row[k] *= 1.3;   // the columns' norms reach beyond the rows'
            }
        }
        InfiniteWidthKernel box = new InfiniteWidthKernel(Network.mlp(slow, depth, w, b), true, true);
        InfiniteWidthKernel exact = new InfiniteWidthKernel(Network.mlp(phi, depth, w, b));
        KernelMatrices g = box.gram(x);
        long gramEvaluations = slow.evaluations.get();
        assertThat(gramEvaluations).as("evaluations for the Gram matrix (interpolated, not entry by entry)")
                .isLessThan(600L * 601 / 2 * depth);
        KernelMatrices ge = exact.gram(x);
        assertClose(g.nngp(), ge.nngp(), ge.nngp(), ge.nngp(), "NNGP");
        assertClose(g.ntk(), ge.ntk(), ge.ntk(), ge.ntk(), "NTK");
        KernelMatrices c = box.cross(x, z);
        KernelMatrices ce = exact.cross(x, z);
        KernelMatrices gz = exact.gram(z);
        assertClose(c.nngp(), ce.nngp(), ge.nngp(), gz.nngp(), "cross NNGP");
        assertClose(c.ntk(), ce.ntk(), ge.ntk(), gz.ntk(), "cross NTK");
    }

    /**
     * A real quadrature activation: the interpolated Gram matrix vs exact quadrature entry by entry. The build
     * alone needs ~10⁵ tanh dual pairs (about a minute on two cores), so it runs only with
     * {@code -Dntk4j.slowTests=true}.
     */
    @Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "ntk4j.slowTests", matches = "true")
    void tanhMatchesEntryByEntryQuadrature() {
        Activation tanh = Activations.parse("tanh");
        // Norms spread over a factor 1.5 (keeps the quadrature build of this test short).
        double[][] x = inputsWithNorms(40, 5, 77, 1.0, 1.5);
        Network net = Network.mlp(tanh, 1, 2.0, 0.1);
        KernelMatrices g = new InfiniteWidthKernel(net, true, true).gram(x);
        KernelMatrices e = new InfiniteWidthKernel(net).gram(x);   // n = 40: the box does not pay, all exact
        assertClose(g.nngp(), e.nngp(), e.nngp(), e.nngp(), "tanh NNGP");
        assertClose(g.ntk(), e.ntk(), e.ntk(), e.ntk(), "tanh NTK");
    }

    /**
     * A narrow box (deep layers, whose variances converge to a fixed point) needs few points in ln q: {@link
     * InfiniteWidthKernel#boxPoints} gives 6 instead of 16 for a spread of 0.4%, and that interpolant passes its
     * own tail test and verification and matches erf's closed-form duals (hidden behind {@link SlowDual}) at
     * points of the box it was not built on.
     */
    @Test
    void narrowBoxNeedsFewPointsAndStaysAccurate() {
        Activation erf = Activations.parse("erf");
        double qmin = 0.5;
        double qmax = 0.5 * Math.exp(0.004);
        int m = InfiniteWidthKernel.boxPoints(qmin, qmax);
        assertThat(m).isLessThanOrEqualTo(7);
        assertThat(InfiniteWidthKernel.boxPoints(1.0, Math.E)).isEqualTo(16);
        VarianceBoxInterpolant f = VarianceBoxInterpolant.build(new SlowDual(erf), qmin, qmax, m, 8);
        assertThat(f).isNotNull();
        assertThat(f.covers(qmin, qmax)).isTrue();
        assertThat(f.covers(qmin, qmax * 1.001)).isFalse();
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        for (int t = 0; t < 200; t++) {
            double q1 = qmin * Math.exp(0.004 * random.nextDouble());
            double q2 = qmin * Math.exp(0.004 * random.nextDouble());
            assertMatchesErf(f, q1, q2, Math.PI * random.nextDouble(), 0.5, 1.3);
        }
    }

    /** The box at (q1, q2, θ), through its row table, is erf's closed form to 1e-12 of the duals' scales given. */
    private static void assertMatchesErf(VarianceBoxInterpolant f, double q1, double q2, double theta, double scaleF,
                                         double scaleG) {
        Activation erf = Activations.parse("erf");
        double[] out = new double[2];
        double[] basis1 = new double[f.m];
        double[] basis2 = new double[f.m];
        double[] row = new double[f.rowTableLength()];
        double c = Math.sqrt(q1) * Math.sqrt(q2) * Math.cos(theta);
        f.basis(q1, basis1, 0);
        f.basis(q2, basis2, 0);
        f.contract(basis1, 0, row);
        f.evaluateRow(row, basis2, 0, theta, out);
        assertThat(Math.abs(out[0] - erf.dual(q1, q2, c))).as("F at (%s, %s, %s)", q1, q2, theta)
                .isLessThanOrEqualTo(1e-12 * scaleF);
        assertThat(Math.abs(out[1] - erf.derivativeDual(q1, q2, c))).as("G at (%s, %s, %s)", q1, q2, theta)
                .isLessThanOrEqualTo(1e-12 * scaleG);
    }

    /**
     * A box for the ends only (θ ≤ 0.4 and θ ≥ π − 0.4): about a third of the exact evaluations of the whole box
     * (its estimate says so too), the closed form to the verification bar there, and nothing claimed in between.
     */
    @Test
    void endsOnlyBoxCostsAThirdAndStaysAccurate() {
        Activation erf = Activations.parse("erf");
        double qmin = 0.8;
        double qmax = 1.2;
        int m = InfiniteWidthKernel.boxPoints(qmin, qmax);
        SlowDual full = new SlowDual(erf);
        SlowDual ends = new SlowDual(erf);
        assertThat(VarianceBoxInterpolant.build(full, qmin, qmax, m, 16)).isNotNull();
        VarianceBoxInterpolant f = VarianceBoxInterpolant.build(ends, qmin, qmax, m, 16, 0.4);
        assertThat(f).isNotNull();
        assertThat(ends.evaluations.get()).isLessThan(full.evaluations.get() * 2 / 5);
        assertThat(VarianceBoxInterpolant.cost(m, 16, 0.4)).isLessThan(VarianceBoxInterpolant.cost(m, 16) * 2 / 5);
        assertThat(f.serves(0.4)).isTrue();
        assertThat(f.serves(Math.PI - 0.4)).isTrue();
        assertThat(f.serves(1.5)).isFalse();
        assertThat(f.coversAngles(0.4)).isTrue();
        assertThat(f.coversAngles(0.6)).isFalse();
        java.util.SplittableRandom random = new java.util.SplittableRandom(12);
        for (int t = 0; t < 200; t++) {
            double q1 = qmin * Math.exp(Math.log(qmax / qmin) * random.nextDouble());
            double q2 = qmin * Math.exp(Math.log(qmax / qmin) * random.nextDouble());
            double u = 0.4 * random.nextDouble();
            // the duals' scales here: |F| ≤ (2/π) asin(2.4/3.4) < 0.5 and G ≤ 4/(π√(1 + 2q1 + 2q2)) < 0.63
            assertMatchesErf(f, q1, q2, t % 2 == 0 ? u : Math.PI - u, 0.5, 0.63);
        }
        // A row through dualRow(): the ends from the box, the middle (θ = 1 and 2) from the exact duals, in place.
        double[] out = new double[2];
        double[] basis1 = new double[m];
        double[] row = new double[f.rowTableLength()];
        double q1 = 0.9;
        double[] q2 = {0.85, 1.1, 1.0, 1.15};
        double[] angles = {0.2, 1.0, 2.0, Math.PI - 0.1};
        double[] c = new double[q2.length];
        double[] basisColumns = new double[q2.length * m];
        for (int j = 0; j < q2.length; j++) {
            c[j] = Math.sqrt(q1) * Math.sqrt(q2[j]) * Math.cos(angles[j]);
            f.basis(q2[j], basisColumns, j * m);
        }
        double[] cs = c.clone();
        double[] derivative = new double[q2.length];
        f.basis(q1, basis1, 0);
        f.contract(basis1, 0, row);
        long before = ends.evaluations.get();
        f.dualRow(ends, q1, row, basisColumns, q2, c, c, derivative, 0, q2.length, new double[q2.length], out);
        assertThat(ends.evaluations.get() - before).isEqualTo(2);   // (dual pairs) the two middle entries
        for (int j = 0; j < q2.length; j++) {
            double tolerance = j == 1 || j == 2 ? 0.0 : 1e-12;
            assertThat(c[j]).as("F at θ = %s", angles[j]).isCloseTo(erf.dual(q1, q2[j], cs[j]), within(tolerance));
            assertThat(derivative[j]).as("G at θ = %s", angles[j])
                    .isCloseTo(erf.derivativeDual(q1, q2[j], cs[j]), within(tolerance));
        }
    }

    /**
     * Deep layers reuse one box: erf networks (hidden behind {@link SlowDual}, every layer through the box) on
     * inputs whose norms spread by ±10% match the closed form's Gram matrices at depths 3 and 8, and layers 4 to 8,
     * whose variances have converged into the box of layer 2 (widened by twice the move since layer 1), cost no
     * exact dual at all.
     */
    @Test
    void deepLayersReuseTheirBoxAndMatchTheClosedForm() {
        Activation erf = Activations.parse("erf");
        double[][] x = inputsWithNorms(120, 20, 31, 0.9, 1.1);
        int[] depths = {3, 8};
        long[] evaluations = new long[depths.length];
        for (int run = 0; run < depths.length; run++) {
            int depth = depths[run];
            SlowDual slow = new SlowDual(erf);
            KernelMatrices g = new InfiniteWidthKernel(Network.mlp(slow, depth, 1.2, 0.1), true, true).gram(x);
            evaluations[run] = slow.evaluations.get();
            KernelMatrices e = new InfiniteWidthKernel(Network.mlp(erf, depth, 1.2, 0.1)).gram(x);
            assertClose(g.nngp(), e.nngp(), e.nngp(), e.nngp(), "NNGP, depth " + depth);
            assertClose(g.ntk(), e.ntk(), e.ntk(), e.ntk(), "NTK, depth " + depth);
        }
        assertThat(evaluations[0]).as("builds for layers 1-3").isPositive();
        assertThat(evaluations[1]).as("exact duals at depth 8 (depth 3: %s)", evaluations[0]).isEqualTo(evaluations[0]);
    }

    /**
     * Softsign, x/(1 + |x|), whose φ'' jumps at 0: its Hermite coefficients fall like a power of k, so in a deep
     * network the Mehler series stop at ρ ≈ 0.87 while the correlations approach 1, and the entries beyond go to a
     * variance box (needing 64 θ pieces, built with few ln q points for the converged variances and reused by the
     * later layers). Sampled entries of the depth-9 Gram matrix of 600 inputs match the entry's own exact
     * recursion by two-dimensional quadrature ({@link InfiniteWidthKernel#evaluate}).
     */
    @Test
    void deepSoftsignLeftoversMatchExactQuadrature() {
        Network net = Network.mlp(Activations.parse("expr:x/(1+abs(x))"), 9, 2.0, 0.1);
        InfiniteWidthKernel kernel = new InfiniteWidthKernel(net);
        double[][] x = InfiniteWidthKernelTest.randomInputs(600, 30, 9);
        KernelMatrices g = kernel.gram(x);
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        int near = 0;
        for (int t = 0; t < 60; t++) {
            int i = random.nextInt(x.length);
            int j = random.nextInt(x.length);
            KernelValue e = kernel.evaluate(x[i], x[j]);
            double floorK = Math.sqrt(g.nngp()[i][i] * g.nngp()[j][j]);
            double floorT = Math.sqrt(g.ntk()[i][i] * g.ntk()[j][j]);
            near += g.nngp()[i][j] > 0.87 * floorK ? 1 : 0;
            assertThat(Math.abs(g.nngp()[i][j] - e.nngp())).as("NNGP (%s, %s)", i, j)
                    .isLessThanOrEqualTo(1e-10 * Math.abs(e.nngp()) + 1e-13 * floorK);
            assertThat(Math.abs(g.ntk()[i][j] - e.ntk())).as("NTK (%s, %s)", i, j)
                    .isLessThanOrEqualTo(1e-10 * Math.abs(e.ntk()) + 1e-13 * floorT);
        }
        assertThat(near).as("sampled entries beyond the series' reach").isGreaterThan(10);
    }

    /** Variances spanning 1e-6..1e6 defeat the interpolant in ln q: the duals fall back to exact evaluation. */
    @Test
    void hugeVarianceRangeFallsBackToExactDuals() {
        assertThat(VarianceBoxInterpolant.build(new SlowDual(Activations.parse("erf")), 1e-6, 1e6, 16, 8)).isNull();
        double[][] x = InfiniteWidthKernelTest.randomInputs(90, 3, 5);
        for (int i = 0; i < x.length; i++) {
            double scale = Math.pow(10, -3 + 6.0 * i / (x.length - 1));
            for (int k = 0; k < 3; k++) {
                x[i][k] *= scale;
            }
        }
        Activation erf = Activations.parse("erf");
        SlowDual slow = new SlowDual(erf);
        KernelMatrices g = new InfiniteWidthKernel(Network.mlp(slow, 1, 1.0, 0), true, true).gram(x);
        KernelMatrices e = new InfiniteWidthKernel(Network.mlp(erf, 1, 1.0, 0)).gram(x);
        assertThat(slow.evaluations.get()).as("every entry evaluated exactly").isGreaterThanOrEqualTo(90L * 91 / 2);
        assertClose(g.nngp(), e.nngp(), e.nngp(), e.nngp(), "fallback NNGP");
        assertClose(g.ntk(), e.ntk(), e.ntk(), e.ntk(), "fallback NTK");
    }

    /** A dual with a jump in q (no smooth interpolant exists) is refused by the tail test or the verification. */
    @Test
    void dualWithAJumpIsRefused() {
        Activation erf = Activations.parse("erf");
        Activation jump = new Activation() {
            @Override
            public String spec() {
                return "jump";
            }

            @Override
            public double value(double x) {
                return erf.value(x);
            }

            @Override
            public double derivative(double x) {
                return erf.derivative(x);
            }

            @Override
            public double derivativeDual(double q1, double q2, double c) {
                return erf.derivativeDual(q1, q2, c);
            }

            @Override
            public double dual(double q1, double q2, double c) {
                return erf.dual(q1, q2, c) * (q1 > 1.5 ? 1 + 1e-9 : 1);
            }
        };
        assertThat(VarianceBoxInterpolant.build(erf, 1.0, 2.0, 16, 64)).isNotNull();
        assertThat(VarianceBoxInterpolant.build(jump, 1.0, 2.0, 16, 64)).isNull();
    }
}
