package org.ntk4j.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class GaussianTest {

    @ParameterizedTest
    @MethodSource("org.ntk4j.activation.DualAssertions#grid")
    void dualsAgreeWithQuadrature(double q1, double q2, double c) {
        for (double[] ab : new double[][] {{1, -1}, {0.7, 0.05}, {-2, -0.3}}) {
            double a = ab[0];
            double b = ab[1];
            DualAssertions.smooth(new Gaussian(a, b), x -> a * Math.exp(b * x * x),
                    x -> 2 * a * b * x * Math.exp(b * x * x), q1, q2, c);
        }
    }

    @ParameterizedTest
    @MethodSource("org.ntk4j.activation.DualAssertions#degenerate")
    void finiteOnDegenerateArguments(double q1, double q2, double c) {
        DualAssertions.degenerate(new Gaussian(1, -1), q1, q2, c, true);
        DualAssertions.degenerate(new Gaussian(2, 0.1), q1, q2, c, false);
    }

    @Test
    void divergentExpectationsAreInfinite() {
        Gaussian g = new Gaussian(1, 0.5);
        assertThat(g.dual(1, 1, 0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(g.derivativeDual(1, 1, -0.5)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(g.dual(0.9, 0.9, 0)).isFinite();
        assertThat(new Gaussian(0, 3).dual(5, 5, 5)).isZero();
        assertThatThrownBy(() -> g.dual(java.math.BigDecimal.ONE, java.math.BigDecimal.ONE, java.math.BigDecimal.ZERO,
                new java.math.MathContext(20))).isInstanceOf(ArithmeticException.class);
    }

    @ParameterizedTest
    @CsvSource({"1,1,0.3", "2,0.5,-0.7", "1,1,-1"})
    void preciseDualAgreesWithDouble(double q1, double q2, double c) {
        DualAssertions.preciseAgrees(new Gaussian(1, -1), q1, q2, c);
        DualAssertions.preciseAgrees(new Gaussian(-0.5, 0.2), q1 / 4, q2 / 4, c / 4);
        DualAssertions.parity(new Gaussian(1, -1));
        DualAssertions.specRoundTrip(new Gaussian(1, -1));
        DualAssertions.specRoundTrip(new Gaussian(0.25, 1e-3));
    }
}
