package org.ntk4j.network;

/**
 * How the weights are scaled (docs/conventions.md).
 * <ul>
 *   <li>{@link #NTK}: W = σ_w/√n_in · ω with trainable ω ~ N(0, 1), b = σ_b · β; the NTK has a finite
 *       infinite-width limit. Dense: K ← σ_w² K + σ_b², Θ ← K_new + σ_w² Θ.</li>
 *   <li>{@link #STANDARD}: W ~ N(0, σ_w²/n_in) and b ~ N(0, σ_b²) are trained directly; the NNGP is the same but the
 *       NTK grows with the widths. Dense with input width n_in: Θ ← n_in K + [bias] + σ_w² Θ, K ← σ_w² K + σ_b²
 *       (neural-tangents' rule; [bias] = 1 when the layer has a bias).</li>
 * </ul>
 */
public enum Parameterization {
    NTK, STANDARD
}
