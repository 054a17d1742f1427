package org.ntk4j.predict;

/**
 * Gradient flow of the mean-squared loss in function space under a fixed kernel K (the NTK Θ of an infinitely
 * wide network, the NNGP Σ for training only the readout, or an empirical NTK for the linearised finite network).
 *
 * <h2>Convention</h2>
 * The loss is L = (1/2n) Σᵢ (f(xᵢ) − yᵢ)² over the n training inputs, and gradient descent with learning rate η
 * on the parameters changes the outputs by −(η/n) K (f(X) − y) per step to first order. Its continuous-time limit,
 * with time measured as τ = η × (number of steps), is df/dτ = −K (f(X) − y)/n, whose solution started from the
 * initial function f₀ is
 * <pre>
 *   f_τ(X)  = f₀(X)  + (I − e^{−Kτ/n}) (y − f₀(X))
 *   f_τ(x*) = f₀(x*) + K(x*, X) K⁻¹ (I − e^{−Kτ/n}) (y − f₀(X))
 * </pre>
 * (Jacot et al. 2018; Lee et al. 2019, eq. 9–11). So {@code time} here is τ = η·steps: to compare with k steps of
 * gradient descent at learning rate η, use τ = kη. This is neural-tangents' {@code gradient_descent_mse} with
 * {@code t·learning_rate = τ}. With f₀ = 0 the test formula is the mean Θ(x*, X) Θ⁻¹ (I − e^{−Θτ/n}) y.
 *
 * <p>K⁻¹(I − e^{−Kτ/n}) is the matrix function g_τ(K) with g_τ(λ) = (1 − e^{−λτ/n})/λ = −expm1(−λτ/n)/λ, which is
 * finite (→ τ/n) even at λ = 0, so finite times need no invertible kernel; τ = ∞ gives g = 1/λ, kernel regression,
 * and needs a non-singular K (see {@link GramDiagnostics#isSingular()}). Eigenvalues below 0 (rounding of a
 * positive semi-definite K) are treated as 0 in g_τ, as neural-tangents does.
 *
 * <h2>Ridge</h2>
 * A ridge R ≥ 0 replaces the kernel on the training set by K + R·I in the dynamics (neural-tangents'
 * {@code diag_reg} with {@code diag_reg_absolute_scale=True}); τ → ∞ is then kernel ridge regression. The
 * training outputs are reported as K(X, X) g_τ(K + R·I)(y − f₀(X)) + f₀(X), i.e. the training inputs are treated like
 * test inputs, which reduces to the formula above at R = 0.
 *
 * <h2>Cost</h2>
 * One symmetric eigendecomposition K + R·I = V diag(λ) Vᵀ in the constructor (O(n³)); each
 * {@link Dynamics} then projects its data once (O(m n²) for m test inputs) and evaluates any time in O((m + n) n).
 */
public final class GradientFlow {

    private final int n;
    private final double ridge;
    private final double[] lambda;
    /** Eigenvectors as rows: {@code vt[k]} is the k-th eigenvector (the k-th row of Vᵀ). */
    private final double[][] vt;
    /** V by rows: {@code v[i][k]} is component i of the k-th eigenvector. */
    private final double[][] v;
    private final GramDiagnostics diagnostics;

    /** The gradient flow of the kernel whose training Gram matrix is {@code gram} (n × n), with EJML. */
    public static GradientFlow of(double[][] gram, double ridge) {
        return new GradientFlow(gram, ridge, SymmetricSolver.ejml());
    }

    public GradientFlow(double[][] gram, double ridge, SymmetricSolver solver) {
        if (!(ridge >= 0) || Double.isInfinite(ridge)) {
            throw new IllegalArgumentException("the ridge must be a finite number >= 0, got " + ridge);
        }
        n = gram.length;
        checkFinite(gram, "training Gram matrix");
        this.ridge = ridge;
        double[][] regularised = gram;
        if (ridge > 0) {
            regularised = new double[n][];
            for (int i = 0; i < n; i++) {
                regularised[i] = gram[i].clone();
                regularised[i][i] += ridge;
            }
        }
        SymmetricSolver.Eigen eigen = solver.eigen(regularised, true);
        lambda = eigen.values();
        diagnostics = GramDiagnostics.of(lambda, ridge);
        v = eigen.vectors();
        vt = DenseMatrices.transpose(v);
    }

    /** λ_max, λ_min, condition number and the maximal stable learning rate of K + R·I. */
    public GramDiagnostics diagnostics() {
        return diagnostics;
    }

    public int size() {
        return n;
    }

    public double ridge() {
        return ridge;
    }

    /** The eigenvalues of K + R·I, ascending (a copy). */
    public double[] eigenvalues() {
        return lambda.clone();
    }

