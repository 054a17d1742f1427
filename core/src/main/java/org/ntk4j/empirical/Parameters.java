package org.ntk4j.empirical;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Arrays shaped like the trainable parameters of a finite network. Dense layer ℓ (ℓ = 0..L, the last one the
 * scalar readout) maps an input of width n_ℓ to an output of width n_{ℓ+1}; it has a weight matrix of n_{ℓ+1}
 * rows and n_ℓ columns ({@code weight(ℓ, row, column)}, rows indexing outputs as in W·x) and a bias vector of
 * n_{ℓ+1} entries, or of 0 entries when the layer has no bias (σ_b² = 0).
 *
 * <p>The same shape holds the parameters themselves (ω and β in the NTK parameterization, W and b in the standard
 * one), the gradient of a scalar with respect to them, or an update step. Immutable: the factory and the array
 * accessors copy.
 */
public final class Parameters {

    private final double[][][] weights;
    private final double[][] biases;

    /** Takes ownership of the arrays (callers inside the package hand over fresh arrays). */
    Parameters(double[][][] weights, double[][] biases) {
        this.weights = weights;
        this.biases = biases;
    }

    /**
     * Parameters from arrays: {@code weights[ℓ]} is layer ℓ's rectangular weight matrix, {@code biases[ℓ]} its bias
     * vector (length = rows of {@code weights[ℓ]}, or 0 for no bias). The arrays are copied.
     */
    public static Parameters of(double[][][] weights, double[][] biases) {
        if (weights.length != biases.length || weights.length == 0) {
            throw new IllegalArgumentException("need one weight matrix and one bias vector per dense layer, got "
                    + weights.length + " and " + biases.length);
        }
        double[][][] w = new double[weights.length][][];
        double[][] b = new double[biases.length][];
        for (int l = 0; l < weights.length; l++) {
            int rows = weights[l].length;
            int columns = rows == 0 ? 0 : weights[l][0].length;
            w[l] = new double[rows][];
            for (int r = 0; r < rows; r++) {
                if (weights[l][r].length != columns) {
                    throw new IllegalArgumentException("weight matrix " + l + " is ragged");
                }
                w[l][r] = weights[l][r].clone();
            }
            if (biases[l].length != 0 && biases[l].length != rows) {
                throw new IllegalArgumentException("bias vector " + l + " has " + biases[l].length
                        + " entries, its weight matrix " + rows + " rows");
            }
            b[l] = biases[l].clone();
        }
        return new Parameters(w, b);
    }

    /** Zeros shaped like {@code shape}. */
    public static Parameters zerosLike(Parameters shape) {
        double[][][] w = new double[shape.weights.length][][];
        double[][] b = new double[shape.biases.length][];
        for (int l = 0; l < w.length; l++) {
            w[l] = new double[shape.rows(l)][shape.columns(l)];
            b[l] = new double[shape.biases[l].length];
        }
        return new Parameters(w, b);
    }

    /** The number of dense layers, L + 1. */
    public int layers() {
        return weights.length;
    }

    /** n_{ℓ+1}: the output width of dense layer ℓ. */
    public int rows(int layer) {
        return weights[layer].length;
    }

    /** n_ℓ: the input width of dense layer ℓ. */
    public int columns(int layer) {
        return weights[layer].length == 0 ? 0 : weights[layer][0].length;
    }

    public boolean hasBias(int layer) {
        return biases[layer].length > 0;
    }

    public double weight(int layer, int row, int column) {
        return weights[layer][row][column];
    }

    public double bias(int layer, int row) {
        return biases[layer][row];
    }

    /** A copy of layer ℓ's weight matrix. */
    public double[][] weights(int layer) {
        double[][] w = weights[layer];
        double[][] copy = new double[w.length][];
        for (int r = 0; r < w.length; r++) {
            copy[r] = w[r].clone();
        }
        return copy;
    }

    /** A copy of layer ℓ's bias vector (empty when the layer has no bias). */
    public double[] biases(int layer) {
        return biases[layer].clone();
    }

    /** The total number of scalars. */
    public long size() {
        long s = 0;
        for (int l = 0; l < weights.length; l++) {
            s += (long) rows(l) * columns(l) + biases[l].length;
        }
        return s;
    }

    public boolean sameShape(Parameters other) {
        if (other.weights.length != weights.length) {
            return false;
        }
        for (int l = 0; l < weights.length; l++) {
            if (other.rows(l) != rows(l) || other.columns(l) != columns(l)
                    || other.biases[l].length != biases[l].length) {
                return false;
            }
        }
        return true;
    }

    /** this + scale·step, entry by entry (a gradient-descent step is {@code plus(gradient, -learningRate)}). */
    public Parameters plus(Parameters step, double scale) {
        requireSameShape(step);
        double[][][] w = new double[weights.length][][];
        double[][] b = new double[biases.length][];
        for (int l = 0; l < weights.length; l++) {
            double[][] wl = weights[l];
            double[][] sl = step.weights[l];
            double[][] out = new double[wl.length][];
            IntStream.range(0, wl.length).parallel().forEach(r -> {
                double[] x = wl[r];
                double[] y = sl[r];
                double[] z = new double[x.length];
                for (int c = 0; c < x.length; c++) {
                    z[c] = x[c] + scale * y[c];
                }
                out[r] = z;
            });
            w[l] = out;
            b[l] = new double[biases[l].length];
            for (int r = 0; r < b[l].length; r++) {
                b[l][r] = biases[l][r] + scale * step.biases[l][r];
            }
        }
        return new Parameters(w, b);
    }

    /** scale·this. */
    public Parameters times(double scale) {
        return zerosLike(this).plus(this, scale);
    }

    /** The Euclidean inner product over all scalars (summed in a fixed order). */
    public double dot(Parameters other) {
        requireSameShape(other);
        double s = 0;
        for (int l = 0; l < weights.length; l++) {
            for (int r = 0; r < weights[l].length; r++) {
                double[] x = weights[l][r];
                double[] y = other.weights[l][r];
                for (int c = 0; c < x.length; c++) {
                    s += x[c] * y[c];
                }
            }
            for (int r = 0; r < biases[l].length; r++) {
                s += biases[l][r] * other.biases[l][r];
            }
        }
        return s;
    }

    /** The Euclidean norm over all scalars. */
    public double norm() {
        return Math.sqrt(dot(this));
    }

    /** Package access without copying: layer ℓ's weight rows. */
    double[][] weightsView(int layer) {
        return weights[layer];
    }

    double[] biasesView(int layer) {
        return biases[layer];
    }

    private void requireSameShape(Parameters other) {
        if (!sameShape(other)) {
            throw new IllegalArgumentException("parameter shapes differ");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters p && Arrays.deepEquals(weights, p.weights) && Arrays.deepEquals(biases, p.biases);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(weights) + Arrays.deepHashCode(biases);
    }
}
