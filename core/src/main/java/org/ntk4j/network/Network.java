package org.ntk4j.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ntk4j.activation.Activation;

/**
 * An immutable description of a fully-connected network with scalar output: a list of layers that starts and ends
 * with a {@link Dense} layer, and a {@link Parameterization}. The usual multilayer perceptron of depth L is
 * Dense → φ → Dense → φ → … → φ → Dense with L nonlinearities (L hidden layers):
 *
 * <pre>{@code
 * Network net = Network.mlp(new Relu(), 3, 2.0, 0.1);                 // depth 3, σ_w² = 2, σ_b² = 0.1, NTK param.
 * Network sp  = net.withParameterization(Parameterization.STANDARD).withHiddenWidth(512);
 * }</pre>
 *
 * @param layers           the layers in order, first and last {@link Dense}; the last one is the scalar readout
 * @param parameterization the weight scaling shared by every dense layer
 */
public record Network(List<Layer> layers, Parameterization parameterization) {

    public Network {
        layers = List.copyOf(layers);
        Objects.requireNonNull(parameterization, "parameterization");
        if (layers.isEmpty() || !(layers.get(0) instanceof Dense) || !(layers.get(layers.size() - 1) instanceof Dense)) {
            throw new IllegalArgumentException("a network starts and ends with a dense layer");
        }
        if (parameterization == Parameterization.STANDARD) {
            List<Dense> dense = dense(layers);
            for (int i = 0; i < dense.size() - 1; i++) {
                if (!dense.get(i).hasWidth()) {
                    throw new IllegalArgumentException(
                            "the standard parameterization needs a width for every hidden layer (--width)");
                }
            }
        }
    }

    /**
     * The multilayer perceptron Dense → (φ → Dense) × depth with the same variances in every dense layer, NTK
     * parameterization, unspecified (infinite) hidden widths.
     */
    public static Network mlp(Activation activation, int depth, double weightVariance, double biasVariance) {
        double[] w = new double[depth + 1];
        double[] b = new double[depth + 1];
        java.util.Arrays.fill(w, weightVariance);
        java.util.Arrays.fill(b, biasVariance);
        return mlp(activation, w, b);
    }

    /**
     * The multilayer perceptron with per-layer variances: {@code weightVariances[h]} and {@code biasVariances[h]}
     * for dense layer h = 0..depth (h = depth is the readout). Both arrays have length depth + 1.
     */
    public static Network mlp(Activation activation, double[] weightVariances, double[] biasVariances) {
        Objects.requireNonNull(activation, "activation");
        if (weightVariances.length == 0 || weightVariances.length != biasVariances.length) {
            throw new IllegalArgumentException("need depth + 1 weight and bias variances, got "
                    + weightVariances.length + " and " + biasVariances.length);
        }
        List<Layer> layers = new ArrayList<>();
        int depth = weightVariances.length - 1;
        for (int h = 0; h <= depth; h++) {
            boolean readout = h == depth;
            layers.add(new Dense(weightVariances[h], biasVariances[h], readout ? 1 : Dense.UNSPECIFIED));
            if (!readout) {
                layers.add(new Nonlinearity(activation));
            }
        }
        return new Network(layers, Parameterization.NTK);
    }

    public Network withParameterization(Parameterization p) {
        return new Network(layers, p);
    }

    /** The same network with every hidden dense layer of width n (the readout keeps width 1). */
    public Network withHiddenWidth(int n) {
        int hidden = dense(layers).size() - 1;
        int[] widths = new int[hidden];
        java.util.Arrays.fill(widths, n);
        return withHiddenWidths(widths);
    }

    /** The same network with hidden dense layer h of width {@code widths[h]}; one width per hidden layer. */
    public Network withHiddenWidths(int... widths) {
        int hidden = dense(layers).size() - 1;
        if (widths.length != hidden) {
            throw new IllegalArgumentException("need " + hidden + " hidden widths, got " + widths.length);
        }
        for (int w : widths) {
            if (w < 1) {
                throw new IllegalArgumentException("widths must be >= 1, got " + w);
            }
        }
        List<Layer> out = new ArrayList<>(layers.size());
        int h = 0;
        for (Layer layer : layers) {
            if (layer instanceof Dense d && h < hidden) {
                out.add(d.withWidth(widths[h++]));
            } else {
                out.add(layer);
            }
        }
        return new Network(out, parameterization);
    }

    /** The number of nonlinearities (hidden layers), L. */
    public int depth() {
        return (int) layers.stream().filter(l -> l instanceof Nonlinearity).count();
    }

    /** The dense layers in order; the last is the readout. */
    public List<Dense> denseLayers() {
        return dense(layers);
    }

    /** The hidden widths n_1..n_L (each {@link Dense#UNSPECIFIED} when not given). */
    public int[] hiddenWidths() {
        List<Dense> d = denseLayers();
        int[] w = new int[d.size() - 1];
        for (int i = 0; i < w.length; i++) {
            w[i] = d.get(i).width();
        }
        return w;
    }

    /** True when every hidden layer has a width, so the network can be sampled at finite width. */
    public boolean hasFiniteWidths() {
        for (int w : hiddenWidths()) {
            if (w == Dense.UNSPECIFIED) {
                return false;
            }
        }
        return true;
    }

    /** The activation of an MLP whose nonlinearities are all the same. */
    public Activation activation() {
        Activation a = null;
        for (Layer l : layers) {
            if (l instanceof Nonlinearity n) {
                if (a != null && !a.equals(n.activation())) {
                    throw new IllegalStateException("the network has more than one activation");
                }
                a = n.activation();
            }
        }
        if (a == null) {
            throw new IllegalStateException("the network has no nonlinearity (depth 0)");
        }
        return a;
    }

    private static List<Dense> dense(List<Layer> layers) {
        List<Dense> out = new ArrayList<>();
        for (Layer l : layers) {
            if (l instanceof Dense d) {
                out.add(d);
            }
        }
        return out;
    }
}
