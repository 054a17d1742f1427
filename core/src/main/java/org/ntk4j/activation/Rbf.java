package org.ntk4j.activation;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * φ(x) = √2 sin(√(2γ) x + π/4), neural-tangents' Rbf(γ): its NNGP is the Gaussian (RBF) kernel of the
 * pre-activations. Since 2 sin A sin B = cos(A − B) + sin(a(u + v)) with a = √(2γ) and the odd term has mean 0,
 * Σ' = e^{−γ(q1 + q2 − 2c)} and Σ̇ = 2γ e^{−γ(q1 + q2 − 2c)}. The distance q1 + q2 − 2c = (q1 − c) + (q2 − c) is
 * formed from the two differences (exact on the diagonal) and never taken below (√q1 − √q2)², its value at
 * |c| = √(q1 q2).
 */
public record Rbf(double gamma) implements ClosedFormActivation {

    public Rbf {
        if (!(gamma >= 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("activation 'rbf': gamma must be a finite number >= 0, got " + gamma);
        }
    }

    @Override
    public String spec() {
        return SpecFormat.of("rbf", gamma);
    }

    @Override
    public double value(double x) {
        return Math.sqrt(2.0) * Math.sin(Math.sqrt(2.0 * gamma) * x + 0.25 * Math.PI);
    }

    @Override
    public double derivative(double x) {
        return 2.0 * Math.sqrt(gamma) * Math.cos(Math.sqrt(2.0 * gamma) * x + 0.25 * Math.PI);
    }

    private static double distance(double q1, double q2, double c) {
        double d = (q1 - c) + (q2 - c);
        double gap = Math.sqrt(q1) - Math.sqrt(q2);
        return Math.max(d, gap * gap);
    }

    @Override
    public double dual(double q1, double q2, double c) {
        return Math.exp(-gamma * distance(q1, q2, c));
    }

    @Override
    public double derivativeDual(double q1, double q2, double c) {
        return 2.0 * gamma * dual(q1, q2, c);
    }

    @Override
    public void dualRow(double q1, double[] q2, double[] c, double[] dual, double[] derivativeDual, int from, int to) {
        for (int j = from; j < to; j++) {
            double e = Math.exp(-gamma * distance(q1, q2[j], c[j]));
            derivativeDual[j] = 2.0 * gamma * e;
            dual[j] = e;
        }
    }

    @Override
    public BigDecimal dual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        BigDecimal d = q1.add(q2).subtract(c.multiply(PreciseSupport.TWO));
        if (d.signum() < 0) {
            d = BigDecimal.ZERO;
        }
        MathContext w = PreciseSupport.widen(mc, 5);
        return PreciseSupport.exp(new BigDecimal(gamma).multiply(d).negate(), w).round(mc);
    }

    @Override
    public BigDecimal derivativeDual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        return new BigDecimal(2 * gamma).multiply(dual(q1, q2, c, PreciseSupport.widen(mc, 3)), mc);
    }
}
