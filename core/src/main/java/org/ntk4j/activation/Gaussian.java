package org.ntk4j.activation;

import ch.obermuhlner.math.big.BigDecimalMath;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * φ(x) = a·e^{b x²} (neural-tangents' Gaussian(a, b)). With K = [[q1, c], [c, q2]] and
 * D = det(I − 2bK) = (1 − 2b q1)(1 − 2b q2) − 4b²c², the Gaussian integrals give
 * <ul>
 *   <li>Σ' = a² E[e^{b(u² + v²)}] = a² / √D,</li>
 *   <li>Σ̇ = 4a²b² E[uv e^{b(u² + v²)}] = 4a²b² c / D^{3/2} (the tilted covariance is K(I − 2bK)^{−1}, whose
 *       off-diagonal entry is c/D).</li>
 * </ul>
 * For b ≤ 0, D = 1 − 2b(q1 + q2) + 4b²(q1 q2 − c²) is a sum of nonnegative terms and √D is formed by hypot. For
 * b &gt; 0 the expectations exist only while I − 2bK is positive definite (2b·λ_max(K) &lt; 1); beyond that they
 * diverge and the rule is: Σ' = +∞ and Σ̇ = ±∞ with the sign of c (+∞ at c = 0); the precise duals throw
 * ArithmeticException.
 */
public record Gaussian(double a, double b) implements ClosedFormActivation {

    @Override
    public String spec() {
        return SpecFormat.of("gaussian", a, b);
    }

    @Override
    public double value(double x) {
        return a * Math.exp(b * x * x);
    }

    @Override
    public double derivative(double x) {
        return 2.0 * a * b * x * Math.exp(b * x * x);
    }

    /** √D, or NaN when I − 2bK is not positive definite (the expectations diverge). */
    private double rootD(double q1, double q2, double c) {
        double root = GaussianPair.sinePart(GaussianPair.scale(q1, q2), c);
        if (b <= 0) {
            double beta = -2.0 * b;
            return Math.hypot(Math.sqrt(1.0 + beta * (q1 + q2)), beta * root);
        }
        double p1 = 1.0 - 2.0 * b * q1;
        double p2 = 1.0 - 2.0 * b * q2;
        double bc = 2.0 * b * c;
        double d = p1 * p2 - bc * bc;
        return p1 > 0 && p2 > 0 && d > 0 ? Math.sqrt(d) : Double.NaN;
    }

    private double dual(double r) {
        if (a == 0) {
            return 0.0;
        }
        return Double.isNaN(r) ? Double.POSITIVE_INFINITY : a / r * a;
    }

    private double derivativeDual(double c, double r) {
        if (a == 0 || b == 0) {
            return 0.0;
        }
        if (Double.isNaN(r)) {
            return c < 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        double twoB = 2.0 * b;
        return a * (c / r * twoB) * (twoB / r) * a / r;
    }

    @Override
    public double dual(double q1, double q2, double c) {
        return dual(rootD(q1, q2, c));
    }

    @Override
    public double derivativeDual(double q1, double q2, double c) {
        return derivativeDual(c, rootD(q1, q2, c));
    }

    @Override
    public void dualRow(double q1, double[] q2, double[] c, double[] dual, double[] derivativeDual, int from, int to) {
        for (int j = from; j < to; j++) {
            double cj = c[j];
            double r = rootD(q1, q2[j], cj);
            derivativeDual[j] = derivativeDual(cj, r);
            dual[j] = dual(r);
        }
    }

    @Override
    public Parity parity() {
        return Parity.EVEN;
    }

    /** D = (1 − 2b q1)(1 − 2b q2) − 4b²c², exact; throws where the expectations diverge. */
    private BigDecimal preciseD(BigDecimal q1, BigDecimal q2, BigDecimal c) {
        BigDecimal twoB = new BigDecimal(2.0 * b);
        BigDecimal p1 = BigDecimal.ONE.subtract(twoB.multiply(q1));
        BigDecimal p2 = BigDecimal.ONE.subtract(twoB.multiply(q2));
        BigDecimal bc = twoB.multiply(c);
        BigDecimal d = p1.multiply(p2).subtract(bc.multiply(bc));
        if (p1.signum() <= 0 || p2.signum() <= 0 || d.signum() <= 0) {
            throw new ArithmeticException(spec() + ": E[exp(b(u² + v²))] diverges at these variances");
        }
        return d;
    }

    @Override
    public BigDecimal dual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        BigDecimal d = preciseD(q1, q2, c);
        MathContext w = PreciseSupport.widen(mc, 5);
        BigDecimal ba = new BigDecimal(a);
        return ba.multiply(ba).divide(BigDecimalMath.sqrt(d, w), mc);
    }

    @Override
    public BigDecimal derivativeDual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        BigDecimal d = preciseD(q1, q2, c);
        MathContext w = PreciseSupport.widen(mc, 5);
        BigDecimal f = new BigDecimal(2.0 * a * b);
        return f.multiply(f).multiply(c).divide(BigDecimalMath.sqrt(d, w).multiply(d, w), mc);
    }
}
