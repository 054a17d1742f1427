package org.ntk4j.empirical;

import java.util.List;
import org.ntk4j.activation.Activation;
import org.ntk4j.network.Dense;
import org.ntk4j.network.Layer;
import org.ntk4j.network.Network;
import org.ntk4j.network.Nonlinearity;
import org.ntk4j.network.Parameterization;

/**
 * Test reference, independent of the production passes: the network evaluated by plain loops straight from the
 * conventions, and ∂f/∂θ for every parameter θ one at a time by forward-mode differentiation (a tangent pushed
 * through the layers with a one-hot seed), so the Jacobian J[i][p] = ∂f(x_i)/∂θ_p is materialised explicitly.
 */
final class ExplicitGradients {

    private ExplicitGradients() {
    }

    /** Parameter p's location: dense layer, row, column (column −1 for a bias). */
    record Index(int layer, int row, int column) {
    }

    static List<Index> indices(Parameters p) {
        List<Index> out = new java.util.ArrayList<>();
        for (int l = 0; l < p.layers(); l++) {
            for (int r = 0; r < p.rows(l); r++) {
                for (int c = 0; c < p.columns(l); c++) {
                    out.add(new Index(l, r, c));
                }
            }
            if (p.hasBias(l)) {
                for (int r = 0; r < p.rows(l); r++) {
                    out.add(new Index(l, r, -1));
                }
            }
        }
        return out;
    }

    /** f(x) by plain loops, using the conventions' scaling rather than FiniteNetwork's multipliers. */
    static double output(Network net, Parameters p, double[] x) {
        return evaluate(net, p, x, null)[0];
    }

    /** ∂f(x)/∂θ for the parameter at {@code index}. */
    static double derivative(Network net, Parameters p, double[] x, Index index) {
        return evaluate(net, p, x, index)[1];
    }

    /** J[i][q] = ∂f(x_i)/∂θ_q in the order of {@link #indices}. */
    static double[][] jacobian(Network net, Parameters p, double[][] x) {
        List<Index> idx = indices(p);
        double[][] j = new double[x.length][idx.size()];
        for (int i = 0; i < x.length; i++) {
            for (int q = 0; q < idx.size(); q++) {
                j[i][q] = derivative(net, p, x[i], idx.get(q));
            }
        }
        return j;
    }

    /** Returns {f(x), ∂f/∂θ_index} (the second 0 when index is null). */
    private static double[] evaluate(Network net, Parameters p, double[] x, Index index) {
        double[] value = x.clone();
        double[] tangent = new double[x.length];
        int l = 0;
        boolean ntk = net.parameterization() == Parameterization.NTK;
        for (Layer layer : net.layers()) {
            if (layer instanceof Dense d) {
                int rows = p.rows(l);
                int columns = value.length;
                double wScale = ntk ? Math.sqrt(d.weightVariance() / columns) : 1.0;
                double bScale = ntk ? Math.sqrt(d.biasVariance()) : 1.0;
                double[] v = new double[rows];
                double[] t = new double[rows];
                for (int r = 0; r < rows; r++) {
                    double s = 0;
                    double st = 0;
                    for (int c = 0; c < columns; c++) {
                        s += p.weight(l, r, c) * value[c];
                        st += p.weight(l, r, c) * tangent[c];
                    }
                    v[r] = wScale * s + (p.hasBias(l) ? bScale * p.bias(l, r) : 0.0);
                    t[r] = wScale * st;
                }
                if (index != null && index.layer() == l) {
                    t[index.row()] += index.column() < 0 ? bScale : wScale * value[index.column()];
                }
                value = v;
                tangent = t;
                l++;
            } else {
                Activation phi = ((Nonlinearity) layer).activation();
                for (int k = 0; k < value.length; k++) {
                    tangent[k] *= phi.derivative(value[k]);
                    value[k] = phi.value(value[k]);
                }
            }
        }
        return new double[] {value[0], tangent[0]};
    }
}
