package org.ntk4j.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import ch.obermuhlner.math.big.BigDecimalMath;
import java.util.function.DoubleUnaryOperator;
import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;
import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;

/**
 * The normal tail against a 300-digit series for erfc, and the orthant probability and moments against
 * one-dimensional adaptive integrals of the conditional law (Z₂ | Z₁ = z ~ N(ρz, σ²)) with Hipparchus's erfc: a
 * different representation and different code from the Sheppard and near-perfect-correlation formulas.
 */
class BivariateNormalTest {

    /** Φ̄(x) = erfc(x/√2)/2 with erfc(y) = 1 − (2/√π) Σ (−1)ⁿ y^{2n+1}/(n!(2n+1)), summed with 420 digits. */
    private static double preciseTail(double x) {
        MathContext mc = new MathContext(420);
        BigDecimal y = new BigDecimal(x).divide(BigDecimalMath.sqrt(BigDecimal.valueOf(2), mc), mc);
        BigDecimal y2 = y.multiply(y, mc);
        BigDecimal power = y;   // y^{2n+1} / n! with sign
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal limit = BigDecimal.ONE.movePointLeft(450);
        for (int n = 0; ; n++) {
            BigDecimal term = power.divide(BigDecimal.valueOf(2L * n + 1), mc);
            sum = sum.add(term, mc);
            if (n > y2.doubleValue() && term.abs().compareTo(limit) < 0) {
                break;
            }
            power = power.multiply(y2, mc).divide(BigDecimal.valueOf(-(n + 1L)), mc);
        }
        BigDecimal erf = sum.multiply(BigDecimal.valueOf(2), mc).divide(BigDecimalMath.sqrt(BigDecimalMath.pi(mc), mc), mc);
        return BigDecimal.ONE.subtract(erf, mc).divide(BigDecimal.valueOf(2), mc).doubleValue();
    }

