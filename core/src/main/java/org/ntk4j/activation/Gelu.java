package org.ntk4j.activation;

import ch.obermuhlner.math.big.BigDecimalMath;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;

/**
 * φ(x) = x Φ(x) with Φ the standard normal distribution function (the exact GELU, neural-tangents' Gelu; Tsuchida,
 * Pearce, van der Heide, Roosta &amp; Gallagher 2021). Writing Φ(x) = P(W ≤ x) for an independent W ~ N(0, 1) turns
 * the dual into an orthant moment of the Gaussian vector (u, v, u − W1, v − W2), and Stein's lemma gives, with
 * s' = √((1 + q1)(1 + q2)), R = √(s'² − c²) = √(1 + q1 + q2 + q1 q2 − c²) and ψ = arccos(c/s'):
 * <ul>
 *   <li>Σ' = [c(π − ψ) + q1 q2 R / s'² + c² / (s'² R)] / (2π),</li>
 *   <li>Σ̇ = ∂Σ'/∂c = [(π − ψ) + (c/R)(1/(1 + q1) + 1/(1 + q2) + 1/R²)] / (2π).</li>
 * </ul>
 * R is formed as hypot(√(1 + q1 + q2), s sin θ), which never cancels (R ≥ 1) nor overflows; π − ψ = atan2(R, −c).
 */
public record Gelu() implements ClosedFormActivation {

    private static final double INV_TWO_PI = 1.0 / (2.0 * Math.PI);
    private static final double INV_SQRT_TWO_PI = 1.0 / Math.sqrt(2.0 * Math.PI);
    private static final double INV_SQRT_TWO = Math.sqrt(0.5);

    @Override
    public String spec() {
        return "gelu";
    }

    @Override
    public double value(double x) {
        return x * 0.5 * org.hipparchus.special.Erf.erfc(-x * INV_SQRT_TWO);
    }

    @Override
    public double derivative(double x) {
        return 0.5 * org.hipparchus.special.Erf.erfc(-x * INV_SQRT_TWO) + x * INV_SQRT_TWO_PI * Math.exp(-0.5 * x * x);
    }

    private static double r(double q1, double q2, double c) {
        double root = GaussianPair.sinePart(GaussianPair.scale(q1, q2), c);
        return Math.hypot(Math.sqrt(1.0 + q1 + q2), root);
    }

    private static double dual(double q1, double q2, double c, double r) {
        double p1 = 1.0 + q1;
        double p2 = 1.0 + q2;
        double cs = c / (Math.sqrt(p1) * Math.sqrt(p2));
        return (c * Math.atan2(r, -c) + (q1 / p1) * (q2 / p2) * r + cs * cs / r) * INV_TWO_PI;
    }

    private static double derivativeDual(double q1, double q2, double c, double r) {
        return (Math.atan2(r, -c) + (c / r) * (1.0 / (1.0 + q1) + 1.0 / (1.0 + q2) + 1.0 / r / r)) * INV_TWO_PI;
    }

    @Override
    public double dual(double q1, double q2, double c) {
        return dualByHypot(q1, q2, c);
    }

    @Override
    public double derivativeDual(double q1, double q2, double c) {
        return derivativeDualByHypot(q1, q2, c);
    }

    /** Σ' with R = hypot(√(1 + q1 + q2), s sin θ) (safe for any variances; the row kernel's route outside range). */
    static double dualByHypot(double q1, double q2, double c) {
        return dual(q1, q2, c, r(q1, q2, c));
    }

    static double derivativeDualByHypot(double q1, double q2, double c) {
        return derivativeDual(q1, q2, c, r(q1, q2, c));
    }

    /** The row form: {@link RowKernels#gelu} (SIMD with the Vector API). */
    @Override
    public void dualRow(double q1, double[] q2, double[] c, double[] dual, double[] derivativeDual, int from, int to) {
        RowKernels.INSTANCE.gelu(q1, q2, c, dual, derivativeDual, from, to);
    }

    /** Fused with the dense layers after it: {@link RowKernels#geluDense}. */
    @Override
    public Optional<DualStack> dualStack(double[][] q2, double[] weightVariances, double[] biasVariances) {
        return DualStack.of(DualStack.Kernel.GELU, q2, weightVariances, biasVariances);
    }

    /** R² = (1 + q1)(1 + q2) − c², exact. */
    private static BigDecimal rSquared(BigDecimal q1, BigDecimal q2, BigDecimal c) {
        return BigDecimal.ONE.add(q1).multiply(BigDecimal.ONE.add(q2)).subtract(c.multiply(c));
    }

    @Override
    public BigDecimal dual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        BigDecimal p = BigDecimal.ONE.add(q1).multiply(BigDecimal.ONE.add(q2));
        BigDecimal sum = PreciseSupport.guardedSum(mc, w -> {
            BigDecimal r = BigDecimalMath.sqrt(rSquared(q1, q2, c), w);
            return new BigDecimal[] {
                    c.multiply(BigDecimalMath.atan2(r, c.negate(), w), w),
                    q1.multiply(q2).multiply(r, w).divide(p, w),
                    c.multiply(c).divide(p.multiply(r, w), w)};
        });
        return sum.divide(PreciseSupport.twoPi(PreciseSupport.widen(mc, 5)), mc);
    }

    @Override
    public BigDecimal derivativeDual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        BigDecimal sum = PreciseSupport.guardedSum(mc, w -> {
            BigDecimal r2 = rSquared(q1, q2, c);
            BigDecimal r = BigDecimalMath.sqrt(r2, w);
            BigDecimal cOverR = c.divide(r, w);
            return new BigDecimal[] {
                    BigDecimalMath.atan2(r, c.negate(), w),
                    cOverR.divide(BigDecimal.ONE.add(q1), w),
                    cOverR.divide(BigDecimal.ONE.add(q2), w),
                    cOverR.divide(r2, w)};
        });
        return sum.divide(PreciseSupport.twoPi(PreciseSupport.widen(mc, 5)), mc);
    }
}
