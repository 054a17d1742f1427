package org.ntk4j.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ntk4j.testing.Integrated;

/** The quadrature engine run on activations whose duals have closed forms (relu, erf), at hard covariances. */
class QuadratureDualTest {

    static final Integrated RELU = Integrated.RELU;
    static final Integrated ERF = Integrated.ERF;

    /** (q1, q2, c) covering ρ near ±1, unequal and extreme variances. */
    static List<double[]> covariances() {
        List<double[]> out = new ArrayList<>();
        double[] rhos = {0, 0.3, -0.9, 0.999, -0.999, 1 - 1e-6, -1 + 1e-10, 1 - 1e-14, 1, -1};
        double[][] variances = {{1, 1}, {2, 0.5}, {1e-150, 1e-150}, {1e150, 1e150}, {1e150, 1e-150}, {37, 0.01}};
        for (double[] v : variances) {
            for (double r : rhos) {
                out.add(new double[] {v[0], v[1], r * Math.sqrt(v[0]) * Math.sqrt(v[1])});
            }
        }
        return out;
    }

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (double[] t : covariances()) {
            out.add(Arguments.of(t[0], t[1], t[2]));
        }
        return out;
    }

    /**
     * |actual − expected| ≤ 1e−10 |expected| + 1e−13 · bound, where bound = √(E[f(u)²] E[f(v)²]) is the
     * Cauchy–Schwarz bound on the dual (values that vanish by cancellation are compared on that scale).
     */
    static void assertDual(double actual, double expected, double bound, String what) {
        assertThat(actual).as(what).isFinite()
                .isCloseTo(expected, within(1e-10 * Math.abs(expected) + 1e-13 * bound));
    }

    static void check(Activation exact, QuadratureActivation integrated, double q1, double q2, double c) {
        String at = "(" + q1 + ", " + q2 + ", " + c + ")";
        double[] d = new double[1];
        double[] dd = new double[1];
        integrated.dualRow(q1, new double[] {q2}, new double[] {c}, d, dd, 0, 1);
        double bound = Math.sqrt(exact.dual(q1, q1, q1)) * Math.sqrt(exact.dual(q2, q2, q2));
        double boundDot = Math.sqrt(exact.derivativeDual(q1, q1, q1)) * Math.sqrt(exact.derivativeDual(q2, q2, q2));
        assertDual(d[0], exact.dual(q1, q2, c), bound, "dual " + at);
        assertDual(dd[0], exact.derivativeDual(q1, q2, c), boundDot, "derivative dual " + at);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void reluByQuadratureMatchesArcCosineKernel(double q1, double q2, double c) {
        check(new Relu(), RELU, q1, q2, c);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void erfByQuadratureMatchesWilliams(double q1, double q2, double c) {
        check(new Erf(), ERF, q1, q2, c);
    }

    @Test
    void singleDualsAgreeWithTheRow() {
        double[] d = new double[1];
        double[] dd = new double[1];
        ERF.dualRow(2, new double[] {0.5}, new double[] {0.7}, d, dd, 0, 1);
        assertThat(ERF.dual(2, 0.5, 0.7)).isEqualTo(d[0]);
        assertThat(ERF.derivativeDual(2, 0.5, 0.7)).isEqualTo(dd[0]);
    }

    @Test
    void rowReadsCovarianceBeforeWritingInPlace() {
        double[] q2 = {1, 2, 0.5};
        double[] c = {0.5, -0.3, 0.1};
        double[] expected = new double[3];
        for (int j = 0; j < 3; j++) {
            expected[j] = RELU.dual(1.5, q2[j], c[j]);
        }
        double[] dot = new double[3];
        RELU.dualRow(1.5, q2, c, c, dot, 0, 3);
        assertThat(c).containsExactly(expected);
    }
}
