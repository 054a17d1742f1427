package org.ntk4j.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ExpTest {

    private final Exp exp = new Exp();

    @ParameterizedTest
    @MethodSource("org.ntk4j.activation.DualAssertions#grid")
    void dualsAgreeWithQuadrature(double q1, double q2, double c) {
        DualAssertions.smooth(exp, Math::exp, Math::exp, q1, q2, c);
    }

    @ParameterizedTest
    @MethodSource("org.ntk4j.activation.DualAssertions#degenerate")
    void neverNaN(double q1, double q2, double c) {
        DualAssertions.degenerate(exp, q1, q2, c, q1 < 1e300);
    }

    @Test
    void overflowsOnlyBeyondTheDoubleRange() {
        assertThat(exp.dual(700, 700, -700)).isCloseTo(Math.exp(0), within(1e-15));
        assertThat(exp.dual(1000, 1000, 1000)).isInfinite();
        assertThat(exp.dual(1e300, 1e300, -1e300)).isEqualTo(1.0);
    }

    @ParameterizedTest
    @CsvSource({"1,1,0.3", "2,0.5,-0.7", "300,300,-10"})
    void preciseDualAgreesWithDouble(double q1, double q2, double c) {
        DualAssertions.preciseAgrees(exp, q1, q2, c);
        DualAssertions.parity(exp);
        DualAssertions.specRoundTrip(exp);
    }
}
