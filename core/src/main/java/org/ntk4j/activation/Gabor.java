package org.ntk4j.activation;

import ch.obermuhlner.math.big.BigDecimalMath;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * φ(x) = e^{−x²} sin x (neural-tangents' Gabor). The factor e^{−u²−v²} tilts N(0, K) into D^{−1/2}·N(0, K') with
 * D = det(I + 2K) = (1 + 2q1)(1 + 2q2) − 4c² and K' = K(I + 2K)^{−1}, i.e. q1' = (q1 + 2(q1q2 − c²))/D,
 * q2' = (q2 + 2(q1q2 − c²))/D, c' = c/D; then the sine dual applies:
 * <ul>
 *   <li>Σ' = D^{−1/2} e^{−(q1' + q2')/2} sinh c',</li>
 *   <li>Σ̇ = ∂Σ'/∂c = D^{−1/2} e^{−(q1' + q2')/2} [4c' sinh c' (1 + (1 + q1 + q2)/D) + cosh c' (1/D + 8c'²)],</li>
 * </ul>
 * all terms nonnegative (c' and sinh c' share a sign). √D = hypot(√(1 + 2q1 + 2q2), 2√(q1q2 − c²)) never cancels
 * nor overflows.
 */
public record Gabor() implements ClosedFormActivation {

    @Override
    public String spec() {
        return "gabor";
    }

    @Override
    public double value(double x) {
        return Math.exp(-x * x) * Math.sin(x);
    }

    @Override
    public double derivative(double x) {
        return Math.exp(-x * x) * (Math.cos(x) - 2.0 * x * Math.sin(x));
    }

    @Override
    public double dual(double q1, double q2, double c) {
        double root = GaussianPair.sinePart(GaussianPair.scale(q1, q2), c);
        double r = Math.hypot(Math.sqrt(1.0 + 2.0 * q1 + 2.0 * q2), 2.0 * root);
        double rr = root / r;
        double sum = q1 / r / r + q2 / r / r + 4.0 * rr * rr;
        double cp = c / r / r;
        return Math.exp(-0.5 * sum) / r * Math.sinh(cp);
    }

    @Override
    public double derivativeDual(double q1, double q2, double c) {
        double root = GaussianPair.sinePart(GaussianPair.scale(q1, q2), c);
        double r = Math.hypot(Math.sqrt(1.0 + 2.0 * q1 + 2.0 * q2), 2.0 * root);
        double rr = root / r;
        double sum = q1 / r / r + q2 / r / r + 4.0 * rr * rr;
        double cp = c / r / r;
        double inverseD = 1.0 / r / r;
        double bracket = 4.0 * cp * Math.sinh(cp) * (1.0 + (1.0 + q1 + q2) / r / r)
                + Math.cosh(cp) * (inverseD + 8.0 * cp * cp);
        return Math.exp(-0.5 * sum) / r * bracket;
    }

    @Override
    public Parity parity() {
        return Parity.ODD;
    }

    private static BigDecimal[] tilted(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext w) {
        BigDecimal two = PreciseSupport.TWO;
        BigDecimal root2 = PreciseSupport.sinePartSquared(q1, q2, c);
        BigDecimal d = BigDecimal.ONE.add(two.multiply(q1)).add(two.multiply(q2)).add(root2.multiply(BigDecimal.valueOf(4)));
        BigDecimal sum = q1.add(q2).add(root2.multiply(BigDecimal.valueOf(4))).divide(d, w);
        BigDecimal front = PreciseSupport.exp(sum.divide(two).negate(), w).divide(BigDecimalMath.sqrt(d, w), w);
        return new BigDecimal[] {d, front, c.divide(d, w)};
    }

    @Override
    public BigDecimal dual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        MathContext w = PreciseSupport.widen(mc, 10);
        BigDecimal[] t = tilted(q1, q2, c, w);
        return t[1].multiply(BigDecimalMath.sinh(t[2], w), mc);
    }

    @Override
    public BigDecimal derivativeDual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        MathContext w = PreciseSupport.widen(mc, 10);
        BigDecimal[] t = tilted(q1, q2, c, w);
        BigDecimal d = t[0];
        BigDecimal cp = t[2];
        BigDecimal growth = BigDecimal.ONE.add(BigDecimal.ONE.add(q1).add(q2).divide(d, w));
        BigDecimal first = BigDecimal.valueOf(4).multiply(cp).multiply(BigDecimalMath.sinh(cp, w), w).multiply(growth, w);
        BigDecimal second = BigDecimalMath.cosh(cp, w)
                .multiply(BigDecimal.ONE.divide(d, w).add(BigDecimal.valueOf(8).multiply(cp.multiply(cp, w)), w), w);
        return t[1].multiply(first.add(second, w), mc);
    }
}
