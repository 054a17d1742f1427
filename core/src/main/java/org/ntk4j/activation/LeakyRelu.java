package org.ntk4j.activation;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;

/**
 * φ(x) = x for x &gt; 0 and αx otherwise, i.e. {@link AbRelu abrelu(α, 1)}:
 * Σ' = [(1 − α)² s sin θ + c((1 + α²)(π − θ) + 2αθ)] / (2π), Σ̇ = [(1 + α²)(π − θ) + 2αθ] / (2π).
 */
public record LeakyRelu(double alpha) implements ClosedFormActivation {

    @Override
    public String spec() {
        return SpecFormat.of("leaky_relu", alpha);
    }

    @Override
    public double value(double x) {
        return x > 0 ? x : alpha * x;
    }

    @Override
    public double derivative(double x) {
        return x > 0 ? 1.0 : alpha;
    }

    @Override
    public double dual(double q1, double q2, double c) {
        return AbRelu.dual(alpha, 1.0, q1, q2, c);
    }

    @Override
    public double derivativeDual(double q1, double q2, double c) {
        return AbRelu.derivativeDual(alpha, 1.0, q1, q2, c);
    }

    @Override
    public void dualRow(double q1, double[] q2, double[] c, double[] dual, double[] derivativeDual, int from, int to) {
        AbRelu.dualRow(alpha, 1.0, q1, q2, c, dual, derivativeDual, from, to);
    }

    /** Fused with the dense layers after it, as {@link AbRelu}. */
    @Override
    public Optional<DualStack> dualStack(double[][] q2, double[] weightVariances, double[] biasVariances) {
        return AbRelu.dualStack(alpha, 1.0, q2, weightVariances, biasVariances);
    }

    @Override
    public Parity parity() {
        return AbRelu.parity(alpha, 1.0);
    }

    @Override
    public BigDecimal dual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        return AbRelu.preciseDual(alpha, 1.0, q1, q2, c, mc);
    }

    @Override
    public BigDecimal derivativeDual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        return AbRelu.preciseDerivativeDual(alpha, 1.0, q1, q2, c, mc);
    }
}
