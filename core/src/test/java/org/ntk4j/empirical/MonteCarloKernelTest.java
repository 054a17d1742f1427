package org.ntk4j.empirical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.ntk4j.activation.Activation;
import org.ntk4j.activation.Erf;
import org.ntk4j.activation.Identity;
import org.ntk4j.activation.Relu;
import org.ntk4j.kernel.InfiniteWidthKernel;
import org.ntk4j.kernel.KernelMatrices;
import org.ntk4j.network.Network;
import org.ntk4j.network.Parameterization;

class MonteCarloKernelTest {

    private static final double[][] X = {{1, 2, -1}, {0.5, -1, 2}, {0.3, 0.1, 0.2}, {-1, -1, 0.5}};

    /** Every entry of the Monte Carlo mean within {@code z} standard errors of the analytic kernel. */
    private static void assertWithinStandardErrors(MonteCarloKernel.Estimate e, KernelMatrices exact, double z) {
        for (int i = 0; i < X.length; i++) {
            for (int j = 0; j < X.length; j++) {
                assertThat(e.nngp()[i][j]).as("NNGP (%d, %d)", i, j)
                        .isCloseTo(exact.nngp()[i][j], within(z * e.nngpStandardError()[i][j]));
                assertThat(e.ntk()[i][j]).as("NTK (%d, %d)", i, j)
                        .isCloseTo(exact.ntk()[i][j], within(z * e.ntkStandardError()[i][j]));
            }
        }
    }

    /**
     * For linear networks the expectations are exact at every width: E⟨h_ℓ, h_ℓ'⟩/n_ℓ follows the NNGP recursion
     * and the backward signals are independent of the inputs with E‖δ_ℓ‖² = Π σ_w², so E Θ̂ is the NTK recursion.
     */
    @Test
    void identityNetworkHasTheAnalyticExpectationAtSmallWidth() {
        for (Parameterization p : Parameterization.values()) {
            Network net = Network.mlp(new Identity(), new double[] {1.5, 0.8, 1.2, 2.0}, new double[] {0.1, 0.3, 0.0, 0.2})
                    .withHiddenWidths(6, 3, 5).withParameterization(p);
            MonteCarloKernel.Estimate e = MonteCarloKernel.gram(net, X, 3000, 12345, null);
            assertWithinStandardErrors(e, new InfiniteWidthKernel(net).gram(X), 4.0);
        }
    }

    /**
     * With one hidden layer h_1 is exactly Gaussian with covariance K_1 at any width, so E Σ̂ = K_2 and
     * E Θ̂ = Θ_2 exactly (the readout weights are independent of h_1).
     */
    @Test
    void oneHiddenLayerHasTheAnalyticExpectationAtSmallWidth() {
        for (Activation phi : new Activation[] {new Relu(), new Erf()}) {
            for (Parameterization p : Parameterization.values()) {
                Network net = Network.mlp(phi, 1, 2.0, 0.2).withHiddenWidth(10).withParameterization(p);
                MonteCarloKernel.Estimate e = MonteCarloKernel.gram(net, X, 3000, 777, null);
                assertWithinStandardErrors(e, new InfiniteWidthKernel(net).gram(X), 4.0);
            }
        }
    }

    /** Deeper nonlinear networks carry an O(1/n) bias; at n = 512 it is well below the Monte Carlo error. */
    @Test
    void deepReluNetworkMeanApproachesTheAnalyticKernel() {
        Network net = Network.mlp(new Relu(), 3, 2.0, 0.1).withHiddenWidth(512);
        MonteCarloKernel.Estimate e = MonteCarloKernel.gram(net, X, 24, 5, null);
        assertWithinStandardErrors(e, new InfiniteWidthKernel(net).gram(X), 4.0);
    }

    @Test
    void meansAndStandardErrorsAreThoseOfTheIndividualNetworks() {
        Network net = Network.mlp(new Erf(), 2, 1.4, 0.2).withHiddenWidth(7);
        int s = 5;
        int[] counter = {0};
        MonteCarloKernel.Estimate e = MonteCarloKernel.gram(net, X, s, 31, () -> counter[0]++);
        assertThat(counter[0]).isEqualTo(s);
        double[][][] k = new double[s][][];
        for (int t = 0; t < s; t++) {
            k[t] = new EmpiricalKernel(FiniteNetwork.sample(net, 3, MonteCarloKernel.sampleSeed(31, t))).gram(X).ntk();
        }
        for (int i = 0; i < X.length; i++) {
            for (int j = 0; j < X.length; j++) {
                double sum = 0;
                for (int t = 0; t < s; t++) {
                    sum += k[t][i][j];
                }
                double mean = sum / s;
                double ss = 0;
                for (int t = 0; t < s; t++) {
                    ss += (k[t][i][j] - mean) * (k[t][i][j] - mean);
                }
                assertThat(e.ntk()[i][j]).isCloseTo(mean, within(1e-13 * Math.abs(mean)));
                assertThat(e.ntkStandardError()[i][j]).isCloseTo(Math.sqrt(ss / (s - 1) / s), within(1e-12 * Math.abs(mean)));
            }
        }
        MonteCarloKernel.Estimate single = MonteCarloKernel.gram(net, X, 1, 31, null);
        assertThat(single.hasStandardErrors()).isFalse();
        assertThat(single.ntk()).isDeepEqualTo(k[0]);
    }
}
