package org.ntk4j.activation;

/**
 * An activation whose duals have no closed form and are computed by {@link QuadratureDual}: nested
 * Gauss–Legendre quadrature on panels split at the kinks of φ and φ' and refined where φ changes fast.
 *
 * <p>Besides φ and φ' an implementation describes where φ is hard to integrate, in units of x ({@link Shape}):
 * its kinks (points where φ or φ' is not analytic, split exactly), and the centres of its smooth transitions
 * together with an analyticity length ℓ (φ is analytic in the strip |Im x| &lt; ℓ around each transition, so
 * Gauss–Legendre panels of half-width ≲ ℓ converge geometrically) and an extent X beyond which φ is, to double
 * precision, a polynomial or exponentially small (tanh: ±1 beyond |x| = 20).
 */
public interface QuadratureActivation extends Activation {

    /**
     * Where φ is not smooth or changes fast, in units of x.
     *
     * @param kinks   points where φ or φ' is not analytic (kinks, jumps, domain edges), sorted
     * @param centres centres of the smooth transitions
     * @param length  ℓ: φ is analytic in |Im x| &lt; ℓ near the centres ({@code +∞} for piecewise polynomials)
     * @param extent  X: beyond |x − centre| &gt; X, φ is a polynomial or negligible to double precision
     */
    record Shape(double[] kinks, double[] centres, double length, double extent) {
    }

    /** The integration shape of φ (a constant: implementations return the same instance every time). */
    Shape shape();

    /**
     * True when φ is piecewise linear and its duals are exact rather than quadrature: the sums of
     * {@link PiecewiseLinear} (bivariate normal orthant moments), or, when {@link #hasClosedFormDual} is also true
     * (an expression that is a two-slope ReLU), {@link AbRelu}'s closed forms; the shape still serves the Mehler
     * series of large Gram matrices.
     */
    default boolean isPiecewiseLinear() {
        return false;
    }

    /**
     * φ and φ' at x[i] for i in [from, to), into {@code value[i]} and {@code derivative[i]}. Implementations
     * share the work between the two (tanh' = 1 − tanh²).
     */
    default void evaluate(double[] x, int from, int to, double[] value, double[] derivative) {
        for (int i = from; i < to; i++) {
            value[i] = value(x[i]);
            derivative[i] = derivative(x[i]);
        }
    }

    @Override
    default double dual(double q1, double q2, double c) {
        return QuadratureDual.dual(this, q1, q2, c);
    }

    @Override
    default double derivativeDual(double q1, double q2, double c) {
        return QuadratureDual.derivativeDual(this, q1, q2, c);
    }

    @Override
    default void dualRow(double q1, double[] q2, double[] c, double[] dual, double[] derivativeDual, int from, int to) {
        QuadratureDual.row(this, q1, q2, c, dual, derivativeDual, from, to);
    }
}