    /**
     * The dynamics of one problem: targets y, initial outputs f₀(X) on the training inputs and, optionally, the
     * cross kernel K(x*, X) (m × n, rows: test inputs) and the initial outputs f₀(x*).
     *
     * @param f0Train null for f₀ = 0
     * @param cross   null when only training outputs are wanted
     * @param f0Test  null for f₀ = 0 on the test inputs
     */
    public Dynamics dynamics(double[] y, double[] f0Train, double[][] cross, double[] f0Test) {
        return new Dynamics(y, f0Train, cross, f0Test);
    }

    /** The function-space trajectory of one problem, for any number of times. */
    public final class Dynamics {
        private final double[] f0Train;
        private final double[] f0Test;
        /** Vᵀ (y − f₀(X)). */
        private final double[] coefficients;
        /** K(x*, X) V, m × n; null without test inputs. */
        private final double[][] projected;
        private final int m;

        private Dynamics(double[] y, double[] f0Train, double[][] cross, double[] f0Test) {
            checkLength(y, "targets");
            this.f0Train = f0Train == null ? new double[n] : checkLength(f0Train, "initial training outputs").clone();
            double[] residual = new double[n];
            for (int i = 0; i < n; i++) {
                residual[i] = y[i] - this.f0Train[i];
            }
            coefficients = rotate(residual);
            if (cross != null) {
                m = cross.length;
                checkFinite(cross, "cross kernel");
                projected = project(cross);
                if (f0Test != null && f0Test.length != m) {
                    throw new IllegalArgumentException("initial test outputs have length " + f0Test.length
                            + " but there are " + m + " test inputs");
                }
                this.f0Test = f0Test == null ? new double[m] : f0Test.clone();
            } else {
                m = 0;
                projected = null;
                this.f0Test = null;
            }
        }

        /** f_τ(X), the outputs on the training inputs at time τ = η·steps (τ = +∞ allowed). */
        public double[] train(double time) {
            double[] w = trainWeights(time);
            double[] scaled = new double[n];
            for (int k = 0; k < n; k++) {
                scaled[k] = w[k] * coefficients[k];
            }
            double[] out = f0Train.clone();
            for (int k = 0; k < n; k++) {
                double s = scaled[k];
                double[] row = vt[k];
                for (int i = 0; i < n; i++) {
                    out[i] += row[i] * s;
                }
            }
            return out;
        }

        /** f_τ(x*), the outputs on the test inputs at time τ = η·steps (τ = +∞ allowed). */
        public double[] test(double time) {
            if (projected == null) {
                throw new IllegalStateException("no test inputs were given");
            }
            double[] g = inverseWeights(time);
            double[] scaled = new double[n];
            for (int k = 0; k < n; k++) {
                scaled[k] = g[k] * coefficients[k];
            }
            double[] out = new double[m];
            for (int i = 0; i < m; i++) {
                double[] p = projected[i];
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += p[k] * scaled[k];
                }
                out[i] = f0Test[i] + s;
            }
            return out;
        }

        /**
         * The training outputs after {@code steps} steps of gradient descent with learning rate η on the linear
         * model with kernel K (the discrete counterpart of {@link #train}): f(X) − y ← (I − η K/n)(f(X) − y), so
         * f_t(X) = f₀(X) + (I − (I − ηK/n)^t)(y − f₀(X)). It tends to {@code train(η·steps)} as η → 0.
         */
        public double[] trainAfterSteps(int steps, double eta) {
            return combine(f0Train, rotateBack(discreteWeights(steps, eta, true)));
        }

