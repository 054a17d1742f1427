package org.ntk4j.activation;

import java.math.BigDecimal;
import java.math.MathContext;

/** φ(x) = cos x: Σ' = e^{−(q1+q2)/2} cosh c, Σ̇ = E[sin u sin v] = e^{−(q1+q2)/2} sinh c (see {@link Sin}). */
public record Cos() implements ClosedFormActivation {

    @Override
    public String spec() {
        return "cos";
    }

    @Override
    public double value(double x) {
        return Math.cos(x);
    }

    @Override
    public double derivative(double x) {
        return -Math.sin(x);
    }

    @Override
    public double dual(double q1, double q2, double c) {
        return Sin.coshPart(q1, q2, c);
    }

    @Override
    public double derivativeDual(double q1, double q2, double c) {
        return Sin.sinhPart(q1, q2, c);
    }

    @Override
    public Parity parity() {
        return Parity.EVEN;
    }

    @Override
    public BigDecimal dual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        return Sin.precisePart(q1, q2, c, +1, mc);
    }

    @Override
    public BigDecimal derivativeDual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        return Sin.precisePart(q1, q2, c, -1, mc);
    }
}
