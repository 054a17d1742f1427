package org.ntk4j.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class AbsTest {

    private final Abs abs = new Abs();

    @ParameterizedTest
    @MethodSource("org.ntk4j.activation.DualAssertions#kinkedGrid")
    void dualsAgreeWithQuadrature(double q1, double q2, double c) {
        DualAssertions.kinked(abs, Math::abs, DualAssertions.ZERO, x -> x > 0 ? 1 : -1, DualAssertions.ZERO,
                q1, q2, c);
    }

    @ParameterizedTest
    @MethodSource("org.ntk4j.activation.DualAssertions#degenerate")
    void finiteOnDegenerateArguments(double q1, double q2, double c) {
        DualAssertions.degenerate(abs, q1, q2, c, true);
    }

    @ParameterizedTest
    @MethodSource("org.ntk4j.activation.DualAssertions#grid")
    void derivativeDualIsTheSignDual(double q1, double q2, double c) {
        assertThat(abs.derivativeDual(q1, q2, c)).isCloseTo(new Sign().dual(q1, q2, c), within(1e-15));
    }

    @ParameterizedTest
    @CsvSource({"1,1,0.3", "2,0.5,-0.7", "1,1,-1", "1,1,1"})
    void preciseDualAgreesWithDouble(double q1, double q2, double c) {
        DualAssertions.preciseAgrees(abs, q1, q2, c);
    }

    @Test
    void parityAndSpec() {
        DualAssertions.parity(abs);
        DualAssertions.specRoundTrip(abs);
        DualAssertions.preciseIsPrecise(abs, "1", "1", "0.99999999");
    }
}
