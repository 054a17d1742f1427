package org.ntk4j.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ntk4j.activation.Erf;
import org.ntk4j.activation.Relu;
import org.ntk4j.empirical.EmpiricalKernel;
import org.ntk4j.empirical.FiniteNetwork;
import org.ntk4j.network.Network;

/**
 * Finite-width training against the linearised dynamics (one small step = −η Θ̂₀ (g − y)/n with the empirical NTK
 * of the same sampled network, up to O(η²/α)) and against the infinite-width gradient flow (the distance shrinks with
 * the width).
 */
class FiniteWidthTrainingTest {

    private static final double[][] X = InfiniteWidthPredictorTest.inputs(8, 3, 31);
    private static final double[][] XT = InfiniteWidthPredictorTest.inputs(5, 3, 32);
    private static final double[] Y = InfiniteWidthPredictorTest.targets(8, 33);
    private static final Network RELU = Network.mlp(new Relu(), 1, 2.0, 0.1);

    /** max_i |Δg_i − η (Θ̂₀ y)_i / n| / max_i |η (Θ̂₀ y)_i / n| after one step from g = 0. */
    private static double firstOrderError(Network net, double eta, double alpha) {
        TrainingRun run = new FiniteWidthTraining(net, X, Y, XT)
                .train(new TrainingSettings(1, eta, alpha, 0, 1, 7), null);
        double[][] theta = new EmpiricalKernel(FiniteNetwork.sample(net, 3, 7)).gram(X).ntk();
        double err = 0;
        double scale = 0;
        for (int i = 0; i < 8; i++) {
            double expected = eta * InfiniteWidthPredictor.dot(theta[i], Y) / 8;
            err = Math.max(err, Math.abs(run.trainOutputs()[i] - expected));
            scale = Math.max(scale, Math.abs(expected));
        }
        return err / scale;
    }

    @Test
    void oneSmallStepFollowsTheEmpiricalNtk() {
        Network net = Network.mlp(new Erf(), 2, 1.5, 0.1).withHiddenWidth(48);
        double e1 = firstOrderError(net, 1e-2, 1);
        double e2 = firstOrderError(net, 5e-3, 1);
        double e3 = firstOrderError(net, 1e-2, 10);
        assertThat(e1).isLessThan(1e-2).isPositive();
        // the remainder is second order in η ...
        assertThat(e1 / e2).isBetween(1.8, 2.2);
        // ... and shrinks like 1/α (the 1/α² loss scaling keeps the first-order term fixed)
        assertThat(e1 / e3).isBetween(8.0, 12.0);
    }

    @Test
    void checkpointsAreLogSpacedAndStartFromZero() {
        TrainingSettings s = new TrainingSettings(1000, 0.1, 1, 0, 10, 1);
        int[] steps = s.checkpointSteps();
        assertThat(steps[0]).isZero();
        assertThat(steps[1]).isEqualTo(1);
        assertThat(steps[steps.length - 1]).isEqualTo(1000);
        assertThat(steps).isSorted().doesNotHaveDuplicates().contains(2, 4, 8, 16, 32, 63, 126, 251, 501);
        TrainingRun run = new FiniteWidthTraining(RELU.withHiddenWidth(32), X, Y, XT)
                .train(new TrainingSettings(20, 0.1, 1, 0, 5, 1), null);
        Checkpoint first = run.checkpoints().get(0);
        double loss0 = 0;
        for (double v : Y) {
            loss0 += v * v / 16;
        }
        assertThat(first.trainLoss()).isCloseTo(loss0, within(1e-15));
        assertThat(List.of(first.weightChange(), first.ntkChange(), first.trainDistance(), first.testDistance()))
                .containsOnly(0.0);
        assertThat(run.last().step()).isEqualTo(20);
        assertThat(run.last().time()).isCloseTo(2.0, within(1e-15));
    }

