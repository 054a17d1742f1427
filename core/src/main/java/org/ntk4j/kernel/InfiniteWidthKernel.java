package org.ntk4j.kernel;

import java.util.List;
import java.util.function.DoubleFunction;
import java.util.stream.IntStream;
import org.ntk4j.activation.Activation;
import org.ntk4j.network.Dense;
import org.ntk4j.network.Layer;
import org.ntk4j.network.Network;
import org.ntk4j.network.Nonlinearity;
import org.ntk4j.network.Parameterization;

/**
 * The infinite-width interpreter of a {@link Network}: its NNGP Σ and NTK Θ by the layer recursion
 * (docs/conventions.md). Starting from Σ = ⟨x, x'⟩/d and Θ = 0,
 * <ul>
 *   <li>Dense (NTK parameterization): Σ ← σ_w² Σ + σ_b², Θ ← Σ + σ_w² Θ (with the new Σ);</li>
 *   <li>Dense (standard parameterization, input width n_in, n_in = d for the first layer):
 *       Θ ← n_in Σ + [bias] + σ_w² Θ, then Σ ← σ_w² Σ + σ_b²;</li>
 *   <li>Nonlinearity φ: Σ ← E[φ(u)φ(v)], Θ ← E[φ'(u)φ'(v)] · Θ, where (u, v) is centred Gaussian with the
 *       covariance of the current Σ on {x, x'}.</li>
 * </ul>
 * For the MLP Dense → (φ → Dense) × L this is K₁ = σ_w²⟨x,x'⟩/d + σ_b², Θ₁ = K₁,
 * K_{h+1} = σ_w² E[φ(u)φ(v)] + σ_b², Θ_{h+1} = K_{h+1} + σ_w² E[φ'(u)φ'(v)] Θ_h.
 *
 * <p>The diagonal Σ(x, x) of every layer depends on x alone, so it is computed first for every input; then each
 * entry (i, j) runs through all layers independently. Gram matrices are computed row by row on all cores (upper
 * triangle only, then mirrored), in place in the output arrays, and the result does not depend on the number of
 * threads.
 */
public final class InfiniteWidthKernel {

    private final Network network;
    private final List<Layer> layers;
    private final int nonlinearities;

    public InfiniteWidthKernel(Network network) {
        this.network = network;
        this.layers = network.layers();
        this.nonlinearities = network.depth();
    }

    public Network network() {
        return network;
    }

    /** Σ and Θ of one pair of inputs. */
    public KernelValue evaluate(double[] x, double[] z) {
        checkDimension(x.length, z.length);
        int d = x.length;
        if (d == 0) {
            throw new IllegalArgumentException("inputs have dimension 0");
        }
        return evaluate(dotOverD(x, x, d), dotOverD(z, z, d), dotOverD(x, z, d), d);
    }

    /**
     * Σ and Θ from the input statistics q1 = ⟨x, x⟩/d, q2 = ⟨z, z⟩/d and c = ⟨x, z⟩/d (and d, which the
     * standard parameterization's first layer multiplies by).
     */
    public KernelValue evaluate(double q1, double q2, double c, int dimension) {
        double[][] tx = trajectory(new double[] {q1}, dimension);
        double[][] tz = trajectory(new double[] {q2}, dimension);
        double[] k = {c};
        double[] t = new double[1];
        row(tx, 0, tz, k, t, new double[1], 0, 1, dimension);
        return new KernelValue(k[0], t[0]);
    }

    /**
     * The dot-product form of the kernel for inputs of equal norm, ⟨x, x⟩/d = ⟨x', x'⟩/d = q0 (q0 = 1 on the
     * sphere √d·S^{d−1} and on the boolean cube): ρ ↦ (Σ, Θ) at ⟨x, x'⟩/d = q0·ρ, ρ ∈ [−1, 1].
     */
    public DoubleFunction<KernelValue> dotProduct(double q0, int dimension) {
        return rho -> evaluate(q0, q0, q0 * rho, dimension);
    }

    /** The symmetric Gram matrices Σ(X, X) and Θ(X, X); rows of {@code x} are the inputs. */
    public KernelMatrices gram(double[][] x) {
        int n = x.length;
        int d = dimensionOf(x);
        double[] q0 = selfDots(x, d);
        double[][] traj = trajectory(q0, d);
        double[][] k = new double[n][];
        double[][] t = new double[n][];
        ThreadLocal<double[]> scratch = ThreadLocal.withInitial(() -> new double[n]);
        IntStream.range(0, n).parallel().forEach(i -> {
            double[] ki = new double[n];
            double[] ti = new double[n];
            double[] xi = x[i];
            for (int j = i; j < n; j++) {
                ki[j] = dotOverD(xi, x[j], d);
            }
            ki[i] = q0[i];
            row(traj, i, traj, ki, ti, scratch.get(), i, n, d);
            k[i] = ki;
            t[i] = ti;
        });
        IntStream.range(1, n).parallel().forEach(j -> {
            double[] kj = k[j];
            double[] tj = t[j];
            for (int i = 0; i < j; i++) {
                kj[i] = k[i][j];
                tj[i] = t[i][j];
            }
        });
        return new KernelMatrices(k, t);
    }

