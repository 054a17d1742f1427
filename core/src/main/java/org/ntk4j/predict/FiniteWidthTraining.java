package org.ntk4j.predict;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.apache.commons.rng.UniformRandomProvider;
import org.ntk4j.empirical.BackwardPass;
import org.ntk4j.empirical.EmpiricalKernel;
import org.ntk4j.empirical.FiniteNetwork;
import org.ntk4j.empirical.ForwardPass;
import org.ntk4j.empirical.Parameters;
import org.ntk4j.empirical.Seeds;
import org.ntk4j.kernel.InfiniteWidthKernel;
import org.ntk4j.kernel.KernelMatrices;
import org.ntk4j.network.Network;

/**
 * Trains a finite network (sampled by {@link FiniteNetwork#sample}) on (X, y) by gradient descent and compares it
 * with the infinite-width NTK gradient flow, to watch lazy training happen (Jacot et al. 2018; Lee et al. 2019;
 * Chizat, Oyallon &amp; Bach 2019).
 *
 * <h2>Model and loss (the centred lazy-training setup of Chizat–Bach)</h2>
 * With w₀ the sampled parameters and α &gt; 0 the output scale, the trained model is the centred, scaled network
 * <pre>  g(x; w) = α·(f(x; w) − f(x; w₀)),   so g(·; w₀) = 0,</pre>
 * and gradient descent w ← w − η ∇L_α(w) runs on
 * <pre>  L_α(w) = (1/α²) · (1/2n) Σᵢ (g(xᵢ; w) − yᵢ)²</pre>
 * (with mini-batches B of size b: (1/α²)(1/2b) Σ_{i∈B}, whose expectation is L_α). The 1/α² makes the
 * function-space dynamics independent of α to first order: one step changes the training outputs by
 * −(η/n) Θ̂_w (g(X) − y) + O(η²), Θ̂_w the empirical NTK of f at w, while the weights move only O(1/α) — so
 * large α (or large width in the NTK parameterization) is the lazy regime, and the learning-rate limit 2n/λ_max(Θ̂)
 * does not depend on α. α = 1 is ordinary training of the centred network.
 *
 * <h2>Comparison</h2>
 * Because g starts from 0, the infinite-width prediction at the same time τ = η·t is the NTK gradient flow from
 * 0: μ_τ(X) = (I − e^{−Θτ/n}) y and μ_τ(x*) = Θ(x*, X) Θ⁻¹ (I − e^{−Θτ/n}) y ({@link GradientFlow}), i.e. the
 * change f_t − f₀ of the uncentred linearised network. Its difference from g on the training and test inputs, and
 * the difference from the same-η gradient descent of the infinite-width linearised model
 * ν_t(X) = (I − (I − ηΘ/n)^t) y (free of the time-discretisation error), the relative weight change and the
 * relative change of the empirical NTK are recorded at log-spaced checkpoints ({@link Checkpoint}), with the
 * distance to the network's own linearisation at w₀ (the same descent with the fixed empirical NTK Θ̂₀). In the NTK
 * parameterization at fixed α, the weight change and the distance to ν shrink like width^(−1/2); at fixed width,
 * the distance to the own linearisation vanishes as α → ∞ (lazy training) while the distance to ν levels off at the
 * effect of Θ̂₀ − Θ.
 */
public final class FiniteWidthTraining {

    private final Network network;
    private final double[][] xTrain;
    private final double[] y;
    private final double[][] xTest;
    private final int n;
    private GradientFlow.Dynamics reference;
    private GramDiagnostics kernelDiagnostics;
    private double[][] infiniteNtk;

    /**
     * @param network a network with a width for every hidden layer (see {@link Network#withHiddenWidth})
     */
    public FiniteWidthTraining(Network network, double[][] xTrain, double[] yTrain, double[][] xTest) {
        if (!network.hasFiniteWidths()) {
            throw new IllegalArgumentException("training needs a width for every hidden layer (--width)");
        }
        if (xTrain.length == 0 || xTest.length == 0) {
            throw new IllegalArgumentException("need training and test inputs");
        }
        if (xTrain.length != yTrain.length) {
            throw new IllegalArgumentException("there are " + xTrain.length + " training inputs but " + yTrain.length
                    + " targets");
        }
        if (xTest[0].length != xTrain[0].length) {
            throw new IllegalArgumentException("the training inputs have dimension " + xTrain[0].length
                    + " but the test inputs have dimension " + xTest[0].length);
        }
        this.network = network;
        this.xTrain = xTrain;
        this.y = yTrain.clone();
        this.xTest = xTest;
        this.n = yTrain.length;
    }

