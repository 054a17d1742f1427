package org.ntk4j.predict;

/**
 * The state of a finite network during training (see {@link FiniteWidthTraining}); g is the centred, scaled model
 * α·(f(·; w_t) − f(·; w₀)). Two infinite-width references, both started from 0 with the NTK Θ: the gradient flow
 * μ_τ at τ = η·t, and the same gradient descent as the network (learning rate η, t steps) on the linearised model,
 * ν_t = (I − (I − ηΘ/n)^t) y on the training inputs. The flow differs from any finite-η descent by a
 * width-independent discretisation error, so ν isolates the effect of the width.
 *
 * @param step            t, the number of gradient steps taken
 * @param time            τ = η·t, the gradient-flow time
 * @param trainLoss       (1/2n) Σᵢ (g(xᵢ) − yᵢ)² on the full training set
 * @param weightChange    ‖w_t − w₀‖ / ‖w₀‖ (all parameters, Euclidean)
 * @param ntkChange       ‖Θ̂_t − Θ̂₀‖_F / ‖Θ̂₀‖_F, the empirical NTK of f on the training inputs
 * @param trainDistance   root-mean-square over the training inputs of g(xᵢ) − μ_τ(xᵢ)
 * @param testDistance    root-mean-square over the test inputs of g(x*) − μ_τ(x*)
 * @param trainDistanceGd root-mean-square over the training inputs of g(xᵢ) − ν_t(xᵢ)
 * @param testDistanceGd  root-mean-square over the test inputs of g(x*) − ν_t(x*)
 * @param testDistanceLinearised root-mean-square over the test inputs of g(x*) − ĝ_t(x*), ĝ_t the same gradient
 *                        descent on the network's own linearisation at w₀ (kernel Θ̂₀): the Chizat–Bach lazy limit,
 *                        reached as α → ∞ at any width
 */
public record Checkpoint(int step, double time, double trainLoss, double weightChange, double ntkChange,
                         double trainDistance, double testDistance, double trainDistanceGd, double testDistanceGd,
                         double testDistanceLinearised) {
}
