package org.ntk4j.activation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class StepTest {

    private final Step step = new Step();
    private final Sign sign = new Sign();

    @ParameterizedTest
    @MethodSource("org.ntk4j.activation.DualAssertions#kinkedGrid")
    void dualsAgreeWithQuadrature(double q1, double q2, double c) {
        DualAssertions.kinked(step, x -> x > 0 ? 1 : 0, DualAssertions.ZERO, x -> 0, DualAssertions.NONE, q1, q2, c);
        DualAssertions.kinked(sign, Math::signum, DualAssertions.ZERO, x -> 0, DualAssertions.NONE, q1, q2, c);
    }

    @ParameterizedTest
    @MethodSource("org.ntk4j.activation.DualAssertions#degenerate")
    void finiteOnDegenerateArguments(double q1, double q2, double c) {
        DualAssertions.degenerate(step, q1, q2, c, true);
        DualAssertions.degenerate(sign, q1, q2, c, true);
    }

    @Test
    void aVariableOfZeroVarianceIsZeroAndSoIsItsStepOrSign() {
        // φ(0) = 0 for both, as in neural-tangents (network G of the reference has Σ(x3, x3) = 0 for x3 = 0).
        assertThat(step.dual(0, 0, 0)).isZero();
        assertThat(step.dual(0, 2, 0)).isZero();
        assertThat(sign.dual(0, 0, 0)).isZero();
        assertThat(sign.dual(3, 0, 0)).isZero();
    }

    @ParameterizedTest
    @CsvSource({"1,1,0.3", "2,0.5,-0.7", "1,1,-1", "1,1,1", "1,1,1e-12", "0,1,0"})
    void preciseDualAgreesWithDouble(double q1, double q2, double c) {
        DualAssertions.preciseAgrees(step, q1, q2, c);
        DualAssertions.preciseAgrees(sign, q1, q2, c);
    }

    @Test
    void parityAndSpec() {
        DualAssertions.parity(step);
        DualAssertions.parity(sign);
        DualAssertions.specRoundTrip(step);
        DualAssertions.specRoundTrip(sign);
    }
}
