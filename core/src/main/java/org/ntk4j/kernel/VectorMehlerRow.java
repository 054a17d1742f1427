package org.ntk4j.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link MehlerRow} on the incubating Vector API, loaded reflectively only when jdk.incubator.vector is present.
 * Every lane performs the operations of {@link MehlerRow.Scalar} in the same order, so the results are
 * bit-identical. Two vectors per step (four independent Horner chains) keep the fused multiply-add units busy
 * despite their latency; a vector with a lane beyond the short form's cut goes through the scalar code, and so do
 * the entries before the first vector-aligned column and after the last.
 */
final class VectorMehlerRow implements MehlerRow {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    @Override
    public int row(Series series, double si, double[] rowA, double[] rowB, double[] inv, double[] colA,
                   double[] colB, double[] c, double[] dual, double[] derivative, int from, int to, int[] rest) {
        int lanes = SPECIES.length();
        if (lanes > BLOCK || BLOCK % lanes != 0) {
            return new MehlerRow.Scalar().row(series, si, rowA, rowB, inv, colA, colB, c, dual, derivative, from, to,
                    rest);
        }
        int shortA = series.shortA();
        int shortB = series.shortB();
        int strideA = BLOCK * series.termsA();
        int strideB = BLOCK * series.termsB();
        boolean squared = series.step() == 2;
        boolean oddA = series.offsetA() == 1;
        boolean oddB = series.offsetB() == 1;
        double cut = series.shortCut();
        int count = 0;
        int j = from;
        int aligned = Math.min(to, (from + lanes - 1) / lanes * lanes);
        for (; j < aligned; j++) {
            if (!MehlerRow.Scalar.entry(series, si, rowA, rowB, inv, colA, colB, c, dual, derivative, j)) {
                rest[count++] = j;
            }
        }
        for (; j + 2 * lanes <= to; j += 2 * lanes) {
            if (!twoVectors(si, cut, shortA, shortB, strideA, strideB, squared, oddA, oddB, rowA, rowB, inv, colA,
                    colB, c, dual, derivative, j)) {
                for (int jj = j; jj < j + 2 * lanes; jj++) {
                    if (!MehlerRow.Scalar.entry(series, si, rowA, rowB, inv, colA, colB, c, dual, derivative, jj)) {
                        rest[count++] = jj;
                    }
                }
            }
        }
        for (; j < to; j++) {
            if (!MehlerRow.Scalar.entry(series, si, rowA, rowB, inv, colA, colB, c, dual, derivative, j)) {
                rest[count++] = j;
            }
        }
        return count;
    }

    /**
     * Columns [j, j + 2·lanes) by the short form, if all their |ρ| ≤ cut (else nothing is written and false is
     * returned). No vector crosses its boundary, so it compiles on its own with every vector operation
     * intrinsified.
     */
    private static boolean twoVectors(double si, double cut, int shortA, int shortB, int strideA, int strideB,
                                      boolean squared, boolean oddA, boolean oddB, double[] rowA, double[] rowB,
                                      double[] inv, double[] colA, double[] colB, double[] c, double[] dual,
                                      double[] derivative, int j) {
        int lanes = SPECIES.length();
        int k = j + lanes;
        DoubleVector rho0 = DoubleVector.fromArray(SPECIES, c, j).mul(DoubleVector.fromArray(SPECIES, inv, j).mul(si));
        DoubleVector rho1 = DoubleVector.fromArray(SPECIES, c, k).mul(DoubleVector.fromArray(SPECIES, inv, k).mul(si));
        if (!rho0.abs().max(rho1.abs()).compare(VectorOperators.LE, cut).allTrue()) {
            return false;
        }
        DoubleVector r0 = squared ? rho0.mul(rho0) : rho0;
        DoubleVector r1 = squared ? rho1.mul(rho1) : rho1;
        int a0 = (j >>> 3) * strideA + (j & (BLOCK - 1));
        int a1 = (k >>> 3) * strideA + (k & (BLOCK - 1));
        int b0 = (j >>> 3) * strideB + (j & (BLOCK - 1));
        int b1 = (k >>> 3) * strideB + (k & (BLOCK - 1));
        DoubleVector sa0 = DoubleVector.zero(SPECIES);
        DoubleVector sa1 = sa0;
        DoubleVector sb0 = sa0;
        DoubleVector sb1 = sa0;
        int common = Math.min(shortA, shortB);
        // Where only one series still has terms, it runs alone; then both together.
        for (int t = shortA - 1; t >= common; t--) {
            sa0 = sa0.fma(r0, DoubleVector.fromArray(SPECIES, colA, a0 + t * BLOCK).mul(rowA[t]));
            sa1 = sa1.fma(r1, DoubleVector.fromArray(SPECIES, colA, a1 + t * BLOCK).mul(rowA[t]));
        }
        for (int t = shortB - 1; t >= common; t--) {
            sb0 = sb0.fma(r0, DoubleVector.fromArray(SPECIES, colB, b0 + t * BLOCK).mul(rowB[t]));
            sb1 = sb1.fma(r1, DoubleVector.fromArray(SPECIES, colB, b1 + t * BLOCK).mul(rowB[t]));
        }
        for (int t = common - 1; t >= 0; t--) {
            double ra = rowA[t];
            double rb = rowB[t];
            sa0 = sa0.fma(r0, DoubleVector.fromArray(SPECIES, colA, a0 + t * BLOCK).mul(ra));
            sa1 = sa1.fma(r1, DoubleVector.fromArray(SPECIES, colA, a1 + t * BLOCK).mul(ra));
            sb0 = sb0.fma(r0, DoubleVector.fromArray(SPECIES, colB, b0 + t * BLOCK).mul(rb));
            sb1 = sb1.fma(r1, DoubleVector.fromArray(SPECIES, colB, b1 + t * BLOCK).mul(rb));
        }
        (oddB ? sb0.mul(rho0) : sb0).intoArray(derivative, j);
        (oddB ? sb1.mul(rho1) : sb1).intoArray(derivative, k);
        (oddA ? sa0.mul(rho0) : sa0).intoArray(dual, j);
        (oddA ? sa1.mul(rho1) : sa1).intoArray(dual, k);
        return true;
    }
}
