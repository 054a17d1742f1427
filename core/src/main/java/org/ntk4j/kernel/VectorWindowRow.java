package org.ntk4j.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link WindowRow} on the incubating Vector API, loaded reflectively only when jdk.incubator.vector is present.
 * Every lane performs the operations of {@link WindowRow.Scalar} in the same order, so the results are
 * bit-identical. A vector with a lane outside the window or the box, and the tail of the row, go through the
 * scalar code.
 */
final class VectorWindowRow implements WindowRow {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    @Override
    public int lanes() {
        return SPECIES.length();
    }

    @Override
    public int row(WindowInterpolant f, double[] table, double si, double[] inv, double[] position, double[] c,
                   double[] dual, double[] derivative, int from, int to, int[] rest) {
        int lanes = SPECIES.length();
        int d = f.d;
        int rows = f.rows;
        int stride = 2 * rows;
        double lo = f.rhoLo;
        double hi = f.rhoHi;
        double alpha = f.alpha();
        double beta = f.beta();
        double[] out = new double[2];
        int count = 0;
        int j = from;
        for (; j + lanes <= to; j += lanes) {
            DoubleVector rho = DoubleVector.fromArray(SPECIES, c, j)
                    .mul(DoubleVector.fromArray(SPECIES, inv, j).mul(si));
            DoubleVector x2 = DoubleVector.fromArray(SPECIES, position, j);
            VectorMask<Double> inside = rho.compare(VectorOperators.GE, lo).and(rho.compare(VectorOperators.LE, hi))
                    .and(x2.compare(VectorOperators.EQ, x2));
            if (!inside.allTrue()) {
                for (int jj = j; jj < j + lanes; jj++) {
                    if (!WindowRow.Scalar.entry(f, table, si, inv, position, c, dual, derivative, jj, out)) {
                        rest[count++] = jj;
                    }
                }
                continue;
            }
            DoubleVector t = rho.fma(alpha, beta);
            DoubleVector twoX = x2.mul(2.0);
            // T_{−1} = x2 and T_0 = 1, so that T_{k+1} = 2x2·T_k − T_{k−1} gives every degree, T_1 = x2 exactly.
            DoubleVector previous = x2;
            DoubleVector current = DoubleVector.broadcast(SPECIES, 1.0);
            DoubleVector sumF = DoubleVector.zero(SPECIES);
            DoubleVector sumG = sumF;
            // Four k2 at a time, both duals: eight independent Horner chains hide the fused multiply-add latency.
            for (int g = 0; g < rows; g += 4) {
                int bf = (d - 1) * stride + g;
                DoubleVector f0 = DoubleVector.broadcast(SPECIES, table[bf]);
                DoubleVector f1 = DoubleVector.broadcast(SPECIES, table[bf + 1]);
                DoubleVector f2 = DoubleVector.broadcast(SPECIES, table[bf + 2]);
                DoubleVector f3 = DoubleVector.broadcast(SPECIES, table[bf + 3]);
                DoubleVector g0 = DoubleVector.broadcast(SPECIES, table[bf + rows]);
                DoubleVector g1 = DoubleVector.broadcast(SPECIES, table[bf + rows + 1]);
                DoubleVector g2 = DoubleVector.broadcast(SPECIES, table[bf + rows + 2]);
                DoubleVector g3 = DoubleVector.broadcast(SPECIES, table[bf + rows + 3]);
                for (int b = bf - stride; b >= 0; b -= stride) {
                    f0 = f0.fma(t, DoubleVector.broadcast(SPECIES, table[b]));
                    f1 = f1.fma(t, DoubleVector.broadcast(SPECIES, table[b + 1]));
                    f2 = f2.fma(t, DoubleVector.broadcast(SPECIES, table[b + 2]));
                    f3 = f3.fma(t, DoubleVector.broadcast(SPECIES, table[b + 3]));
                    g0 = g0.fma(t, DoubleVector.broadcast(SPECIES, table[b + rows]));
                    g1 = g1.fma(t, DoubleVector.broadcast(SPECIES, table[b + rows + 1]));
                    g2 = g2.fma(t, DoubleVector.broadcast(SPECIES, table[b + rows + 2]));
                    g3 = g3.fma(t, DoubleVector.broadcast(SPECIES, table[b + rows + 3]));
                }
                sumF = current.fma(f0, sumF);
                sumG = current.fma(g0, sumG);
                DoubleVector next = twoX.fma(current, previous.neg());
                previous = current;
                current = next;
                sumF = current.fma(f1, sumF);
                sumG = current.fma(g1, sumG);
                next = twoX.fma(current, previous.neg());
                previous = current;
                current = next;
                sumF = current.fma(f2, sumF);
                sumG = current.fma(g2, sumG);
                next = twoX.fma(current, previous.neg());
                previous = current;
                current = next;
                sumF = current.fma(f3, sumF);
                sumG = current.fma(g3, sumG);
                next = twoX.fma(current, previous.neg());
                previous = current;
                current = next;
            }
            sumG.intoArray(derivative, j);
            sumF.intoArray(dual, j);
        }
        for (; j < to; j++) {
            if (!WindowRow.Scalar.entry(f, table, si, inv, position, c, dual, derivative, j, out)) {
                rest[count++] = j;
            }
        }
        return count;
    }
}
