package org.ntk4j.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EluTest implements QuadratureActivationContract {

    private final Elu phi = new Elu(0.7);

    @Override
    public QuadratureActivation activation() {
        return phi;
    }

    @Test
    void valuesMatchTheTextbookFormula() {
        for (double x : new double[] {-7.5, -2, -0.3, 0, 0.4, 1.7, 6.25}) {
            assertThat(phi.value(x)).as("φ(%s)", x).isCloseTo(x > 0 ? x : 0.7 * (Math.exp(x) - 1), within(1e-14 * Math.max(1, Math.abs(x))));
        }
        assertThat(phi.derivative(0)).isEqualTo(1.0);
        assertThat(phi.derivative(-1e-9)).isCloseTo(0.7, within(1e-9));
        assertThat(phi.shape().kinks()).containsExactly(0.0);
    }

    @Test
    void derivativeIsTheDerivative() {
        QuadratureActivationChecks.derivativeMatchesDifference(phi, -7.5, -2, -0.3, 0.4, 1.7, 6.25);
        QuadratureActivationChecks.batchMatchesPointwise(phi, -800, -40, -7.5, -2, -0.3, 0, 0.4, 1.7, 6.25, 40, 800);
    }

    @Test
    void specNamesAlpha() {
        assertThat(new Elu(1).spec()).isEqualTo("elu(1)");
        assertThat(Activations.parse("elu(0.7)")).isEqualTo(phi);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Activations.parse("elu"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha");
    }
}
