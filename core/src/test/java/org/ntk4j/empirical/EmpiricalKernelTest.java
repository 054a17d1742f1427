package org.ntk4j.empirical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ntk4j.activation.Activation;
import org.ntk4j.activation.Activations;
import org.ntk4j.activation.Relu;
import org.ntk4j.kernel.KernelMatrices;
import org.ntk4j.network.Network;
import org.ntk4j.network.Parameterization;

class EmpiricalKernelTest {

    /**
     * One instance of every activation family in the catalogue (families with parameters get the first admissible
     * value of −0.5, 0.5, 2, 1, 3; −0.5 first keeps a·exp(b x²) bounded), so that activations added later are
     * covered automatically.
     */
    static List<Activation> catalogue() {
        List<Activation> out = new ArrayList<>();
        for (Activations.Entry e : Activations.catalogue()) {
            Activation a = null;
            for (String value : new String[] {"-0.5", "0.5", "2", "1", "3"}) {
                int count = e.parameters().size();
                String spec = count == 0 ? e.name() : e.name() + "(" + String.join(", ",
                        java.util.Collections.nCopies(e.variadic() ? 3 : count, value)) + ")";
                try {
                    a = Activations.parse(spec);
                    break;
                } catch (IllegalArgumentException ignored) {
                    // try the next parameter value
                }
            }
            assertThat(a).as("an instance of %s", e.name()).isNotNull();
            out.add(a);
        }
        return out;
    }

    static Stream<Arguments> activationsAndParameterizations() {
        List<Arguments> out = new ArrayList<>();
        for (Activation a : catalogue()) {
            for (Parameterization p : Parameterization.values()) {
                out.add(Arguments.of(a, p));
            }
        }
        return out.stream();
    }

    /** Θ̂ assembled from Grams equals Σ_p J[i][p] J[j][p] with J from explicit per-parameter derivatives. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("activationsAndParameterizations")
    void ntkEqualsSumOverExplicitParameterGradients(Activation phi, Parameterization p) {
        // Per-layer variances, one layer without bias, unequal widths.
        Network net = Network.mlp(phi, new double[] {1.6, 0.9, 1.3}, new double[] {0.2, 0.0, 0.35})
                .withHiddenWidths(5, 4).withParameterization(p);
        double[][] x = FiniteNetworkTest.inputs(5, 3, 17);
        double[][] z = FiniteNetworkTest.inputs(3, 3, 18);
        FiniteNetwork f = FiniteNetwork.sample(net, 3, 99);
        double[][] jx = ExplicitGradients.jacobian(net, f.parameters(), x);
        double[][] jz = ExplicitGradients.jacobian(net, f.parameters(), z);
        assertThat(jx[0]).hasSize((int) f.parameters().size());
        KernelMatrices gram = new EmpiricalKernel(f).gram(x);
        KernelMatrices cross = new EmpiricalKernel(f).cross(x, z);
        for (double[] row : jx) {
            assertThat(java.util.Arrays.stream(row).allMatch(Double::isFinite)).as("finite gradients of %s", phi.spec())
                    .isTrue();
        }
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                double expected = dot(jx[i], jx[j]);
                assertThat(gram.ntk()[i][j]).as("Θ(x%d, x%d)", i, j)
                        .isCloseTo(expected, within(1e-10 * Math.max(1, Math.abs(expected))));
            }
            for (int j = 0; j < z.length; j++) {
                double expected = dot(jx[i], jz[j]);
                assertThat(cross.ntk()[i][j]).as("Θ(x%d, z%d)", i, j)
                        .isCloseTo(expected, within(1e-10 * Math.max(1, Math.abs(expected))));
            }
        }
    }

    /** The empirical NNGP is σ_w²⟨φ(h_L), φ(h_L)'⟩/n_L + σ_b², with h_L from the plain-loop evaluation. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("activationsAndParameterizations")
    void nngpIsTheConjugateKernelOfTheLastHiddenLayer(Activation phi, Parameterization p) {
        Network net = Network.mlp(phi, new double[] {1.6, 0.9, 1.3}, new double[] {0.2, 0.0, 0.35})
                .withHiddenWidths(5, 4).withParameterization(p);
        double[][] x = FiniteNetworkTest.inputs(4, 3, 7);
        FiniteNetwork f = FiniteNetwork.sample(net, 3, 5);
        // Last hidden activations by differentiating f with respect to the readout weights: ∂f/∂θ_W(2)[0][c] is
        // c_W a_2[c], an independent route to a_2.
        double cw = p == Parameterization.NTK ? Math.sqrt(1.3 / 4) : 1.0;
        double[][] a = new double[x.length][4];
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < 4; c++) {
                a[i][c] = ExplicitGradients.derivative(net, f.parameters(), x[i], new ExplicitGradients.Index(2, 0, c)) / cw;
            }
        }
        KernelMatrices k = new EmpiricalKernel(f).gram(x);
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                double expected = 1.3 * dot(a[i], a[j]) / 4 + 0.35;
                assertThat(k.nngp()[i][j]).isCloseTo(expected, within(1e-12 * Math.max(1, Math.abs(expected))));
            }
        }
    }

    @Test
    void depthZeroKernelsAreTheInputKernel() {
        Network net = Network.mlp(new Relu(), 0, 1.7, 0.3);
        double[][] x = FiniteNetworkTest.inputs(4, 6, 1);
        for (Parameterization p : Parameterization.values()) {
            KernelMatrices k = new EmpiricalKernel(FiniteNetwork.sample(net.withParameterization(p), 6, 2)).gram(x);
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    double xx = dot(x[i], x[j]);
                    assertThat(k.nngp()[i][j]).isCloseTo(1.7 * xx / 6 + 0.3, within(1e-14));
                    double ntk = p == Parameterization.NTK ? 1.7 * xx / 6 + 0.3 : xx + 1;
                    assertThat(k.ntk()[i][j]).isCloseTo(ntk, within(1e-14));
                }
            }
        }
    }

    @Test
    void gramIsSymmetricAndEqualsCrossWithItself() {
        Network net = Network.mlp(new Relu(), 2, 2.0, 0.1).withHiddenWidth(40);
        double[][] x = FiniteNetworkTest.inputs(37, 5, 3);
        EmpiricalKernel k = new EmpiricalKernel(FiniteNetwork.sample(net, 5, 4));
        KernelMatrices g = k.gram(x);
        KernelMatrices c = k.cross(x, x);
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                assertThat(g.ntk()[i][j]).isEqualTo(g.ntk()[j][i]).isEqualTo(c.ntk()[i][j]);
                assertThat(g.nngp()[i][j]).isEqualTo(g.nngp()[j][i]).isEqualTo(c.nngp()[i][j]);
            }
        }
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }
}
