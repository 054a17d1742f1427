package org.ntk4j.activation;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * φ(x) = sin x: Σ' = e^{−(q1+q2)/2} sinh c, Σ̇ = E[cos u cos v] = e^{−(q1+q2)/2} cosh c. Evaluated as
 * e^{|c| − (q1+q2)/2}·(1 ∓ e^{−2|c|})/2 with expm1, so it neither overflows (|c| ≤ (q1+q2)/2) nor cancels at small c.
 */
public record Sin() implements ClosedFormActivation {

    @Override
    public String spec() {
        return "sin";
    }

    @Override
    public double value(double x) {
        return Math.sin(x);
    }

    @Override
    public double derivative(double x) {
        return Math.cos(x);
    }

    /** e^{−(q1+q2)/2} sinh c. */
    static double sinhPart(double q1, double q2, double c) {
        double a = Math.abs(c);
        double v = Math.exp(a - (0.5 * q1 + 0.5 * q2)) * (-0.5 * Math.expm1(-2.0 * a));
        return c < 0 ? -v : v;
    }

    /** e^{−(q1+q2)/2} cosh c. */
    static double coshPart(double q1, double q2, double c) {
        double a = Math.abs(c);
        return Math.exp(a - (0.5 * q1 + 0.5 * q2)) * 0.5 * (1.0 + Math.exp(-2.0 * a));
    }

    @Override
    public double dual(double q1, double q2, double c) {
        return sinhPart(q1, q2, c);
    }

    @Override
    public double derivativeDual(double q1, double q2, double c) {
        return coshPart(q1, q2, c);
    }

    @Override
    public Parity parity() {
        return Parity.ODD;
    }

    /** e^{−(q1+q2)/2} (e^c ∓ e^{−c})/2 in arbitrary precision (sign −1 for sinh, +1 for cosh). */
    static BigDecimal precisePart(BigDecimal q1, BigDecimal q2, BigDecimal c, int sign, MathContext mc) {
        MathContext w = PreciseSupport.widen(mc, 10);
        BigDecimal half = q1.add(q2).divide(PreciseSupport.TWO);
        BigDecimal a = c.abs();
        BigDecimal v;
        if (sign < 0 && a.compareTo(BigDecimal.ONE) <= 0) {
            // 1 − e^{−2|c|} would cancel for small |c|: use sinh directly.
            v = ch.obermuhlner.math.big.BigDecimalMath.sinh(a, w).multiply(PreciseSupport.exp(half.negate(), w), w);
        } else {
            BigDecimal other = PreciseSupport.exp(a.multiply(PreciseSupport.TWO).negate(), w);
            BigDecimal factor = sign < 0 ? BigDecimal.ONE.subtract(other, w) : BigDecimal.ONE.add(other, w);
            v = PreciseSupport.exp(a.subtract(half), w).multiply(factor, w).divide(PreciseSupport.TWO, w);
        }
        return (sign < 0 && c.signum() < 0 ? v.negate() : v).round(mc);
    }

    @Override
    public BigDecimal dual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        return precisePart(q1, q2, c, -1, mc);
    }

    @Override
    public BigDecimal derivativeDual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        return precisePart(q1, q2, c, +1, mc);
    }
}
