package org.ntk4j.empirical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.ntk4j.activation.Erf;
import org.ntk4j.activation.Relu;
import org.ntk4j.kernel.KernelMatrices;
import org.ntk4j.network.Network;
import org.ntk4j.network.Parameterization;

class FiniteNetworkTest {

    static double[][] inputs(int n, int d, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int k = 0; k < d; k++) {
                row[k] = r.nextDouble(-1.5, 1.5);
            }
        }
        return x;
    }

    @Test
    void forwardPassMatchesPlainLoops() {
        Network net = Network.mlp(new Erf(), 3, 1.7, 0.2).withHiddenWidths(7, 5, 6);
        double[][] x = inputs(9, 4, 1);
        FiniteNetwork f = FiniteNetwork.sample(net, 4, 42);
        ForwardPass fp = f.forward(x);
        double[] out = fp.outputs();
        for (int i = 0; i < x.length; i++) {
            double expected = ExplicitGradients.output(net, f.parameters(), x[i]);
            assertThat(out[i]).isCloseTo(expected, within(1e-13 * Math.max(1, Math.abs(expected))));
        }
        assertThat(fp.activations(0)).isDeepEqualTo(x);
        assertThat(fp.preActivations(4)[3][0]).isEqualTo(out[3]);
        double[][] h1 = fp.preActivations(1);
        double[][] a1 = fp.activations(1);
        assertThat(h1[0]).hasSize(7);
        assertThat(a1[2][3]).isEqualTo(new Erf().value(h1[2][3]));
    }

    @Test
    void parametersHaveTheConventionsShapesAndVariances() {
        Network net = Network.mlp(new Relu(), 2, 2.0, 0.5).withHiddenWidths(300, 200);
        FiniteNetwork ntk = FiniteNetwork.sample(net, 50, 3);
        Parameters p = ntk.parameters();
        assertThat(p.layers()).isEqualTo(3);
        assertThat(new int[] {p.rows(0), p.columns(0), p.rows(1), p.columns(1), p.rows(2), p.columns(2)})
                .containsExactly(300, 50, 200, 300, 1, 200);
        // ω ~ N(0, 1): 60,000 draws have sample variance 1 ± 0.006 (standard error √(2/60000)).
        assertThat(variance(p.weights(1))).isCloseTo(1.0, within(0.03));
        FiniteNetwork standard = FiniteNetwork.sample(net.withParameterization(Parameterization.STANDARD), 50, 3);
        // W ~ N(0, σ_w²/n_in) = N(0, 2/300).
        assertThat(variance(standard.parameters().weights(1))).isCloseTo(2.0 / 300, within(0.03 * 2.0 / 300));
        // Same seed, same normal draws: the standard network is the NTK one with W = σ_w/√n_in ω, b = σ_b β.
        assertThat(standard.parameters().weight(1, 17, 5))
                .isCloseTo(Math.sqrt(2.0 / 300) * p.weight(1, 17, 5), within(1e-15));
        assertThat(standard.parameters().bias(0, 4)).isCloseTo(Math.sqrt(0.5) * p.bias(0, 4), within(1e-15));
        double[][] x = inputs(5, 50, 9);
        double[] a = ntk.outputs(x);
        double[] b = standard.outputs(x);
        for (int i = 0; i < a.length; i++) {
            assertThat(b[i]).isCloseTo(a[i], within(1e-12 * Math.max(1, Math.abs(a[i]))));
        }
    }

    @Test
    void layersWithoutBiasHaveNoBiasParameter() {
        FiniteNetwork f = FiniteNetwork.sample(Network.mlp(new Relu(), 1, 2.0, 0.0).withHiddenWidth(4), 3, 1);
        assertThat(f.parameters().hasBias(0)).isFalse();
        assertThat(f.parameters().biases(1)).isEmpty();
        assertThat(f.parameters().size()).isEqualTo(4 * 3 + 4);
    }

    @Test
    void seedsGiveReproducibleAndDistinctNetworks() {
        Network net = Network.mlp(new Relu(), 2, 2.0, 0.1).withHiddenWidth(20);
        assertThat(FiniteNetwork.sample(net, 5, 7).parameters()).isEqualTo(FiniteNetwork.sample(net, 5, 7).parameters());
        assertThat(FiniteNetwork.sample(net, 5, 7).parameters()).isNotEqualTo(FiniteNetwork.sample(net, 5, 8).parameters());
    }

    @Test
    void resultsAreBitIdenticalOnOneAndTwoThreads() throws Exception {
        // Wide enough for several tiles of the matrix products in both directions.
        Network net = Network.mlp(new Erf(), 2, 1.5, 0.3).withHiddenWidths(700, 530);
        double[][] x = inputs(45, 20, 5);
        Callable<Object[]> work = () -> {
            FiniteNetwork f = FiniteNetwork.sample(net, 20, 11);
            BackwardPass b = f.forward(x).backward();
            KernelMatrices k = new EmpiricalKernel(f).gram(x);
            double[] g = new double[x.length];
            java.util.Arrays.fill(g, 0.5);
            return new Object[] {f.parameters(), b.signals(1), k.nngp(), k.ntk(), b.gradient(g)};
        };
        Object[] one = new ForkJoinPool(1).submit(work).get();
        Object[] two = new ForkJoinPool(2).submit(work).get();
        assertThat(one[0]).isEqualTo(two[0]);
        for (int k = 1; k < 4; k++) {
            assertThat(java.util.Arrays.deepEquals((double[][]) one[k], (double[][]) two[k])).as("item %d", k).isTrue();
        }
        assertThat(one[4]).isEqualTo(two[4]);
    }

    @Test
    void gradientOfWeightedOutputsMatchesExplicitJacobian() {
        for (Parameterization pz : Parameterization.values()) {
            Network net = Network.mlp(new Erf(), 2, 1.3, 0.4).withHiddenWidths(5, 4).withParameterization(pz);
            double[][] x = inputs(6, 3, 2);
            FiniteNetwork f = FiniteNetwork.sample(net, 3, 5);
            double[] g = {0.3, -1.2, 0.7, 2.0, -0.1, 0.9};
            Parameters grad = f.forward(x).backward().gradient(g);
            double[][] j = ExplicitGradients.jacobian(net, f.parameters(), x);
            List<ExplicitGradients.Index> idx = ExplicitGradients.indices(f.parameters());
            for (int q = 0; q < idx.size(); q++) {
                double expected = 0;
                for (int i = 0; i < x.length; i++) {
                    expected += g[i] * j[i][q];
                }
                ExplicitGradients.Index ix = idx.get(q);
                double actual = ix.column() < 0 ? grad.bias(ix.layer(), ix.row())
                        : grad.weight(ix.layer(), ix.row(), ix.column());
                assertThat(actual).as("%s %s", pz, ix).isCloseTo(expected, within(1e-12));
            }
        }
    }

    @Test
    void gradientStepLowersTheSquaredLoss() {
        Network net = Network.mlp(new Relu(), 2, 2.0, 0.1).withHiddenWidth(64);
        double[][] x = inputs(10, 4, 3);
        double[] y = new double[10];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.sin(x[i][0]);
        }
        FiniteNetwork f = FiniteNetwork.sample(net, 4, 1);
        double loss = loss(f.outputs(x), y);
        double[] residual = residual(f.outputs(x), y);
        Parameters grad = f.forward(x).backward().gradient(residual);
        double eta = 1e-5;
        FiniteNetwork next = f.plus(grad, -eta);
        // First order: the loss falls by η‖∇‖² up to O(η²) (here ~1e-4 of the fall).
        double predicted = loss - eta * grad.dot(grad);
        assertThat(loss(next.outputs(x), y)).isLessThan(loss).isCloseTo(predicted, within(1e-3 * (loss - predicted)));
        assertThat(next.parameters().weight(1, 2, 3))
                .isEqualTo(f.parameters().weight(1, 2, 3) - eta * grad.weight(1, 2, 3));
    }

    private static double[] residual(double[] f, double[] y) {
        double[] r = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            r[i] = f[i] - y[i];
        }
        return r;
    }

    private static double loss(double[] f, double[] y) {
        double s = 0;
        for (int i = 0; i < f.length; i++) {
            s += 0.5 * (f[i] - y[i]) * (f[i] - y[i]);
        }
        return s;
    }

    @Test
    void refusesNetworksWithoutWidthsAndMismatchedInputs() {
        Network net = Network.mlp(new Relu(), 2, 2.0, 0.1);
        assertThatThrownBy(() -> FiniteNetwork.sample(net, 3, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("width");
        FiniteNetwork f = FiniteNetwork.sample(net.withHiddenWidth(4), 3, 1);
        assertThatThrownBy(() -> f.forward(new double[][] {{1, 2}})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimension");
        Parameters other = FiniteNetwork.sample(net.withHiddenWidth(5), 3, 1).parameters();
        assertThatThrownBy(() -> f.withParameters(other)).isInstanceOf(IllegalArgumentException.class);
    }

    private static double variance(double[][] m) {
        double s = 0;
        double s2 = 0;
        long n = 0;
        for (double[] row : m) {
            for (double v : row) {
                s += v;
                s2 += v * v;
                n++;
            }
        }
        double mean = s / n;
        return s2 / n - mean * mean;
    }
}
