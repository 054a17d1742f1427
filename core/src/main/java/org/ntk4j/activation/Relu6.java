package org.ntk4j.activation;

/**
 * φ(x) = min(max(0, x), 6), φ' = 1 on [0, 6) and 0 elsewhere (right derivatives at the kinks 0 and 6). The
 * pieces are polynomials, so {@link QuadratureDual} splits at 0 and 6 and needs no other refinement.
 */
public record Relu6() implements QuadratureActivation {

    private static final Shape SHAPE = new Shape(new double[] {0.0, 6.0}, new double[0],
            Double.POSITIVE_INFINITY, 0.0);

    @Override
    public String spec() {
        return "relu6";
    }

    @Override
    public double value(double x) {
        return x <= 0 ? 0.0 : Math.min(x, 6.0);
    }

    @Override
    public double derivative(double x) {
        return x >= 0 && x < 6 ? 1.0 : 0.0;
    }

    @Override
    public Shape shape() {
        return SHAPE;
    }
}
