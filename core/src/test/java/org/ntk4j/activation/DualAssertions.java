package org.ntk4j.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.ntk4j.testing.GaussianExpectation;

/**
 * Shared checks of a closed-form dual against the independent quadrature of {@link GaussianExpectation}, with φ and
 * φ' given by the test itself (not by the production class). Tolerance: 1e-12 relative, plus an absolute 1e-13
 * of the Cauchy–Schwarz scale √(E[φ(u)²] E[φ(v)²]) for values near zero (the quadrature's own accuracy).
 */
final class DualAssertions {

    static final double[] NONE = {};
    static final double[] ZERO = {0.0};

    private DualAssertions() {
    }

    /** (q1, q2, c): ρ = 0, ±0.5, ±0.999, ±1, unequal variances, and the diagonal. */
    static Stream<Arguments> grid() {
        return Stream.of(
                Arguments.of(1.0, 1.0, 0.0), Arguments.of(1.0, 1.0, 0.5), Arguments.of(1.0, 1.0, -0.5),
                Arguments.of(1.0, 1.0, 0.999), Arguments.of(1.0, 1.0, -0.999), Arguments.of(1.0, 1.0, 1.0),
                Arguments.of(1.0, 1.0, -1.0), Arguments.of(2.0, 0.5, 0.7), Arguments.of(2.0, 0.5, -1.0),
                Arguments.of(3.0, 0.1, -0.3), Arguments.of(0.5, 2.0, -0.9), Arguments.of(0.3, 0.3, 0.3));
    }

    /** A smaller grid for the slow composite rule (kinked φ). */
    static Stream<Arguments> kinkedGrid() {
        return Stream.of(
                Arguments.of(1.0, 1.0, 0.0), Arguments.of(1.0, 1.0, 0.5), Arguments.of(1.0, 1.0, -0.999),
                Arguments.of(1.0, 1.0, 0.999), Arguments.of(1.0, 1.0, -1.0), Arguments.of(2.0, 0.5, 0.7),
                Arguments.of(3.0, 0.1, -0.3), Arguments.of(0.3, 0.3, 0.3));
    }

    /** Arguments where q = 0, the variances are extreme, or |c| rounds past √(q1 q2). */
    static Stream<Arguments> degenerate() {
        return Stream.of(
                Arguments.of(0.0, 0.0, 0.0), Arguments.of(0.0, 1.0, 0.0), Arguments.of(1.0, 0.0, -0.0),
                Arguments.of(1e-300, 1e-300, 1e-300), Arguments.of(1e-300, 1e-300, -1e-300),
                Arguments.of(1e300, 1e300, 1e300), Arguments.of(1e300, 1e300, -1e300), Arguments.of(1e300, 1e-300, 1.0),
                Arguments.of(1e300, 1e-300, -1.0), Arguments.of(1.0, 1.0, 1.0000000000000002),
                Arguments.of(1.0, 1.0, -1.0000000000000002), Arguments.of(2.0, 0.5, 1.0000000000000002),
                Arguments.of(2.0, 0.5, -1.0000000000000002));
    }

    private static double scale(DoubleUnaryOperator f, double[] kinks, double q1, double q2) {
        double a = GaussianExpectation.oneDimensional(z -> square(f.applyAsDouble(Math.sqrt(q1) * z)),
                scaled(kinks, Math.sqrt(q1)));
        double b = GaussianExpectation.oneDimensional(z -> square(f.applyAsDouble(Math.sqrt(q2) * z)),
                scaled(kinks, Math.sqrt(q2)));
        return Math.sqrt(a * b);
    }

    private static double square(double x) {
        return x * x;
    }

    private static double[] scaled(double[] kinks, double s) {
        double[] out = new double[kinks.length];
        for (int i = 0; i < kinks.length; i++) {
            out[i] = s == 0 ? 0 : kinks[i] / s;
        }
        return out;
    }

    private static void close(String what, double actual, double expected, double scale) {
        assertThat(actual).as(what).isCloseTo(expected, within(1e-12 * Math.abs(expected) + 1e-13 * scale));
    }

    /** Both duals of an activation whose φ and φ' are analytic, by the Gauss–Hermite route. */
    static void smooth(Activation a, DoubleUnaryOperator f, DoubleUnaryOperator df, double q1, double q2, double c) {
        double e = GaussianExpectation.smooth(f, f, q1, q2, c);
        double ed = GaussianExpectation.smooth(df, df, q1, q2, c);
        close(a.spec() + " Σ'", a.dual(q1, q2, c), e, scale(f, NONE, q1, q2));
        close(a.spec() + " Σ̇", a.derivativeDual(q1, q2, c), ed, scale(df, NONE, q1, q2));
        row(a, q1, q2, c);
    }

    /** Both duals of an activation with kinks, by the composite rule split at the kinks. */
    static void kinked(Activation a, DoubleUnaryOperator f, double[] kinks, DoubleUnaryOperator df, double[] dKinks,
                       double q1, double q2, double c) {
        double e = GaussianExpectation.of(f, kinks, f, kinks, q1, q2, c);
        double ed = GaussianExpectation.of(df, dKinks, df, dKinks, q1, q2, c);
        close(a.spec() + " Σ'", a.dual(q1, q2, c), e, scale(f, kinks, q1, q2));
        close(a.spec() + " Σ̇", a.derivativeDual(q1, q2, c), ed, scale(df, dKinks, q1, q2));
        row(a, q1, q2, c);
    }

