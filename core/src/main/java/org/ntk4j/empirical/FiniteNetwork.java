package org.ntk4j.empirical;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ntk4j.activation.Activation;
import org.ntk4j.network.Dense;
import org.ntk4j.network.Layer;
import org.ntk4j.network.Network;
import org.ntk4j.network.Nonlinearity;
import org.ntk4j.network.Parameterization;

/**
 * The finite-width interpreter of a {@link Network}: one network with concrete parameters, immutable.
 *
 * <p>Conventions (docs/conventions.md). Dense layer ℓ = 0..L maps its input a_ℓ ∈ ℝ^{n_ℓ} (a_0 = x, n_0 = d; in
 * the multilayer perceptron a_ℓ = φ(h_ℓ)) to h_{ℓ+1} ∈ ℝ^{n_{ℓ+1}}, with n_{L+1} = 1 and f(x) = h_{L+1}:
 * <ul>
 *   <li>NTK parameterization: h_{ℓ+1} = σ_w/√n_ℓ · ω_ℓ a_ℓ + σ_b β_ℓ, the trainable parameters ω_ℓ, β_ℓ
 *       drawn i.i.d. N(0, 1);</li>
 *   <li>standard parameterization: h_{ℓ+1} = W_ℓ a_ℓ + b_ℓ with trainable W_ℓ ~ N(0, σ_w²/n_ℓ) and
 *       b_ℓ ~ N(0, σ_b²).</li>
 * </ul>
 * So h_{ℓ+1} = c_W(ℓ)·θ_W a_ℓ + c_b(ℓ)·θ_b with the multipliers {@link #weightMultiplier} (σ_w/√n_ℓ or 1) and
 * {@link #biasMultiplier} (σ_b or 1). A layer with σ_b² = 0 has no bias parameter. The variances σ_w², σ_b² are
 * those of the layer's {@link Dense}, the hidden widths its {@link Dense#width()} (set with
 * {@link Network#withHiddenWidth} or {@link Network#withHiddenWidths}); any list of dense layers and nonlinearities
 * is interpreted, not only the MLP.
 *
 * <p>Usage: {@code sample} draws the parameters, {@link #forward} evaluates a batch and keeps every layer's values,
 * {@link ForwardPass#backward} back-propagates ∂f/∂h_ℓ, {@link BackwardPass#gradient} gives the gradient of
 * Σ_i g_i f(x_i) with respect to every parameter (shaped like {@link #parameters()}), and {@link #plus} makes the
 * network with updated parameters:
 * <pre>{@code
 * FiniteNetwork net = FiniteNetwork.sample(network.withHiddenWidth(512), x[0].length, seed);
 * ForwardPass fp = net.forward(x);
 * double[] residual = ...;                                    // e.g. f(x_i) − y_i for the squared loss / 2
 * Parameters grad = fp.backward().gradient(residual);         // ∂/∂θ Σ_i residual_i f(x_i)
 * FiniteNetwork next = net.plus(grad, -learningRate);
 * }</pre>
 *
 * <p>Sampling is reproducible: dense layer ℓ's weight row r is drawn from the stream
 * {@link Seeds#stream Seeds.stream(seed, ℓ, 0, r)} and its biases from {@code Seeds.stream(seed, ℓ, 1)}, standard
 * normals by the ziggurat method; the rows are drawn in parallel and the result does not depend on the number of
 * threads. Neither do the forward and backward passes: their matrix products sum every entry in a fixed order.
 */
public final class FiniteNetwork {

    private final Network network;
    private final int inputDimension;
    private final Parameters parameters;
    private final int[] inputWidths;
    private final int[] outputWidths;
    private final double[] weightMultipliers;
    private final double[] biasMultipliers;

