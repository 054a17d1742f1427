package org.ntk4j.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PolynomialTest {

    private static final double[] REFERENCE = {-0.1, 2.1, 0, 0, -1.2, -0.5, 0, 0};
    private static final double[] SMALL = {1, -2, 0.5};

    private static double horner(double[] a, double x) {
        double v = 0;
        for (int k = a.length - 1; k >= 0; k--) {
            v = v * x + a[k];
        }
        return v;
    }

    private static double[] derivative(double[] a) {
        double[] d = new double[Math.max(1, a.length - 1)];
        for (int k = 1; k < a.length; k++) {
            d[k - 1] = k * a[k];
        }
        return d;
    }

    @ParameterizedTest
    @MethodSource("org.ntk4j.activation.DualAssertions#grid")
    void dualsAgreeWithQuadrature(double q1, double q2, double c) {
        for (double[] a : new double[][] {REFERENCE, SMALL, {3}}) {
            double[] d = derivative(a);
            DualAssertions.smooth(new Polynomial(a), x -> horner(a, x), x -> horner(d, x), q1, q2, c);
        }
    }

    @ParameterizedTest
    @MethodSource("org.ntk4j.activation.DualAssertions#degenerate")
    void neverNaN(double q1, double q2, double c) {
        DualAssertions.degenerate(new Polynomial(REFERENCE), q1, q2, c, q1 < 1e300);
        DualAssertions.degenerate(new Polynomial(SMALL), q1, q2, c, q1 < 1e300);
    }

    @Test
    void overflowGoesThroughWideExponentsWithTheRightSign() {
        // Σ' is dominated by 0.25 E[u^5 v^5] > 0 at ρ = 1 and by 1.44 E[u^4 v^4] > 0 at ρ = −1: +∞, never ∞ − ∞.
        Polynomial p = new Polynomial(REFERENCE);
        assertThat(p.dual(1e300, 1e300, 1e300)).isEqualTo(Double.POSITIVE_INFINITY);
        // q1 = 1e300, q2 = 1e-300: the a5·a1 term −1.05·15·c·q1² really is below −1e308.
        assertThat(p.dual(1e300, 1e-300, 1)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(new Polynomial(SMALL).dual(1e300, 1e-300, 1)).isFinite();
        assertThat(p.derivativeDual(1e300, 1e300, -1e300)).isNotNaN();
    }

    @ParameterizedTest
    @CsvSource({"1,1,0.3", "2,0.5,-0.7", "1,1,-1"})
    void preciseDualAgreesWithDouble(double q1, double q2, double c) {
        DualAssertions.preciseAgrees(new Polynomial(REFERENCE), q1, q2, c);
        DualAssertions.preciseAgrees(new Polynomial(SMALL), q1, q2, c);
        DualAssertions.preciseIsPrecise(new Polynomial(REFERENCE), "0.3", "0.2", "-0.1");
    }

    @Test
    void parityEqualityAndParsing() {
        DualAssertions.parity(new Polynomial(REFERENCE));
        DualAssertions.parity(new Polynomial(new double[] {0, 1, 0, -2}));
        DualAssertions.parity(new Polynomial(new double[] {1, 0, 3}));
        DualAssertions.specRoundTrip(new Polynomial(REFERENCE));
        assertThat(Activations.parse("polynomial(1, 2.5, -3)")).isEqualTo(new Polynomial(new double[] {1, 2.5, -3}));
        assertThatThrownBy(() -> Activations.parse("polynomial()")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> Activations.parse("polynomial(1, x)")).isInstanceOf(IllegalArgumentException.class);
    }
}
