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
    public int panelWidth() {
        return 2 * SPECIES.length();
    }

    @Override
    public void dots(double[][] x, int rowFrom, int rowTo, Panels z, double[][] out, int colFrom, int colTo, int d) {
        int lanes = SPECIES.length();
        int width = 2 * lanes;
        if (z.width() != width) {
            throw new IllegalArgumentException("panels of " + z.width() + " columns, expected " + width);
        }
        double[] data = z.data();
        int full = rowFrom + (rowTo - rowFrom) / 4 * 4;
        // Columns before the first whole panel, one at a time.
        int j = Math.min(colTo, (colFrom + width - 1) / width * width);
        scalar(x, rowFrom, rowTo, z, out, colFrom, j, d);
        // Panels outside, groups of four rows inside: the panel (d × 2 vectors, contiguous) stays in L1 for all
        // the rows of the block.
        for (; j + width <= colTo; j += width) {
            int base = (j / width) * d * width;
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
                for (int k = 0, at = base; k < d; k++, at += width) {
                    DoubleVector za = DoubleVector.fromArray(SPECIES, data, at);
                    DoubleVector zb = DoubleVector.fromArray(SPECIES, data, at + lanes);
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
            for (int i = full; i < rowTo; i++) {
                double[] xi = x[i];
                DoubleVector a = DoubleVector.zero(SPECIES);
                DoubleVector b = a;
                for (int k = 0, at = base; k < d; k++, at += width) {
                    DoubleVector c = DoubleVector.broadcast(SPECIES, xi[k]);
                    a = DoubleVector.fromArray(SPECIES, data, at).fma(c, a);
                    b = DoubleVector.fromArray(SPECIES, data, at + lanes).fma(c, b);
                }
                a.div(d).intoArray(out[i], j);
                b.div(d).intoArray(out[i], j + lanes);
            }
        }
        scalar(x, rowFrom, rowTo, z, out, j, colTo, d);
    }

    private static void scalar(double[][] x, int rowFrom, int rowTo, Panels z, double[][] out, int colFrom,
                               int colTo, int d) {
        for (int i = rowFrom; i < rowTo; i++) {
            for (int j = colFrom; j < colTo; j++) {
                out[i][j] = InputGram.Scalar.entry(x[i], z, j, d);
            }
        }
    }
}
