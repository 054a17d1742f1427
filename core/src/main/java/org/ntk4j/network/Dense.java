package org.ntk4j.network;

/**
 * An affine layer h ↦ W h + b with i.i.d. W_ij ~ N(0, σ_w²/n_in) (through the parameterization, see
 * {@link Parameterization}) and b_i ~ N(0, σ_b²).
 *
 * @param weightVariance σ_w² ≥ 0
 * @param biasVariance   σ_b² ≥ 0; 0 means the layer has no bias (no bias parameter is trained)
 * @param width          the output width n of this layer; {@link #UNSPECIFIED} for an infinitely wide hidden
 *                       layer of the NTK parameterization, 1 for the scalar readout
 */
public record Dense(double weightVariance, double biasVariance, int width) implements Layer {

    /** Width of a hidden layer whose width does not enter the computation (infinite width, NTK parameterization). */
    public static final int UNSPECIFIED = 0;

    public Dense {
        if (!(weightVariance >= 0) || Double.isInfinite(weightVariance)) {
            throw new IllegalArgumentException("weight variance must be a finite number >= 0, got " + weightVariance);
        }
        if (!(biasVariance >= 0) || Double.isInfinite(biasVariance)) {
            throw new IllegalArgumentException("bias variance must be a finite number >= 0, got " + biasVariance);
        }
        if (width < 0) {
            throw new IllegalArgumentException("width must be >= 1, got " + width);
        }
    }

    public boolean hasBias() {
        return biasVariance > 0;
    }

    public boolean hasWidth() {
        return width != UNSPECIFIED;
    }

    public Dense withWidth(int newWidth) {
        return new Dense(weightVariance, biasVariance, newWidth);
    }
}