    @Test
    void wideNetworksTrackTheInfiniteWidthGradientFlowCloserAsTheWidthGrows() {
        double[] distance = new double[3];
        double[] scale = new double[3];
        double[] ntkChange = new double[3];
        int[] widths = {64, 512, 4096};
        FiniteWidthTraining training = new FiniteWidthTraining(RELU.withHiddenWidth(64), X, Y, XT);
        double eta = 0.5 * training.kernelDiagnostics().maxLearningRate();
        for (int k = 0; k < 3; k++) {
            TrainingRun run = training.withNetwork(RELU.withHiddenWidth(widths[k]))
                    .train(new TrainingSettings(200, eta, 1, 0, 4, 11), null);
            assertThat(run.last().trainLoss()).isLessThan(0.2 * run.checkpoints().get(0).trainLoss());
            distance[k] = run.last().testDistance();
            ntkChange[k] = run.last().ntkChange();
            scale[k] = FiniteWidthTraining.rms(run.kernelTestOutputs(), new double[5]);
            // within a tolerance that shrinks like width^-1/2 (relative to the size of the prediction)
            assertThat(distance[k] / scale[k]).isLessThan(2.5 / Math.sqrt(widths[k]));
        }
        // 8× the width: about √8 ≈ 2.8× closer (fluctuations of Θ̂₀ and its drift are O(width^-1/2)).
        assertThat(distance[0] / distance[1]).isGreaterThan(1.8);
        assertThat(distance[1] / distance[2]).isGreaterThan(1.8);
        assertThat(ntkChange[0] / ntkChange[1]).isGreaterThan(1.8);
        assertThat(ntkChange[1] / ntkChange[2]).isGreaterThan(1.8);
    }

    @Test
    void largerOutputScalesMoveTheWeightsLess() {
        FiniteWidthTraining training = new FiniteWidthTraining(RELU.withHiddenWidth(128), X, Y, XT);
        TrainingSettings s = new TrainingSettings(100, 0.3, 10, 0, 3, 5);
        TrainingRun a10 = training.train(s, null);
        TrainingRun a100 = training.train(s.withOutputScale(100), null);
        assertThat(a10.last().weightChange() / a100.last().weightChange()).isBetween(9.0, 11.0);
        // the kernel moves at least as much less (here about α^-1.8: its first-order change nearly averages out)
        assertThat(a10.last().ntkChange() / a100.last().ntkChange()).isGreaterThan(10.0);
        // and the network follows its own linearisation at w0 ever more closely (the lazy limit), while the
        // distance to the infinite-width prediction levels off at the effect of the finite-width kernel
        assertThat(a10.last().testDistanceLinearised() / a100.last().testDistanceLinearised()).isGreaterThan(10.0);
        assertThat(a100.last().testDistanceLinearised()).isLessThan(0.01 * a100.last().testDistanceGd());
    }

    @Test
    void miniBatchesAreReproducibleAndFollowFullBatchTrainingOnAverage() {
        FiniteWidthTraining training = new FiniteWidthTraining(RELU.withHiddenWidth(256), X, Y, XT);
        TrainingSettings sgd = new TrainingSettings(400, 0.05, 1, 2, 3, 9);
        TrainingRun a = training.train(sgd, null);
        TrainingRun b = training.train(sgd, null);
        assertThat(a.testOutputs()).containsExactly(b.testOutputs());
        TrainingRun full = training.train(new TrainingSettings(400, 0.05, 1, 0, 3, 9), null);
        assertThat(a.last().trainLoss()).isLessThan(0.5 * a.checkpoints().get(0).trainLoss());
        assertThat(FiniteWidthTraining.rms(a.testOutputs(), full.testOutputs()))
                .isLessThan(0.2 * FiniteWidthTraining.rms(full.testOutputs(), new double[5]));
    }

    @Test
    void aLearningRateFarAboveTheLimitIsReportedAsDivergence() {
        FiniteWidthTraining training = new FiniteWidthTraining(RELU.withHiddenWidth(64), X, Y, XT);
        double limit = training.empiricalDiagnostics(3).maxLearningRate();
        assertThatThrownBy(() -> training.train(new TrainingSettings(3000, 20 * limit, 1, 0, 4, 3), null))
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("diverged")
                .hasMessageContaining("stability limit");
    }
}
