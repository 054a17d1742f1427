package org.ntk4j.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SinTest {

    private final Sin sin = new Sin();
    private final Cos cos = new Cos();

    @ParameterizedTest
    @MethodSource("org.ntk4j.activation.DualAssertions#grid")
    void dualsAgreeWithQuadrature(double q1, double q2, double c) {
        DualAssertions.smooth(sin, Math::sin, Math::cos, q1, q2, c);
        DualAssertions.smooth(cos, Math::cos, x -> -Math.sin(x), q1, q2, c);
    }

    @ParameterizedTest
    @MethodSource("org.ntk4j.activation.DualAssertions#degenerate")
    void finiteOnDegenerateArguments(double q1, double q2, double c) {
        DualAssertions.degenerate(sin, q1, q2, c, true);
        DualAssertions.degenerate(cos, q1, q2, c, true);
    }

    @ParameterizedTest
    @CsvSource({"1,1,0.3", "2,0.5,-0.7", "1,1,1e-9", "40,30,-20", "1,1,-1"})
    void preciseDualAgreesWithDouble(double q1, double q2, double c) {
        DualAssertions.preciseAgrees(sin, q1, q2, c);
        DualAssertions.preciseAgrees(cos, q1, q2, c);
    }

    @Test
    void preciseAtSmallCovarianceKeepsItsDigits() {
        DualAssertions.preciseIsPrecise(sin, "1", "2", "1e-30");
        DualAssertions.preciseIsPrecise(cos, "3", "0.5", "-0.25");
    }

    @Test
    void sinAndCosAreEachOthersDerivativeDuals() {
        assertThat(sin.derivativeDual(2, 0.5, 0.7)).isEqualTo(cos.dual(2, 0.5, 0.7));
        assertThat(cos.derivativeDual(2, 0.5, 0.7)).isEqualTo(sin.dual(2, 0.5, 0.7));
        DualAssertions.parity(sin);
        DualAssertions.parity(cos);
        DualAssertions.specRoundTrip(sin);
        DualAssertions.specRoundTrip(cos);
    }
}
