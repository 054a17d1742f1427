package org.ntk4j.spectrum;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The spectrum of one kernel (NNGP or NTK) of a network on one domain, degree by degree.
 *
 * <p>{@code mu[k]} is the normalised eigenvalue μ_k/Φ(1) of every degree-k eigenfunction, rounded to
 * {@code digits} significant digits, each of which is certified; exact zeros (proved by {@link KernelParity}) are
 * {@link BigDecimal#ZERO}; {@code null} marks a degree that could not be certified ({@code unresolvedFrom} is the
 * first such degree and {@code unresolvedReason} says why; every degree from there on is null). In the
 * {@link Domain#LIMIT} d → ∞, {@code mu[k]} is the limit of the fractional variance N(d,k)μ_k/Φ(1), namely
 * a_k/Φ(1) with a_k the k-th Taylor coefficient of Φ at 0, and the multiplicity is null.
 *
 * @param domain           cube, sphere or limit
 * @param kernel           "nngp" or "ntk"
 * @param dimension        d (ignored by the limit)
 * @param kernelAtOne      Φ(1) = Φ(⟨x, x⟩/d) (to the requested digits)
 * @param mu               normalised eigenvalues for k = 0..K
 * @param multiplicity     C(d, k) on the cube, N(d, k) = C(k+d−1, d−1) − C(k+d−3, d−1) on the sphere
 * @param digits           the certified significant digits of every non-null entry
 * @param workingDigits    the decimal working precision that was needed (0 for double precision)
 * @param muWorking        the certified values before rounding to {@code digits} (more digits, of which the
 *                         first {@code digits} + 1 are certified), from which derived quantities are rounded once
 */
public record Spectrum(Domain domain, String kernel, int dimension, BigDecimal kernelAtOne, BigDecimal[] mu,
                       BigInteger[] multiplicity, int digits, int unresolvedFrom, String unresolvedReason,
                       int workingDigits, BigDecimal[] muWorking) {

    /** Where the inputs live. */
    public enum Domain {
        CUBE, SPHERE, LIMIT;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public int maxDegree() {
        return mu.length - 1;
    }

    public boolean resolved(int k) {
        return mu[k] != null;
    }

    /** The degree-k fractional variance: multiplicity · μ_k/Φ(1) (μ_k's value itself in the limit), or null. */
    public BigDecimal fractionalVariance(int k) {
        if (mu[k] == null) {
            return null;
        }
        if (multiplicity == null) {
            return mu[k];
        }
        return new BigDecimal(multiplicity[k]).multiply(full(k)).round(new MathContext(digits, RoundingMode.HALF_EVEN));
    }

    /** The unnormalised eigenvalue μ_k (in the kernel's units), or null. */
    public BigDecimal eigenvalue(int k) {
        return mu[k] == null ? null : full(k).multiply(kernelAtOne).round(new MathContext(digits, RoundingMode.HALF_EVEN));
    }

    /** μ_k/Φ(1) with its working digits (the rounded value when those are not kept). */
    private BigDecimal full(int k) {
        return muWorking != null && muWorking[k] != null ? muWorking[k] : mu[k];
    }

    /**
     * λ_max = max_k μ_k over the computed degrees (unnormalised). Because μ_k ≥ μ_{k+2} for these kernels, this is
     * max(μ_0, μ_1) and is the largest eigenvalue of the kernel operator even when only a few degrees are
     * computed; null when μ_0 or μ_1 is unresolved.
     */
    public BigDecimal largestEigenvalue() {
        if (domain == Domain.LIMIT || mu[0] == null || (mu.length > 1 && mu[1] == null)) {
            return null;
        }
        BigDecimal best = mu[0];
        for (BigDecimal m : mu) {
            if (m != null && m.compareTo(best) > 0) {
                best = m;
            }
        }
        return best.multiply(kernelAtOne).round(new MathContext(digits, RoundingMode.HALF_EVEN));
    }

    /** λ_min over all degrees 0..d (unnormalised), or null unless every degree up to d is resolved. */
    public BigDecimal smallestEigenvalue() {
        if (domain != Domain.CUBE || mu.length != dimension + 1 || unresolvedFrom >= 0) {
            return null;
        }
        BigDecimal best = mu[0];
        for (BigDecimal m : mu) {
            if (m.compareTo(best) < 0) {
                best = m;
            }
        }
        return best.multiply(kernelAtOne).round(new MathContext(digits, RoundingMode.HALF_EVEN));
    }

    /**
     * The largest stable learning rate 2/λ_max of full-batch gradient descent on the cube, for the loss
     * L = (1/2^{d+1}) Σ_x (f(x) − y(x))² over all 2^d points in the linearised (NTK) regime: the residual
     * evolves by I − η Θ/2^d, whose eigenvalues are 1 − η μ_k, so the iteration converges iff η &lt; 2/max μ_k.
     * For the NTK this is training all layers; for the NNGP (the readout layer's share of the NTK) training the
     * readout layer alone.
     */
    public BigDecimal maxStableLearningRate() {
        BigDecimal max = largestEigenvalue();
        if (max == null || max.signum() <= 0) {
            return null;
        }
        return BigDecimal.valueOf(2).divide(max, new MathContext(digits, RoundingMode.HALF_EVEN));
    }
}
