package org.ntk4j.activation;

/**
 * φ(x) = x·tanh(softplus(x)) (Misra 2019); φ' = tanh(sp) + x·sech²(sp)·σ(x) with sp = softplus(x). With
 * w = e^{x}, tanh(sp) = w(w + 2)/(w(w + 2) + 2), evaluated through e^{−|x|} so that neither it nor
 * 1 − tanh(sp) loses relative precision. Duals by {@link QuadratureDual}: the nearest singularities are at
 * x = ln√2 ± 3πi/4 (|Im x| ≈ 2.36), and φ is within |x|e^{−|x|} of max(x, 0) beyond |x| = 44.
 */
public record Mish() implements QuadratureActivation {

    private static final Shape SHAPE = new Shape(new double[0], new double[] {0.0}, 2.0, 44.0);

    @Override
    public String spec() {
        return "mish";
    }

    @Override
    public double value(double x) {
        double[] v = new double[1];
        double[] d = new double[1];
        evaluate(new double[] {x}, 0, 1, v, d);
        return v[0];
    }

    @Override
    public double derivative(double x) {
        double[] v = new double[1];
        double[] d = new double[1];
        evaluate(new double[] {x}, 0, 1, v, d);
        return d[0];
    }

    @Override
    public void evaluate(double[] x, int from, int to, double[] value, double[] derivative) {
        for (int i = from; i < to; i++) {
            double xi = x[i];
            double e = Math.exp(-Math.abs(xi));
            double t;
            double oneMinusT;
            double s;
            if (xi >= 0) {
                // tanh(sp) = (1 + 2e)/(1 + 2e + 2e²), 1 − tanh(sp) = 2e²/(1 + 2e + 2e²)
                double den = 1.0 + 2.0 * e + 2.0 * e * e;
                t = (1.0 + 2.0 * e) / den;
                oneMinusT = 2.0 * e * e / den;
                s = 1.0 / (1.0 + e);
            } else {
                // tanh(sp) = n/(n + 2) with n = e(e + 2), 1 − tanh(sp) = 2/(n + 2)
                double n = e * (e + 2.0);
                t = n / (n + 2.0);
                oneMinusT = 2.0 / (n + 2.0);
                s = e / (1.0 + e);
            }
            value[i] = xi * t;
            derivative[i] = t + xi * oneMinusT * (1.0 + t) * s;
        }
    }

    @Override
    public Shape shape() {
        return SHAPE;
    }
}
