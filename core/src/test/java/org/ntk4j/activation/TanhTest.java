package org.ntk4j.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TanhTest implements QuadratureActivationContract {

    private final Tanh phi = new Tanh();

    @Override
    public QuadratureActivation activation() {
        return phi;
    }

    @Test
    void valuesMatchTheTextbookFormula() {
        for (double x : new double[] {-7.5, -2, -0.3, 0, 0.4, 1.7, 6.25}) {
            assertThat(phi.value(x)).as("φ(%s)", x).isCloseTo((Math.exp(2 * x) - 1) / (Math.exp(2 * x) + 1), within(1e-14 * Math.max(1, Math.abs(x))));
        }
        assertThat(phi.value(30)).isEqualTo(1.0);
        assertThat(phi.derivative(30)).isCloseTo(4 * Math.exp(-60), within(1e-15 * 4 * Math.exp(-60)));
    }

    @Test
    void derivativeIsTheDerivative() {
        QuadratureActivationChecks.derivativeMatchesDifference(phi, -7.5, -2, -0.3, 0.4, 1.7, 6.25);
        QuadratureActivationChecks.batchMatchesPointwise(phi, -800, -40, -7.5, -2, -0.3, 0, 0.4, 1.7, 6.25, 40, 800);
    }

    @Test
    void isOdd() {
        assertThat(phi.parity()).isEqualTo(Activation.Parity.ODD);
        assertThat(phi.dual(1, 2, 0)).isCloseTo(0.0, within(1e-15));
        assertThat(phi.dual(1, 2, -0.7)).isCloseTo(-phi.dual(1, 2, 0.7), within(1e-15));
    }
}
