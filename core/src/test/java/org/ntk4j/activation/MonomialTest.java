package org.ntk4j.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class MonomialTest {

    private static double power(double x, int n) {
        double p = 1;
        for (int k = 0; k < n; k++) {
            p *= x;
        }
        return p;
    }

    @ParameterizedTest
    @MethodSource("org.ntk4j.activation.DualAssertions#grid")
    void dualsAgreeWithQuadrature(double q1, double q2, double c) {
        for (int n : new int[] {0, 1, 2, 3, 5, 8}) {
            DualAssertions.smooth(new Monomial(n), x -> power(x, n), x -> n * power(x, n - 1), q1, q2, c);
        }
    }

    @ParameterizedTest
    @MethodSource("org.ntk4j.activation.DualAssertions#degenerate")
    void neverNaN(double q1, double q2, double c) {
        for (int n : new int[] {0, 1, 2, 3, 7, 1000}) {
            // Degree 1000 overflows for real at q ≈ 1 (E[u^2000] = 1999!! > 1e308); degrees ≤ 7 only at q = 1e300.
            DualAssertions.degenerate(new Monomial(n), q1, q2, c, n <= 1 || n <= 7 && q1 < 1e300);
        }
    }

    /** n!! as a double. */
    private static double doubleFactorial(int n) {
        double f = 1;
        for (int k = n; k > 1; k -= 2) {
            f *= k;
        }
        return f;
    }

    @ParameterizedTest
    @CsvSource({"1", "2", "10", "50", "150"})
    void highDegreesMatchTheMomentsOfTheNormal(int n) {
        // ρ = 1: E[u^(2n)] = (2n − 1)!! q^n; ρ = 0: E[u^n]² = ((n − 1)!!)² q^n (n even), 0 (n odd).
        double q = 0.37;
        Monomial m = new Monomial(n);
        double diagonal = Math.exp(n * Math.log(q) + Math.log(doubleFactorial(2 * n - 1)));
        assertThat(m.dual(q, q, q)).isCloseTo(diagonal, within(1e-13 * n * diagonal));
        double independent = n % 2 == 1 ? 0 : Math.pow(doubleFactorial(n - 1), 2) * Math.pow(q, n);
        assertThat(m.dual(q, q, 0.0)).isCloseTo(independent, within(1e-13 * n * independent));
        assertThat(m.dual(q, q, -q)).isCloseTo(n % 2 == 0 ? diagonal : -diagonal, within(1e-13 * n * diagonal));
    }

    @Test
    void degreeAThousandStaysInRangeAndAgreesWithThePreciseDual() {
        Monomial m = new Monomial(1000);
        // E[u^2000] = 1999!! q^1000 ≈ 1e2868 q^1000: finite for q ≈ 1e-3, though 1999!! alone overflows.
        double q = 1.1e-3;
        assertThat(m.dual(q, q, 0.6 * q)).isFinite().isPositive();
        DualAssertions.preciseAgrees(m, q, q, 0.6 * q);
        assertThat(m.dual(1.0, 1.0, 0.5)).isInfinite();
        assertThat(m.dual(1e-3, 1e-3, -1e-3)).isFinite();
    }

    @ParameterizedTest
    @CsvSource({"1,1,0.3", "2,0.5,-0.7", "1,1,-1", "0,1,0"})
    void preciseDualAgreesWithDouble(double q1, double q2, double c) {
        for (int n : new int[] {0, 1, 2, 3, 6, 11}) {
            DualAssertions.preciseAgrees(new Monomial(n), q1, q2, c);
            DualAssertions.parity(new Monomial(n));
            DualAssertions.specRoundTrip(new Monomial(n));
        }
    }

    @Test
    void badDegreesAreRejected() {
        assertThatThrownBy(() -> Activations.parse("monomial(2.5)")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("integer");
        assertThatThrownBy(() -> Activations.parse("monomial(-1)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Activations.parse("monomial(1001)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Monomial(-2)).isInstanceOf(IllegalArgumentException.class);
    }
}
