package org.ntk4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The test fixture against textbook Gaussian integrals, and its two routes against each other: the smooth
 * route is accurate to a few 1e-14 of the Cauchy–Schwarz scale √(E[f(u)²] E[g(v)²]).
 */
class GaussianExpectationTest {

    private static final double[] NONE = {};

    @ParameterizedTest
    @CsvSource({"1,1,0.5", "2,0.5,-0.7", "3,3,2.997", "0.2,5,1", "1,1,-1"})
    void smoothRuleReproducesClosedForms(double q1, double q2, double c) {
        // E[cos u cos v] = e^{−(q1+q2)/2} cosh c; E[e^u e^v] = e^{(q1+q2)/2 + c}; E[u²v²] = q1q2 + 2c²;
        // E[u³ v³] = 9 q1 q2 c + 6 c³.
        double m = 0.5 * (q1 + q2);
        assertThat(GaussianExpectation.smooth(Math::cos, Math::cos, q1, q2, c))
                .isCloseTo(Math.exp(-m) * Math.cosh(c), within(1e-14));
        assertThat(GaussianExpectation.smooth(Math::exp, Math::exp, q1, q2, c))
                .isCloseTo(Math.exp(m + c), within(3e-14 * Math.exp(m + c)));
        assertThat(GaussianExpectation.smooth(x -> x * x, x -> x * x, q1, q2, c))
                .isCloseTo(q1 * q2 + 2 * c * c, within(3e-14 * 3 * q1 * q2));
        double cubic = 9 * q1 * q2 * c + 6 * c * c * c;
        assertThat(GaussianExpectation.smooth(x -> x * x * x, x -> x * x * x, q1, q2, c))
                .isCloseTo(cubic, within(3e-14 * 15 * Math.pow(q1 * q2, 1.5)));
    }

    @ParameterizedTest
    @CsvSource({"2,0.5,-0.9"})
    void smoothRuleAgreesWithCompositeRule(double q1, double q2, double c) {
        java.util.function.DoubleUnaryOperator f = x -> Math.exp(-x * x) * Math.sin(x) + 0.3 * x;
        java.util.function.DoubleUnaryOperator g = x -> x * Math.exp(0.2 * x) - Math.cos(x);
        assertThat(GaussianExpectation.smooth(f, g, q1, q2, c))
                .isCloseTo(GaussianExpectation.of(f, NONE, g, NONE, q1, q2, c), within(3e-14));
    }
}
