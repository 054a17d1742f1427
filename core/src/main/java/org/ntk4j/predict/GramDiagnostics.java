package org.ntk4j.predict;

/**
 * Spectral diagnostics of a training Gram matrix as it is used, K + R·I (K the NNGP or NTK on the n training
 * inputs, R ≥ 0 the ridge).
 *
 * <ul>
 *   <li>{@link #conditionNumber()} κ = λ_max/λ_min (+∞ when λ_min ≤ 0): kernel regression and the t → ∞
 *       predictions lose about log₁₀ κ of the 16 significant digits of double precision.</li>
 *   <li>{@link #maxLearningRate()} 2n/λ_max: full-batch gradient descent on L = (1/2n) Σᵢ (f(xᵢ) − yᵢ)² in the
 *       linearised (kernel) regime is the iteration r ← (I − η K/n) r on the residual, which converges iff
 *       η λ_max/n &lt; 2 (neural-tangents' {@code max_learning_rate} with y_train.size = n).</li>
 *   <li>{@link #isSingular()}: λ_min ≤ n·ε·λ_max with ε = 2⁻⁵² (the rank tolerance of LAPACK/NumPy's
 *       {@code matrix_rank}): the eigensolver's absolute error is of order n·ε·λ_max, so such a λ_min cannot be told
 *       apart from 0 and the inverse is meaningless.</li>
 * </ul>
 *
 * @param n         the number of training inputs
 * @param ridge     R
 * @param lambdaMax the largest eigenvalue of K + R·I
 * @param lambdaMin the smallest eigenvalue of K + R·I (may be slightly negative through rounding when R = 0)
 */
public record GramDiagnostics(int n, double ridge, double lambdaMax, double lambdaMin) {

    /** Machine epsilon of double precision, 2⁻⁵². */
    public static final double EPSILON = Math.ulp(1.0);

    /** Diagnostics from the eigenvalues (ascending) of K + R·I. */
    public static GramDiagnostics of(double[] ascendingEigenvalues, double ridge) {
        int n = ascendingEigenvalues.length;
        return new GramDiagnostics(n, ridge, ascendingEigenvalues[n - 1], ascendingEigenvalues[0]);
    }

    /** κ = λ_max/λ_min, or +∞ when λ_min ≤ 0. */
    public double conditionNumber() {
        return lambdaMin > 0 ? lambdaMax / lambdaMin : Double.POSITIVE_INFINITY;
    }

    /** 2n/λ_max, the largest stable learning rate of full-batch gradient descent; +∞ when λ_max ≤ 0. */
    public double maxLearningRate() {
        return lambdaMax > 0 ? 2.0 * n / lambdaMax : Double.POSITIVE_INFINITY;
    }

    /** n·ε·λ_max: eigenvalues at or below this are zero to working precision. */
    public double singularityThreshold() {
        return n * EPSILON * Math.max(lambdaMax, 0.0);
    }

    /** True when λ_min ≤ n·ε·λ_max (or the matrix is zero): the inverse of K + R·I is not computable. */
    public boolean isSingular() {
        return lambdaMax <= 0 || lambdaMin <= singularityThreshold();
    }

    /** About how many significant digits an inverse loses, log₁₀ κ (+∞ when singular). */
    public double digitsLost() {
        return Math.log10(conditionNumber());
    }

    /** The one-line explanation used when an inverse is needed but the matrix is singular. */
    String singularMessage(String what) {
        return String.format(java.util.Locale.ROOT,
                "the training %s Gram matrix is singular to working precision (lambda_min = %.3e <= n*eps*lambda_max"
                        + " = %.3e; duplicate or collinear inputs?): give a ridge > 0 (e.g. %.1e) or a finite training time",
                what, lambdaMin, singularityThreshold(), Math.max(1e-10 * lambdaMax, Double.MIN_NORMAL));
    }
}
