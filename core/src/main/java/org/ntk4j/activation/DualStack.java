package org.ntk4j.activation;

import java.util.Optional;

/**
 * A closed-form activation's duals fused with the NTK-parameterised dense layers that follow it, over a stack of
 * L (φ, Dense) pairs: along a row of a Gram matrix, for h = 0, …, L − 1,
 * <pre>
 *   (Σ', Σ̇) = duals of φ at (q1[h], q2[h][j], k[j]),   k[j] ← w_h Σ' + b_h,   t[j] ← k[j] + w_h (t[j] Σ̇),
 * </pre>
 * with k = Σ and t = Θ of the NTK recursion, in place. Each entry takes exactly the operations of
 * {@link Activation#dualRow} followed by that dense pass, so the results are the layer-by-layer route's bit for
 * bit; what is saved is that pass over memory and the range checks (the variances were checked when the stack was
 * made), with the operations that cannot matter for checked variances. A chunk of {@value #CHUNK} columns goes
 * through all L pairs before the next (its arrays stay in the first-level cache; measured, that alone gains
 * nothing over whole rows, so the gain is the kernels', see docs/performance.md).
 *
 * <p>Made by {@link Activation#dualStack} for ReLU, erf, GELU and abrelu(a, b) with ab ≥ 0 or a = −b (leaky ReLU,
 * |x|, the two-slope ReLU expressions): the closed forms whose row kernels are the SIMD ones. The stack keeps
 * the caller's arrays q2[h] (not copied: they must not change while it is used).
 */
public final class DualStack {

    /** Columns that go through all pairs together: k, t and the L slices of q2 stay in the first-level cache. */
    static final int CHUNK = 128;

    enum Kernel {
        RELU, ERF, AB_RELU, GELU
    }

    private final Kernel kernel;
    /** abrelu's slopes (a, b) for {@link Kernel#AB_RELU}. */
    private final double a;
    private final double b;
    private final double[][] q2;
    private final double[] weightVariances;
    private final double[] biasVariances;
    /** For {@link Kernel#GELU}: 1/(1 + q2[h][j]) and q2[h][j]/(1 + q2[h][j]) as {@link RowKernels#gelu} forms them. */
    private final double[][] inverse;
    private final double[][] ratio;
    /** For {@link Kernel#ERF}: q2[h][j]/2 and √(q2[h][j] + 1/2), as {@link RowKernels#erfDense} takes them. */
    private final double[][] half;
    private final double[][] shiftedRoots;

    private DualStack(Kernel kernel, double a, double b, double[][] q2, double[] weightVariances,
                      double[] biasVariances) {
        this.kernel = kernel;
        this.a = a;
        this.b = b;
        this.q2 = q2.clone();
        this.weightVariances = weightVariances.clone();
        this.biasVariances = biasVariances.clone();
        int layers = q2.length;
        inverse = new double[kernel == Kernel.GELU ? layers : 0][];
        ratio = new double[inverse.length][];
        for (int h = 0; h < inverse.length; h++) {
            int n = q2[h].length;
            inverse[h] = new double[n];
            ratio[h] = new double[n];
            for (int j = 0; j < n; j++) {
                inverse[h][j] = 1.0 / (1.0 + q2[h][j]);
                ratio[h][j] = q2[h][j] * inverse[h][j];
            }
        }
        half = new double[kernel == Kernel.ERF ? layers : 0][];
        shiftedRoots = new double[half.length][];
        for (int h = 0; h < half.length; h++) {
            half[h] = new double[q2[h].length];
            shiftedRoots[h] = new double[q2[h].length];
            for (int j = 0; j < half[h].length; j++) {
                half[h][j] = 0.5 * q2[h][j];
                shiftedRoots[h][j] = Math.sqrt(q2[h][j] + 0.5);
            }
        }
    }

    /**
     * The stack, or empty when a column variance q2[h][j] is outside [1e-100, 1e100] (where the row kernels take
     * their conditioned scalar route) or a layer's σ_w², σ_b² is not finite.
     */
    static Optional<DualStack> of(Kernel kernel, double[][] q2, double[] weightVariances, double[] biasVariances) {
        return of(kernel, Double.NaN, Double.NaN, q2, weightVariances, biasVariances);
    }

    /** As {@link #of(Kernel, double[][], double[], double[])} with abrelu's slopes a, b. */
    static Optional<DualStack> of(Kernel kernel, double a, double b, double[][] q2, double[] weightVariances,
                                  double[] biasVariances) {
        int layers = q2.length;
        if (weightVariances.length != layers || biasVariances.length != layers) {
            throw new IllegalArgumentException("a stack of " + layers + " pairs needs " + layers
                    + " weight and bias variances, got " + weightVariances.length + " and " + biasVariances.length);
        }
        for (int h = 0; h < layers; h++) {
            if (!Double.isFinite(weightVariances[h]) || !Double.isFinite(biasVariances[h]) || !accepts(q2[h])) {
                return Optional.empty();
            }
        }
        return Optional.of(new DualStack(kernel, a, b, q2, weightVariances, biasVariances));
    }

    /**
     * Whether every variance of q is within the fused kernels' range [1e-100, 1e100], i.e. whether a pair with
     * these column variances can join a stack.
     */
    public static boolean accepts(double[] q) {
        for (double v : q) {
            if (!RowKernels.Scalar.inRange(v)) {
                return false;
            }
        }
        return true;
    }

    /** L, the number of (φ, Dense) pairs. */
    public int layers() {
        return q2.length;
    }

    /**
     * All L pairs for the columns [from, end) of one row, where end is the last column up to {@code to} that
     * completes a SIMD vector: the caller takes [end, to) layer by layer. Nothing is done (end = from) when a row
     * variance q1[h] is outside [1e-100, 1e100].
     *
     * @param q1 the row input's variance before each pair (length ≥ L)
     * @param k  Σ entering the first pair, overwritten by Σ after the last
     * @param t  Θ likewise
     * @return end
     */
    public int rows(double[] q1, double[] k, double[] t, int from, int to) {
        int layers = q2.length;
        for (int h = 0; h < layers; h++) {
            if (!RowKernels.Scalar.inRange(q1[h])) {
                return from;
            }
        }
        RowKernels kernels = RowKernels.INSTANCE;
        int lanes = kernels.lanes();
        int end = from + (to - from) / lanes * lanes;
        for (int j0 = from; j0 < end; j0 += CHUNK) {
            int j1 = Math.min(end, j0 + CHUNK);
            for (int h = 0; h < layers; h++) {
                switch (kernel) {
                    case RELU -> kernels.reluDense(q1[h], q2[h], weightVariances[h], biasVariances[h], k, t, j0, j1);
                    case ERF -> kernels.erfDense(q1[h], half[h], shiftedRoots[h], weightVariances[h],
                            biasVariances[h], k, t, j0, j1);
                    case AB_RELU -> kernels.abReluDense(a, b, q1[h], q2[h], weightVariances[h], biasVariances[h], k, t,
                            j0, j1);
                    case GELU -> kernels.geluDense(q1[h], q2[h], inverse[h], ratio[h], weightVariances[h],
                            biasVariances[h], k, t, j0, j1);
                }
            }
        }
        return end;
    }
}