    /** dualRow (in place, c and dual the same array) agrees with the two scalar duals. */
    static void row(Activation a, double q1, double q2, double c) {
        double[] cs = {0.25, c, -0.125};
        double[] qs = {1.0, q2, 2.0};
        double[] d = new double[3];
        a.dualRow(q1, qs, cs, cs, d, 1, 2);
        assertThat(cs[1]).as(a.spec() + " dualRow Σ'").isCloseTo(a.dual(q1, q2, c), within(1e-15 * Math.abs(cs[1])));
        assertThat(d[1]).as(a.spec() + " dualRow Σ̇")
                .isCloseTo(a.derivativeDual(q1, q2, c), within(1e-15 * Math.abs(d[1])));
        assertThat(cs[0]).isEqualTo(0.25);
        assertThat(cs[2]).isEqualTo(-0.125);
    }

    /** Neither dual is NaN; when {@code bounded}, both are finite. dualRow agrees. */
    static void degenerate(Activation a, double q1, double q2, double c, boolean bounded) {
        double dual = a.dual(q1, q2, c);
        double derivative = a.derivativeDual(q1, q2, c);
        assertThat(dual).as(a.spec() + " Σ' at (" + q1 + ", " + q2 + ", " + c + ")").isNotNaN();
        assertThat(derivative).as(a.spec() + " Σ̇ at (" + q1 + ", " + q2 + ", " + c + ")").isNotNaN();
        if (bounded) {
            assertThat(dual).isFinite();
            assertThat(derivative).isFinite();
        }
        double[] cs = {c};
        double[] d = new double[1];
        a.dualRow(q1, new double[] {q2}, cs, cs, d, 0, 1);
        sameValue(cs[0], dual);
        sameValue(d[0], derivative);
    }

    /** Equal when infinite or zero, else within a few units in the last place (dualRow may order products differently). */
    private static void sameValue(double row, double scalar) {
        if (Double.isFinite(scalar) && scalar != 0) {
            assertThat(row).isCloseTo(scalar, within(1e-14 * Math.abs(scalar)));
        } else {
            assertThat(row).isEqualTo(scalar);
        }
    }

    /** The precise duals at 40 digits agree with the double ones to 1e-14 relative (1e-15 of the scale near 0). */
    static void preciseAgrees(Activation a, double q1, double q2, double c) {
        preciseAgrees(a, q1, q2, c, 1e-14);
    }

    /** As above with the given relative tolerance (for ill-conditioned high degrees). */
    static void preciseAgrees(Activation a, double q1, double q2, double c, double relative) {
        PreciseDual p = a.preciseDual().orElseThrow();
        MathContext mc = new MathContext(40);
        BigDecimal b1 = new BigDecimal(q1);
        BigDecimal b2 = new BigDecimal(q2);
        BigDecimal bc = new BigDecimal(c);
        double pd = p.dual(b1, b2, bc, mc).doubleValue();
        double pdd = p.derivativeDual(b1, b2, bc, mc).doubleValue();
        double scale = Math.sqrt(Math.abs(p.dual(b1, b1, b1, mc).doubleValue() * p.dual(b2, b2, b2, mc).doubleValue()));
        double dscale = Math.sqrt(Math.abs(p.derivativeDual(b1, b1, b1, mc).doubleValue()
                * p.derivativeDual(b2, b2, b2, mc).doubleValue()));
        assertThat(a.dual(q1, q2, c)).as(a.spec() + " Σ' vs precise")
                .isCloseTo(pd, within(relative * Math.abs(pd) + 1e-15 * scale));
        assertThat(a.derivativeDual(q1, q2, c)).as(a.spec() + " Σ̇ vs precise")
                .isCloseTo(pdd, within(relative * Math.abs(pdd) + 1e-15 * dscale));
    }

    /** The precise duals at 40 digits agree with a 120-digit run to 38 digits (no cancellation left unguarded). */
    static void preciseIsPrecise(PreciseDual p, String q1, String q2, String c) {
        BigDecimal b1 = new BigDecimal(q1);
        BigDecimal b2 = new BigDecimal(q2);
        BigDecimal bc = new BigDecimal(c);
        MathContext low = new MathContext(40);
        MathContext high = new MathContext(120);
        for (int which = 0; which < 2; which++) {
            BigDecimal lo = which == 0 ? p.dual(b1, b2, bc, low) : p.derivativeDual(b1, b2, bc, low);
            BigDecimal hi = which == 0 ? p.dual(b1, b2, bc, high) : p.derivativeDual(b1, b2, bc, high);
            if (hi.signum() == 0) {
                assertThat(lo.signum()).isZero();
                continue;
            }
            BigDecimal rel = lo.subtract(hi).abs().divide(hi.abs(), MathContext.DECIMAL64);
            assertThat(rel.doubleValue()).as(p + (which == 0 ? " Σ'" : " Σ̇") + " 40 vs 120 digits at ("
                    + q1 + ", " + q2 + ", " + c + ")").isLessThan(1e-38);
        }
    }

    /** φ(−x) = φ(x) (EVEN), −φ(x) (ODD), or neither at some x (NEITHER). */
    static void parity(Activation a) {
        double[] xs = {0.3, 0.7, 1.3, 2.1};
        boolean even = true;
        boolean odd = true;
        for (double x : xs) {
            double p = a.value(x);
            double m = a.value(-x);
            even &= Math.abs(p - m) <= 1e-15 * Math.abs(p);
            odd &= Math.abs(p + m) <= 1e-15 * Math.abs(p);
        }
        Activation.Parity expected = even ? Activation.Parity.EVEN : odd ? Activation.Parity.ODD
                : Activation.Parity.NEITHER;
        assertThat(a.parity()).as(a.spec() + " parity").isEqualTo(expected);
    }

    /** spec() parses back to an equal activation, and the class reports an exact closed form. */
    static void specRoundTrip(Activation a) {
        assertThat(Activations.parse(a.spec())).isEqualTo(a);
        assertThat(a.hasClosedFormDual()).isTrue();
        assertThat(a.preciseDual()).isPresent();
    }
}
