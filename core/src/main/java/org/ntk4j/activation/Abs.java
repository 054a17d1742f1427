package org.ntk4j.activation;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;

/**
 * φ(x) = |x|, i.e. {@link AbRelu abrelu(−1, 1)}: Σ' = [2 s sin θ + c(π − 2θ)] / π, Σ̇ = (π − 2θ)/π = (2/π) asin ρ
 * (φ' = sign, so Σ̇ is the sign activation's Σ').
 */
public record Abs() implements ClosedFormActivation {

    @Override
    public String spec() {
        return "abs";
    }

    @Override
    public double value(double x) {
        return Math.abs(x);
    }

    @Override
    public double derivative(double x) {
        return x > 0 ? 1.0 : -1.0;
    }

    @Override
    public double dual(double q1, double q2, double c) {
        return AbRelu.dual(-1.0, 1.0, q1, q2, c);
    }

    @Override
    public double derivativeDual(double q1, double q2, double c) {
        return AbRelu.derivativeDual(-1.0, 1.0, q1, q2, c);
    }

    @Override
    public void dualRow(double q1, double[] q2, double[] c, double[] dual, double[] derivativeDual, int from, int to) {
        AbRelu.dualRow(-1.0, 1.0, q1, q2, c, dual, derivativeDual, from, to);
    }

    /** Fused with the dense layers after it, as {@link AbRelu}. */
    @Override
    public Optional<DualStack> dualStack(double[][] q2, double[] weightVariances, double[] biasVariances) {
        return AbRelu.dualStack(-1.0, 1.0, q2, weightVariances, biasVariances);
    }

    @Override
    public Parity parity() {
        return Parity.EVEN;
    }

    @Override
    public BigDecimal dual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        return AbRelu.preciseDual(-1.0, 1.0, q1, q2, c, mc);
    }

    @Override
    public BigDecimal derivativeDual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        return AbRelu.preciseDerivativeDual(-1.0, 1.0, q1, q2, c, mc);
    }
}
