package org.ntk4j.kernel;

import java.util.concurrent.atomic.AtomicLong;
import org.ntk4j.activation.Activation;

/**
 * A test activation that hides a closed form behind {@code hasClosedFormDual() == false}, as a quadrature
 * activation would, and counts its dual evaluations: the Gram path must then interpolate, and its result can be
 * checked against the closed form's own (independent) row kernels.
 */
final class SlowDual implements Activation {

    private final Activation inner;
    private final boolean precise;
    final AtomicLong evaluations = new AtomicLong();

    SlowDual(Activation inner) {
        this(inner, false);
    }

    /** With {@code precise}, the duals are the 25-digit {@link org.ntk4j.activation.PreciseDual} ones, rounded. */
    SlowDual(Activation inner, boolean precise) {
        this.inner = inner;
        this.precise = precise;
    }

    private static final java.math.MathContext MC = new java.math.MathContext(25);

    static double preciseDual(Activation phi, double q1, double q2, double c, boolean derivative) {
        org.ntk4j.activation.PreciseDual p = phi.preciseDual().orElseThrow();
        java.math.BigDecimal a = new java.math.BigDecimal(q1);
        java.math.BigDecimal b = new java.math.BigDecimal(q2);
        java.math.BigDecimal x = new java.math.BigDecimal(c);
        return (derivative ? p.derivativeDual(a, b, x, MC) : p.dual(a, b, x, MC)).doubleValue();
    }

    @Override
    public String spec() {
        return "slow(" + inner.spec() + ")";
    }

    @Override
    public double value(double x) {
        return inner.value(x);
    }

    @Override
    public double derivative(double x) {
        return inner.derivative(x);
    }

    @Override
    public double dual(double q1, double q2, double c) {
        evaluations.incrementAndGet();
        return precise ? preciseDual(inner, q1, q2, c, false) : inner.dual(q1, q2, c);
    }

    @Override
    public double derivativeDual(double q1, double q2, double c) {
        return precise ? preciseDual(inner, q1, q2, c, true) : inner.derivativeDual(q1, q2, c);
    }
}