    /** The polynomial sine of Sheppard's nodes is within 1 ulp of fdlibm's (StrictMath) on all of [−1.2, 1.2]. */
    @Test
    void sineOfTheNodesIsWithinAnUlp() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(17);
        for (int i = 0; i < 200_000; i++) {
            double t = i == 0 ? 1.2 : i == 1 ? -1.2 : i == 2 ? 1e-300 : 2.4 * random.nextDouble() - 1.2;
            double expected = StrictMath.sin(t);
            assertThat(Math.abs(BivariateNormal.sine(t) - expected)).as("t = %s", t)
                    .isLessThanOrEqualTo(Math.ulp(expected));
        }
        assertThat(BivariateNormal.sine(0.0)).isEqualTo(0.0);
    }

    @Test
    void tailMatchesAHighPrecisionSeries() {
        for (double x : new double[] {0, 1e-9, 0.1, 0.49, 0.5, 0.77, 1.3, 1.5, 1.4999, 2.9, 4.2, 5.5, 7.99, 8.0, 9.1,
                13.7, 17.0, 22.2, 26.0}) {
            double expected = preciseTail(x);
            // Relative accuracy, with the ~x²·1e-16 that rounding x²/2 in the density costs.
            assertThat(BivariateNormal.tail(x)).as("Φ̄(%s)", x)
                    .isCloseTo(expected, within((5e-15 + x * x * 2e-16) * expected));
            assertThat(BivariateNormal.tail(-x)).as("Φ̄(-%s)", x).isCloseTo(1 - expected, within(1e-15));
        }
        assertThat(BivariateNormal.tail(38.6)).isZero();
        assertThat(BivariateNormal.tail(Double.POSITIVE_INFINITY)).isZero();
        assertThat(BivariateNormal.tail(Double.NEGATIVE_INFINITY)).isEqualTo(1.0);
        assertThat(BivariateNormal.tail(Double.NaN)).isNaN();
    }

    @Test
    void tailIsSmoothAcrossItsPieces() {
        // The pieces of the interpolant meet where a mistake in their bookkeeping would show as a jump.
        for (double edge : new double[] {0.5, 1, 4, 7.5, 8, 10, 20, 36}) {
            double below = BivariateNormal.tail(Math.nextDown(edge));
            double at = BivariateNormal.tail(edge);
            double tolerance = (5e-15 + edge * edge * 2e-16) * at;
            assertThat(below).as("at %s", edge).isCloseTo(at, within(tolerance));
            assertThat(at).as("at %s", edge).isCloseTo(0.5 * Erf.erfc(edge / Math.sqrt(2)), within(tolerance));
        }
    }

    private static final IterativeLegendreGaussIntegrator INTEGRATOR =
            new IterativeLegendreGaussIntegrator(32, 1e-14, 1e-16);

    private static double hipparchusTail(double x) {
        return 0.5 * Erf.erfc(x / Math.sqrt(2));
    }

    /**
     * ∫_h^∞ f(z) dz over z ≤ 40, split at 0 and around z = k/ρ, where the inner tail steps from 1 to 0 over a
     * width σ/|ρ|.
     */
    private static double integrate(DoubleUnaryOperator f, double h, double k, double rho) {
        double lo = Math.max(h, -40);
        double hi = Math.max(lo, 40);
        double sigma = Math.sqrt((1 - rho) * (1 + rho));
        double[] cuts = new double[15];
        cuts[0] = lo;
        cuts[1] = hi;
        cuts[2] = 0.0;
        for (int m = 0; m < 6; m++) {
            double width = rho != 0 ? (1 << (2 * m)) * sigma / Math.abs(rho) : 0.0;
            cuts[3 + 2 * m] = rho != 0 ? k / rho - width : lo;
            cuts[4 + 2 * m] = rho != 0 ? k / rho + width : lo;
        }
        double[] kr = {rho != 0 ? k / rho : lo};
        cuts[14] = kr[0];
        java.util.Arrays.sort(cuts);
        double sum = 0;
        for (int i = 0; i + 1 < cuts.length; i++) {
            double a = Math.max(cuts[i], lo);
            double b = Math.min(cuts[i + 1], hi);
            if (b > a + 1e-9) {
                sum += INTEGRATOR.integrate(10_000_000, f::applyAsDouble, a, b);
            } else if (b > a) {
                sum += (b - a) * f.applyAsDouble(0.5 * (a + b));   // a sliver defeats the rule's node spacing
            }
        }
        return sum;
    }

    private static double[] referenceMoments(double h, double k, double rho) {
        double sigma = Math.sqrt((1 - rho) * (1 + rho));
        DoubleUnaryOperator w = z -> (k - rho * z) / sigma;
        DoubleUnaryOperator inner0 = z -> hipparchusTail(w.applyAsDouble(z));
        DoubleUnaryOperator inner1 = z -> rho * z * hipparchusTail(w.applyAsDouble(z))
                + sigma * BivariateNormal.density(w.applyAsDouble(z));
        return new double[] {
            integrate(z -> BivariateNormal.density(z) * inner0.applyAsDouble(z), h, k, rho),
            integrate(z -> z * BivariateNormal.density(z) * inner0.applyAsDouble(z), h, k, rho),
            integrate(z -> BivariateNormal.density(z) * inner1.applyAsDouble(z), h, k, rho),
            integrate(z -> z * BivariateNormal.density(z) * inner1.applyAsDouble(z), h, k, rho)};
    }

    private static void moments(double h, double k, double rho, double sigma, double[] out) {
        BivariateNormal.Correlation correlation = new BivariateNormal.Correlation();
        correlation.set(rho, sigma);
        BivariateNormal.moments(h, k, BivariateNormal.density(h), BivariateNormal.density(k), BivariateNormal.tail(h),
                BivariateNormal.tail(k), correlation, out);
    }

    private static final double[] LIMITS = {-3.1, -1, -0.2, 0, 0.5, 2, 4.2, 6.5};
    private static final double[] RHOS = {-0.9999, -0.95, -0.93, -0.92, -0.6, -0.1, 0, 0.2, 0.29, 0.31, 0.74,
        0.76, 0.9, 0.924, 0.926, 0.97, 0.999, 0.999999};

    @Test
    void orthantAndMomentsMatchTheConditionalIntegral() {
        double[] out = new double[4];
        for (double h : LIMITS) {
            for (double k : LIMITS) {
                for (double rho : RHOS) {
                    double sigma = Math.sqrt((1 - rho) * (1 + rho));
                    double[] expected = referenceMoments(h, k, rho);
                    moments(h, k, rho, sigma, out);
                    String at = "(h, k, ρ) = (" + h + ", " + k + ", " + rho + ")";
                    assertThat(BivariateNormal.upperOrthant(h, k, rho, sigma)).as("L " + at).isCloseTo(expected[0], within(2e-15));
                    assertThat(out[0]).as("L " + at).isCloseTo(expected[0], within(2e-15));
                    assertThat(out[1]).as("M10 " + at).isCloseTo(expected[1], within(4e-15));
                    assertThat(out[2]).as("M01 " + at).isCloseTo(expected[2], within(4e-15));
                    assertThat(out[3]).as("M11 " + at).isCloseTo(expected[3], within(6e-15));
                }
            }
        }
    }

    @Test
    void orthantMatchesClosedFormsAndLimits() {
        for (double rho : RHOS) {
            double sigma = Math.sqrt((1 - rho) * (1 + rho));
            // Sheppard: P(Z₁ ≥ 0, Z₂ ≥ 0) = 1/4 + asin(ρ)/(2π).
            assertThat(BivariateNormal.upperOrthant(0, 0, rho, sigma)).isCloseTo(0.25 + Math.asin(rho) / (2 * Math.PI), within(2e-15));
            assertThat(BivariateNormal.upperOrthant(Double.NEGATIVE_INFINITY, 1.3, rho, sigma)).isEqualTo(BivariateNormal.tail(1.3));
            assertThat(BivariateNormal.upperOrthant(1.3, Double.POSITIVE_INFINITY, rho, sigma)).isZero();
        }
        for (double h : LIMITS) {
            for (double k : LIMITS) {
                assertThat(BivariateNormal.upperOrthant(h, k, 0, 1)).isCloseTo(hipparchusTail(h) * hipparchusTail(k), within(2e-15));
                // ρ = ±1: Z₂ = ±Z₁; and continuity into it.
                double same = hipparchusTail(Math.max(h, k));
                double opposite = h < -k ? hipparchusTail(h) - hipparchusTail(-k) : 0.0;
                assertThat(BivariateNormal.upperOrthant(h, k, 1, 0)).isCloseTo(same, within(2e-15));
                assertThat(BivariateNormal.upperOrthant(h, k, -1, 0)).isCloseTo(opposite, within(2e-15));
                double tiny = 1e-9;
                assertThat(BivariateNormal.upperOrthant(h, k, Math.sqrt(1 - tiny * tiny), tiny)).isCloseTo(same, within(1e-9));
                assertThat(BivariateNormal.upperOrthant(h, k, -Math.sqrt(1 - tiny * tiny), tiny)).isCloseTo(opposite, within(1e-9));
                // Symmetry in (h, k).
                for (double rho : RHOS) {
                    double sigma = Math.sqrt((1 - rho) * (1 + rho));
                    assertThat(BivariateNormal.upperOrthant(h, k, rho, sigma))
                            .isCloseTo(BivariateNormal.upperOrthant(k, h, rho, sigma), within(2e-15));
                }
            }
        }
    }

    @Test
    void momentsAtPerfectCorrelationAreTheOneDimensionalOnes() {
        double[] out = new double[4];
        for (double h : LIMITS) {
            for (double k : LIMITS) {
                double m = Math.max(h, k);
                moments(h, k, 1, 0, out);
                assertThat(out[1]).isCloseTo(BivariateNormal.density(m), within(2e-15));
                assertThat(out[2]).isCloseTo(BivariateNormal.density(m), within(2e-15));
                assertThat(out[3]).isCloseTo(hipparchusTail(m) + m * BivariateNormal.density(m), within(2e-15));
                // Z₂ = −Z₁: E[Z₁; h ≤ Z₁ ≤ −k] = φ(h) − φ(k), E[Z₁Z₂; ·] = −E[Z₁²; ·].
                moments(h, k, -1, 0, out);
                boolean inside = h < -k;
                double p = inside ? hipparchusTail(h) - hipparchusTail(-k) : 0.0;
                double first = inside ? BivariateNormal.density(h) - BivariateNormal.density(k) : 0.0;
                double second = inside ? p + h * BivariateNormal.density(h) + k * BivariateNormal.density(k) : 0.0;
                assertThat(out[1]).as("M10 at %s, %s", h, k).isCloseTo(first, within(2e-15));
                assertThat(out[2]).isCloseTo(-first, within(2e-15));
                assertThat(out[3]).isCloseTo(-second, within(2e-15));
            }
        }
    }
}
