package org.ntk4j.kernel;

import java.util.List;
import org.ntk4j.activation.Activation;
import org.ntk4j.activation.QuadratureActivation;
import org.ntk4j.network.Dense;
import org.ntk4j.network.Layer;
import org.ntk4j.network.Nonlinearity;
import org.ntk4j.network.Parameterization;

/**
 * The whole network from its first nonlinearity on, as one map of that nonlinearity's inputs: for two inputs with
 * Σ(x, x) = q1, Σ(z, z) = q2 and Σ(x, z) = ρ√(q1 q2) right before the first φ,
 * <pre>
 *   F(q1, q2, ρ) = Σ_L(x, z),   G(q1, q2, ρ) = Θ_L(x, z),
 * </pre>
 * the NNGP and the NTK after the last layer. Both depend on nothing else: every later variance is the diagonal map
 * of q1 or q2 (q ← E[φ(√q Z)²], q ← w q + b), and the NTK accumulated before the first φ is an affine function of
 * the covariance there, Θ = α Σ + β (the dense layers before it act on both alike). As a {@link WindowInterpolant}
 * source the whole network then costs one interpolant per entry instead of one dual map per layer.
 *
 * <p>Why: a deep network narrows the correlations layer by layer, and the map from the first layer's window to the
 * last layer's values is as smooth as each layer's (a composition of functions analytic in ρ on the open disc and
 * in ln q): relu6 at depth 10 on Gaussian inputs (n = 4000, d = 100) needs 19 × 19 points over the first layer's
 * variances and correlations, against ten layers of Mehler series and 16 × 11 windows.
 *
 * <p>Each nonlinearity's duals at the nodes come from a {@link PointDual}: its exact duals ({@link
 * Activation#duals}; cheap for closed forms and piecewise-linear φ, bivariate normal orthant moments at ~0.6 µs),
 * or the routes the kernel planned for the layer (its series and window, see {@code InfiniteWidthKernel}). The
 * layer-by-layer arithmetic follows the kernel's rows: after φ, Σ ← E[φ(u)φ(v)] and Θ ← Θ·E[φ'(u)φ'(v)]; a dense
 * layer then Σ ← wΣ + b and Θ ← Σ + wΘ (NTK) or Θ ← n_in Σ_in + [bias] + wΘ, Σ ← wΣ + b (standard).
 */
final class NetworkWindow {

    private NetworkWindow() {
    }

    /** Whether the exact duals of φ are cheap enough to be the node values of a whole-network window. */
    static boolean cheapExactDuals(Activation phi) {
        return phi.hasClosedFormDual() || (phi instanceof QuadratureActivation q && q.isPiecewiseLinear());
    }

    /**
     * One nonlinearity's duals at any pair of variances, for the node values: prepared once per variance (a node's
     * trajectory visits M variances per layer), then evaluated at pairs of them.
     */
    interface PointDual {
        /** What the duals need of variance q (its series coefficients, its row of a window, …); none by default. */
        default Object prepare(double q) {
            return null;
        }

        /** {E[φ(√q z)²], E[φ'(√q z)²]} at the prepared variance q: by default the duals at c = q1 = q2 = q. */
        default double[] norms(double q, Object prepared) {
            double[] out = new double[2];
            duals(q, prepared, q, prepared, q, out);
            return out;
        }

        /** out = {E[φ(u)φ(v)], E[φ'(u)φ'(v)]} at variances q1, q2 (prepared as p1, p2) and covariance c. */
        void duals(double q1, Object p1, double q2, Object p2, double c, double[] out);

        /** The activation's own duals ({@link Activation#duals}). */
        static PointDual exact(Activation phi) {
            return (q1, p1, q2, p2, c, out) -> phi.duals(q1, q2, c, out);
        }
    }

    /**
     * The source of F, G above for a network's layers on d-dimensional inputs, with the exact duals of every
     * nonlinearity; null as for {@link #source(List, Parameterization, int, List)}.
     */
    static WindowInterpolant.Source<Object[]> source(List<Layer> network, Parameterization parameterization,
                                                     int dimension) {
        List<PointDual> duals = network.stream().filter(l -> l instanceof Nonlinearity)
                .map(l -> PointDual.exact(((Nonlinearity) l).activation())).toList();
        return source(network, parameterization, dimension, duals);
    }

