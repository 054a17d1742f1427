package org.ntk4j.activation;

import ch.obermuhlner.math.big.BigDecimalMath;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * φ(x) = sign(x) (sign(0) = 0): Σ' = (2/π) asin ρ = (2/π) atan2(c, s sin θ) (accurate near ρ = 0 and ρ = ±1), and
 * Σ̇ = 0: the a.e. derivative, as neural-tangents' Sign, which zeroes the NTK. When q1 = 0 or q2 = 0 that variable is
 * identically 0, so Σ' = 0.
 */
public record Sign() implements ClosedFormActivation {

    private static final double TWO_OVER_PI = 2.0 / Math.PI;

    @Override
    public String spec() {
        return "sign";
    }

    @Override
    public double value(double x) {
        return Math.signum(x);
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
        return TWO_OVER_PI * Math.atan2(c, root);
    }

    @Override
    public double derivativeDual(double q1, double q2, double c) {
        return 0.0;
    }

    @Override
    public Parity parity() {
        return Parity.ODD;
    }

    @Override
    public BigDecimal dual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        if (q1.signum() == 0 || q2.signum() == 0 || c.signum() == 0) {
            return BigDecimal.ZERO;
        }
        MathContext w = PreciseSupport.widen(mc, 5);
        BigDecimal root = PreciseSupport.sinePart(q1, q2, c, w);
        BigDecimal half = root.signum() == 0
                ? BigDecimalMath.pi(w).divide(PreciseSupport.TWO, w).multiply(BigDecimal.valueOf(c.signum()))
                : BigDecimalMath.atan2(c, root, w);
        return half.multiply(PreciseSupport.TWO).divide(BigDecimalMath.pi(w), mc);
    }

    @Override
    public BigDecimal derivativeDual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        return BigDecimal.ZERO;
    }
}
