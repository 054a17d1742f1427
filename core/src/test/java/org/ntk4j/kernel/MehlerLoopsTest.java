package org.ntk4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.SplittableRandom;
import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.junit.jupiter.api.Test;
import org.ntk4j.activation.VectorApi;

class MehlerLoopsTest {

    private static final MehlerLoops SCALAR = new MehlerLoops.Scalar();

    /** The SIMD Chebyshev sums give the scalar ones bit for bit, which give the sums formed here entry by entry. */
    @Test
    void chebyshevBlocksAreTheChebyshevSums() {
        SplittableRandom r = new SplittableRandom(3);
        int points = 17;
        int stride = 23;
        double[] c = new double[points * stride];
        for (int i = 0; i < c.length; i++) {
            c[i] = r.nextGaussian() * Math.pow(2, -i % 40);
        }
        double[] t = new double[MehlerRow.BLOCK];
        for (int lane = 0; lane < t.length; lane++) {
            t[lane] = lane == 0 ? -1.0 : lane == 1 ? 1.0 : r.nextDouble(-1, 1);
        }
        int offset = 5;
        int count = 11;
        int base = 7;
        double[] scalar = new double[base + count * MehlerRow.BLOCK];
        double[] simd = scalar.clone();
        SCALAR.chebyshevBlock(t, c, stride, offset, count, points, scalar, base);
        MehlerLoops.INSTANCE.chebyshevBlock(t, c, stride, offset, count, points, simd, base);
        assertThat(simd).isEqualTo(scalar);
        for (int lane = 0; lane < t.length; lane++) {
            for (int s = 0; s < count; s++) {
                double sum = 0;
                for (int m = 0; m < points; m++) {
                    // T_m(cos θ) = cos(mθ): the trigonometric form, not the recurrence.
                    sum += Math.cos(m * Math.acos(t[lane])) * c[m * stride + offset + s];
                }
                assertThat(scalar[base + s * MehlerRow.BLOCK + lane]).as("lane %d, s %d", lane, s)
                        .isCloseTo(sum, within(1e-13));
            }
        }
    }

    /**
     * The Hermite moments of f = h_3 and g = 1 under a Gauss–Legendre rule for the standard normal are δ_{d3} and
     * δ_{d0} (orthonormality), by both implementations, which agree to roundings.
     */
    @Test
    void hermiteMomentsShowOrthonormality() {
        int k = 40;
        int panels = 40;
        GaussIntegrator rule = new GaussIntegratorFactory().legendre(16, -1.0, 1.0);
        int nodes = panels * 16;
        double[] z = new double[nodes];
        double[] wf = new double[nodes];
        double[] wg = new double[nodes];
        double half = 12.0 / panels;
        for (int p = 0; p < panels; p++) {
            double mid = -12 + (2 * p + 1) * half;
            for (int g = 0; g < 16; g++) {
                int i = p * 16 + g;
                z[i] = mid + half * rule.getPoint(g);
                double w = half * rule.getWeight(g) * Math.exp(-0.5 * z[i] * z[i]) / Math.sqrt(2 * Math.PI);
                wf[i] = w * (z[i] * z[i] * z[i] - 3 * z[i]) / Math.sqrt(6);
                wg[i] = w;
            }
        }
        double[] sqrt = new double[k + 1];
        double[] inverse = new double[k + 1];
        for (int d = 0; d <= k; d++) {
            sqrt[d] = Math.sqrt(d);
            inverse[d] = 1.0 / sqrt[d];
        }
        double[] scalar = new double[2 * k];
        double[] simd = new double[2 * k];
        SCALAR.hermiteMoments(z, wf, wg, nodes, k, sqrt, inverse, scalar);
        MehlerLoops.INSTANCE.hermiteMoments(z, wf, wg, nodes, k, sqrt, inverse, simd);
        for (int d = 0; d < k; d++) {
            assertThat(scalar[d]).as("E[h_3 h_%d]", d).isCloseTo(d == 3 ? 1.0 : 0.0, within(1e-13));
            assertThat(scalar[k + d]).as("E[h_%d]", d).isCloseTo(d == 0 ? 1.0 : 0.0, within(1e-13));
            assertThat(simd[d]).isCloseTo(scalar[d], within(1e-15));
            assertThat(simd[k + d]).isCloseTo(scalar[k + d], within(1e-15));
        }
    }

    @Test
    void theSimdLoopsAreUsedWhenTheVectorApiIsPresent() {
        assumeThat(VectorApi.available()).isTrue();
        assertThat(MehlerLoops.INSTANCE.getClass().getSimpleName()).isEqualTo("VectorMehlerLoops");
    }
}
