package org.ntk4j.predict;

import java.util.stream.IntStream;
import org.ntk4j.kernel.InfiniteWidthKernel;
import org.ntk4j.kernel.KernelMatrices;
import org.ntk4j.network.Network;

/**
 * Predictions of infinitely wide networks on test inputs x* from a training set (X, y) of n inputs: the mean and
 * marginal variance over the random initialisation, at any gradient-flow time τ (τ = η·steps, see
 * {@link GradientFlow}) including τ = ∞. Σ is the NNGP, Θ the NTK; starred matrices are test × train, e.g.
 * Θ* = Θ(x*, X), and Σ** = Σ(x*, x*). R ≥ 0 is a ridge added to the training Gram matrix of the kernel that
 * drives the dynamics.
 *
 * <h2>NTK: the infinite ensemble trained by gradient flow (Lee et al. 2019, eq. 15–16)</h2>
 * With f₀ ~ GP(0, Σ) at initialisation and Θ_R = Θ(X, X) + R·I, A_τ = Θ_R⁻¹ (I − e^{−Θ_R τ/n}):
 * <pre>
 *   mean      μ_τ(x*) = Θ* A_τ y
 *   variance  σ²_τ(x*) = Σ** + Θ* A_τ Σ(X, X) A_τᵀ Θ*ᵀ − 2 Θ* A_τ Σ*ᵀ
 *   τ = ∞:    μ = Θ* Θ_R⁻¹ y,   σ² = Σ** + Θ* Θ_R⁻¹ Σ Θ_R⁻¹ Θ*ᵀ − 2 Θ* Θ_R⁻¹ Σ*ᵀ
 * </pre>
 * (the ensemble variance needs both Σ and Θ; the middle Σ(X, X) is the prior covariance of f₀ on the training
 * set and carries no ridge, as in neural-tangents' {@code gradient_descent_mse_ensemble}).
 *
 * <h2>NNGP: the Gaussian-process posterior</h2>
 * With Σ_R = Σ(X, X) + R·I (R the observation-noise variance):
 * <pre>
 *   mean      μ_τ(x*) = Σ* Σ_R⁻¹ (I − e^{−Σ_R τ/n}) y
 *   variance  σ²_τ(x*) = Σ** − Σ* Σ_R⁻¹ (I − e^{−2 Σ_R τ/n}) Σ*ᵀ
 *   τ = ∞:    μ = Σ* Σ_R⁻¹ y,   σ² = Σ** − Σ* Σ_R⁻¹ Σ*ᵀ     (the exact GP posterior)
 * </pre>
 * the finite-τ form being gradient flow of the readout layer only, whose tangent kernel is Σ.
 *
 * <h2>Numerics</h2>
 * τ = ∞ uses the Cholesky factorisation of the training Gram matrix (σ² of the NNGP as Σ** − ‖L⁻¹Σ*ᵀ‖², free of
 * the cancellation of the general formula); a finite τ uses one symmetric eigendecomposition, computed on first use
 * and reused for every later τ. τ = ∞ needs a non-singular Θ_R (or Σ_R): λ_min > n·ε·λ_max, otherwise a
 * {@link SingularKernelException} explains what to do. The {@link GramDiagnostics} of the training Gram matrix come
 * with every prediction.
 */
public final class InfiniteWidthPredictor {

    private final InfiniteWidthKernel kernelFunction;
    private final double[][] xTrain;
    private final KernelMatrices train;
    private final double[] y;
    private final PredictionKernel kind;
    private final double ridge;
    private final SymmetricSolver solver;
    private final int n;
    private GramDiagnostics diagnostics;
    private GradientFlow flow;
    private double[][] cholesky;
    private double[] alpha;

    /** Predictions of the infinitely wide {@code network} trained on (xTrain, yTrain), with EJML. */
    public InfiniteWidthPredictor(Network network, double[][] xTrain, double[] yTrain, PredictionKernel kind,
                                  double ridge) {
        this(new InfiniteWidthKernel(network), checkTrain(xTrain, yTrain), yTrain, kind, ridge,
                SymmetricSolver.ejml());
    }

    private InfiniteWidthPredictor(InfiniteWidthKernel kernel, double[][] xTrain, double[] yTrain,
                                   PredictionKernel kind, double ridge, SymmetricSolver solver) {
        this(kernel, xTrain, kernel.gram(xTrain), yTrain, kind, ridge, solver);
    }

    /**
     * Predictions from precomputed training kernels Σ(X, X) and Θ(X, X); the test kernels are then passed to
     * {@link #predict(KernelMatrices, double[], double)}.
     */
    public InfiniteWidthPredictor(KernelMatrices train, double[] yTrain, PredictionKernel kind, double ridge,
                                  SymmetricSolver solver) {
        this(null, null, train, yTrain, kind, ridge, solver);
    }

