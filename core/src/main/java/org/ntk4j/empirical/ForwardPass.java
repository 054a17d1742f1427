package org.ntk4j.empirical;

import java.util.List;
import org.ntk4j.network.Dense;
import org.ntk4j.network.Layer;

/**
 * A {@link FiniteNetwork} evaluated on a batch x_1..x_N, with the value of every layer kept for the backward pass.
 * Matrices have one row per input. With dense layer ℓ = 0..L mapping a_ℓ to h_{ℓ+1}:
 * {@link #activations(int) activations(ℓ)} = a_ℓ (a_0 = x; φ(h_ℓ) in the multilayer perceptron, N × n_ℓ) and
 * {@link #preActivations(int) preActivations(ℓ)} = h_ℓ for ℓ = 1..L+1 (h_{L+1} = f, N × 1).
 * Immutable; the accessors return copies.
 */
public final class ForwardPass {

    private final FiniteNetwork network;
    private final double[][] input;
    /** The output of each layer of the network description, in order. */
    private final List<double[][]> values;
    /** For dense layer ℓ: the index in {@link #values} of its output (its input is the value before it). */
    private final int[] denseIndex;

    ForwardPass(FiniteNetwork network, double[][] input, List<double[][]> values) {
        this.network = network;
        this.input = input;
        this.values = values;
        this.denseIndex = new int[network.denseLayers()];
        List<Layer> layers = network.network().layers();
        int l = 0;
        for (int k = 0; k < layers.size(); k++) {
            if (layers.get(k) instanceof Dense) {
                denseIndex[l++] = k;
            }
        }
    }

    public FiniteNetwork network() {
        return network;
    }

    /** N, the number of inputs. */
    public int size() {
        return input.length;
    }

    /** f(x_i), i = 1..N. */
    public double[] outputs() {
        double[][] f = values.get(values.size() - 1);
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i][0];
        }
        return out;
    }

    /** a_ℓ, the input of dense layer ℓ (0 ≤ ℓ ≤ L): x for ℓ = 0, φ(h_ℓ) in the MLP. A copy. */
    public double[][] activations(int layer) {
        return copy(activationsView(layer));
    }

    /** h_ℓ, the output of dense layer ℓ − 1 (1 ≤ ℓ ≤ L + 1). A copy. */
    public double[][] preActivations(int layer) {
        if (layer < 1 || layer > denseIndex.length) {
            throw new IndexOutOfBoundsException("pre-activations h_l exist for l = 1.." + denseIndex.length);
        }
        return copy(values.get(denseIndex[layer - 1]));
    }

    /** Back-propagates ∂f/∂h_ℓ through the network for every input. */
    public BackwardPass backward() {
        return new BackwardPass(this);
    }

    double[][] activationsView(int layer) {
        int k = denseIndex[layer];
        return k == 0 ? input : values.get(k - 1);
    }

    /** The output of layer k of the description (k = −1: the input). */
    double[][] valueView(int k) {
        return k < 0 ? input : values.get(k);
    }

    int denseIndex(int layer) {
        return denseIndex[layer];
    }

    static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
