package org.ntk4j.activation;

/**
 * SiLU / swish: φ(x) = x σ(x) with σ the logistic function; φ' = σ(x) + x σ'(x). Duals by
 * {@link QuadratureDual}: poles of σ at ±iπ, within |x|e^{−|x|} of max(x, 0) beyond |x| = 44.
 * {@code swish} is registered as an alias of the same function.
 */
public record Silu() implements QuadratureActivation {

    private static final Shape SHAPE = new Shape(new double[0], new double[] {0.0}, Math.PI, 44.0);

    @Override
    public String spec() {
        return "silu";
    }

    @Override
    public double value(double x) {
        return x * Logistic.sigmoid(x);
    }

    @Override
    public double derivative(double x) {
        return Logistic.sigmoid(x) + x * Logistic.sigmoidDerivative(x);
    }

    @Override
    public void evaluate(double[] x, int from, int to, double[] value, double[] derivative) {
        for (int i = from; i < to; i++) {
            double xi = x[i];
            double e = Math.exp(-Math.abs(xi));
            double d = 1.0 + e;
            double s = xi >= 0 ? 1.0 / d : e / d;
            value[i] = xi * s;
            derivative[i] = s + xi * (e / (d * d));
        }
    }

    @Override
    public Shape shape() {
        return SHAPE;
    }
}
