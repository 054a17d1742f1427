package org.ntk4j.empirical;

import java.util.List;
import java.util.stream.IntStream;
import org.ntk4j.kernel.KernelMatrices;
import org.ntk4j.network.Dense;

/**
 * The empirical kernels of one sampled {@link FiniteNetwork} (scalar output).
 *
 * <ul>
 *   <li>Empirical NNGP (the conjugate kernel of the last hidden layer):
 *       Σ̂(x, x') = σ_w² ⟨a_L(x), a_L(x')⟩/n_L + σ_b² with the readout's σ_w², σ_b² and a_L = φ(h_L) (for depth 0,
 *       σ_w² ⟨x, x'⟩/d + σ_b²). Its expectation over the last hidden layer's inputs is the NNGP of the next layer,
 *       and it converges to the infinite-width NNGP as the widths grow.</li>
 *   <li>Empirical NTK: Θ̂(x, x') = Σ_θ ∂f/∂θ(x) ∂f/∂θ(x') over every weight and bias. Dense layer ℓ contributes
 *       c_W(ℓ)² ⟨a_ℓ(x), a_ℓ(x')⟩ ⟨δ_{ℓ+1}(x), δ_{ℓ+1}(x')⟩ + [bias] c_b(ℓ)² ⟨δ_{ℓ+1}(x), δ_{ℓ+1}(x')⟩, i.e. the
 *       Hadamard product of an activation Gram and a backward Gram (δ = ∂f/∂h, see {@link BackwardPass}); the
 *       Jacobian is never formed.</li>
 * </ul>
 * Costs: one forward and one backward pass (2 Σ N n_ℓ n_{ℓ+1} multiply-adds) plus two N × N Grams per layer.
 */
public final class EmpiricalKernel {

    private final FiniteNetwork network;

    public EmpiricalKernel(FiniteNetwork network) {
        this.network = network;
    }

    public FiniteNetwork network() {
        return network;
    }

    /** Σ̂(X, X) and Θ̂(X, X), symmetric. */
    public KernelMatrices gram(double[][] x) {
        BackwardPass b = network.forward(x).backward();
        return assemble(b, b, true);
    }

    /** Σ̂(X, Z) and Θ̂(X, Z) (rows: X, columns: Z). */
    public KernelMatrices cross(double[][] x, double[][] z) {
        BackwardPass bx = network.forward(x).backward();
        BackwardPass bz = network.forward(z).backward();
        return assemble(bx, bz, false);
    }

    private KernelMatrices assemble(BackwardPass bx, BackwardPass bz, boolean symmetric) {
        ForwardPass fx = bx.forward();
        ForwardPass fz = bz.forward();
        int n = fx.size();
        int m = fz.size();
        int layers = network.denseLayers();
        double[][] ntk = new double[n][m];
        double[][] nngp = null;
        List<Dense> dense = network.network().denseLayers();
        for (int l = 0; l < layers; l++) {
            double[][] ga = product(fx.activationsView(l), fz.activationsView(l), symmetric);
            boolean readout = l == layers - 1;
            double[][] gd = readout ? null : product(bx.outputSignalView(l), bz.outputSignalView(l), symmetric);
            double cw2 = network.weightMultiplier(l) * network.weightMultiplier(l);
            double cb2 = network.parameters().hasBias(l) ? network.biasMultiplier(l) * network.biasMultiplier(l) : 0.0;
            IntStream.range(0, n).parallel().forEach(i -> {
                double[] t = ntk[i];
                double[] a = ga[i];
                if (gd == null) {
                    // δ_{L+1} = 1: the backward Gram is all ones.
                    for (int j = 0; j < m; j++) {
                        t[j] += cw2 * a[j] + cb2;
                    }
                } else {
                    double[] d = gd[i];
                    for (int j = 0; j < m; j++) {
                        t[j] += (cw2 * a[j] + cb2) * d[j];
                    }
                }
            });
            if (readout) {
                Dense d = dense.get(l);
                double scale = d.weightVariance() / network.inputWidth(l);
                double bias = d.biasVariance();
                nngp = ga;
                IntStream.range(0, n).parallel().forEach(i -> {
                    double[] row = ga[i];
                    for (int j = 0; j < m; j++) {
                        row[j] = scale * row[j] + bias;
                    }
                });
            }
        }
        return new KernelMatrices(nngp, ntk);
    }

    private static double[][] product(double[][] a, double[][] b, boolean symmetric) {
        return symmetric ? DenseProducts.gram(a) : DenseProducts.multiplyTransposed(a, b);
    }
}
