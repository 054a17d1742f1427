package org.ntk4j.activation;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * φ(x) = 1[x &gt; 0], the Heaviside step (the degree-0 arc-cosine kernel): Σ' = P(u &gt; 0, v &gt; 0) = (π − θ)/(2π),
 * and Σ̇ = 0 (the a.e. derivative, as in neural-tangents). When q1 = 0 or q2 = 0 that variable is identically 0 and
 * φ(0) = 0, so Σ' = 0.
 */
public record Step() implements ClosedFormActivation {

    private static final double INV_TWO_PI = 1.0 / (2.0 * Math.PI);

    @Override
    public String spec() {
        return "step";
    }

    @Override
    public double value(double x) {
        return x > 0 ? 1.0 : 0.0;
    }

    @Override
    public double derivative(double x) {
        return 0.0;
    }

    @Override
    public double dual(double q1, double q2, double c) {
        if (q1 == 0 || q2 == 0) {
            return 0.0;
        }
        double root = GaussianPair.sinePart(GaussianPair.scale(q1, q2), c);
        return Math.atan2(root, -c) * INV_TWO_PI;
    }

    @Override
    public double derivativeDual(double q1, double q2, double c) {
        return 0.0;
    }

    @Override
    public BigDecimal dual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        if (q1.signum() == 0 || q2.signum() == 0) {
            return BigDecimal.ZERO;
        }
        MathContext w = PreciseSupport.widen(mc, 5);
        BigDecimal root = PreciseSupport.sinePart(q1, q2, c, w);
        return PreciseSupport.piMinusAngle(root, c, w).divide(PreciseSupport.twoPi(w), mc);
    }

    @Override
    public BigDecimal derivativeDual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        return BigDecimal.ZERO;
    }
}
