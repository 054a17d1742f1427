package org.ntk4j.activation;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;

/**
 * φ(x) = a·min(x, 0) + b·max(x, 0), the two-slope ReLU (neural-tangents' ABRelu); abrelu(0, 1) is relu, abrelu(α, 1)
 * leaky relu, abrelu(−1, 1) abs. Since φ(x) = b·relu(x) − a·relu(−x), the duals are combinations of the arc-cosine
 * kernels at c and −c (θ = arccos(c/s), s = √(q1 q2)):
 * <ul>
 *   <li>Σ' = [(a − b)² s sin θ + c((a² + b²)(π − θ) + 2ab θ)] / (2π),</li>
 *   <li>Σ̇ = [(a² + b²)(π − θ) + 2ab θ] / (2π).</li>
 * </ul>
 * π − θ is computed as atan2(s sin θ, −c), so it keeps its digits as θ → π. At q1 = q2 = 0 (so c = 0) the duals
 * take their limit along the diagonal c = q1 = q2: Σ' = 0, Σ̇ = (a² + b²)/2.
 */
public record AbRelu(double a, double b) implements ClosedFormActivation {

    private static final double INV_TWO_PI = 1.0 / (2.0 * Math.PI);

    @Override
    public String spec() {
        return SpecFormat.of("abrelu", a, b);
    }

    @Override
    public double value(double x) {
        return x > 0 ? b * x : a * x;
    }

    @Override
    public double derivative(double x) {
        return x > 0 ? b : a;
    }

    @Override
    public double dual(double q1, double q2, double c) {
        return dual(a, b, q1, q2, c);
    }

    @Override
    public double derivativeDual(double q1, double q2, double c) {
        return derivativeDual(a, b, q1, q2, c);
    }

    static double dual(double a, double b, double q1, double q2, double c) {
        c += 0.0; // −0 → +0, so that q = 0 gives θ = 0 like the diagonal
        double root = GaussianPair.sinePart(GaussianPair.scale(q1, q2), c);
        double theta = Math.atan2(root, c);
        double piMinusTheta = Math.atan2(root, -c);
        double d = a - b;
        return (d * d * root + c * ((a * a + b * b) * piMinusTheta + 2 * a * b * theta)) * INV_TWO_PI;
    }

    static double derivativeDual(double a, double b, double q1, double q2, double c) {
        c += 0.0;
        double root = GaussianPair.sinePart(GaussianPair.scale(q1, q2), c);
        return ((a * a + b * b) * Math.atan2(root, -c) + 2 * a * b * Math.atan2(root, c)) * INV_TWO_PI;
    }

    /**
     * Both duals along a row. For ab ≥ 0 (leaky ReLU with α ≥ 0, slopes of one sign) and a = −b (abs) by the
     * shared fast kernels ({@link RowKernels#abRelu}, SIMD when available: one square root of q1 q2 − c² from an
     * error-free product and one arc tangent give θ, π − θ and asin ρ). Otherwise (ab &lt; 0, a ≠ −b) the two
     * angle terms of Σ̇ cancel where Σ̇ crosses zero, which would amplify the fast arc tangent's 1.5 ulp beyond
     * fdlibm's; those keep {@link Math#atan2}.
     */
    static void dualRow(double a, double b, double q1, double[] q2, double[] c, double[] dual,
                        double[] derivativeDual, int from, int to) {
        if (a * b >= 0 || a == -b) {
            RowKernels.INSTANCE.abRelu(a, b, q1, q2, c, dual, derivativeDual, from, to);
            return;
        }
        double squares = a * a + b * b;
        double cross = 2 * a * b;
        double d2 = (a - b) * (a - b);
        for (int j = from; j < to; j++) {
            double cj = c[j] + 0.0;
            double root = GaussianPair.sinePart(GaussianPair.scale(q1, q2[j]), cj);
            double slope = squares * Math.atan2(root, -cj) + cross * Math.atan2(root, cj);
            derivativeDual[j] = slope * INV_TWO_PI;
            dual[j] = (d2 * root + cj * slope) * INV_TWO_PI;
        }
    }

    @Override
    public void dualRow(double q1, double[] q2, double[] c, double[] dual, double[] derivativeDual, int from, int to) {
        dualRow(a, b, q1, q2, c, dual, derivativeDual, from, to);
    }

    /**
     * Fused with the dense layers after it ({@link RowKernels#abReluDense}) where {@link #dualRow} takes the shared
     * fast kernels (ab ≥ 0 or a = −b); empty otherwise.
     */
    static Optional<DualStack> dualStack(double a, double b, double[][] q2, double[] weightVariances,
                                         double[] biasVariances) {
        if (!(a * b >= 0 || a == -b)) {
            return Optional.empty();
        }
        return DualStack.of(DualStack.Kernel.AB_RELU, a, b, q2, weightVariances, biasVariances);
    }

    @Override
    public Optional<DualStack> dualStack(double[][] q2, double[] weightVariances, double[] biasVariances) {
        return dualStack(a, b, q2, weightVariances, biasVariances);
    }

    static Parity parity(double a, double b) {
        if (a == b) {
            return Parity.ODD;
        }
        return a == -b ? Parity.EVEN : Parity.NEITHER;
    }

    @Override
    public Parity parity() {
        return parity(a, b);
    }

    @Override
    public BigDecimal dual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        return preciseDual(a, b, q1, q2, c, mc);
    }

    @Override
    public BigDecimal derivativeDual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        return preciseDerivativeDual(a, b, q1, q2, c, mc);
    }

    static BigDecimal preciseDual(double a, double b, BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        BigDecimal ba = new BigDecimal(a);
        BigDecimal bb = new BigDecimal(b);
        BigDecimal d2 = ba.subtract(bb).pow(2);
        BigDecimal squares = ba.pow(2).add(bb.pow(2));
        BigDecimal cross = ba.multiply(bb).multiply(PreciseSupport.TWO);
        BigDecimal sum = PreciseSupport.guardedSum(mc, w -> {
            BigDecimal root = PreciseSupport.sinePart(q1, q2, c, w);
            return new BigDecimal[] {
                    d2.multiply(root, w),
                    squares.multiply(c, w).multiply(PreciseSupport.piMinusAngle(root, c, w), w),
                    cross.multiply(c, w).multiply(PreciseSupport.angle(root, c, w), w)};
        });
        return sum.divide(PreciseSupport.twoPi(PreciseSupport.widen(mc, 5)), mc);
    }

    static BigDecimal preciseDerivativeDual(double a, double b, BigDecimal q1, BigDecimal q2, BigDecimal c,
                                            MathContext mc) {
        BigDecimal ba = new BigDecimal(a);
        BigDecimal bb = new BigDecimal(b);
        BigDecimal squares = ba.pow(2).add(bb.pow(2));
        BigDecimal cross = ba.multiply(bb).multiply(PreciseSupport.TWO);
        BigDecimal sum = PreciseSupport.guardedSum(mc, w -> {
            BigDecimal root = PreciseSupport.sinePart(q1, q2, c, w);
            return new BigDecimal[] {
                    squares.multiply(PreciseSupport.piMinusAngle(root, c, w), w),
                    cross.multiply(PreciseSupport.angle(root, c, w), w)};
        });
        return sum.divide(PreciseSupport.twoPi(PreciseSupport.widen(mc, 5)), mc);
    }
}