    private FiniteNetwork(Network network, int inputDimension, Parameters parameters) {
        this.network = network;
        this.inputDimension = inputDimension;
        List<Dense> dense = network.denseLayers();
        int count = dense.size();
        inputWidths = new int[count];
        outputWidths = new int[count];
        weightMultipliers = new double[count];
        biasMultipliers = new double[count];
        int width = inputDimension;
        int l = 0;
        for (Layer layer : network.layers()) {
            if (layer instanceof Dense d) {
                inputWidths[l] = width;
                outputWidths[l] = d.width();
                boolean ntk = network.parameterization() == Parameterization.NTK;
                weightMultipliers[l] = ntk ? Math.sqrt(d.weightVariance()) / Math.sqrt(width) : 1.0;
                biasMultipliers[l] = ntk ? Math.sqrt(d.biasVariance()) : 1.0;
                width = d.width();
                l++;
            }
        }
        if (parameters != null) {
            checkShape(parameters);
        }
        this.parameters = parameters;
    }

    /**
     * Draws a network: every hidden dense layer of {@code network} needs a width ({@link Network#withHiddenWidth}).
     *
     * @param inputDimension d, the length of the inputs
     * @param seed           the seed; equal seeds give bit-identical networks
     */
    public static FiniteNetwork sample(Network network, int inputDimension, long seed) {
        FiniteNetwork shape = new FiniteNetwork(check(network, inputDimension), inputDimension, null);
        return new FiniteNetwork(network, inputDimension, shape.draw(seed));
    }

    /** The network with the given parameters (shaped as {@link #sample} would draw them). */
    public static FiniteNetwork of(Network network, int inputDimension, Parameters parameters) {
        return new FiniteNetwork(check(network, inputDimension), inputDimension, parameters);
    }

    private static Network check(Network network, int inputDimension) {
        if (inputDimension < 1) {
            throw new IllegalArgumentException("input dimension must be >= 1, got " + inputDimension);
        }
        if (!network.hasFiniteWidths()) {
            throw new IllegalArgumentException("a finite network needs a width for every hidden layer (--width)");
        }
        List<Dense> dense = network.denseLayers();
        if (dense.get(dense.size() - 1).width() != 1) {
            throw new IllegalArgumentException("the readout must have width 1 (scalar output)");
        }
        return network;
    }

    private Parameters draw(long seed) {
        int count = inputWidths.length;
        double[][][] w = new double[count][][];
        double[][] b = new double[count][];
        List<Dense> dense = network.denseLayers();
        boolean ntk = network.parameterization() == Parameterization.NTK;
        for (int l = 0; l < count; l++) {
            Dense d = dense.get(l);
            int rows = outputWidths[l];
            int columns = inputWidths[l];
            double weightStd = ntk ? 1.0 : Math.sqrt(d.weightVariance()) / Math.sqrt(columns);
            double biasStd = ntk ? 1.0 : Math.sqrt(d.biasVariance());
            final int layer = l;
            double[][] wl = new double[rows][];
            IntStream.range(0, rows).parallel().forEach(r -> {
                UniformRandomProvider rng = Seeds.stream(seed, layer, 0, r);
                ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
                double[] row = new double[columns];
                for (int c = 0; c < columns; c++) {
                    row[c] = weightStd * gauss.sample();
                }
                wl[r] = row;
            });
            w[l] = wl;
            if (d.hasBias()) {
                ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(Seeds.stream(seed, layer, 1));
                b[l] = new double[rows];
                for (int r = 0; r < rows; r++) {
                    b[l][r] = biasStd * gauss.sample();
                }
            } else {
                b[l] = new double[0];
            }
        }
        return new Parameters(w, b);
    }

    private void checkShape(Parameters p) {
        List<Dense> dense = network.denseLayers();
        if (p.layers() != dense.size()) {
            throw new IllegalArgumentException("the network has " + dense.size() + " dense layers, the parameters "
                    + p.layers());
        }
        for (int l = 0; l < p.layers(); l++) {
            if (p.rows(l) != outputWidths[l] || p.columns(l) != inputWidths[l]) {
                throw new IllegalArgumentException("dense layer " + l + " needs a " + outputWidths[l] + " x "
                        + inputWidths[l] + " weight matrix, got " + p.rows(l) + " x " + p.columns(l));
            }
            int bias = dense.get(l).hasBias() ? outputWidths[l] : 0;
            if (p.biasesView(l).length != bias) {
                throw new IllegalArgumentException("dense layer " + l + " needs " + bias + " biases, got "
                        + p.biasesView(l).length);
            }
        }
    }

