package org.ntk4j.activation;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * φ(x) = He_n(x)/√(n!), the normalised probabilists' Hermite polynomial (neural-tangents' Hermite(n)). With the
 * scaling formula He_n(γz) = Σ_i γ^{n−2i} (γ² − 1)^i n!/((n − 2i)! i! 2^i) He_{n−2i}(z) and
 * E[He_a(z1) He_b(z2)] = δ_ab a! ρ^a, for any variances
 * Σ' = Σ_i n! / ((n − 2i)! i!² 4^i) · c^{n−2i} ((q1 − 1)(q2 − 1))^i, which is ρ^n at q1 = q2 = 1 (neural-tangents
 * states its formula only there), and since He_n' = n He_{n−1}, Σ̇ = n·Σ'_{n−1} (0 for n = 0). Away from q = 1
 * the terms can have both signs, so large n at q far from 1 cancels (the precise dual guards against that).
 */
public record Hermite(int degree) implements ClosedFormActivation {

    public Hermite {
        Activations.integerParameter("hermite", degree, 0);
    }

    @Override
    public String spec() {
        return "hermite(" + degree + ")";
    }

    /** He_n(x)/√(n!) by the three-term recurrence He_{k+1} = x He_k − k He_{k−1}, normalised as it goes. */
    static double normalised(int n, double x) {
        double previous = 0.0;
        double current = 1.0;
        for (int k = 0; k < n; k++) {
            double next = (x * current - Math.sqrt(k) * previous) / Math.sqrt(k + 1.0);
            previous = current;
            current = next;
        }
        return current;
    }

    @Override
    public double value(double x) {
        return normalised(degree, x);
    }

    @Override
    public double derivative(double x) {
        return degree == 0 ? 0.0 : Math.sqrt(degree) * normalised(degree - 1, x);
    }

    @Override
    public double dual(double q1, double q2, double c) {
        return Wick.sum(degree, c, q1 - 1.0, q2 - 1.0, 0, 1.0);
    }

    @Override
    public double derivativeDual(double q1, double q2, double c) {
        return degree == 0 ? 0.0 : Wick.sum(degree - 1, c, q1 - 1.0, q2 - 1.0, 0, degree);
    }

    @Override
    public Parity parity() {
        return degree % 2 == 0 ? Parity.EVEN : Parity.ODD;
    }

    @Override
    public BigDecimal dual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        return Wick.preciseSum(degree, c, q1.subtract(BigDecimal.ONE), q2.subtract(BigDecimal.ONE), 0,
                BigDecimal.ONE, mc);
    }

    @Override
    public BigDecimal derivativeDual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        if (degree == 0) {
            return BigDecimal.ZERO;
        }
        return Wick.preciseSum(degree - 1, c, q1.subtract(BigDecimal.ONE), q2.subtract(BigDecimal.ONE), 0,
                BigDecimal.valueOf(degree), mc);
    }
}
