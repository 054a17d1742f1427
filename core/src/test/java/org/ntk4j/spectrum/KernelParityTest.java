package org.ntk4j.spectrum;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ntk4j.activation.Erf;
import org.ntk4j.activation.Identity;
import org.ntk4j.activation.Relu;
import org.ntk4j.network.Network;
import org.ntk4j.network.Parameterization;

class KernelParityTest {

    @Test
    void oddActivationWithoutBiasesGivesOddKernels() {
        KernelParity.Pair p = KernelParity.of(Network.mlp(new Erf(), 3, 1.5, 0.0));
        for (KernelParity k : new KernelParity[] {p.nngp(), p.ntk()}) {
            assertThat(k.vanishes(0)).isTrue();
            assertThat(k.vanishes(2)).isTrue();
            assertThat(k.vanishes(1)).isFalse();
            assertThat(k.vanishes(3)).isFalse();
        }
        KernelParity.Pair standard = KernelParity.of(Network.mlp(new Erf(), 2, 1.0, 0.0)
                .withHiddenWidth(64).withParameterization(Parameterization.STANDARD));
        assertThat(standard.ntk().vanishes(2)).isTrue();
    }

    @Test
    void aReadoutBiasAddsAConstantAndAHiddenBiasBreaksOddness() {
        double[] w = {1, 1, 1};
        KernelParity.Pair readout = KernelParity.of(Network.mlp(new Erf(), w, new double[] {0, 0, 0.1}));
        for (KernelParity k : new KernelParity[] {readout.nngp(), readout.ntk()}) {
            assertThat(k.vanishes(0)).isFalse();
            assertThat(k.vanishes(1)).isFalse();
            assertThat(k.vanishes(2)).isTrue();
            assertThat(k.vanishes(4)).isTrue();
        }
        KernelParity.Pair hidden = KernelParity.of(Network.mlp(new Erf(), w, new double[] {0, 0.1, 0}));
        for (int k = 0; k < 6; k++) {
            assertThat(hidden.nngp().vanishes(k)).isFalse();
            assertThat(hidden.ntk().vanishes(k)).isFalse();
        }
    }

    @Test
    void reluAtDepthOneHasALinearOddPart() {
        KernelParity.Pair p = KernelParity.of(Network.mlp(new Relu(), 1, 2.0, 0.0));
        for (KernelParity k : new KernelParity[] {p.nngp(), p.ntk()}) {
            assertThat(k.vanishes(1)).isFalse();
            assertThat(k.vanishes(3)).isTrue();
            assertThat(k.vanishes(5)).isTrue();
            assertThat(k.vanishes(2)).isFalse();
        }
        KernelParity.Pair deeper = KernelParity.of(Network.mlp(new Relu(), 2, 2.0, 0.0));
        assertThat(deeper.ntk().vanishes(3)).isFalse();
        KernelParity.Pair biased = KernelParity.of(Network.mlp(new Relu(), 1, 2.0, 0.1));
        assertThat(biased.ntk().vanishes(3)).isFalse();
    }

    @Test
    void linearNetworksHaveDegreesZeroAndOneOnly() {
        KernelParity.Pair p = KernelParity.of(Network.mlp(new Identity(), 2, 1.0, 0.3));
        assertThat(p.ntk().vanishes(0)).isFalse();
        assertThat(p.ntk().vanishes(1)).isFalse();
        for (int k = 2; k < 6; k++) {
            assertThat(p.nngp().vanishes(k)).isTrue();
            assertThat(p.ntk().vanishes(k)).isTrue();
        }
    }
}
