package org.ntk4j.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RbfTest {

    private static Rbf rbf(double gamma) {
        return new Rbf(gamma);
    }

    private static double phi(double gamma, double x) {
        return Math.sqrt(2) * Math.sin(Math.sqrt(2 * gamma) * x + Math.PI / 4);
    }

    @ParameterizedTest
    @MethodSource("org.ntk4j.activation.DualAssertions#grid")
    void dualsAgreeWithQuadrature(double q1, double q2, double c) {
        for (double gamma : new double[] {1.0, 0.3}) {
            DualAssertions.smooth(rbf(gamma), x -> phi(gamma, x),
                    x -> 2 * Math.sqrt(gamma) * Math.cos(Math.sqrt(2 * gamma) * x + Math.PI / 4), q1, q2, c);
        }
    }

    @ParameterizedTest
    @MethodSource("org.ntk4j.activation.DualAssertions#degenerate")
    void finiteOnDegenerateArguments(double q1, double q2, double c) {
        DualAssertions.degenerate(rbf(1), q1, q2, c, true);
    }

    @Test
    void exactOnTheDiagonalAndZeroGammaIsConstant() {
        assertThat(rbf(2).dual(0.3, 0.3, 0.3)).isEqualTo(1.0);
        assertThat(rbf(2).derivativeDual(1e300, 1e300, 1e300)).isEqualTo(4.0);
        assertThat(rbf(0).dual(2, 0.5, -1)).isEqualTo(1.0);
        assertThat(rbf(0).derivativeDual(2, 0.5, -1)).isEqualTo(0.0);
        assertThatThrownBy(() -> Activations.parse("rbf(-1)")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gamma");
    }

    @ParameterizedTest
    @CsvSource({"1,1,0.3", "2,0.5,-0.7", "2,0.5,0.999"})
    void preciseDualAgreesWithDouble(double q1, double q2, double c) {
        DualAssertions.preciseAgrees(rbf(1.5), q1, q2, c);
        DualAssertions.parity(rbf(1.5));
        DualAssertions.specRoundTrip(rbf(1.5));
    }
}
