package org.ntk4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.ntk4j.activation.Activations;
import org.ntk4j.activation.Relu;
import org.ntk4j.network.Dense;
import org.ntk4j.network.Layer;
import org.ntk4j.network.Network;
import org.ntk4j.network.Nonlinearity;
import org.ntk4j.network.Parameterization;

class NetworkWindowTest {

    /**
     * Two dense layers before the first φ, relu6 and relu after it, and a readout: the source's F and G at the
     * first φ's inputs against {@link InfiniteWidthKernel#evaluate} from the input statistics (the kernel's own
     * recursion over every layer), for both parameterisations: Σ there is what the two dense layers make of the
     * input statistics, and Θ there is the affine function of it that the source infers.
     */
    @ParameterizedTest
    @EnumSource(Parameterization.class)
    void sourceIsTheNetworkFromItsFirstNonlinearityOn(Parameterization p) {
        List<Layer> layers = List.of(new Dense(1.5, 0.2, 64), new Dense(2.0, 0.1, 32),
                new Nonlinearity(Activations.parse("relu6")), new Dense(1.8, 0.05, 48), new Nonlinearity(new Relu()),
                new Dense(2.0, 0.1, 1));
        Network net = new Network(layers, p);
        int d = 7;
        WindowInterpolant.Source<Object[]> source = NetworkWindow.source(layers, p, d);
        InfiniteWidthKernel kernel = new InfiniteWidthKernel(net);
        double[][] inputs = {{1.3, 0.7, 0.4}, {0.9, 2.1, -0.8}, {2.5, 2.5, 2.4}, {0.6, 0.6, 0.0}};
        for (double[] s : inputs) {
            double q1 = firstVariance(s[0]);
            double q2 = firstVariance(s[1]);
            double c = firstVariance(s[2]);
            double rho = c / Math.sqrt(q1 * q2);
            double[] out = new double[2];
            source.duals(source.at(q1), source.at(q2), rho, out);
            KernelValue v = kernel.evaluate(s[0], s[1], s[2], d);
            assertThat(Math.abs(out[0] - v.nngp())).as("Σ at %s", java.util.Arrays.toString(s))
                    .isLessThanOrEqualTo(1e-14 * Math.abs(v.nngp()));
            assertThat(Math.abs(out[1] - v.ntk())).as("Θ at %s", java.util.Arrays.toString(s))
                    .isLessThanOrEqualTo(1e-14 * Math.abs(v.ntk()));
            double[] norms = source.norms(source.at(q1));
            KernelValue diagonal = kernel.evaluate(s[0], s[0], s[0], d);
            assertThat(Math.abs(norms[0] - diagonal.nngp())).isLessThanOrEqualTo(1e-14 * diagonal.nngp());
            assertThat(Math.abs(norms[1] - diagonal.ntk())).isLessThanOrEqualTo(1e-14 * diagonal.ntk());
        }
    }

    /** Σ before the first φ of the network above for an input statistic s = ⟨x, z⟩/d (the same map for q and c). */
    private static double firstVariance(double s) {
        return 2.0 * (1.5 * s + 0.2) + 0.1;
    }

    /**
     * No nonlinearity, or a first dense layer with σ_w² = 0 (Σ is then the same for every pair and Θ no function of
     * it): no source.
     */
    @Test
    void noSourceWithoutAFunctionOfTheFirstNonlinearitysInputs() {
        assertThat(NetworkWindow.source(List.of(new Dense(2.0, 0.1, 1)), Parameterization.NTK, 3)).isNull();
        List<Layer> constant = List.of(new Dense(0.0, 0.5, Dense.UNSPECIFIED),
                new Nonlinearity(Activations.parse("relu6")), new Dense(2.0, 0.1, 1));
        assertThat(NetworkWindow.source(constant, Parameterization.NTK, 3)).isNull();
    }

    /** Closed forms and piecewise-linear φ have cheap exact duals; a smooth φ integrated by quadrature has not. */
    @Test
    void cheapExactDualsAreClosedFormsAndPiecewiseLinearFunctions() {
        assertThat(NetworkWindow.cheapExactDuals(new Relu())).isTrue();
        assertThat(NetworkWindow.cheapExactDuals(Activations.parse("relu6"))).isTrue();
        assertThat(NetworkWindow.cheapExactDuals(Activations.parse("expr:min(max(0,x),1000)"))).isTrue();
        assertThat(NetworkWindow.cheapExactDuals(Activations.parse("tanh"))).isFalse();
        assertThat(NetworkWindow.cheapExactDuals(Activations.parse("softplus"))).isFalse();
    }
}