    /** The cross matrices Σ(X, Z) and Θ(X, Z) (rows: X, columns: Z). */
    public KernelMatrices cross(double[][] x, double[][] z) {
        int d = dimensionOf(x);
        checkDimension(d, dimensionOf(z));
        int n = x.length;
        int m = z.length;
        double[][] trajX = trajectory(selfDots(x, d), d);
        double[][] trajZ = trajectory(selfDots(z, d), d);
        double[][] k = new double[n][];
        double[][] t = new double[n][];
        ThreadLocal<double[]> scratch = ThreadLocal.withInitial(() -> new double[m]);
        IntStream.range(0, n).parallel().forEach(i -> {
            double[] ki = new double[m];
            double[] ti = new double[m];
            double[] xi = x[i];
            for (int j = 0; j < m; j++) {
                ki[j] = dotOverD(xi, z[j], d);
            }
            row(trajX, i, trajZ, ki, ti, scratch.get(), 0, m, d);
            k[i] = ki;
            t[i] = ti;
        });
        return new KernelMatrices(k, t);
    }

    /**
     * Runs all layers on the entries j ∈ [from, to) of one row: on entry {@code k[j]} holds ⟨x_i, z_j⟩/d, on exit
     * Σ(x_i, z_j), and {@code t[j]} holds Θ(x_i, z_j). {@code trajX[h][i]} is Σ(x_i, x_i) entering the h-th
     * nonlinearity.
     */
    private void row(double[][] trajX, int i, double[][] trajZ, double[] k, double[] t, double[] derivative,
                     int from, int to, int dimension) {
        java.util.Arrays.fill(t, from, to, 0.0);
        int h = 0;
        int inputWidth = dimension;
        for (Layer layer : layers) {
            if (layer instanceof Dense dense) {
                double w = dense.weightVariance();
                double b = dense.biasVariance();
                if (network.parameterization() == Parameterization.NTK) {
                    for (int j = from; j < to; j++) {
                        double kj = w * k[j] + b;
                        k[j] = kj;
                        t[j] = kj + w * t[j];
                    }
                } else {
                    double bias = dense.hasBias() ? 1.0 : 0.0;
                    double nIn = inputWidth;
                    for (int j = from; j < to; j++) {
                        double kj = k[j];
                        t[j] = nIn * kj + bias + w * t[j];
                        k[j] = w * kj + b;
                    }
                    inputWidth = dense.width();
                }
            } else {
                Activation phi = ((Nonlinearity) layer).activation();
                phi.dualRow(trajX[h][i], trajZ[h], k, k, derivative, from, to);
                for (int j = from; j < to; j++) {
                    t[j] *= derivative[j];
                }
                h++;
            }
        }
    }

    /**
     * For each input with ⟨x, x⟩/d = q0[i], the diagonal Σ(x, x) entering each nonlinearity:
     * {@code result[h][i]} for h = 0..L−1 (plus the final NNGP diagonal as {@code result[L][i]}).
     */
    private double[][] trajectory(double[] q0, int dimension) {
        int n = q0.length;
        double[][] traj = new double[nonlinearities + 1][n];
        double[] q = q0.clone();
        double[] unused = new double[n];
        int h = 0;
        for (Layer layer : layers) {
            if (layer instanceof Dense dense) {
                for (int i = 0; i < n; i++) {
                    q[i] = dense.weightVariance() * q[i] + dense.biasVariance();
                }
            } else {
                System.arraycopy(q, 0, traj[h], 0, n);
                Activation phi = ((Nonlinearity) layer).activation();
                for (int i = 0; i < n; i++) {
                    double qi = q[i];
                    q[i] = phi.dual(qi, qi, qi);
                }
                h++;
            }
        }
        System.arraycopy(q, 0, traj[nonlinearities], 0, n);
        return traj;
    }

    private static double[] selfDots(double[][] x, int d) {
        double[] q = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            q[i] = dotOverD(x[i], x[i], d);
        }
        return q;
    }

    /** ⟨a, b⟩/d. */
    static double dotOverD(double[] a, double[] b, int d) {
        double s = 0;
        for (int k = 0; k < d; k++) {
            s += a[k] * b[k];
        }
        return s / d;
    }

    private static int dimensionOf(double[][] x) {
        if (x.length == 0) {
            throw new IllegalArgumentException("no inputs");
        }
        int d = x[0].length;
        if (d == 0) {
            throw new IllegalArgumentException("inputs have dimension 0");
        }
        for (double[] row : x) {
            if (row.length != d) {
                throw new IllegalArgumentException("inputs have different dimensions (" + d + " and " + row.length + ")");
            }
        }
        return d;
    }

    private static void checkDimension(int d1, int d2) {
        if (d1 != d2) {
            throw new IllegalArgumentException("x1 has dimension " + d1 + " but x2 has dimension " + d2);
        }
    }
}
