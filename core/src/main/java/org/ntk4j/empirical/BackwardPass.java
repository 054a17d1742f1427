package org.ntk4j.empirical;

import java.util.List;
import java.util.stream.IntStream;
import org.ntk4j.activation.Activation;
import org.ntk4j.network.Dense;
import org.ntk4j.network.Layer;
import org.ntk4j.network.Nonlinearity;

/**
 * The back-propagated signals δ_ℓ = ∂f/∂h_ℓ (ℓ = 1..L+1, one row per input, N × n_ℓ) of a {@link ForwardPass},
 * and from them the parameter gradients. With the multipliers c_W, c_b of {@link FiniteNetwork}:
 * δ_{L+1} = 1; through a dense layer ℓ, ∂f/∂a_ℓ = c_W(ℓ) δ_{ℓ+1} θ_W(ℓ); through φ, ∂f/∂h = ∂f/∂φ(h) ⊙ φ'(h)
 * (the a.e. derivative {@link Activation#derivative}). The parameter derivatives are
 * ∂f/∂θ_W(ℓ)[r][c] = c_W(ℓ) δ_{ℓ+1}[r] a_ℓ[c] and ∂f/∂θ_b(ℓ)[r] = c_b(ℓ) δ_{ℓ+1}[r].
 */
public final class BackwardPass {

    private final ForwardPass forward;
    /** signals[ℓ] = δ_{ℓ+1} = ∂f/∂h_{ℓ+1}, the signal at the output of dense layer ℓ. */
    private final double[][][] signals;

    BackwardPass(ForwardPass forward) {
        this.forward = forward;
        FiniteNetwork net = forward.network();
        List<Layer> layers = net.network().layers();
        int n = forward.size();
        signals = new double[net.denseLayers()][][];
        double[][] delta = new double[n][];
        for (int i = 0; i < n; i++) {
            delta[i] = new double[] {1.0};
        }
        int l = net.denseLayers() - 1;
        for (int k = layers.size() - 1; k >= 0; k--) {
            Layer layer = layers.get(k);
            if (layer instanceof Dense) {
                signals[l] = delta;
                if (k == 0) {
                    break;   // ∂f/∂x is not needed
                }
                delta = throughDense(net, l, delta);
                l--;
            } else {
                delta = throughNonlinearity(((Nonlinearity) layer).activation(), forward.valueView(k - 1), delta);
            }
        }
    }

    private static double[][] throughDense(FiniteNetwork net, int l, double[][] delta) {
        double[][] g = DenseProducts.multiply(delta, net.parameters().weightsView(l));
        double cw = net.weightMultiplier(l);
        IntStream.range(0, g.length).parallel().forEach(i -> {
            double[] row = g[i];
            for (int c = 0; c < row.length; c++) {
                row[c] *= cw;
            }
        });
        return g;
    }

    private static double[][] throughNonlinearity(Activation phi, double[][] h, double[][] delta) {
        double[][] out = new double[delta.length][];
        IntStream.range(0, delta.length).parallel().forEach(i -> {
            double[] d = delta[i];
            double[] hi = h[i];
            double[] row = new double[d.length];
            for (int c = 0; c < d.length; c++) {
                row[c] = d[c] * phi.derivative(hi[c]);
            }
            out[i] = row;
        });
        return out;
    }

    public ForwardPass forward() {
        return forward;
    }

    /** δ_ℓ = ∂f/∂h_ℓ for ℓ = 1..L+1 (N × n_ℓ; δ_{L+1} is all ones). A copy. */
    public double[][] signals(int layer) {
        if (layer < 1 || layer > signals.length) {
            throw new IndexOutOfBoundsException("signals exist for l = 1.." + signals.length);
        }
        return ForwardPass.copy(signals[layer - 1]);
    }

    /** ∂f/∂h at the output of dense layer ℓ (0-based), without copying. */
    double[][] outputSignalView(int layer) {
        return signals[layer];
    }

    /**
     * The gradient of Σ_i g_i f(x_i) with respect to every parameter, shaped like
     * {@link FiniteNetwork#parameters()}: for dense layer ℓ, c_W(ℓ) Σ_i g_i δ_{ℓ+1}(x_i) a_ℓ(x_i)ᵀ and
     * c_b(ℓ) Σ_i g_i δ_{ℓ+1}(x_i). For the squared loss ½Σ(f(x_i) − y_i)², g = f(X) − y.
     */
    public Parameters gradient(double[] g) {
        int n = forward.size();
        if (g.length != n) {
            throw new IllegalArgumentException("need " + n + " coefficients, got " + g.length);
        }
        FiniteNetwork net = forward.network();
        int count = net.denseLayers();
        double[][][] w = new double[count][][];
        double[][] b = new double[count][];
        for (int l = 0; l < count; l++) {
            double[][] delta = signals[l];
            int rows = net.outputWidth(l);
            // (diag(g) δ)ᵀ: rows = outputs of the layer, columns = inputs of the batch.
            double[][] weighted = new double[rows][n];
            for (int i = 0; i < n; i++) {
                double gi = g[i];
                double[] d = delta[i];
                for (int r = 0; r < rows; r++) {
                    weighted[r][i] = gi * d[r];
                }
            }
            double[][] gw = DenseProducts.multiply(weighted, forward.activationsView(l));
            double cw = net.weightMultiplier(l);
            IntStream.range(0, gw.length).parallel().forEach(r -> {
                double[] row = gw[r];
                for (int c = 0; c < row.length; c++) {
                    row[c] *= cw;
                }
            });
            w[l] = gw;
            if (net.parameters().hasBias(l)) {
                double cb = net.biasMultiplier(l);
                double[] gb = new double[rows];
                for (int r = 0; r < rows; r++) {
                    double s = 0;
                    double[] wr = weighted[r];
                    for (int i = 0; i < n; i++) {
                        s += wr[i];
                    }
                    gb[r] = cb * s;
                }
                b[l] = gb;
            } else {
                b[l] = new double[0];
            }
        }
        return new Parameters(w, b);
    }

    /** ∂f(x_i)/∂θ, the gradient of the output at input i. */
    public Parameters gradient(int i) {
        double[] e = new double[forward.size()];
        e[i] = 1.0;
        return gradient(e);
    }
}
