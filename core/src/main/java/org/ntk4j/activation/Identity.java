package org.ntk4j.activation;

import java.math.BigDecimal;
import java.math.MathContext;

/** φ(x) = x: Σ' = c, Σ̇ = 1, so a network of identities has the linear kernel. */
public record Identity() implements ClosedFormActivation {

    @Override
    public String spec() {
        return "identity";
    }

    @Override
    public double value(double x) {
        return x;
    }

    @Override
    public double derivative(double x) {
        return 1.0;
    }

    @Override
    public double dual(double q1, double q2, double c) {
        return c;
    }

    @Override
    public double derivativeDual(double q1, double q2, double c) {
        return 1.0;
    }

    @Override
    public Parity parity() {
        return Parity.ODD;
    }

    @Override
    public BigDecimal dual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        return c.round(mc);
    }

    @Override
    public BigDecimal derivativeDual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        return BigDecimal.ONE;
    }
}
