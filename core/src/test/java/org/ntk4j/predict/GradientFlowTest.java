package org.ntk4j.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.junit.jupiter.api.Test;
import org.ntk4j.activation.Relu;
import org.ntk4j.kernel.InfiniteWidthKernel;
import org.ntk4j.kernel.KernelMatrices;
import org.ntk4j.network.Network;

/** Gradient flow from a non-zero initial function against Runge–Kutta integration and Hipparchus solves. */
class GradientFlowTest {

    private static final double[][] X = InfiniteWidthPredictorTest.inputs(6, 4, 21);
    private static final double[][] XT = InfiniteWidthPredictorTest.inputs(3, 4, 22);
    private static final double[] Y = InfiniteWidthPredictorTest.targets(6, 23);
    private static final double[] F0 = InfiniteWidthPredictorTest.targets(6, 24);
    private static final double[] F0T = InfiniteWidthPredictorTest.targets(3, 25);
    private static final InfiniteWidthKernel KERNEL = new InfiniteWidthKernel(Network.mlp(new Relu(), 1, 2.0, 0.2));
    private static final KernelMatrices K = KERNEL.gram(X);
    private static final KernelMatrices C = KERNEL.cross(XT, X);

    @Test
    void timeZeroIsTheInitialFunction() {
        GradientFlow.Dynamics d = GradientFlow.of(K.ntk(), 0).dynamics(Y, F0, C.ntk(), F0T);
        assertThat(d.train(0)).containsExactly(F0, within(1e-14));
        assertThat(d.test(0)).containsExactly(F0T);
    }

    @Test
    void finiteTimesMatchRungeKutta() {
        GradientFlow.Dynamics d = GradientFlow.of(K.ntk(), 0).dynamics(Y, F0, C.ntk(), F0T);
        for (double t : new double[] {0.3, 2.0, 15.0}) {
            ReferenceFlow ref = new ReferenceFlow(K.ntk(), C.ntk(), Y, F0, F0T, t, 3000);
            assertThat(d.train(t)).containsExactly(ref.train, within(1e-11));
            assertThat(d.test(t)).containsExactly(ref.test, within(1e-11));
        }
    }

    @Test
    void withARidgeTheTrainingOutputsAreTheTestFormulaOnTheTrainingInputs() {
        double ridge = 0.3;
        double[][] kr = MatrixUtils.createRealMatrix(K.ntk()).add(MatrixUtils.createRealIdentityMatrix(6)
                .scalarMultiply(ridge)).getData();
        GradientFlow.Dynamics d = GradientFlow.of(K.ntk(), ridge).dynamics(Y, F0, C.ntk(), F0T);
        ReferenceFlow ref = new ReferenceFlow(kr, K.ntk(), Y, F0, F0, 4.0, 3000);
        assertThat(d.train(4.0)).containsExactly(ref.test, within(1e-11));
    }

    @Test
    void infiniteTimeIsRidgelessRegressionFromTheInitialFunction() {
        GradientFlow flow = GradientFlow.of(K.ntk(), 0);
        GradientFlow.Dynamics d = flow.dynamics(Y, F0, C.ntk(), F0T);
        RealMatrix theta = MatrixUtils.createRealMatrix(K.ntk());
        RealVector residual = MatrixUtils.createRealVector(Y).subtract(MatrixUtils.createRealVector(F0));
        RealVector expected = MatrixUtils.createRealMatrix(C.ntk())
                .operate(new LUDecomposition(theta).getSolver().solve(residual))
                .add(MatrixUtils.createRealVector(F0T));
        assertThat(d.test(Double.POSITIVE_INFINITY)).containsExactly(expected.toArray(), within(1e-11));
        assertThat(d.train(Double.POSITIVE_INFINITY)).containsExactly(Y, within(1e-12));
        double late = 800 * X.length / flow.diagnostics().lambdaMin();
        assertThat(d.test(late)).containsExactly(expected.toArray(), within(1e-11));
        assertThat(d.train(late)).containsExactly(Y, within(1e-12));
    }

    @Test
    void discreteGradientDescentMatchesTheIterationAndTendsToTheFlow() {
        double eta = 0.7;
        int steps = 37;
        GradientFlow.Dynamics d = GradientFlow.of(K.ntk(), 0).dynamics(Y, F0, C.ntk(), F0T);
        // the iteration f ← f − η K (f − y)/n, f* ← f* − η K* (f − y)/n, done explicitly
        double[] f = F0.clone();
        double[] ft = F0T.clone();
        int n = 6;
        for (int s = 0; s < steps; s++) {
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = f[i] - Y[i];
            }
            for (int i = 0; i < n; i++) {
                f[i] -= eta * InfiniteWidthPredictor.dot(K.ntk()[i], r) / n;
            }
            for (int i = 0; i < 3; i++) {
                ft[i] -= eta * InfiniteWidthPredictor.dot(C.ntk()[i], r) / n;
            }
        }
        assertThat(d.trainAfterSteps(steps, eta)).containsExactly(f, within(1e-12));
        assertThat(d.testAfterSteps(steps, eta)).containsExactly(ft, within(1e-12));
        assertThat(d.testAfterSteps(0, eta)).containsExactly(F0T, within(1e-15));
        // small steps approach the flow at the same time ηt
        double[] flow = d.test(2.0);
        double[] gd = d.testAfterSteps(20000, 1e-4);
        assertThat(gd).containsExactly(flow, within(1e-4));
    }
}