    public Network network() {
        return network;
    }

    /** d. */
    public int inputDimension() {
        return inputDimension;
    }

    /** The trainable parameters (immutable). */
    public Parameters parameters() {
        return parameters;
    }

    /** L + 1. */
    public int denseLayers() {
        return inputWidths.length;
    }

    /** n_ℓ, the input width of dense layer ℓ (n_0 = d). */
    public int inputWidth(int layer) {
        return inputWidths[layer];
    }

    /** n_{ℓ+1}, the output width of dense layer ℓ (1 for the readout). */
    public int outputWidth(int layer) {
        return outputWidths[layer];
    }

    /** c_W(ℓ): σ_w/√n_ℓ in the NTK parameterization, 1 in the standard one; ∂h_{ℓ+1}/∂θ_W = c_W · a_ℓ. */
    public double weightMultiplier(int layer) {
        return weightMultipliers[layer];
    }

    /** c_b(ℓ): σ_b in the NTK parameterization, 1 in the standard one. */
    public double biasMultiplier(int layer) {
        return biasMultipliers[layer];
    }

    /** The network with parameters θ + scale·step ({@code step} shaped like {@link #parameters()}). */
    public FiniteNetwork plus(Parameters step, double scale) {
        return new FiniteNetwork(network, inputDimension, parameters.plus(step, scale));
    }

    /** The network with other parameters of the same shape. */
    public FiniteNetwork withParameters(Parameters p) {
        return of(network, inputDimension, p);
    }

    /** f(x_i) for every row x_i of {@code x}. */
    public double[] outputs(double[][] x) {
        return forward(x).outputs();
    }

    /** Evaluates the network on the rows of {@code x}, keeping every layer's values for {@link ForwardPass#backward}. */
    public ForwardPass forward(double[][] x) {
        if (x.length == 0) {
            throw new IllegalArgumentException("no inputs");
        }
        double[][] input = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != inputDimension) {
                throw new IllegalArgumentException("input " + i + " has dimension " + x[i].length + ", the network "
                        + inputDimension);
            }
            input[i] = x[i].clone();
        }
        List<Layer> layers = network.layers();
        List<double[][]> values = new ArrayList<>(layers.size());
        double[][] current = input;
        int l = 0;
        for (Layer layer : layers) {
            if (layer instanceof Dense) {
                current = dense(l, current);
                l++;
            } else {
                current = apply(((Nonlinearity) layer).activation(), current);
            }
            values.add(current);
        }
        return new ForwardPass(this, input, values);
    }

    /** h = c_W · a θ_Wᵀ + c_b θ_b for the batch a (rows are inputs). */
    private double[][] dense(int l, double[][] a) {
        // hᵀ = θ_W aᵀ: transposing the N × n batch is cheap, transposing the n × n weights is not.
        double[][] h = DenseProducts.transpose(DenseProducts.multiply(parameters.weightsView(l), DenseProducts.transpose(a)));
        double cw = weightMultipliers[l];
        double cb = biasMultipliers[l];
        double[] bias = parameters.biasesView(l);
        boolean hasBias = bias.length > 0;
        IntStream.range(0, h.length).parallel().forEach(i -> {
            double[] row = h[i];
            for (int o = 0; o < row.length; o++) {
                row[o] = hasBias ? cw * row[o] + cb * bias[o] : cw * row[o];
            }
        });
        return h;
    }

    private static double[][] apply(Activation phi, double[][] h) {
        double[][] out = new double[h.length][];
        IntStream.range(0, h.length).parallel().forEach(i -> {
            double[] in = h[i];
            double[] row = new double[in.length];
            for (int k = 0; k < in.length; k++) {
                row[k] = phi.value(in[k]);
            }
            out[i] = row;
        });
        return out;
    }
}
