package org.ntk4j.activation;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * φ(x) = x^n for an integer n ≥ 0. By Isserlis' (Wick's) theorem
 * Σ' = E[u^n v^n] = Σ_j n!² / ((n − 2j)! j!² 4^j) · c^{n−2j} (q1 q2)^j, a sum of terms of one sign (that of c^n),
 * and Σ̇ = n² E[u^{n−1} v^{n−1}] (0 for n = 0). Factorials and powers are carried with separate binary exponents
 * ({@link Wick}), so degrees up to 1000 neither overflow nor underflow in between.
 */
public record Monomial(int degree) implements ClosedFormActivation {

    public Monomial {
        Activations.integerParameter("monomial", degree, 0);
    }

    @Override
    public String spec() {
        return "monomial(" + degree + ")";
    }

    @Override
    public double value(double x) {
        return degree == 0 ? 1.0 : Math.pow(x, degree);
    }

    @Override
    public double derivative(double x) {
        return degree == 0 ? 0.0 : degree * (degree == 1 ? 1.0 : Math.pow(x, degree - 1));
    }

    @Override
    public double dual(double q1, double q2, double c) {
        return Wick.sum(degree, c, q1, q2, degree, 1.0);
    }

    @Override
    public double derivativeDual(double q1, double q2, double c) {
        return degree == 0 ? 0.0 : Wick.sum(degree - 1, c, q1, q2, degree - 1, (double) degree * degree);
    }

    @Override
    public Parity parity() {
        return degree % 2 == 0 ? Parity.EVEN : Parity.ODD;
    }

    @Override
    public BigDecimal dual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        return Wick.preciseSum(degree, c, q1, q2, degree, BigDecimal.ONE, mc);
    }

    @Override
    public BigDecimal derivativeDual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        if (degree == 0) {
            return BigDecimal.ZERO;
        }
        return Wick.preciseSum(degree - 1, c, q1, q2, degree - 1, BigDecimal.valueOf((long) degree * degree), mc);
    }
}
