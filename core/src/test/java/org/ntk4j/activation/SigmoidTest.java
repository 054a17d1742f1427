package org.ntk4j.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SigmoidTest implements QuadratureActivationContract {

    private final Sigmoid phi = new Sigmoid();

    @Override
    public QuadratureActivation activation() {
        return phi;
    }

    @Test
    void valuesMatchTheTextbookFormula() {
        for (double x : new double[] {-7.5, -2, -0.3, 0, 0.4, 1.7, 6.25}) {
            assertThat(phi.value(x)).as("φ(%s)", x).isCloseTo(1 / (1 + Math.exp(-x)), within(1e-14 * Math.max(1, Math.abs(x))));
        }
        assertThat(phi.value(-800)).isEqualTo(0.0);
        assertThat(phi.derivative(-700)).isCloseTo(Math.exp(-700), within(1e-14 * Math.exp(-700)));
    }

    @Test
    void derivativeIsTheDerivative() {
        QuadratureActivationChecks.derivativeMatchesDifference(phi, -7.5, -2, -0.3, 0.4, 1.7, 6.25);
        QuadratureActivationChecks.batchMatchesPointwise(phi, -800, -40, -7.5, -2, -0.3, 0, 0.4, 1.7, 6.25, 40, 800);
    }
}
