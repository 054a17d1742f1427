package org.ntk4j.activation;

import java.util.Optional;

/**
 * A pointwise nonlinearity φ together with its <em>dual</em>: the Gaussian expectations that carry the
 * NNGP and NTK through one layer of an infinitely wide network.
 *
 * <p>Convention (docs/conventions.md): for a centred Gaussian pair (u, v) with
 * Var u = q1, Var v = q2, Cov(u, v) = c,
 * <ul>
 *   <li>{@link #dual}: Σ' = E[φ(u) φ(v)],</li>
 *   <li>{@link #derivativeDual}: Σ̇ = E[φ'(u) φ'(v)].</li>
 * </ul>
 * Implementations must accept every (q1, q2, c) with q1, q2 ≥ 0, including q1 = q2 = 0, c = ±√(q1 q2) and
 * |c| slightly above √(q1 q2) through rounding (treat it as ±√(q1 q2)); they never return NaN for finite
 * arguments. Where φ' has a jump (step, sign) the a.e. derivative is used, so Σ̇ = 0, as in neural-tangents.
 */
public interface Activation {

    /** The canonical name with parameters, e.g. {@code leaky_relu(0.2)}; {@link Activations#parse} reads it back. */
    String spec();

    /** φ(x). */
    double value(double x);

    /**
     * φ'(x), the almost-everywhere derivative. At a kink either one-sided value may be returned: kinks have
     * probability zero under the Gaussians of the duals and of finite random networks.
     */
    double derivative(double x);

    /** Σ' = E[φ(u) φ(v)] for (u, v) ~ N(0, [[q1, c], [c, q2]]). */
    double dual(double q1, double q2, double c);

    /** Σ̇ = E[φ'(u) φ'(v)] for (u, v) ~ N(0, [[q1, c], [c, q2]]). */
    double derivativeDual(double q1, double q2, double c);

    /**
     * Both duals along a row of a Gram matrix: for j in [from, to), with (u, v) of variances q1 and q2[j] and
     * covariance c[j], writes E[φ(u)φ(v)] to {@code dual[j]} and E[φ'(u)φ'(v)] to {@code derivativeDual[j]}.
     * {@code dual} may be the same array as {@code c} (the update is in place), so implementations read c[j]
     * before writing dual[j]. Closed forms override this to share work between the two expectations.
     */
    default void dualRow(double q1, double[] q2, double[] c, double[] dual, double[] derivativeDual, int from, int to) {
        for (int j = from; j < to; j++) {
            double cj = c[j];
            double qj = q2[j];
            derivativeDual[j] = derivativeDual(q1, qj, cj);
            dual[j] = dual(q1, qj, cj);
        }
    }

    /**
     * Both duals at one point, E[φ(u)φ(v)] to {@code out[0]} and E[φ'(u)φ'(v)] to {@code out[1]}, by one
     * {@link #dualRow} call: activations integrated by quadrature compute the two together, so this costs half of
     * {@link #dual} and {@link #derivativeDual} called one after the other (what interpolant builds need).
     */
    default void duals(double q1, double q2, double c, double[] out) {
        double[] dual = new double[1];
        double[] derivative = new double[1];
        dualRow(q1, new double[] {q2}, new double[] {c}, dual, derivative, 0, 1);
        out[0] = dual[0];
        out[1] = derivative[0];
    }

    /**
     * This activation's duals fused with the NTK-parameterised dense layers after it over L (φ, Dense) pairs, the
     * pair h with column variances q2[h] and σ_w², σ_b² = weightVariances[h], biasVariances[h] (see
     * {@link DualStack}); empty when φ has no fused kernels (all but ReLU, erf, GELU and the abrelu family with
     * ab ≥ 0 or a = −b) or a variance is outside their range. Callers then go layer by layer with
     * {@link #dualRow}, which gives the same results.
     */
    default Optional<DualStack> dualStack(double[][] q2, double[] weightVariances, double[] biasVariances) {
        return Optional.empty();
    }

    /** Whether φ is even, odd or neither; spectra use it to print exact zeros. */
    default Parity parity() {
        return Parity.NEITHER;
    }

    /** True when both duals are exact closed forms (no quadrature error). */
    default boolean hasClosedFormDual() {
        return false;
    }

    /** The arbitrary-precision duals, for activations whose closed forms can be evaluated to any precision. */
    default Optional<PreciseDual> preciseDual() {
        return Optional.empty();
    }

    /** Symmetry of φ under x → −x. */
    enum Parity { EVEN, ODD, NEITHER }
}