    private InfiniteWidthPredictor(InfiniteWidthKernel kernelFunction, double[][] xTrain, KernelMatrices train,
                                   double[] yTrain, PredictionKernel kind, double ridge, SymmetricSolver solver) {
        if (!(ridge >= 0) || Double.isInfinite(ridge)) {
            throw new IllegalArgumentException("the ridge must be a finite number >= 0, got " + ridge);
        }
        if (train.rows() == 0 || train.rows() != train.columns()) {
            throw new IllegalArgumentException("the training kernels must be square and non-empty");
        }
        if (yTrain.length != train.rows()) {
            throw new IllegalArgumentException("there are " + train.rows() + " training inputs but " + yTrain.length
                    + " targets");
        }
        for (double v : yTrain) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("a training target is not finite (" + v + ")");
            }
        }
        GradientFlow.checkFinite(train.nngp(), "training NNGP");
        GradientFlow.checkFinite(train.ntk(), "training NTK");
        this.kernelFunction = kernelFunction;
        this.xTrain = xTrain;
        this.train = train;
        this.y = yTrain.clone();
        this.kind = kind;
        this.ridge = ridge;
        this.solver = solver;
        this.n = yTrain.length;
    }

    private static double[][] checkTrain(double[][] xTrain, double[] yTrain) {
        if (xTrain.length == 0) {
            throw new IllegalArgumentException("no training inputs");
        }
        if (xTrain.length != yTrain.length) {
            throw new IllegalArgumentException("there are " + xTrain.length + " training inputs but " + yTrain.length
                    + " targets");
        }
        return xTrain;
    }

    public PredictionKernel kind() {
        return kind;
    }

    public double ridge() {
        return ridge;
    }

    /** The training kernels Σ(X, X) and Θ(X, X) (not copied). */
    public KernelMatrices trainKernels() {
        return train;
    }

    /** The training Gram matrix that drives the dynamics: Θ(X, X) for the NTK, Σ(X, X) for the NNGP (no ridge). */
    public double[][] dynamicsGram() {
        return kind == PredictionKernel.NTK ? train.ntk() : train.nngp();
    }

    /** Spectrum of the training Gram matrix K + R·I (eigenvalues only, unless a finite time was asked for first). */
    public synchronized GramDiagnostics diagnostics() {
        if (diagnostics == null) {
            diagnostics = flow != null ? flow.diagnostics()
                    : GramDiagnostics.of(solver.eigen(regularised(), false).values(), ridge);
        }
        return diagnostics;
    }

    /** The gradient flow of the dynamics kernel (one eigendecomposition, computed on first use and kept). */
    public synchronized GradientFlow flow() {
        if (flow == null) {
            flow = new GradientFlow(dynamicsGram(), ridge, solver);
            diagnostics = flow.diagnostics();
        }
        return flow;
    }

    /** Mean and variance at the test inputs {@code xTest} (rows) at time τ = η·steps (τ = +∞: converged). */
    public Prediction predict(double[][] xTest, double time) {
        if (kernelFunction == null) {
            throw new IllegalStateException("this predictor was built from kernel matrices: pass the test kernels");
        }
        if (xTest.length == 0) {
            throw new IllegalArgumentException("no test inputs");
        }
        if (xTest[0].length != xTrain[0].length) {
            throw new IllegalArgumentException("the training inputs have dimension " + xTrain[0].length
                    + " but the test inputs have dimension " + xTest[0].length);
        }
        KernelMatrices cross = kernelFunction.cross(xTest, xTrain);
        double[] prior = new double[xTest.length];
        IntStream.range(0, xTest.length).parallel()
                .forEach(i -> prior[i] = kernelFunction.evaluate(xTest[i], xTest[i]).nngp());
        return predict(cross, prior, time);
    }

    /**
     * Mean and variance from the test kernels: {@code cross} holds Σ(x*, X) and Θ(x*, X) (rows: test inputs) and
     * {@code nngpTestDiagonal} Σ(x*, x*) for each test input.
     */
    public Prediction predict(KernelMatrices cross, double[] nngpTestDiagonal, double time) {
        GradientFlow.checkTime(time);
        int m = cross.rows();
        if (cross.columns() != n) {
            throw new IllegalArgumentException("the cross kernels have " + cross.columns() + " columns but there are "
                    + n + " training inputs");
        }
        if (nngpTestDiagonal.length != m) {
            throw new IllegalArgumentException("need Σ(x*, x*) for each of the " + m + " test inputs");
        }
        GradientFlow.checkFinite(cross.nngp(), "test-train NNGP");
        GradientFlow.checkFinite(cross.ntk(), "test-train NTK");
        double[][] sigmaStar = cross.nngp();
        double[][] kStar = kind == PredictionKernel.NTK ? cross.ntk() : cross.nngp();
        double[] mean = new double[m];
        double[] variance = new double[m];
        if (time == Double.POSITIVE_INFINITY) {
            converged(kStar, sigmaStar, nngpTestDiagonal, mean, variance);
        } else {
            atTime(time, kStar, sigmaStar, nngpTestDiagonal, mean, variance);
        }
        int negative = 0;
        double mostNegative = 0;
        for (int i = 0; i < m; i++) {
            if (!Double.isFinite(mean[i]) || !Double.isFinite(variance[i])) {
                throw new ArithmeticException("the prediction at test input " + (i + 1) + " is not finite");
            }
            if (variance[i] < 0) {
                negative++;
                mostNegative = Math.min(mostNegative, variance[i]);
                variance[i] = 0;
            }
        }
        return new Prediction(mean, variance, diagnostics(), negative, mostNegative);
    }

    /** τ = ∞ by Cholesky: K_R = L Lᵀ; all test inputs at once as right-hand sides. */
    private void converged(double[][] kStar, double[][] sigmaStar, double[] prior, double[] mean,
                           double[] variance) {
        double[][] l = choleskyFactor();
        double[] a = alpha;
        IntStream.range(0, mean.length).parallel().forEach(i -> mean[i] = dot(kStar[i], a));
        double[][] w = DenseMatrices.solveLower(l, DenseMatrices.transpose(kStar));    // L⁻¹ K*ᵀ, n × m
        if (kind == PredictionKernel.NNGP) {
            double[][] wt = DenseMatrices.transpose(w);
            double[] q = DenseMatrices.rowDots(wt, wt);
            for (int i = 0; i < mean.length; i++) {
                variance[i] = prior[i] - q[i];
            }
        } else {
            // rows of B = Θ* Θ_R⁻¹
            double[][] b = DenseMatrices.transpose(DenseMatrices.solveLowerTransposed(l, w));
            ntkVariance(b, sigmaStar, prior, variance);
        }
    }

    /** Finite τ in the eigenbasis K_R = V diag(λ) Vᵀ: Θ* A_τ = (Θ* V) diag(g_τ) Vᵀ. */
    private void atTime(double time, double[][] kStar, double[][] sigmaStar, double[] prior, double[] mean,
                        double[] variance) {
        GradientFlow f = flow();
        double[] g = f.inverseWeights(time);
        double[] c = f.rotate(y);
        double[][] p = f.project(kStar);
        double[] g2 = kind == PredictionKernel.NNGP ? f.inverseWeights(2 * time) : null;
        double[][] pg = new double[mean.length][];
        IntStream.range(0, mean.length).parallel().forEach(i -> {
            double[] pi = p[i];
            double s = 0;
            double[] row = new double[n];
            for (int k = 0; k < n; k++) {
                row[k] = pi[k] * g[k];
                s += row[k] * c[k];
            }
            mean[i] = s;
            pg[i] = row;
            if (g2 != null) {
                double q = 0;
                for (int k = 0; k < n; k++) {
                    q += pi[k] * pi[k] * g2[k];
                }
                variance[i] = prior[i] - q;
            }
        });
        if (kind == PredictionKernel.NTK) {
            ntkVariance(DenseMatrices.multiply(pg, f.eigenvectorRows()), sigmaStar, prior, variance);
        }
    }

    /** σ²ᵢ = Σ** + bᵢ Σ bᵢᵀ − 2 bᵢ·Σ*ᵢ for the rows bᵢ of B = Θ* A. */
    private void ntkVariance(double[][] b, double[][] sigmaStar, double[] prior, double[] variance) {
        double[] quadratic = DenseMatrices.rowDots(b, DenseMatrices.multiply(b, train.nngp()));
        double[] cross = DenseMatrices.rowDots(b, sigmaStar);
        for (int i = 0; i < b.length; i++) {
            variance[i] = prior[i] + quadratic[i] - 2 * cross[i];
        }
    }

    private synchronized double[][] choleskyFactor() {
        if (cholesky == null) {
            GramDiagnostics d = diagnostics();
            if (d.isSingular()) {
                throw new SingularKernelException(d.singularMessage(kind == PredictionKernel.NTK ? "NTK" : "NNGP"));
            }
            double[][] l;
            try {
                l = solver.cholesky(regularised());
            } catch (SingularKernelException e) {
                throw new SingularKernelException(d.singularMessage(kind == PredictionKernel.NTK ? "NTK" : "NNGP"));
            }
            alpha = Triangular.backward(l, Triangular.forward(l, y));
            cholesky = l;
        }
        return cholesky;
    }

    private double[][] regularised() {
        double[][] k = dynamicsGram();
        if (ridge == 0) {
            return k;
        }
        double[][] r = new double[n][];
        for (int i = 0; i < n; i++) {
            r[i] = k[i].clone();
            r[i][i] += ridge;
        }
        return r;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
