package org.ntk4j.activation;

/**
 * φ(x) = x for x &gt; 0 and α(e^{x} − 1) otherwise (α(e^x − 1) as α·expm1(x)); φ' = 1 for x ≥ 0 (the right
 * derivative at the kink) and αe^{x} for x &lt; 0, which jumps at 0 unless α = 1. Duals by
 * {@link QuadratureDual}, split at 0; the pieces are entire and within αe^{−40} of −α below x = −40.
 */
public record Elu(double alpha) implements QuadratureActivation {

    private static final Shape SHAPE = new Shape(new double[] {0.0}, new double[] {0.0}, 2.0, 40.0);

    public Elu {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("activation 'elu': alpha must be finite, got " + alpha);
        }
    }

    @Override
    public String spec() {
        return "elu(" + (alpha == Math.rint(alpha) && Math.abs(alpha) < 1e15 ? Long.toString((long) alpha)
                : Double.toString(alpha)) + ")";
    }

    @Override
    public double value(double x) {
        return x > 0 ? x : alpha * Math.expm1(x);
    }

    @Override
    public double derivative(double x) {
        return x >= 0 ? 1.0 : alpha * Math.exp(x);
    }

    @Override
    public Shape shape() {
        return SHAPE;
    }
}
