package org.ntk4j.activation;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link GaussianSums} on the incubating Vector API (loaded reflectively only when jdk.incubator.vector is present):
 * a vector of pairs per step with the API's exponential (SIMD on x86, about five times cheaper per value than
 * {@link Math#exp} there).
 */
final class VectorGaussianSums implements GaussianSums {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    /** Row r (r = 0..lanes − 1) of lanes weights: r zeros, then ones. */
    private static final double[] LEADING_ZEROS = leadingZeros(SPECIES.length());

    private static double[] leadingZeros(int lanes) {
        double[] rows = new double[lanes * lanes];
        for (int r = 0; r < lanes; r++) {
            java.util.Arrays.fill(rows, r * lanes + r, (r + 1) * lanes, 1.0);
        }
        return rows;
    }

    @Override
    public void sums(double[] y, double[] f, double[] g, int lo, int hi, double m, double c, double[] out) {
        int lanes = SPECIES.length();
        DoubleVector psi = DoubleVector.zero(SPECIES);
        DoubleVector psiD = psi;
        double nc = -c;
        double restPsi = 0;
        double restPsiD = 0;
        int j = lo;
        for (; j + lanes <= hi; j += lanes) {
            DoubleVector t = DoubleVector.fromArray(SPECIES, y, j).sub(m);
            DoubleVector e = t.mul(nc).mul(t).lanewise(VectorOperators.EXP);
            psi = e.fma(DoubleVector.fromArray(SPECIES, f, j), psi);
            psiD = e.fma(DoubleVector.fromArray(SPECIES, g, j), psiD);
        }
        if (j < hi) {
            int start = hi - lanes;
            if (start >= 0) {
                // The vector ending at hi, its lanes before j (already summed) weighted 0: masks made from
                // indices are not compiled to SIMD code on JDK 17.
                DoubleVector weight = DoubleVector.fromArray(SPECIES, LEADING_ZEROS, (j - start) * lanes);
                DoubleVector t = DoubleVector.fromArray(SPECIES, y, start).sub(m);
                DoubleVector e = t.mul(nc).mul(t).lanewise(VectorOperators.EXP).mul(weight);
                psi = e.fma(DoubleVector.fromArray(SPECIES, f, start), psi);
                psiD = e.fma(DoubleVector.fromArray(SPECIES, g, start), psiD);
            } else {
                for (; j < hi; j++) {
                    double t = y[j] - m;
                    double e = Math.exp(-c * t * t);
                    restPsi += e * f[j];
                    restPsiD += e * g[j];
                }
            }
        }
        out[0] = psi.reduceLanes(VectorOperators.ADD) + restPsi;
        out[1] = psiD.reduceLanes(VectorOperators.ADD) + restPsiD;
    }
}
