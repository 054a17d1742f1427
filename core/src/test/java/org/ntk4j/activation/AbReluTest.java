package org.ntk4j.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class AbReluTest {

    private static final double[] KINK = DualAssertions.ZERO;

    @ParameterizedTest
    @MethodSource("org.ntk4j.activation.DualAssertions#kinkedGrid")
    void dualsAgreeWithQuadrature(double q1, double q2, double c) {
        for (double[] ab : new double[][] {{0.3, -1.5}, {-2, 0.5}}) {
            double a = ab[0];
            double b = ab[1];
            DualAssertions.kinked(new AbRelu(a, b), x -> x > 0 ? b * x : a * x, KINK, x -> x > 0 ? b : a, KINK,
                    q1, q2, c);
        }
    }

    @ParameterizedTest
    @MethodSource("org.ntk4j.activation.DualAssertions#degenerate")
    void finiteOnDegenerateArguments(double q1, double q2, double c) {
        DualAssertions.degenerate(new AbRelu(0.3, -1.5), q1, q2, c, true);
    }

    @ParameterizedTest
    @MethodSource("org.ntk4j.activation.DualAssertions#grid")
    void specialCasesAreTheNamedActivations(double q1, double q2, double c) {
        Relu relu = new Relu();
        AbRelu zeroOne = new AbRelu(0, 1);
        assertThat(zeroOne.dual(q1, q2, c)).isCloseTo(relu.dual(q1, q2, c), within(1e-15));
        assertThat(zeroOne.derivativeDual(q1, q2, c)).isCloseTo(relu.derivativeDual(q1, q2, c), within(1e-15));
        for (double alpha : new double[] {0.1, -0.5, 2}) {
            LeakyRelu leaky = new LeakyRelu(alpha);
            AbRelu same = new AbRelu(alpha, 1);
            assertThat(leaky.dual(q1, q2, c)).isEqualTo(same.dual(q1, q2, c));
            assertThat(leaky.derivativeDual(q1, q2, c)).isEqualTo(same.derivativeDual(q1, q2, c));
        }
        AbRelu minusOneOne = new AbRelu(-1, 1);
        Abs abs = new Abs();
        assertThat(abs.dual(q1, q2, c)).isEqualTo(minusOneOne.dual(q1, q2, c));
        assertThat(abs.derivativeDual(q1, q2, c)).isEqualTo(minusOneOne.derivativeDual(q1, q2, c));
        // a = b: the line b·x, whose duals are b²c and b².
        assertThat(new AbRelu(1.5, 1.5).dual(q1, q2, c)).isCloseTo(2.25 * c, within(1e-15 * 2.25 * (q1 + q2)));
        assertThat(new AbRelu(1.5, 1.5).derivativeDual(q1, q2, c)).isCloseTo(2.25, within(1e-15));
    }

    @Test
    void atZeroVarianceTheDerivativeDualIsItsDiagonalLimit() {
        AbRelu phi = new AbRelu(0.3, -1.5);
        assertThat(phi.dual(0, 0, 0)).isZero();
        assertThat(phi.derivativeDual(0, 0, 0)).isEqualTo(phi.derivativeDual(1, 1, 1));
        assertThat(phi.derivativeDual(0, 0, -0.0)).isEqualTo(phi.derivativeDual(1, 1, 1));
    }

    @ParameterizedTest
    @CsvSource({"1,1,0.3", "2,0.5,-0.7", "1,1,1", "1,1,-1", "5,7,-2", "0,0,0"})
    void preciseDualAgreesWithDouble(double q1, double q2, double c) {
        DualAssertions.preciseAgrees(new AbRelu(0.3, -1.5), q1, q2, c);
        DualAssertions.preciseAgrees(new AbRelu(0, 1), q1, q2, c);
    }

    @Test
    void preciseDualKeepsItsDigitsNearRhoMinusOne() {
        // relu-like slopes: (s sin θ + (π − θ)c) cancels to O((π − θ)³) as θ → π.
        DualAssertions.preciseIsPrecise(new AbRelu(0, 1), "1", "1", "-0.99999999");
        DualAssertions.preciseIsPrecise(new AbRelu(0.1, 1), "2", "0.5", "-0.999999999999");
        DualAssertions.parity(new AbRelu(0.3, -1.5));
        DualAssertions.parity(new AbRelu(-2, 2));
        DualAssertions.parity(new AbRelu(0.5, 0.5));
        DualAssertions.specRoundTrip(new AbRelu(0.3, -1.5));
    }
}
