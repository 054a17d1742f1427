package org.ntk4j.activation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The tests every activation integrated by quadrature passes, whatever its formula: both duals against the
 * independent fixture {@link org.ntk4j.testing.GaussianExpectation}, finite duals at extreme arguments, and its
 * spec parsing back to it. A test class implements this and adds its own formula's checks.
 */
interface QuadratureActivationContract {

    /** The activation under test. */
    QuadratureActivation activation();

    @Test
    default void dualsMatchIndependentIntegration() {
        QuadratureActivationChecks.matchesFixture(activation(), QuadratureActivationChecks.MODERATE);
    }

    @Test
    default void dualsAreFiniteOnExtremeArguments() {
        QuadratureActivationChecks.finiteOnExtremes(activation());
    }

    @Test
    default void registeredAndSpecRoundTrips() {
        assertThat(Activations.parse(activation().spec())).isEqualTo(activation());
    }
}
