package org.ntk4j.activation;

import ch.obermuhlner.math.big.BigDecimalMath;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;

/**
 * φ(x) = erf(x) (Williams 1997): with R = √((1 + 2q1)(1 + 2q2) − 4c²),
 * Σ' = (2/π) asin(2c / √((1 + 2q1)(1 + 2q2))) = (2/π) atan2(2c, R) and Σ̇ = 4 / (π R).
 * R is formed as hypot(√(1 + 2q1 + 2q2), 2√(q1 q2 − c²)), which neither cancels near ρ = ±1 nor overflows.
 */
public record Erf() implements ClosedFormActivation {

    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);

    @Override
    public String spec() {
        return "erf";
    }

    @Override
    public double value(double x) {
        return org.hipparchus.special.Erf.erf(x);
    }

    @Override
    public double derivative(double x) {
        return TWO_OVER_SQRT_PI * Math.exp(-x * x);
    }

    private static double r(double q1, double q2, double c) {
        double root = GaussianPair.sinePart(GaussianPair.scale(q1, q2), c);
        return Math.hypot(Math.sqrt(1.0 + 2.0 * q1 + 2.0 * q2), 2.0 * root);
    }

    @Override
    public double dual(double q1, double q2, double c) {
        return 2.0 / Math.PI * Math.atan2(2.0 * c, r(q1, q2, c));
    }

    @Override
    public double derivativeDual(double q1, double q2, double c) {
        return 4.0 / (Math.PI * r(q1, q2, c));
    }

    /** Both duals along a row by the shared fast kernels ({@link RowKernels}, SIMD when available). */
    @Override
    public void dualRow(double q1, double[] q2, double[] c, double[] dual, double[] derivativeDual, int from, int to) {
        RowKernels.INSTANCE.erf(q1, q2, c, dual, derivativeDual, from, to);
    }

    /** Fused with the dense layers after it: {@link RowKernels#erfDense}. */
    @Override
    public Optional<DualStack> dualStack(double[][] q2, double[] weightVariances, double[] biasVariances) {
        return DualStack.of(DualStack.Kernel.ERF, q2, weightVariances, biasVariances);
    }

    @Override
    public Parity parity() {
        return Parity.ODD;
    }

    /**
     * R = √(1 + 2q1 + 2q2 + 4(q1 q2 − c²)) with the radicand formed exactly (unrounded BigDecimal sums and
     * products of the inputs' digits): rounded to the working precision, 1 + 2q would lose its 1 for q beyond
     * 10^precision and R² would cancel to 0 at c² = q1 q2. A covariance beyond √(q1 q2) (|ρ| &gt; 1 by rounding)
     * counts as |ρ| = 1, as in the double kernels.
     */
    private static BigDecimal preciseR(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        BigDecimal sine2 = q1.multiply(q2).subtract(c.multiply(c)).max(BigDecimal.ZERO);
        BigDecimal r2 = BigDecimal.ONE.add(BigDecimal.valueOf(2).multiply(q1.add(q2)))
                .add(BigDecimal.valueOf(4).multiply(sine2));
        return BigDecimalMath.sqrt(r2, mc);
    }

    @Override
    public BigDecimal dual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        BigDecimal angle = BigDecimalMath.atan2(c.multiply(BigDecimal.valueOf(2)), preciseR(q1, q2, c, mc), mc);
        return angle.multiply(BigDecimal.valueOf(2)).divide(BigDecimalMath.pi(mc), mc);
    }

    @Override
    public BigDecimal derivativeDual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        return BigDecimal.valueOf(4).divide(BigDecimalMath.pi(mc).multiply(preciseR(q1, q2, c, mc), mc), mc);
    }
}
