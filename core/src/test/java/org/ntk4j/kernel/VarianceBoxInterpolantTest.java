package org.ntk4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

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
        double[][] x = InfiniteWidthKernelTest.randomInputs(40, 5, 77);
        for (int i = 0; i < x.length; i++) {
            // Norms spread over a factor 1.5 (keeps the quadrature build of this test short).
            double norm = Math.sqrt(InfiniteWidthKernel.dotOverD(x[i], x[i], 5));
            for (int k = 0; k < 5; k++) {
                x[i][k] *= (1 + 0.5 * i / 39.0) / norm;
            }
        }
        Network net = Network.mlp(tanh, 1, 2.0, 0.1);
        KernelMatrices g = new InfiniteWidthKernel(net, true, true).gram(x);
        KernelMatrices e = new InfiniteWidthKernel(net).gram(x);   // n = 40: the box does not pay, all exact
        assertClose(g.nngp(), e.nngp(), e.nngp(), e.nngp(), "tanh NNGP");
        assertClose(g.ntk(), e.ntk(), e.ntk(), e.ntk(), "tanh NTK");
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
