package org.ntk4j.activation;

/**
 * The logistic function φ(x) = 1/(1 + e^{−x}), φ' = φ(1 − φ). Duals by {@link QuadratureDual}: analytic in
 * |Im x| &lt; π (poles at ±iπ), within e^{−40} of 0 or 1 beyond |x| = 40.
 */
public record Sigmoid() implements QuadratureActivation {

    private static final Shape SHAPE = new Shape(new double[0], new double[] {0.0}, Math.PI, 40.0);

    @Override
    public String spec() {
        return "sigmoid";
    }

    @Override
    public double value(double x) {
        return Logistic.sigmoid(x);
    }

    @Override
    public double derivative(double x) {
        return Logistic.sigmoidDerivative(x);
    }

    @Override
    public void evaluate(double[] x, int from, int to, double[] value, double[] derivative) {
        for (int i = from; i < to; i++) {
            double xi = x[i];
            double e = Math.exp(-Math.abs(xi));
            double d = 1.0 + e;
            value[i] = xi >= 0 ? 1.0 / d : e / d;
            derivative[i] = e / (d * d);
        }
    }

    @Override
    public Shape shape() {
        return SHAPE;
    }
}
