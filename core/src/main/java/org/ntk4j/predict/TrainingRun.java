package org.ntk4j.predict;

import java.util.List;

/**
 * The record of one finite network trained by {@link FiniteWidthTraining}.
 *
 * @param checkpoints          the log-spaced checkpoints, step 0 first and step S last
 * @param trainOutputs         g(xᵢ) after S steps (centred, scaled model)
 * @param testOutputs          g(x*) after S steps
 * @param kernelTrainOutputs   μ_τ(xᵢ) at τ = ηS, the infinite-width NTK gradient-flow prediction from 0
 * @param kernelTestOutputs    μ_τ(x*) at τ = ηS
 * @param empiricalDiagnostics spectrum of the empirical NTK Θ̂₀ of the sampled network on the training inputs
 *                             (its {@link GramDiagnostics#maxLearningRate()} is the finite network's stability limit)
 * @param kernelDiagnostics    spectrum of the infinite-width NTK Θ on the training inputs
 */
public record TrainingRun(List<Checkpoint> checkpoints, double[] trainOutputs, double[] testOutputs,
                          double[] kernelTrainOutputs, double[] kernelTestOutputs,
                          GramDiagnostics empiricalDiagnostics, GramDiagnostics kernelDiagnostics) {

    public Checkpoint last() {
        return checkpoints.get(checkpoints.size() - 1);
    }
}
