package org.ntk4j.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class Relu6Test implements QuadratureActivationContract {

    private final Relu6 phi = new Relu6();

    @Override
    public QuadratureActivation activation() {
        return phi;
    }

    @Test
    void valuesMatchTheTextbookFormula() {
        for (double x : new double[] {-7.5, -2, -0.3, 0, 0.4, 1.7, 6.25}) {
            assertThat(phi.value(x)).as("φ(%s)", x).isCloseTo(Math.min(Math.max(0, x), 6), within(1e-14 * Math.max(1, Math.abs(x))));
        }
        assertThat(phi.derivative(0)).isEqualTo(1.0);
        assertThat(phi.derivative(6)).isEqualTo(0.0);
        assertThat(phi.shape().kinks()).containsExactly(0.0, 6.0);
    }

    @Test
    void derivativeIsTheDerivative() {
        QuadratureActivationChecks.derivativeMatchesDifference(phi, -7.5, -2, -0.3, 0.4, 1.7, 6.25);
        QuadratureActivationChecks.batchMatchesPointwise(phi, -800, -40, -7.5, -2, -0.3, 0, 0.4, 1.7, 6.25, 40, 800);
    }
}
