package org.ntk4j.predict;

/**
 * The state of a finite network during training (see {@link FiniteWidthTraining}); g is the centred, scaled model
 * α·(f(·; w_t) − f(·; w₀)) and μ_τ the infinite-width NTK gradient-flow prediction started from 0.
 *
 * @param step           t, the number of gradient steps taken
 * @param time           τ = η·t, the gradient-flow time
 * @param trainLoss      (1/2n) Σᵢ (g(xᵢ) − yᵢ)² on the full training set
 * @param weightChange   ‖w_t − w₀‖ / ‖w₀‖ (all parameters, Euclidean)
 * @param ntkChange      ‖Θ̂_t − Θ̂₀‖_F / ‖Θ̂₀‖_F, the empirical NTK of f on the training inputs
 * @param trainDistance  root-mean-square over the training inputs of g(xᵢ) − μ_τ(xᵢ)
 * @param testDistance   root-mean-square over the test inputs of g(x*) − μ_τ(x*)
 */
public record Checkpoint(int step, double time, double trainLoss, double weightChange, double ntkChange,
                         double trainDistance, double testDistance) {
}
