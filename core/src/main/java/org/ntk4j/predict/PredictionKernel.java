package org.ntk4j.predict;

import java.util.Locale;

/** Which infinite-width kernel drives the predictions. */
public enum PredictionKernel {
    /**
     * The NNGP Σ: the Bayesian posterior of the Gaussian-process prior GP(0, Σ) (τ = ∞), and gradient flow of the
     * readout layer alone (finite τ), whose tangent kernel is Σ.
     */
    NNGP,
    /** The NTK Θ: the infinite ensemble of infinitely wide networks trained by gradient flow on all layers. */
    NTK;

    /** Parses "nngp" or "ntk" (any case). */
    public static PredictionKernel parse(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "nngp" -> NNGP;
            case "ntk" -> NTK;
            default -> throw new IllegalArgumentException("the kernel must be nngp or ntk, got '" + s + "'");
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
