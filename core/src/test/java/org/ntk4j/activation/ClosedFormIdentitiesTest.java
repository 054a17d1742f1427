package org.ntk4j.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Identities between the closed forms, and the catalogue entries of the closed-form block. */
class ClosedFormIdentitiesTest {

    private static final List<String> CLOSED_FORMS = List.of("relu", "erf", "identity", "leaky_relu(0.2)",
            "abrelu(-0.5,2)", "abs", "step", "sign", "gelu", "sin", "cos", "exp", "rbf(0.7)", "monomial(4)",
            "rectified_monomial(3)", "polynomial(1,0.5,-2)", "gaussian(2,-0.5)", "gabor", "hermite(4)");

    @ParameterizedTest
    @MethodSource("org.ntk4j.activation.DualAssertions#grid")
    void degreeOneAndLinearPolynomialsAreTheIdentity(double q1, double q2, double c) {
        Identity id = new Identity();
        for (Activation a : new Activation[] {new Monomial(1), new Polynomial(new double[] {0, 1}), new Hermite(1)}) {
            if (a instanceof Hermite) {
                // He_1(x) = x exactly.
                assertThat(a.dual(q1, q2, c)).isEqualTo(c);
            }
            assertThat(a.dual(q1, q2, c)).isCloseTo(id.dual(q1, q2, c), within(1e-16));
            assertThat(a.derivativeDual(q1, q2, c)).isCloseTo(id.derivativeDual(q1, q2, c), within(1e-16));
        }
    }

    @ParameterizedTest
    @MethodSource("org.ntk4j.activation.DualAssertions#grid")
    void polynomialsWithOneTermAreMonomials(double q1, double q2, double c) {
        for (int n = 0; n <= 9; n++) {
            double[] a = new double[n + 1];
            a[n] = 1;
            Polynomial p = new Polynomial(a);
            Monomial m = new Monomial(n);
            // Both sums have terms of one sign (that of c^n): relative agreement.
            double dual = m.dual(q1, q2, c);
            double derivative = m.derivativeDual(q1, q2, c);
            assertThat(p.dual(q1, q2, c)).as("x^" + n).isCloseTo(dual, within(1e-14 * Math.abs(dual)));
            assertThat(p.derivativeDual(q1, q2, c)).isCloseTo(derivative, within(1e-14 * Math.abs(derivative)));
        }
    }

    @Test
    void everyClosedFormIsRegisteredAndRoundTrips() {
        for (String spec : CLOSED_FORMS) {
            Activation a = Activations.parse(spec);
            assertThat(a.hasClosedFormDual()).as(spec).isTrue();
            assertThat(a.preciseDual()).as(spec).isPresent();
            assertThat(Activations.parse(a.spec())).as(spec).isEqualTo(a);
        }
        assertThat(Activations.parse("LEAKY_RELU(0.2)")).isEqualTo(new LeakyRelu(0.2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"leaky_relu", "leaky_relu(1,2)", "abrelu(1)", "rbf(-0.5)", "monomial(3.5)",
            "rectified_monomial(-1)", "hermite(2000)", "polynomial()", "gaussian(1)", "monomial(x)", "abs(1)"})
    void badParametersGiveAOneLineMessage(String spec) {
        assertThatThrownBy(() -> Activations.parse(spec)).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).isNotBlank().doesNotContain("\n"));
    }
}
