package org.ntk4j.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ntk4j.activation.Erf;
import org.ntk4j.activation.Relu;
import org.ntk4j.kernel.InfiniteWidthKernel;
import org.ntk4j.kernel.KernelMatrices;
import org.ntk4j.network.Network;

/**
 * Infinite-width predictions against independent routes: Hipparchus LU/QR solves and explicit inverses of the same
 * kernel matrices (τ = ∞), the Schur complement of the joint train+test NNGP (GP posterior variance), and a
 * Runge–Kutta integration of the function-space ODE with its sensitivity to f₀ (finite τ, mean and variance).
 */
class InfiniteWidthPredictorTest {

    private static final Network RELU = Network.mlp(new Relu(), 2, 2.0, 0.1);
    private static final Network ERF = Network.mlp(new Erf(), 3, 1.5, 0.05);

    static double[][] inputs(int n, int d, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int k = 0; k < d; k++) {
                row[k] = r.nextGaussian();
            }
        }
        return x;
    }

    static double[] targets(int n, long seed) {
        Random r = new Random(seed);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextGaussian();
        }
        return y;
    }

    private static final double[][] X = inputs(7, 3, 1);
    private static final double[][] XT = inputs(4, 3, 2);
    private static final double[] Y = targets(7, 3);

    private static double[] prior(Network net, double[][] xt) {
        InfiniteWidthKernel k = new InfiniteWidthKernel(net);
        double[] p = new double[xt.length];
        for (int i = 0; i < xt.length; i++) {
            p[i] = k.evaluate(xt[i], xt[i]).nngp();
        }
        return p;
    }

    private static RealMatrix withRidge(double[][] k, double ridge) {
        RealMatrix m = MatrixUtils.createRealMatrix(k);
        for (int i = 0; i < k.length; i++) {
            m.addToEntry(i, i, ridge);
        }
        return m;
    }

    private static void assertClose(double[] actual, double[] expected, double relative, String what) {
        assertThat(actual).hasSameSizeAs(expected);
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("%s[%d]", what, i).isCloseTo(expected[i], within(relative * scale));
        }
    }

    @ParameterizedTest
    @CsvSource({"0.0", "0.05"})
    void ntkConvergedMeanAndVarianceMatchLuInverse(double ridge) {
        KernelMatrices k = new InfiniteWidthKernel(RELU).gram(X);
        KernelMatrices c = new InfiniteWidthKernel(RELU).cross(XT, X);
        double[] prior = prior(RELU, XT);
        RealMatrix thetaInv = new LUDecomposition(withRidge(k.ntk(), ridge)).getSolver().getInverse();
        RealMatrix thetaStar = MatrixUtils.createRealMatrix(c.ntk());
        RealMatrix sigmaStar = MatrixUtils.createRealMatrix(c.nngp());
        RealMatrix sigma = MatrixUtils.createRealMatrix(k.nngp());
        RealMatrix b = thetaStar.multiply(thetaInv);
        RealVector mean = b.operate(MatrixUtils.createRealVector(Y));
        RealMatrix cov = b.multiply(sigma).multiplyTransposed(b).subtract(b.multiplyTransposed(sigmaStar).scalarMultiply(2));
        double[] variance = new double[XT.length];
        for (int i = 0; i < XT.length; i++) {
            variance[i] = prior[i] + cov.getEntry(i, i);
        }

        Prediction p = new InfiniteWidthPredictor(RELU, X, Y, PredictionKernel.NTK, ridge)
                .predict(XT, Double.POSITIVE_INFINITY);
        assertClose(p.mean(), mean.toArray(), 1e-11, "mean");
        assertClose(p.variance(), variance, 1e-10, "variance");
        assertThat(p.roundedUpVariances()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"0.0", "0.02"})
    void nngpPosteriorIsTheSchurComplementOfTheJointGram(double ridge) {
        double[] variance = new double[XT.length];
        double[] mean = new double[XT.length];
        int n = X.length;
        for (int i = 0; i < XT.length; i++) {
            double[][] joint = new double[n + 1][];
            System.arraycopy(X, 0, joint, 0, n);
            joint[n] = XT[i];
            RealMatrix g = MatrixUtils.createRealMatrix(new InfiniteWidthKernel(ERF).gram(joint).nngp());
            for (int j = 0; j < n; j++) {
                g.addToEntry(j, j, ridge);
            }
            // Var(f* | y) = 1 / (joint⁻¹)_{**}: the Schur complement of the training block.
            variance[i] = 1.0 / new LUDecomposition(g).getSolver().getInverse().getEntry(n, n);
            RealMatrix train = g.getSubMatrix(0, n - 1, 0, n - 1);
            RealVector a = new QRDecomposition(train).getSolver().solve(MatrixUtils.createRealVector(Y));
            mean[i] = g.getSubMatrix(n, n, 0, n - 1).operate(a).getEntry(0);
        }
        Prediction p = new InfiniteWidthPredictor(ERF, X, Y, PredictionKernel.NNGP, ridge)
                .predict(XT, Double.POSITIVE_INFINITY);
        assertClose(p.mean(), mean, 1e-11, "mean");
        assertClose(p.variance(), variance, 1e-9, "variance");
    }

    @ParameterizedTest
    @CsvSource({"ntk, 0.0, 3.0", "ntk, 0.05, 0.7", "nngp, 0.0, 5.0", "nngp, 0.02, 20.0"})
    void finiteTimeMeanAndVarianceMatchRungeKutta(String kernel, double ridge, double time) {
        PredictionKernel kind = PredictionKernel.parse(kernel);
        KernelMatrices k = new InfiniteWidthKernel(ERF).gram(X);
        KernelMatrices c = new InfiniteWidthKernel(ERF).cross(XT, X);
        double[] prior = prior(ERF, XT);
        double[][] dyn = withRidge(kind == PredictionKernel.NTK ? k.ntk() : k.nngp(), ridge).getData();
        double[][] dynCross = kind == PredictionKernel.NTK ? c.ntk() : c.nngp();
        ReferenceFlow ref = new ReferenceFlow(dyn, dynCross, Y, new double[7], new double[4], time, 4000);
        // The prior covariance of f₀ on the training set: Σ for the NTK ensemble, Σ + R·I for the NNGP posterior.
        RealMatrix middle = kind == PredictionKernel.NTK ? MatrixUtils.createRealMatrix(k.nngp())
                : MatrixUtils.createRealMatrix(dyn);
        RealMatrix g = MatrixUtils.createRealMatrix(ref.sensitivityTest);
        RealMatrix cov = g.multiply(middle).multiplyTransposed(g)
                .add(g.multiplyTransposed(MatrixUtils.createRealMatrix(c.nngp())).scalarMultiply(2));
        double[] variance = new double[XT.length];
        for (int i = 0; i < XT.length; i++) {
            variance[i] = prior[i] + cov.getEntry(i, i);
        }
        InfiniteWidthPredictor predictor = new InfiniteWidthPredictor(ERF, X, Y, kind, ridge);
        Prediction p = predictor.predict(XT, time);
        assertClose(p.mean(), ref.test, 1e-10, "mean");
        assertClose(p.variance(), variance, 1e-9, "variance");
        // the same eigendecomposition is reused for another time
        GradientFlow flow = predictor.flow();
        predictor.predict(XT, 2 * time);
        assertThat(predictor.flow()).isSameAs(flow);
    }

    @Test
    void atTimeZeroTheEnsembleIsThePrior() {
        for (PredictionKernel kind : PredictionKernel.values()) {
            Prediction p = new InfiniteWidthPredictor(RELU, X, Y, kind, 0).predict(XT, 0);
            assertThat(p.mean()).containsOnly(0.0);
            assertClose(p.variance(), prior(RELU, XT), 1e-15, "variance");
        }
    }

    @Test
    void longTimesConvergeToTheRegression() {
        for (PredictionKernel kind : PredictionKernel.values()) {
            InfiniteWidthPredictor predictor = new InfiniteWidthPredictor(RELU, X, Y, kind, 0);
            Prediction inf = predictor.predict(XT, Double.POSITIVE_INFINITY);
            GramDiagnostics d = predictor.diagnostics();
            double late = 800 * d.n() / d.lambdaMin(); // e^{-800} = 0 in double
            Prediction p = predictor.predict(XT, late);
            assertClose(p.mean(), inf.mean(), 1e-10, "mean");
            assertClose(p.variance(), inf.variance(), 1e-8, "variance");
        }
    }

    @Test
    void trainingOnATestInputGivesZeroVarianceAndTheTarget() {
        // A training input used as test input: the converged ensemble interpolates it exactly, with no spread.
        double[][] xt = {X[2], X[5]};
        for (PredictionKernel kind : PredictionKernel.values()) {
            Prediction p = new InfiniteWidthPredictor(RELU, X, Y, kind, 0).predict(xt, Double.POSITIVE_INFINITY);
            assertThat(p.mean()[0]).isCloseTo(Y[2], within(1e-12));
            assertThat(p.mean()[1]).isCloseTo(Y[5], within(1e-12));
            for (double v : p.variance()) {
                assertThat(v).isBetween(0.0, 1e-12);
            }
        }
    }

    @Test
    void diagnosticsMatchHipparchusEigenvaluesAndTheStabilityLimit() {
        InfiniteWidthPredictor predictor = new InfiniteWidthPredictor(RELU, X, Y, PredictionKernel.NTK, 0);
        GramDiagnostics d = predictor.diagnostics();
        double[] eig = new org.hipparchus.linear.EigenDecompositionSymmetric(
                MatrixUtils.createRealMatrix(predictor.dynamicsGram())).getEigenvalues();
        java.util.Arrays.sort(eig);
        assertThat(d.lambdaMax()).isCloseTo(eig[6], within(1e-13 * eig[6]));
        assertThat(d.lambdaMin()).isCloseTo(eig[0], within(1e-13 * eig[6]));
        assertThat(d.conditionNumber()).isCloseTo(eig[6] / eig[0], within(1e-9 * eig[6] / eig[0]));
        assertThat(d.isSingular()).isFalse();
        // Gradient descent on the residual, r ← (I − ηΘ/n) r, converges just below 2n/λ_max and diverges above.
        assertThat(residualAfter(predictor.dynamicsGram(), 0.98 * d.maxLearningRate(), 3000)).isLessThan(1e-3);
        assertThat(residualAfter(predictor.dynamicsGram(), 1.02 * d.maxLearningRate(), 3000)).isGreaterThan(1e3);
    }

    private static double residualAfter(double[][] k, double eta, int steps) {
        int n = k.length;
        double[] r = targets(n, 9);
        for (int s = 0; s < steps; s++) {
            double[] next = new double[n];
            for (int i = 0; i < n; i++) {
                double a = 0;
                for (int j = 0; j < n; j++) {
                    a += k[i][j] * r[j];
                }
                next[i] = r[i] - eta * a / n;
            }
            r = next;
        }
        double s = 0;
        for (double v : r) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    @Test
    void duplicateInputsAreSingularAtInfiniteTimeButFineOtherwise() {
        double[][] x = {X[0], X[1], X[0].clone(), X[3]};
        double[] y = {1, 2, 3, 4};
        InfiniteWidthPredictor predictor = new InfiniteWidthPredictor(RELU, x, y, PredictionKernel.NTK, 0);
        assertThat(predictor.diagnostics().isSingular()).isTrue();
        assertThatThrownBy(() -> predictor.predict(XT, Double.POSITIVE_INFINITY))
                .isInstanceOf(SingularKernelException.class).hasMessageContaining("singular")
                .hasMessageContaining("ridge");
        Prediction finite = predictor.predict(XT, 10.0);
        for (double v : finite.mean()) {
            assertThat(v).isFinite();
        }
        // With a ridge the duplicated pair is fitted by (nearly) the average of its targets, and the result is
        // kernel ridge regression.
        double ridge = 1e-6;
        Prediction ridged = new InfiniteWidthPredictor(RELU, x, y, PredictionKernel.NTK, ridge)
                .predict(new double[][] {X[0]}, Double.POSITIVE_INFINITY);
        KernelMatrices k = new InfiniteWidthKernel(RELU).gram(x);
        RealVector a = new LUDecomposition(withRidge(k.ntk(), ridge)).getSolver().solve(MatrixUtils.createRealVector(y));
        assertThat(ridged.mean()[0]).isCloseTo(MatrixUtils.createRealVector(k.ntk()[0]).dotProduct(a), within(1e-8));
        assertThat(ridged.mean()[0]).isCloseTo(2.0, within(1e-3));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(() -> new InfiniteWidthPredictor(RELU, X, new double[3], PredictionKernel.NTK, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("7 training inputs but 3 targets");
        assertThatThrownBy(() -> new InfiniteWidthPredictor(RELU, X, Y, PredictionKernel.NTK, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ridge");
        InfiniteWidthPredictor p = new InfiniteWidthPredictor(RELU, X, Y, PredictionKernel.NTK, 0);
        assertThatThrownBy(() -> p.predict(XT, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.predict(XT, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.predict(inputs(2, 5, 1), 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimension");
    }
}
