package org.ntk4j.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link MehlerLoops} on the incubating Vector API, loaded reflectively only when jdk.incubator.vector is present:
 * the inputs of a block, or the nodes of a rule, one per lane.
 */
final class VectorMehlerLoops implements MehlerLoops {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    @Override
    public void chebyshevBlock(double[] t, double[] c, int stride, int offset, int count, int points, double[] out,
                               int outBase) {
        int lanes = SPECIES.length();
        int w = MehlerRow.BLOCK;
        if (w % lanes != 0) {
            new MehlerLoops.Scalar().chebyshevBlock(t, c, stride, offset, count, points, out, outBase);
            return;
        }
        double[] chebyshev = new double[points * lanes];
        for (int chunk = 0; chunk < w; chunk += lanes) {
            // T_m at the chunk's inputs, by the scalar recurrence lane by lane.
            DoubleVector x = DoubleVector.fromArray(SPECIES, t, chunk);
            DoubleVector twoX = x.mul(2.0);
            // T_0 and T_1 stored before the loop: a vector chosen by a conditional expression is boxed on the heap
            // by JDK 17's C2 (tens of megabytes per Gram matrix).
            DoubleVector previous = DoubleVector.broadcast(SPECIES, 1.0);
            DoubleVector current = x;
            previous.intoArray(chebyshev, 0);
            if (points > 1) {
                current.intoArray(chebyshev, lanes);
            }
            for (int m = 2; m < points; m++) {
                DoubleVector next = twoX.fma(current, previous.neg());
                previous = current;
                current = next;
                next.intoArray(chebyshev, m * lanes);
            }
            for (int s = 0; s < count; s++) {
                DoubleVector acc = DoubleVector.zero(SPECIES);
                for (int m = 0, at = offset + s; m < points; m++, at += stride) {
                    acc = DoubleVector.fromArray(SPECIES, chebyshev, m * lanes).fma(DoubleVector.broadcast(SPECIES, c[at]), acc);
                }
                acc.intoArray(out, outBase + s * w + chunk);
            }
        }
    }

    @Override
    public void hermiteMoments(double[] z, double[] wf, double[] wg, int nodes, int k, double[] sqrt,
                               double[] inverse, double[] out) {
        int lanes = SPECIES.length();
        double[] accF = new double[k * lanes];
        double[] accG = new double[k * lanes];
        // Two vectors of nodes per pass over the degrees: the accumulators are loaded and stored once for both.
        for (int i = 0; i < nodes; i += 2 * lanes) {
            boolean zero = true;
            for (int j = i; j < i + 2 * lanes && zero; j++) {
                zero = wf[j] == 0 && wg[j] == 0;
            }
            if (zero) {
                continue;
            }
            DoubleVector za = DoubleVector.fromArray(SPECIES, z, i);
            DoubleVector zb = DoubleVector.fromArray(SPECIES, z, i + lanes);
            DoubleVector fa = DoubleVector.fromArray(SPECIES, wf, i);
            DoubleVector fb = DoubleVector.fromArray(SPECIES, wf, i + lanes);
            DoubleVector ga = DoubleVector.fromArray(SPECIES, wg, i);
            DoubleVector gb = DoubleVector.fromArray(SPECIES, wg, i + lanes);
            DoubleVector pa = DoubleVector.zero(SPECIES);
            DoubleVector pb = pa;
            DoubleVector ha = DoubleVector.broadcast(SPECIES, 1.0);
            DoubleVector hb = ha;
            for (int d = 0, at = 0; d < k; d++, at += lanes) {
                fb.fma(hb, fa.fma(ha, DoubleVector.fromArray(SPECIES, accF, at))).intoArray(accF, at);
                gb.fma(hb, ga.fma(ha, DoubleVector.fromArray(SPECIES, accG, at))).intoArray(accG, at);
                double minusRoot = -sqrt[d];
                double inv = inverse[d + 1];
                DoubleVector na = za.fma(ha, pa.mul(minusRoot)).mul(inv);
                DoubleVector nb = zb.fma(hb, pb.mul(minusRoot)).mul(inv);
                pa = ha;
                pb = hb;
                ha = na;
                hb = nb;
            }
        }
        for (int d = 0, at = 0; d < k; d++, at += lanes) {
            out[d] += DoubleVector.fromArray(SPECIES, accF, at).reduceLanes(VectorOperators.ADD);
            out[k + d] += DoubleVector.fromArray(SPECIES, accG, at).reduceLanes(VectorOperators.ADD);
        }
    }
}
