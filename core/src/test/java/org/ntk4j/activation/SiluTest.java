package org.ntk4j.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SiluTest implements QuadratureActivationContract {

    private final Silu phi = new Silu();

    @Override
    public QuadratureActivation activation() {
        return phi;
    }

    @Test
    void valuesMatchTheTextbookFormula() {
        for (double x : new double[] {-7.5, -2, -0.3, 0, 0.4, 1.7, 6.25}) {
            assertThat(phi.value(x)).as("φ(%s)", x).isCloseTo(x / (1 + Math.exp(-x)), within(1e-14 * Math.max(1, Math.abs(x))));
        }
        assertThat(phi.value(1000)).isEqualTo(1000.0);
        assertThat(Activations.parse("swish")).isEqualTo(phi);
    }

    @Test
    void derivativeIsTheDerivative() {
        QuadratureActivationChecks.derivativeMatchesDifference(phi, -7.5, -2, -0.3, 0.4, 1.7, 6.25);
        QuadratureActivationChecks.batchMatchesPointwise(phi, -800, -40, -7.5, -2, -0.3, 0, 0.4, 1.7, 6.25, 40, 800);
    }
}
