package org.ntk4j.activation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class LeakyReluTest {

    private static final double[] KINK = DualAssertions.ZERO;

    @ParameterizedTest
    @MethodSource("org.ntk4j.activation.DualAssertions#kinkedGrid")
    void dualsAgreeWithQuadrature(double q1, double q2, double c) {
        for (double alpha : new double[] {0.1, -0.5}) {
            DualAssertions.kinked(new LeakyRelu(alpha), x -> x > 0 ? x : alpha * x, KINK, x -> x > 0 ? 1 : alpha,
                    KINK, q1, q2, c);
        }
    }

    @ParameterizedTest
    @MethodSource("org.ntk4j.activation.DualAssertions#degenerate")
    void finiteOnDegenerateArguments(double q1, double q2, double c) {
        DualAssertions.degenerate(new LeakyRelu(0.2), q1, q2, c, true);
    }

    @ParameterizedTest
    @CsvSource({"1,1,0.3", "2,0.5,-0.7", "1,1,-1", "1,1,1"})
    void preciseDualAgreesWithDouble(double q1, double q2, double c) {
        DualAssertions.preciseAgrees(new LeakyRelu(0.2), q1, q2, c);
    }

    @Test
    void parityAndSpec() {
        DualAssertions.parity(new LeakyRelu(0.2));
        DualAssertions.parity(new LeakyRelu(1));
        DualAssertions.parity(new LeakyRelu(-1));
        DualAssertions.specRoundTrip(new LeakyRelu(0.2));
        DualAssertions.specRoundTrip(new LeakyRelu(1e-7));
    }
}
