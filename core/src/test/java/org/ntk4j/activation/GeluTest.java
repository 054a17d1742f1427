package org.ntk4j.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class GeluTest {

    private final Gelu gelu = new Gelu();

    static double phi(double x) {
        return x * 0.5 * org.hipparchus.special.Erf.erfc(-x / Math.sqrt(2));
    }

    static double dphi(double x) {
        return 0.5 * org.hipparchus.special.Erf.erfc(-x / Math.sqrt(2)) + x * Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
    }

    @ParameterizedTest
    @MethodSource("org.ntk4j.activation.DualAssertions#kinkedGrid") // the smaller grid: erfc is slow
    void dualsAgreeWithQuadrature(double q1, double q2, double c) {
        DualAssertions.smooth(gelu, GeluTest::phi, GeluTest::dphi, q1, q2, c);
    }

    @Test
    void valueAndDerivativeAreTheExactGelu() {
        for (double x : new double[] {-3, -0.5, 0, 0.7, 4}) {
            assertThat(gelu.value(x)).isCloseTo(phi(x), within(1e-16));
            assertThat(gelu.derivative(x)).isCloseTo(dphi(x), within(1e-16));
        }
    }

    @ParameterizedTest
    @MethodSource("org.ntk4j.activation.DualAssertions#degenerate")
    void finiteOnDegenerateArguments(double q1, double q2, double c) {
        DualAssertions.degenerate(gelu, q1, q2, c, true);
    }

    @ParameterizedTest
    @CsvSource({"1,1,0.3", "2,0.5,-0.7", "1,1,-1", "1,1,1", "0.01,0.02,0.01"})
    void preciseDualAgreesWithDouble(double q1, double q2, double c) {
        DualAssertions.preciseAgrees(gelu, q1, q2, c);
    }

    @Test
    void preciseDualKeepsItsDigitsWhereTheTermsCancel() {
        DualAssertions.preciseIsPrecise(gelu, "1", "1", "-1");
        DualAssertions.preciseIsPrecise(gelu, "1e-8", "1e-8", "-1e-8");
        DualAssertions.parity(gelu);
        DualAssertions.specRoundTrip(gelu);
    }
}