    public Network network() {
        return network;
    }

    /** The same data with another network (e.g. another width). */
    public FiniteWidthTraining withNetwork(Network other) {
        return new FiniteWidthTraining(other, xTrain, y, xTest);
    }

    /** The infinite-width NTK gradient flow from 0 on this data (one eigendecomposition, kept). */
    public synchronized GradientFlow.Dynamics reference() {
        if (reference == null) {
            InfiniteWidthKernel kernel = new InfiniteWidthKernel(network);
            KernelMatrices gram = kernel.gram(xTrain);
            KernelMatrices cross = kernel.cross(xTest, xTrain);
            GradientFlow flow = GradientFlow.of(gram.ntk(), 0);
            infiniteNtk = gram.ntk();
            kernelDiagnostics = flow.diagnostics();
            reference = flow.dynamics(y, null, cross.ntk(), null);
        }
        return reference;
    }

    /** Spectrum of the infinite-width NTK on the training inputs. */
    public GramDiagnostics kernelDiagnostics() {
        reference();
        return kernelDiagnostics;
    }

    /** Diagnostics of the empirical NTK at initialisation of the network sampled from {@code seed}. */
    public GramDiagnostics empiricalDiagnostics(long seed) {
        FiniteNetwork net = FiniteNetwork.sample(network, xTrain[0].length, seed);
        return GramDiagnostics.of(SymmetricSolver.ejml().eigen(new EmpiricalKernel(net).gram(xTrain).ntk(), false)
                .values(), 0);
    }

