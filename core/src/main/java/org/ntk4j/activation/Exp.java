package org.ntk4j.activation;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * φ(x) = e^x (neural-tangents' Exp(a = 1, b = 1)): Σ' = Σ̇ = E[e^{u + v}] = e^{(q1 + q2)/2 + c}, which overflows to
 * +∞ only where the true value exceeds the double range.
 */
public record Exp() implements ClosedFormActivation {

    @Override
    public String spec() {
        return "exp";
    }

    @Override
    public double value(double x) {
        return Math.exp(x);
    }

    @Override
    public double derivative(double x) {
        return Math.exp(x);
    }

    @Override
    public double dual(double q1, double q2, double c) {
        return Math.exp(0.5 * q1 + 0.5 * q2 + c);
    }

    @Override
    public double derivativeDual(double q1, double q2, double c) {
        return dual(q1, q2, c);
    }

    @Override
    public void dualRow(double q1, double[] q2, double[] c, double[] dual, double[] derivativeDual, int from, int to) {
        for (int j = from; j < to; j++) {
            double e = Math.exp(0.5 * q1 + 0.5 * q2[j] + c[j]);
            derivativeDual[j] = e;
            dual[j] = e;
        }
    }

    @Override
    public BigDecimal dual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        return PreciseSupport.exp(q1.add(q2).divide(PreciseSupport.TWO).add(c), PreciseSupport.widen(mc, 5)).round(mc);
    }

    @Override
    public BigDecimal derivativeDual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        return dual(q1, q2, c, mc);
    }
}
