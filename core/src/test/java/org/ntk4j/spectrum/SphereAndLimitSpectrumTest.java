package org.ntk4j.spectrum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.function.DoubleFunction;
import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.junit.jupiter.api.Test;
import org.ntk4j.activation.Erf;
import org.ntk4j.activation.Identity;
import org.ntk4j.activation.Relu;
import org.ntk4j.kernel.InfiniteWidthKernel;
import org.ntk4j.kernel.KernelValue;
import org.ntk4j.network.Network;

class SphereAndLimitSpectrumTest {

    private static final GaussIntegrator RULE = new GaussIntegratorFactory().legendre(40, 0, 1);

    /** μ_k/Φ(1) by composite Gauss–Legendre in θ of Φ(cos θ) P_k(cos θ) sin^{d−2}θ, in double, from the double kernel. */
    private static double[] gaussLegendre(Network net, int d, int maxDegree, boolean ntk) {
        DoubleFunction<KernelValue> phi = new InfiniteWidthKernel(net).dotProduct(1.0, d);
        GaussIntegrator rule = RULE;
        int panels = 16;
        double[] num = new double[maxDegree + 1];
        double den = 0;
        for (int p = 0; p < panels; p++) {
            for (int i = 0; i < rule.getNumberOfPoints(); i++) {
                double theta = Math.PI * (p + rule.getPoint(i)) / panels;
                double w = rule.getWeight(i) * Math.PI / panels * Math.pow(Math.sin(theta), d - 2);
                double t = Math.cos(theta);
                KernelValue v = phi.apply(t);
                double f = ntk ? v.ntk() : v.nngp();
                double prev = 1;
                double cur = t;
                for (int k = 0; k <= maxDegree; k++) {
                    double pk = k == 0 ? 1 : cur;
                    num[k] += w * f * pk;
                    if (k >= 1) {
                        double next = ((2.0 * k + d - 2) * t * cur - k * prev) / (k + d - 2);
                        prev = cur;
                        cur = next;
                    }
                }
                den += w;
            }
        }
        KernelValue one = phi.apply(1.0);
        double at1 = ntk ? one.ntk() : one.nngp();
        for (int k = 0; k <= maxDegree; k++) {
            num[k] /= den * at1;
        }
        return num;
    }

    @Test
    void sphereMatchesDirectIntegrationInSmallDimensions() {
        for (int d : new int[] {4, 5, 8}) {
            for (Network net : List.of(Network.mlp(new Relu(), 2, 2.0, 0.1), Network.mlp(new Erf(), 2, 1.0, 0.2))) {
                CubeSpectrum.Result r = SphereSpectrum.compute(net, d, 6, 8, Progress.NONE);
                for (boolean ntk : new boolean[] {false, true}) {
                    double[] reference = gaussLegendre(net, d, 6, ntk);
                    Spectrum s = ntk ? r.ntk() : r.nngp();
                    // Small odd d leaves kinks in the integrand, so high degrees may be (honestly) unresolved; every
                    // printed value must be right, and the first two degrees must be there.
                    assertThat(s.unresolvedFrom() < 0 || s.unresolvedFrom() >= 2).as("d=%d %s", d, s.kernel()).isTrue();
                    for (int k = 0; k <= 6 && s.mu()[k] != null; k++) {
                        assertThat(s.mu()[k].doubleValue()).as("d=%d %s degree %d", d, s.kernel(), k)
                                .isCloseTo(reference[k], within(1e-7 * Math.abs(reference[k]) + 1e-13)); // 8 printed digits
                    }
                }
            }
        }
    }

    @Test
    void sphereMultiplicitiesAndFractionalVariancesSumToOne() {
        assertThat(SphereSpectrum.multiplicities(3, 4)).containsExactly(BigInteger.valueOf(1), BigInteger.valueOf(3),
                BigInteger.valueOf(5), BigInteger.valueOf(7), BigInteger.valueOf(9));
        // A polynomial kernel of degree 2 (identity network squared is not available; depth-0 is degree 1):
        // Φ = 2ρ + 0.5 has μ_0 = 0.5/2.5, μ_1 = (2/2.5)/d and nothing else.
        CubeSpectrum.Result lin = SphereSpectrum.compute(Network.mlp(new Identity(), 0, 2.0, 0.5), 7, 5, 12,
                Progress.NONE);
        assertThat(lin.nngp().mu()[0]).isEqualByComparingTo("0.2");
        assertThat(lin.nngp().mu()[1].doubleValue()).isCloseTo(0.8 / 7, within(1e-12));
        for (int k = 2; k <= 5; k++) {
            assertThat(lin.nngp().mu()[k]).isEqualByComparingTo(BigDecimal.ZERO);
        }
        CubeSpectrum.Result r = SphereSpectrum.compute(Network.mlp(new Erf(), 1, 2.0, 0.0), 16, 40, 10, Progress.NONE);
        BigDecimal sum = BigDecimal.ZERO;
        for (int k = 0; k <= 40; k++) {
            sum = sum.add(r.ntk().fractionalVariance(k));
        }
        // Degrees above 40 carry the rest: erf's degree-k variance decays geometrically.
        assertThat(sum.doubleValue()).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void limitMatchesTheArcCosineTaylorSeries() {
        // Depth-1 ReLU NNGP with σ_w² = 2, σ_b² = 0: Φ(ρ) = (2/π)(√(1 − ρ²) + (π − arccos ρ) ρ)
        // = (2/π)(1 + πρ/2 + ρ²/2 + ρ⁴/24 + ρ⁶/80 + ...), Φ(1) = 2.
        CubeSpectrum.Result r = LimitSpectrum.compute(Network.mlp(new Relu(), 1, 2.0, 0.0), 6, 12, Progress.NONE);
        double[] expected = {1 / Math.PI, 0.5, 1 / (2 * Math.PI), 0, 1 / (24 * Math.PI), 0, 1 / (80 * Math.PI)};
        for (int k = 0; k <= 6; k++) {
            assertThat(r.nngp().mu()[k].doubleValue()).as("a_%d", k)
                    .isCloseTo(expected[k], within(1e-11 * Math.abs(expected[k])));
        }
        assertThat(r.nngp().mu()[3].signum()).isZero();
        assertThat(r.nngp().mu()[5].signum()).isZero();
    }

    @Test
    void cubeAndSphereApproachTheLimitAtLargeDimension() {
        Network net = Network.mlp(new Relu(), 2, 2.0, 0.1);
        CubeSpectrum.Result limit = LimitSpectrum.compute(net, 4, 12, Progress.NONE);
        CubeSpectrum.Result cube = CubeSpectrum.compute(net, 100_000, 4, 12, Progress.NONE);
        CubeSpectrum.Result sphere = SphereSpectrum.compute(net, 400, 4, 8, Progress.NONE);
        for (int k = 0; k <= 4; k++) {
            double a = limit.ntk().fractionalVariance(k).doubleValue();
            // The finite-d corrections are O(k²/d).
            assertThat(cube.ntk().fractionalVariance(k).doubleValue()).as("cube degree %d", k)
                    .isCloseTo(a, within(1e-3 * a + 1e-12));
            assertThat(sphere.ntk().fractionalVariance(k).doubleValue()).as("sphere degree %d", k)
                    .isCloseTo(a, within(0.1 * a + 1e-12));
        }
    }
}
