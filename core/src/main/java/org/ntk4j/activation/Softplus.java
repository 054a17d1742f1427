package org.ntk4j.activation;

/**
 * φ(x) = log(1 + e^{x}), computed as max(x, 0) + log1p(e^{−|x|}) (no overflow, full relative precision for
 * x ≪ 0); φ' = σ(x), the logistic function. Duals by {@link QuadratureDual}: branch points at ±iπ, and within
 * e^{−40} of max(x, 0) beyond |x| = 40.
 */
public record Softplus() implements QuadratureActivation {

    private static final Shape SHAPE = new Shape(new double[0], new double[] {0.0}, Math.PI, 40.0);

    @Override
    public String spec() {
        return "softplus";
    }

    @Override
    public double value(double x) {
        return Logistic.softplus(x);
    }

    @Override
    public double derivative(double x) {
        return Logistic.sigmoid(x);
    }

    @Override
    public void evaluate(double[] x, int from, int to, double[] value, double[] derivative) {
        for (int i = from; i < to; i++) {
            double xi = x[i];
            double e = Math.exp(-Math.abs(xi));
            value[i] = Math.max(xi, 0.0) + Math.log1p(e);
            derivative[i] = xi >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
        }
    }

    @Override
    public Shape shape() {
        return SHAPE;
    }
}
