package org.ntk4j.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RectifiedMonomialTest {

    private static final double[] KINK = DualAssertions.ZERO;

    private static double power(double x, int n) {
        double p = 1;
        for (int k = 0; k < n; k++) {
            p *= x;
        }
        return p;
    }

    @ParameterizedTest
    @MethodSource("org.ntk4j.activation.DualAssertions#kinkedGrid")
    void dualsAgreeWithQuadrature(double q1, double q2, double c) {
        for (int n : new int[] {2, 3}) {
            DualAssertions.kinked(new RectifiedMonomial(n), x -> x > 0 ? power(x, n) : 0, KINK,
                    x -> x > 0 ? n * power(x, n - 1) : 0, KINK, q1, q2, c);
        }
    }

    @ParameterizedTest
    @CsvSource({"1,1,0.3", "2,0.5,-0.8", "1,1,-0.999"})
    void degreeFiveAgreesWithQuadrature(double q1, double q2, double c) {
        DualAssertions.kinked(new RectifiedMonomial(5), x -> x > 0 ? power(x, 5) : 0, KINK,
                x -> x > 0 ? 5 * power(x, 4) : 0, KINK, q1, q2, c);
    }

    @ParameterizedTest
    @MethodSource("org.ntk4j.activation.DualAssertions#grid")
    void degreesZeroAndOneAreStepAndRelu(double q1, double q2, double c) {
        RectifiedMonomial zero = new RectifiedMonomial(0);
        RectifiedMonomial one = new RectifiedMonomial(1);
        Relu relu = new Relu();
        Step step = new Step();
        assertThat(zero.dual(q1, q2, c)).isCloseTo(step.dual(q1, q2, c), within(2e-16));
        assertThat(zero.derivativeDual(q1, q2, c)).isZero();
        assertThat(one.dual(q1, q2, c)).isCloseTo(relu.dual(q1, q2, c), within(4e-16 * (q1 + q2)));
        assertThat(one.derivativeDual(q1, q2, c)).isCloseTo(relu.derivativeDual(q1, q2, c), within(2e-16));
    }

    @Test
    void zeroVarianceMatchesStepAndReluConventions() {
        assertThat(new RectifiedMonomial(0).dual(0, 0, 0)).isZero();
        assertThat(new RectifiedMonomial(1).derivativeDual(0, 0, 0)).isEqualTo(new Relu().derivativeDual(0, 0, 0));
        assertThat(new RectifiedMonomial(3).dual(0, 2, 0)).isZero();
    }

    /** n!! as a double. */
    private static double doubleFactorial(int n) {
        double f = 1;
        for (int k = n; k > 1; k -= 2) {
            f *= k;
        }
        return f;
    }

    /** E[max(0, z)^n] = 2^(n/2) Γ((n + 1)/2) / (2√π). */
    private static double halfMoment(int n) {
        return Math.exp(0.5 * n * Math.log(2) + org.hipparchus.special.Gamma.logGamma(0.5 * (n + 1)))
                / (2 * Math.sqrt(Math.PI));
    }

    @ParameterizedTest
    @CsvSource({"2", "7", "40", "150"})
    void highDegreesMatchTheHalfMomentsOfTheNormal(int n) {
        // ρ = 1: E[max(0,u)^(2n)] = (2n − 1)!! q^n / 2; ρ = 0 from either side: (E[max(0,u)^n])² q^n; ρ = −1: 0.
        double q = 0.37;
        RectifiedMonomial r = new RectifiedMonomial(n);
        double diagonal = 0.5 * Math.exp(n * Math.log(q) + Math.log(doubleFactorial(2 * n - 1)));
        assertThat(r.dual(q, q, q)).isCloseTo(diagonal, within(1e-13 * n * diagonal));
        double independent = Math.pow(halfMoment(n), 2) * Math.pow(q, n);
        assertThat(r.dual(q, q, 1e-300)).isCloseTo(independent, within(1e-13 * n * independent));
        assertThat(r.dual(q, q, -1e-300)).isCloseTo(independent, within(1e-13 * n * independent));
        assertThat(r.dual(q, q, -q)).isZero();
        // dualRow's shared evaluation of k_{n−1} and k_n agrees with the scalar duals on both branches.
        for (double rho : new double[] {-0.9, -0.3, 0.2, 0.95}) {
            DualAssertions.row(r, q, 0.5 * q, rho * q / Math.sqrt(2));
        }
    }

    @ParameterizedTest
    @CsvSource({"1,1,0.3", "2,0.5,-0.7", "1,1,-1", "1,1,1", "1,1,-0.9999", "3,0.1,-0.5"})
    void preciseDualAgreesWithDouble(double q1, double q2, double c) {
        for (int n : new int[] {0, 1, 2, 3, 6}) {
            DualAssertions.preciseAgrees(new RectifiedMonomial(n), q1, q2, c);
        }
        // k_25 ∝ (s + c)^25 has condition number ≈ 25 s/(s + c) in c: allow 25·(s/(s + c)) ulps and a margin.
        double s = Math.sqrt(q1 * q2);
        double condition = 25 * s / Math.max(s + c, 1e-3 * s);
        DualAssertions.preciseAgrees(new RectifiedMonomial(25), q1, q2, c, 4e-16 * condition + 1e-14);
    }

    @Test
    void largeDegreesNearRhoMinusOneKeepTheirDigits() {
        // The textbook recurrence J_n = (2n − 1) cos θ J_{n−1} + (n − 1)² sin²θ J_{n−2} loses every digit here.
        RectifiedMonomial r = new RectifiedMonomial(200);
        double q = 1;
        double c = -0.99;
        BigDecimal precise = r.dual(new BigDecimal(q), new BigDecimal(q), new BigDecimal(c), new MathContext(40));
        assertThat(r.dual(q, q, c)).isPositive().isCloseTo(precise.doubleValue(), within(200 * 4e-16 * 100 * precise.doubleValue()));
        DualAssertions.preciseIsPrecise(r, "0.01", "0.01", "-0.0099");
        DualAssertions.preciseIsPrecise(new RectifiedMonomial(3), "2", "0.5", "0.3");
        for (double[] a : new double[][] {{0.01, 0.01, -0.005}, {0.002, 0.002, 0.0019}}) {
            RectifiedMonomial big = new RectifiedMonomial(1000);
            MathContext mc = new MathContext(30);
            double p = big.dual(new BigDecimal(a[0]), new BigDecimal(a[1]), new BigDecimal(a[2]), mc).doubleValue();
            assertThat(big.dual(a[0], a[1], a[2])).isCloseTo(p, within(1e-13 * p));
        }
    }

    @ParameterizedTest
    @MethodSource("org.ntk4j.activation.DualAssertions#degenerate")
    void neverNaN(double q1, double q2, double c) {
        for (int n : new int[] {0, 1, 2, 5, 1000}) {
            DualAssertions.degenerate(new RectifiedMonomial(n), q1, q2, c, n <= 1 || n <= 5 && q1 < 1e300);
        }
    }

    @Test
    void parityParsingAndBadDegrees() {
        DualAssertions.parity(new RectifiedMonomial(2));
        DualAssertions.specRoundTrip(new RectifiedMonomial(4));
        assertThatThrownBy(() -> Activations.parse("rectified_monomial(1.5)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("integer");
    }
}
