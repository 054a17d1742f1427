package org.ntk4j.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class HermiteTest {

    /** Coefficients of He_n(x)/√(n!) from the explicit sum He_n(x) = n! Σ_m (−1)^m x^(n−2m) / (m! (n − 2m)! 2^m). */
    static double[] coefficients(int n) {
        double[] a = new double[n + 1];
        for (int m = 0; 2 * m <= n; m++) {
            double term = factorial(n) / (factorial(m) * factorial(n - 2 * m) * Math.pow(2, m)) / Math.sqrt(factorial(n));
            a[n - 2 * m] = m % 2 == 0 ? term : -term;
        }
        return a;
    }

    static double horner(double[] a, double x) {
        double v = 0;
        for (int k = a.length - 1; k >= 0; k--) {
            v = v * x + a[k];
        }
        return v;
    }

    static double normalisedHermite(int n, double x) {
        return horner(coefficients(n), x);
    }

    static double factorial(int n) {
        double f = 1;
        for (int k = 2; k <= n; k++) {
            f *= k;
        }
        return f;
    }

    @ParameterizedTest
    @MethodSource("org.ntk4j.activation.DualAssertions#grid")
    void dualsAgreeWithQuadrature(double q1, double q2, double c) {
        for (int n : new int[] {0, 1, 2, 3, 4, 7}) {
            double[] a = coefficients(n);
            double[] d = n == 0 ? new double[] {0} : coefficients(n - 1);
            double root = Math.sqrt(n);
            DualAssertions.smooth(new Hermite(n), x -> horner(a, x), x -> root * horner(d, x), q1, q2, c);
        }
    }

    @Test
    void valueIsTheNormalisedHermitePolynomial() {
        for (int n = 0; n <= 9; n++) {
            for (double x : new double[] {-2.5, -0.3, 0, 1.1, 3}) {
                assertThat(new Hermite(n).value(x)).isCloseTo(normalisedHermite(n, x), within(1e-12));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"0", "1", "3", "8", "40", "300", "1000"})
    void atUnitVarianceTheDualIsRhoToTheN(int n) {
        Hermite h = new Hermite(n);
        for (double rho : new double[] {-1, -0.9, -0.5, 0, 0.3, 0.999, 1}) {
            double expected = Math.pow(rho, n);
            assertThat(h.dual(1, 1, rho)).isCloseTo(expected, within(1e-15 * n * Math.abs(expected) + 1e-300));
            double derivative = n == 0 ? 0 : n * Math.pow(rho, n - 1);
            assertThat(h.derivativeDual(1, 1, rho))
                    .isCloseTo(derivative, within(1e-15 * n * Math.abs(derivative) + 1e-300));
        }
    }

    @Test
    void equalsThePolynomialWithTheHermiteCoefficients() {
        // He_5(x)/√120 = (x^5 − 10x^3 + 15x)/√120: an independent route through the mixed moments.
        double k = 1 / Math.sqrt(120);
        Polynomial p = new Polynomial(new double[] {0, 15 * k, 0, -10 * k, 0, k});
        Hermite h = new Hermite(5);
        for (double[] a : new double[][] {{2, 0.5, 0.7}, {0.3, 1.7, -0.5}, {1, 1, 0.4}}) {
            assertThat(h.dual(a[0], a[1], a[2])).isCloseTo(p.dual(a[0], a[1], a[2]), within(1e-13));
            assertThat(h.derivativeDual(a[0], a[1], a[2]))
                    .isCloseTo(p.derivativeDual(a[0], a[1], a[2]), within(1e-13));
        }
    }

    @ParameterizedTest
    @MethodSource("org.ntk4j.activation.DualAssertions#degenerate")
    void neverNaN(double q1, double q2, double c) {
        for (int n : new int[] {0, 1, 2, 5, 1000}) {
            DualAssertions.degenerate(new Hermite(n), q1, q2, c, n <= 1 || n <= 5 && q1 < 1e300);
        }
    }

    @ParameterizedTest
    @CsvSource({"1,1,0.3", "2,0.5,-0.7", "0.2,0.3,0.1"})
    void preciseDualAgreesWithDouble(double q1, double q2, double c) {
        for (int n : new int[] {0, 1, 2, 3, 6}) {
            DualAssertions.preciseAgrees(new Hermite(n), q1, q2, c);
            DualAssertions.parity(new Hermite(n));
            DualAssertions.specRoundTrip(new Hermite(n));
        }
    }

    @Test
    void preciseDualGuardsTheCancellationAwayFromUnitVariance() {
        DualAssertions.preciseIsPrecise(new Hermite(30), "3", "0.2", "0.1");
        DualAssertions.preciseIsPrecise(new Hermite(31), "0.01", "5", "-0.2");
    }
}
