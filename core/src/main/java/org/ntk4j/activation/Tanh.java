package org.ntk4j.activation;

/**
 * φ(x) = tanh(x), φ'(x) = 1 − tanh²(x) = 4e^{−2|x|}/(1 + e^{−2|x|})² (formed from e^{−2|x|}, so φ' keeps its
 * relative precision in the tails). Duals by {@link QuadratureDual}: analytic in |Im x| &lt; π/2 (poles at
 * ±iπ/2), and equal to ±1 to double precision beyond |x| = 20. Odd.
 */
public record Tanh() implements QuadratureActivation {

    private static final Shape SHAPE = new Shape(new double[0], new double[] {0.0}, Math.PI / 2, 20.0);

    @Override
    public String spec() {
        return "tanh";
    }

    @Override
    public double value(double x) {
        return Math.tanh(x);
    }

    @Override
    public double derivative(double x) {
        double e = Math.exp(-2.0 * Math.abs(x));
        double d = 1.0 + e;
        return 4.0 * e / (d * d);
    }

    @Override
    public void evaluate(double[] x, int from, int to, double[] value, double[] derivative) {
        for (int i = from; i < to; i++) {
            double xi = x[i];
            double a = Math.abs(xi);
            double em = Math.expm1(-2.0 * a);
            double e = Math.exp(-2.0 * a);
            double d = 1.0 + e;
            double t = -em / d;
            value[i] = xi < 0 ? -t : t;
            derivative[i] = 4.0 * e / (d * d);
        }
    }

    @Override
    public Shape shape() {
        return SHAPE;
    }

    @Override
    public Parity parity() {
        return Parity.ODD;
    }
}