    /**
     * Samples the network from {@code settings.seed()} and trains it.
     *
     * @param progress called with the number of steps just done (1 per step), e.g. for a progress bar
     * @throws ArithmeticException when the loss stops being finite (learning rate far above the stability limit)
     */
    public TrainingRun train(TrainingSettings settings, IntConsumer progress) {
        GradientFlow.Dynamics ref = reference();
        int d = xTrain[0].length;
        FiniteNetwork net = FiniteNetwork.sample(network, d, settings.seed());
        Parameters w0 = net.parameters();
        double w0Norm = w0.norm();
        double alpha = settings.outputScale();
        double eta = settings.learningRate();
        double[] f0Train = net.outputs(xTrain);
        double[] f0Test = net.outputs(xTest);
        EmpiricalKernel kernel0 = new EmpiricalKernel(net);
        double[][] theta0 = kernel0.gram(xTrain).ntk();
        double theta0Norm = frobenius(theta0, null);
        // the network's own linearisation at w₀: gradient descent with the fixed empirical kernel Θ̂₀
        GradientFlow.Dynamics linearised = GradientFlow.of(theta0, 0)
                .dynamics(y, null, kernel0.cross(xTest, xTrain).ntk(), null);
        double initialDeviation = frobenius(theta0, infiniteNtk) / frobenius(infiniteNtk, null);
        GramDiagnostics empirical = GramDiagnostics.of(SymmetricSolver.ejml().eigen(theta0, false).values(), 0);

        int batch = settings.batchSize() == 0 || settings.batchSize() >= n ? n : settings.batchSize();
        int[] order = identity(n);
        UniformRandomProvider shuffler = batch < n ? Seeds.stream(settings.seed(), -1, 1) : null;
        int cursor = n;

        int[] marks = settings.checkpointSteps();
        int nextMark = 0;
        List<Checkpoint> checkpoints = new ArrayList<>(marks.length);
        double[] g = new double[n];
        double[] lastTest = null;
        double[] lastKernelTest = null;
        double[] lastGdTest = null;
        int steps = settings.steps();
        for (int t = 0; ; t++) {
            boolean mark = nextMark < marks.length && marks[nextMark] == t;
            ForwardPass full = null;
            if (batch == n || mark) {
                full = net.forward(xTrain);
                double[] f = full.outputs();
                for (int i = 0; i < n; i++) {
                    g[i] = alpha * (f[i] - f0Train[i]);
                }
            }
            if (mark) {
                nextMark++;
                double tau = eta * t;
                double[] test = net.outputs(xTest);
                for (int i = 0; i < test.length; i++) {
                    test[i] = alpha * (test[i] - f0Test[i]);
                }
                double[] kernelTrain = ref.train(tau);
                double[] kernelTest = ref.test(tau);
                double[] gdTrain = ref.trainAfterSteps(t, eta);
                double[] gdTest = ref.testAfterSteps(t, eta);
                double loss = 0;
                for (int i = 0; i < n; i++) {
                    double r = g[i] - y[i];
                    loss += r * r;
                }
                loss /= 2 * n;
                if (!Double.isFinite(loss)) {
                    throw diverged(t, settings, empirical);
                }
                double ntkChange = t == 0 ? 0 : frobenius(new EmpiricalKernel(net).gram(xTrain).ntk(), theta0) / theta0Norm;
                double weightChange = t == 0 ? 0 : net.parameters().plus(w0, -1).norm() / w0Norm;
                checkpoints.add(new Checkpoint(t, tau, loss, weightChange, ntkChange, rms(g, kernelTrain),
                        rms(test, kernelTest), rms(g, gdTrain), rms(test, gdTest),
                        rms(test, linearised.testAfterSteps(t, eta))));
                lastTest = test;
                lastKernelTest = kernelTest;
                lastGdTest = gdTest;
            }
            if (t == steps) {
                break;
            }
            // ∇L_α = (1/(α b)) Σ_{i∈B} (g(xᵢ) − yᵢ) ∇f(xᵢ)
            Parameters gradient;
            if (batch == n) {
                double[] weights = new double[n];
                for (int i = 0; i < n; i++) {
                    weights[i] = (g[i] - y[i]) / (alpha * n);
                }
                BackwardPass back = full.backward();
                gradient = back.gradient(weights);
            } else {
                if (cursor + batch > n) {
                    shuffle(order, shuffler);
                    cursor = 0;
                }
                double[][] xb = new double[batch][];
                for (int k = 0; k < batch; k++) {
                    xb[k] = xTrain[order[cursor + k]];
                }
                ForwardPass fb = net.forward(xb);
                double[] fbOut = fb.outputs();
                double[] weights = new double[batch];
                for (int k = 0; k < batch; k++) {
                    int i = order[cursor + k];
                    weights[k] = (alpha * (fbOut[k] - f0Train[i]) - y[i]) / (alpha * batch);
                }
                cursor += batch;
                gradient = fb.backward().gradient(weights);
            }
            net = net.plus(gradient, -eta);
            if (progress != null) {
                progress.accept(1);
            }
        }
        double[] finalTrain = g.clone();
        if (!allFinite(finalTrain) || !allFinite(lastTest)) {
            throw diverged(steps, settings, empirical);
        }
        return new TrainingRun(List.copyOf(checkpoints), finalTrain, lastTest, lastKernelTest, lastGdTest,
                initialDeviation, empirical, kernelDiagnostics);
    }

    private ArithmeticException diverged(int step, TrainingSettings s, GramDiagnostics empirical) {
        return new ArithmeticException(String.format(java.util.Locale.ROOT,
                "training diverged by step %d (the loss is no longer finite): the learning rate %.4g is above the "
                        + "stability limit 2n/lambda_max = %.4g of the network's NTK", step, s.learningRate(),
                empirical.maxLearningRate()));
    }

    private static boolean allFinite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** Fisher–Yates. */
    private static void shuffle(int[] a, UniformRandomProvider rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }

    /** ‖a − b‖_F (b null: ‖a‖_F). */
    static double frobenius(double[][] a, double[][] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                double v = b == null ? a[i][j] : a[i][j] - b[i][j];
                s += v * v;
            }
        }
        return Math.sqrt(s);
    }

    static double rms(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double v = a[i] - b[i];
            s += v * v;
        }
        return Math.sqrt(s / a.length);
    }
}
