package org.ntk4j.activation;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;

/**
 * φ(x) = max(0, x). Its duals are the degree-1 and degree-0 arc-cosine kernels (Cho &amp; Saul 2009):
 * Σ' = (s sin θ + (π − θ) c) / (2π), Σ̇ = (π − θ) / (2π), with s = √(q1 q2) and cos θ = c / s.
 */
public record Relu() implements ClosedFormActivation {

    private static final double INV_TWO_PI = 1.0 / (2.0 * Math.PI);

    @Override
    public String spec() {
        return "relu";
    }

    @Override
    public double value(double x) {
        return x > 0 ? x : 0.0;
    }

    @Override
    public double derivative(double x) {
        return x > 0 ? 1.0 : 0.0;
    }

    @Override
    public double dual(double q1, double q2, double c) {
        double s = GaussianPair.scale(q1, q2);
        double root = GaussianPair.sinePart(s, c);
        double theta = GaussianPair.angle(root, c);
        return (root + (Math.PI - theta) * c) * INV_TWO_PI;
    }

    @Override
    public double derivativeDual(double q1, double q2, double c) {
        double s = GaussianPair.scale(q1, q2);
        double theta = GaussianPair.angle(GaussianPair.sinePart(s, c), c);
        return (Math.PI - theta) * INV_TWO_PI;
    }

    /** Both duals along a row by the shared fast kernels ({@link RowKernels}, SIMD when available). */
    @Override
    public void dualRow(double q1, double[] q2, double[] c, double[] dual, double[] derivativeDual, int from, int to) {
        RowKernels.INSTANCE.relu(q1, q2, c, dual, derivativeDual, from, to);
    }

    /** Fused with the dense layers after it: {@link RowKernels#reluDense}. */
    @Override
    public Optional<DualStack> dualStack(double[][] q2, double[] weightVariances, double[] biasVariances) {
        return DualStack.of(DualStack.Kernel.RELU, q2, weightVariances, biasVariances);
    }

    /** Relu is abrelu(0, 1); its precise form guards the cancellation of s sin θ against (π − θ) c near ρ = −1. */
    @Override
    public BigDecimal dual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        return AbRelu.preciseDual(0.0, 1.0, q1, q2, c, mc);
    }

    @Override
    public BigDecimal derivativeDual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        return AbRelu.preciseDerivativeDual(0.0, 1.0, q1, q2, c, mc);
    }
}
