package org.ntk4j.kernel;

import org.ntk4j.activation.VectorApi;

/**
 * The two loops that build {@link MehlerDual} series and their per-input coefficients: the Chebyshev sums of the
 * coefficients of a block of inputs, and the Hermite moments of a quadrature rule. {@link Scalar} is plain Java;
 * {@code VectorMehlerLoops} (with jdk.incubator.vector) runs the same operations lane by lane — bit-identical for
 * {@link #chebyshevBlock}, summed lane by lane (so equal up to roundings) for {@link #hermiteMoments}.
 */
interface MehlerLoops {

    MehlerLoops INSTANCE = VectorApi.choose(MehlerLoops.class, "org.ntk4j.kernel.VectorMehlerLoops", Scalar::new);

    /**
     * For the {@link MehlerRow#BLOCK} inputs of one block, at positions t[0..BLOCK) in [−1, 1]:
     * out[outBase + s·BLOCK + lane] = Σ_{m < points} T_m(t[lane]) · c[m·stride + offset + s] for s &lt; count, each
     * sum by fused multiply-adds in the order m = 0, 1, …, with T_m by T_0 = 1, T_1 = t,
     * T_{m+1} = fma(2t, T_m, −T_{m−1}) (the arithmetic of {@link MehlerDual#coefficients}).
     */
    void chebyshevBlock(double[] t, double[] c, int stride, int offset, int count, int points, double[] out,
                        int outBase);

    /**
     * The Hermite moments of a rule with nodes z[i] and weighted values wf[i], wg[i] (i &lt; nodes, nodes a multiple
     * of 16): out[d] = Σ_i wf[i] h_d(z[i]) and out[k + d] = Σ_i wg[i] h_d(z[i]) for d &lt; k, with h_0 = 1,
     * h_{d+1} = (z h_d − √d h_{d−1})/√(d + 1) — sqrt[d] = √d, inverse[d] = 1/√d. out[0..2k) must be zero on entry.
     */
    void hermiteMoments(double[] z, double[] wf, double[] wg, int nodes, int k, double[] sqrt, double[] inverse,
                        double[] out);

    /** One input, one node at a time (four nodes interleaved). */
    final class Scalar implements MehlerLoops {

        @Override
        public void chebyshevBlock(double[] t, double[] c, int stride, int offset, int count, int points,
                                   double[] out, int outBase) {
            int w = MehlerRow.BLOCK;
            for (int lane = 0; lane < w; lane++) {
                for (int s = 0; s < count; s++) {
                    out[outBase + s * w + lane] = 0.0;
                }
                double x = t[lane];
                double previous = 1;
                double current = 1;
                for (int m = 0; m < points; m++) {
                    double tm = m == 0 ? 1.0 : m == 1 ? x : Math.fma(2 * x, current, -previous);
                    if (m >= 1) {
                        previous = current;
                    }
                    current = tm;
                    int base = m * stride + offset;
                    for (int s = 0; s < count; s++) {
                        int at = outBase + s * w + lane;
                        out[at] = Math.fma(tm, c[base + s], out[at]);
                    }
                }
            }
        }

        @Override
        public void hermiteMoments(double[] z, double[] wf, double[] wg, int nodes, int k, double[] sqrt,
                                   double[] inverse, double[] out) {
            // Four nodes at a time: the recurrence is a chain of dependent operations per node, so four
            // independent chains keep the arithmetic units busy.
            for (int i = 0; i < nodes; i += 4) {
                double f0 = wf[i];
                double f1 = wf[i + 1];
                double f2 = wf[i + 2];
                double f3 = wf[i + 3];
                double g0 = wg[i];
                double g1 = wg[i + 1];
                double g2 = wg[i + 2];
                double g3 = wg[i + 3];
                if (f0 == 0 && f1 == 0 && f2 == 0 && f3 == 0 && g0 == 0 && g1 == 0 && g2 == 0 && g3 == 0) {
                    continue;
                }
                double z0 = z[i];
                double z1 = z[i + 1];
                double z2 = z[i + 2];
                double z3 = z[i + 3];
                double p0 = 0;
                double p1 = 0;
                double p2 = 0;
                double p3 = 0;
                double h0 = 1;
                double h1 = 1;
                double h2 = 1;
                double h3 = 1;
                for (int d = 0; d < k; d++) {
                    out[d] += (f0 * h0 + f1 * h1) + (f2 * h2 + f3 * h3);
                    out[k + d] += (g0 * h0 + g1 * h1) + (g2 * h2 + g3 * h3);
                    double root = sqrt[d];
                    double inv = inverse[d + 1];
                    double n0 = Math.fma(z0, h0, -root * p0) * inv;
                    double n1 = Math.fma(z1, h1, -root * p1) * inv;
                    double n2 = Math.fma(z2, h2, -root * p2) * inv;
                    double n3 = Math.fma(z3, h3, -root * p3) * inv;
                    p0 = h0;
                    p1 = h1;
                    p2 = h2;
                    p3 = h3;
                    h0 = n0;
                    h1 = n1;
                    h2 = n2;
                    h3 = n3;
                }
            }
        }
    }
}
