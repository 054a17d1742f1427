package org.ntk4j.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link InputGram} on the incubating Vector API, loaded reflectively only when jdk.incubator.vector is present.
 * Per entry the arithmetic is that of {@link InputGram.Scalar} (a chain of correctly rounded fused multiply-adds
 * in the order k = 0..d−1, then one division), so the results are bit-identical.
 */
final class VectorInputGram implements InputGram {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    @Override
    public void dots(double[][] x, int rowFrom, int rowTo, double[][] zT, double[][] out, int colFrom, int colTo,
                     int d) {
        int lanes = SPECIES.length();
        int full = rowFrom + (rowTo - rowFrom) / 4 * 4;
        int j = colFrom;
        // Column chunks outside, groups of four rows inside: the chunk of zT (d × 2 vectors) stays in L1 for all
        // the rows of the block, instead of the whole of zT streaming from L3 once per group of four.
        for (; j + 2 * lanes <= colTo; j += 2 * lanes) {
            for (int i = rowFrom; i < full; i += 4) {
                double[] x0 = x[i];
                double[] x1 = x[i + 1];
                double[] x2 = x[i + 2];
                double[] x3 = x[i + 3];
                DoubleVector a0 = DoubleVector.zero(SPECIES);
                DoubleVector a1 = a0;
                DoubleVector a2 = a0;
                DoubleVector a3 = a0;
                DoubleVector b0 = a0;
                DoubleVector b1 = a0;
                DoubleVector b2 = a0;
                DoubleVector b3 = a0;
                for (int k = 0; k < d; k++) {
                    double[] zk = zT[k];
                    DoubleVector za = DoubleVector.fromArray(SPECIES, zk, j);
                    DoubleVector zb = DoubleVector.fromArray(SPECIES, zk, j + lanes);
                    DoubleVector c0 = DoubleVector.broadcast(SPECIES, x0[k]);
                    DoubleVector c1 = DoubleVector.broadcast(SPECIES, x1[k]);
                    DoubleVector c2 = DoubleVector.broadcast(SPECIES, x2[k]);
                    DoubleVector c3 = DoubleVector.broadcast(SPECIES, x3[k]);
                    a0 = za.fma(c0, a0);
                    b0 = zb.fma(c0, b0);
                    a1 = za.fma(c1, a1);
                    b1 = zb.fma(c1, b1);
                    a2 = za.fma(c2, a2);
                    b2 = zb.fma(c2, b2);
                    a3 = za.fma(c3, a3);
                    b3 = zb.fma(c3, b3);
                }
                a0.div(d).intoArray(out[i], j);
                b0.div(d).intoArray(out[i], j + lanes);
                a1.div(d).intoArray(out[i + 1], j);
                b1.div(d).intoArray(out[i + 1], j + lanes);
                a2.div(d).intoArray(out[i + 2], j);
                b2.div(d).intoArray(out[i + 2], j + lanes);
                a3.div(d).intoArray(out[i + 3], j);
                b3.div(d).intoArray(out[i + 3], j + lanes);
            }
        }
        for (int i = rowFrom; i < full; i++) {
            for (int jj = j; jj < colTo; jj++) {
                out[i][jj] = InputGram.Scalar.entry(x[i], zT, jj, d);
            }
        }
        int i = full;
        for (; i < rowTo; i++) {
            double[] xi = x[i];
            int jj = colFrom;
            for (; jj + lanes <= colTo; jj += lanes) {
                DoubleVector a = DoubleVector.zero(SPECIES);
                for (int k = 0; k < d; k++) {
                    a = DoubleVector.fromArray(SPECIES, zT[k], jj).fma(DoubleVector.broadcast(SPECIES, xi[k]), a);
                }
                a.div(d).intoArray(out[i], jj);
            }
            for (; jj < colTo; jj++) {
                out[i][jj] = InputGram.Scalar.entry(xi, zT, jj, d);
            }
        }
    }
}