    /**
     * The source of F, G above for a network's layers on d-dimensional inputs, with {@code duals.get(h)} for the
     * h-th nonlinearity; null when it has no nonlinearity or the dense layers before the first one leave Σ there
     * constant (σ_w² = 0: Θ is then not a function of Σ). The prepared value of a variance q is {the variance before
     * each nonlinearity, each nonlinearity's prepared value, {F, G} on the diagonal (q1 = q2 = q, ρ = 1)}; on the
     * diagonal every nonlinearity gives its {@link PointDual#norms}.
     */
    static WindowInterpolant.Source<Object[]> source(List<Layer> network, Parameterization parameterization,
                                                     int dimension, List<PointDual> duals) {
        boolean ntk = parameterization == Parameterization.NTK;
        // The dense layers before the first φ map the input Gram matrix's entry k to Σ = a_k k + b_k and
        // Θ = a_t k + b_t, so that Θ = α Σ + β there.
        double ak = 1;
        double bk = 0;
        double at = 0;
        double bt = 0;
        int width = dimension;
        int first = 0;
        while (first < network.size() && network.get(first) instanceof Dense dense) {
            double w = dense.weightVariance();
            double b = dense.biasVariance();
            if (ntk) {
                ak *= w;
                bk = w * bk + b;
                at = ak + w * at;
                bt = bk + w * bt;
            } else {
                at = width * ak + w * at;
                bt = width * bk + (dense.hasBias() ? 1.0 : 0.0) + w * bt;
                ak *= w;
                bk = w * bk + b;
                width = dense.width();
            }
            first++;
        }
        if (first == network.size() || !(ak != 0) || !Double.isFinite(ak + bk + at + bt)) {
            return null;
        }
        double alpha = at / ak;
        double beta = bt - alpha * bk;
        List<Layer> layers = network.subList(first, network.size());
        int inputWidth = width;
        int nonlinearities = (int) layers.stream().filter(l -> l instanceof Nonlinearity).count();
        return new WindowInterpolant.Source<>() {
            @Override
            public Object[] at(double q) {
                double[] variances = new double[nonlinearities];
                Object[] prepared = new Object[nonlinearities];
                double v = q;
                int h = 0;
                for (Layer layer : layers) {
                    if (layer instanceof Dense dense) {
                        v = dense.weightVariance() * v + dense.biasVariance();
                    } else {
                        variances[h] = v;
                        prepared[h] = duals.get(h).prepare(v);
                        v = duals.get(h).norms(v, prepared[h])[0];
                        h++;
                    }
                }
                Object[] at = {variances, prepared, null};
                double[] diagonal = new double[2];
                through(at, at, q, diagonal);
                at[2] = diagonal;
                return at;
            }

            @Override
            public void duals(Object[] first, Object[] second, double rho, double[] out) {
                double[] q1 = (double[]) first[0];
                double[] q2 = (double[]) second[0];
                through(first, second, rho * Math.sqrt(q1[0]) * Math.sqrt(q2[0]), out);
            }

            @Override
            public double[] norms(Object[] at) {
                return (double[]) at[2];
            }

            /** out = {Σ, Θ} after the last layer for covariance c before the first φ. */
            private void through(Object[] first, Object[] second, double c, double[] out) {
                double[] q1 = (double[]) first[0];
                double[] q2 = (double[]) second[0];
                Object[] p1 = (Object[]) first[1];
                Object[] p2 = (Object[]) second[1];
                double k = c;
                double t = alpha * c + beta;
                double width = inputWidth;
                double[] pair = new double[2];
                int h = 0;
                for (Layer layer : layers) {
                    if (layer instanceof Dense dense) {
                        double w = dense.weightVariance();
                        double b = dense.biasVariance();
                        if (ntk) {
                            k = w * k + b;
                            t = k + w * t;
                        } else {
                            t = width * k + (dense.hasBias() ? 1.0 : 0.0) + w * t;
                            k = w * k + b;
                            width = dense.width();
                        }
                    } else {
                        PointDual dual = duals.get(h);
                        if (first == second && k == q1[h]) {
                            double[] norms = dual.norms(q1[h], p1[h]);
                            pair[0] = norms[0];
                            pair[1] = norms[1];
                        } else {
                            dual.duals(q1[h], p1[h], q2[h], p2[h], k, pair);
                        }
                        h++;
                        k = pair[0];
                        t *= pair[1];
                    }
                }
                out[0] = k;
                out[1] = t;
            }
        };
    }
}
