package org.ntk4j.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link MehlerRow} on the incubating Vector API, loaded reflectively only when jdk.incubator.vector is present.
 * Every lane performs the operations of {@link MehlerRow.Scalar} in the same order, so the results are
 * bit-identical; a vector with a lane beyond ρ_cut goes through the scalar code.
 */
final class VectorMehlerRow implements MehlerRow {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    @Override
    public int row(Series series, double si, double[] rowA, double[] rowB, double[] inv, double[] colA,
                   double[] colB, int stride, double[] c, double[] dual, double[] derivative, int from, int to,
                   int[] rest) {
        int lanes = SPECIES.length();
        int termsA = series.termsA();
        int termsB = series.termsB();
        boolean squared = series.step() == 2;
        boolean oddA = series.offsetA() == 1;
        boolean oddB = series.offsetB() == 1;
        double cut = series.rhoCut();
        int count = 0;
        int j = from;
        for (; j + lanes <= to; j += lanes) {
            DoubleVector rho = DoubleVector.fromArray(SPECIES, c, j)
                    .mul(DoubleVector.fromArray(SPECIES, inv, j).mul(si));
            if (!rho.abs().compare(VectorOperators.LE, cut).allTrue()) {
                for (int jj = j; jj < j + lanes; jj++) {
                    if (!MehlerRow.Scalar.entry(series, si, rowA, rowB, inv, colA, colB, stride, c, dual, derivative,
                            jj)) {
                        rest[count++] = jj;
                    }
                }
                continue;
            }
            DoubleVector r = squared ? rho.mul(rho) : rho;
            DoubleVector a = DoubleVector.zero(SPECIES);
            for (int t = termsA - 1; t >= 0; t--) {
                a = a.fma(r, DoubleVector.fromArray(SPECIES, colA, t * stride + j).mul(rowA[t]));
            }
            DoubleVector b = DoubleVector.zero(SPECIES);
            for (int t = termsB - 1; t >= 0; t--) {
                b = b.fma(r, DoubleVector.fromArray(SPECIES, colB, t * stride + j).mul(rowB[t]));
            }
            (oddB ? b.mul(rho) : b).intoArray(derivative, j);
            (oddA ? a.mul(rho) : a).intoArray(dual, j);
        }
        for (; j < to; j++) {
            if (!MehlerRow.Scalar.entry(series, si, rowA, rowB, inv, colA, colB, stride, c, dual, derivative, j)) {
                rest[count++] = j;
            }
        }
        return count;
    }
}
