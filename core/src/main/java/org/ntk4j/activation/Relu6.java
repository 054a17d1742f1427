package org.ntk4j.activation;

/**
 * φ(x) = min(max(0, x), 6), φ' = 1 on [0, 6) and 0 elsewhere (right derivatives at the kinks 0 and 6). The duals
 * are exact ({@link PiecewiseLinear}: bivariate normal orthant moments at the kinks); the {@link Shape} serves the
 * Mehler series of deep Gram matrices and {@link QuadratureDual}, which splits at 0 and 6 and needs no other
 * refinement (the independent route the tests compare with).
 */
public record Relu6() implements QuadratureActivation {

    private static final Shape SHAPE = new Shape(new double[] {0.0, 6.0}, new double[0],
            Double.POSITIVE_INFINITY, 0.0);
    /** 0 below 0, x on [0, 6), 6 from 6 on. */
    private static final PiecewiseLinear PIECES = new PiecewiseLinear(new double[] {0.0, 6.0},
            new double[] {0.0, 0.0, 6.0}, new double[] {0.0, 1.0, 0.0}, 0.0, 1.0);

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

    @Override
    public boolean isPiecewiseLinear() {
        return true;
    }

    @Override
    public double dual(double q1, double q2, double c) {
        double[] out = new double[2];
        PIECES.duals(this, q1, q2, c, out);
        return out[0];
    }

    @Override
    public double derivativeDual(double q1, double q2, double c) {
        double[] out = new double[2];
        PIECES.duals(this, q1, q2, c, out);
        return out[1];
    }

    @Override
    public void dualRow(double q1, double[] q2, double[] c, double[] dual, double[] derivativeDual, int from, int to) {
        PIECES.row(this, q1, q2, c, dual, derivativeDual, from, to);
    }
}