        /** The test outputs after {@code steps} steps of gradient descent with learning rate η (see {@link #trainAfterSteps}). */
        public double[] testAfterSteps(int steps, double eta) {
            if (projected == null) {
                throw new IllegalStateException("no test inputs were given");
            }
            double[] g = discreteWeights(steps, eta, false);
            double[] out = new double[m];
            for (int i = 0; i < m; i++) {
                double[] p = projected[i];
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += p[k] * g[k] * coefficients[k];
                }
                out[i] = f0Test[i] + s;
            }
            return out;
        }

        /** V diag(w) c. */
        private double[] rotateBack(double[] w) {
            double[] out = new double[n];
            for (int k = 0; k < n; k++) {
                double s = w[k] * coefficients[k];
                double[] row = vt[k];
                for (int i = 0; i < n; i++) {
                    out[i] += row[i] * s;
                }
            }
            return out;
        }

        private double[] combine(double[] a, double[] b) {
            double[] out = a.clone();
            for (int i = 0; i < out.length; i++) {
                out[i] += b[i];
            }
            return out;
        }
    }

    /**
     * For gradient descent with learning rate η for t steps: 1 − (1 − ηλ_k/n)^t per eigenvalue (times (λ_k − R)/λ_k
     * with a ridge) if {@code train}, else (1 − (1 − ηλ_k/n)^t)/λ_k (→ tη/n as λ_k → 0); λ_k &lt; 0 counts as 0.
     */
    double[] discreteWeights(int steps, double eta, boolean train) {
        if (steps < 0) {
            throw new IllegalArgumentException("the number of steps must be >= 0, got " + steps);
        }
        if (!(eta > 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("the learning rate must be a finite number > 0, got " + eta);
        }
        double[] w = new double[n];
        for (int k = 0; k < n; k++) {
            double l = Math.max(lambda[k], 0.0);
            double x = eta * l / n;
            // 1 − (1 − x)^t, accurately for small x
            double done = x < 1 ? -Math.expm1(steps * Math.log1p(-x)) : 1 - Math.pow(1 - x, steps);
            double inverse = l == 0 ? steps * eta / n : done / l;
            if (train) {
                w[k] = ridge == 0 ? done : (lambda[k] - ridge) * inverse;
            } else {
                w[k] = inverse;
            }
        }
        return w;
    }

    /** Vᵀ r. */
    double[] rotate(double[] r) {
        double[] c = new double[n];
        for (int k = 0; k < n; k++) {
            double[] row = vt[k];
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += row[i] * r[i];
            }
            c[k] = s;
        }
        return c;
    }

    /** C V for a matrix C with n columns. */
    double[][] project(double[][] c) {
        for (int i = 0; i < c.length; i++) {
            if (c[i].length != n) {
                throw new IllegalArgumentException("cross kernel row " + i + " has " + c[i].length + " columns, expected " + n);
            }
        }
        return DenseMatrices.multiply(c, v);
    }

    /** The eigenvectors as rows (Vᵀ); not copied. */
    double[][] eigenvectorRows() {
        return vt;
    }

    /**
     * g_τ(λ_k) = (1 − e^{−λ_k τ/n})/λ_k for each eigenvalue, with λ_k &lt; 0 treated as 0 (g = τ/n); at τ = +∞,
     * 1/λ_k, which needs a non-singular K + R·I.
     *
     * @throws SingularKernelException at τ = ∞ when K + R·I is singular to working precision
     */
    double[] inverseWeights(double time) {
        checkTime(time);
        double[] g = new double[n];
        if (time == Double.POSITIVE_INFINITY) {
            requireNonSingular();
            for (int k = 0; k < n; k++) {
                g[k] = 1.0 / lambda[k];
            }
            return g;
        }
        double scale = time / n;
        for (int k = 0; k < n; k++) {
            double l = Math.max(lambda[k], 0.0);
            g[k] = l == 0 ? scale : -Math.expm1(-l * scale) / l;
        }
        return g;
    }

    /** The factor of each eigen-coefficient of the residual in f_τ(X) − f₀(X): (λ_k − R)·g_τ(λ_k). */
    private double[] trainWeights(double time) {
        checkTime(time);
        double[] w = new double[n];
        if (ridge == 0) {
            if (time == Double.POSITIVE_INFINITY) {
                requireNonSingular();
                java.util.Arrays.fill(w, 1.0);
            } else {
                double scale = time / n;
                for (int k = 0; k < n; k++) {
                    w[k] = -Math.expm1(-Math.max(lambda[k], 0.0) * scale);
                }
            }
            return w;
        }
        double[] g = inverseWeights(time);
        for (int k = 0; k < n; k++) {
            w[k] = (lambda[k] - ridge) * g[k];
        }
        return w;
    }

    void requireNonSingular() {
        if (diagnostics.isSingular()) {
            throw new SingularKernelException(diagnostics.singularMessage("kernel"));
        }
    }

    static void checkTime(double time) {
        if (!(time >= 0)) {
            throw new IllegalArgumentException("the training time must be >= 0 (or infinite), got " + time);
        }
    }

    private double[] checkLength(double[] v, String what) {
        if (v.length != n) {
            throw new IllegalArgumentException(what + " have length " + v.length + " but there are " + n
                    + " training inputs");
        }
        for (double x : v) {
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException(what + " contain a value that is not finite (" + x + ")");
            }
        }
        return v;
    }

    static void checkFinite(double[][] m, String what) {
        for (double[] row : m) {
            for (double x : row) {
                if (!Double.isFinite(x)) {
                    throw new ArithmeticException("the " + what + " has a value that is not finite (" + x
                            + "): the kernel overflows the double range");
                }
            }
        }
    }
}
