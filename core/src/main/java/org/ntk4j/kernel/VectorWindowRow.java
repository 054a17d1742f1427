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
        // The kernels are separate methods, each compiled on its own, and no vector lives across this loop: as one
        // large method, C2 sometimes failed to keep every vector in registers and boxed them on the heap (JMH forks
        // 3-7x slower throughout, allocating 0.1-2.5 kB per entry).
        int lanes = SPECIES.length();
        double[] out = new double[2];
        int count = 0;
        int j = from;
        for (; j + 2 * lanes <= to; j += 2 * lanes) {
            if (!pair(f, table, si, inv, position, c, dual, derivative, j)) {
                count = single(f, table, si, inv, position, c, dual, derivative, j, j + 2 * lanes, rest, count,
                        out);
            }
        }
        return single(f, table, si, inv, position, c, dual, derivative, j, to, rest, count, out);
    }

    /**
     * Columns j … j + 2·lanes − 1 when all lie inside the window and the box, two vectors per pass over the table:
     * each coefficient is broadcast once for both (the broadcasts, one per multiply-add, are otherwise half of the
     * loop's instructions); false, and nothing written, otherwise.
     */
    private static boolean pair(WindowInterpolant f, double[] table, double si, double[] inv, double[] position,
                                double[] c, double[] dual, double[] derivative, int j) {
        int lanes = SPECIES.length();
        int d = f.d;
        int rows = f.rows;
        int stride = 2 * rows;
        double lo = f.rhoLo;
        double hi = f.rhoHi;
        double alpha = f.alpha();
        double beta = f.beta();
        DoubleVector rhoA = DoubleVector.fromArray(SPECIES, c, j)
                .mul(DoubleVector.fromArray(SPECIES, inv, j).mul(si));
        DoubleVector rhoB = DoubleVector.fromArray(SPECIES, c, j + lanes)
                .mul(DoubleVector.fromArray(SPECIES, inv, j + lanes).mul(si));
        DoubleVector xA = DoubleVector.fromArray(SPECIES, position, j);
        DoubleVector xB = DoubleVector.fromArray(SPECIES, position, j + lanes);
        VectorMask<Double> insideA = rhoA.compare(VectorOperators.GE, lo)
                .and(rhoA.compare(VectorOperators.LE, hi)).and(xA.compare(VectorOperators.EQ, xA));
        VectorMask<Double> insideB = rhoB.compare(VectorOperators.GE, lo)
                .and(rhoB.compare(VectorOperators.LE, hi)).and(xB.compare(VectorOperators.EQ, xB));
        if (!insideA.allTrue() || !insideB.allTrue()) {
            return false;
        }
        DoubleVector tA = rhoA.fma(alpha, beta);
        DoubleVector tB = rhoB.fma(alpha, beta);
        DoubleVector twoXA = xA.mul(2.0);
        DoubleVector twoXB = xB.mul(2.0);
        DoubleVector previousA = xA;
        DoubleVector previousB = xB;
        DoubleVector currentA = DoubleVector.broadcast(SPECIES, 1.0);
        DoubleVector currentB = currentA;
        DoubleVector sumFA = DoubleVector.zero(SPECIES);
        DoubleVector sumGA = sumFA;
        DoubleVector sumFB = sumFA;
        DoubleVector sumGB = sumFA;
        // As in one(), four k2 of both duals per pass, now for two vectors: sixteen Horner chains, unrolled by hand
        // (vectors kept in arrays would live on the heap).
        for (int g = 0; g < rows; g += 4) {
            int bf = (d - 1) * stride + g;
            DoubleVector f0A = DoubleVector.broadcast(SPECIES, table[bf]);
            DoubleVector f1A = DoubleVector.broadcast(SPECIES, table[bf + 1]);
            DoubleVector f2A = DoubleVector.broadcast(SPECIES, table[bf + 2]);
            DoubleVector f3A = DoubleVector.broadcast(SPECIES, table[bf + 3]);
            DoubleVector g0A = DoubleVector.broadcast(SPECIES, table[bf + rows]);
            DoubleVector g1A = DoubleVector.broadcast(SPECIES, table[bf + rows + 1]);
            DoubleVector g2A = DoubleVector.broadcast(SPECIES, table[bf + rows + 2]);
            DoubleVector g3A = DoubleVector.broadcast(SPECIES, table[bf + rows + 3]);
            DoubleVector f0B = f0A;
            DoubleVector f1B = f1A;
            DoubleVector f2B = f2A;
            DoubleVector f3B = f3A;
            DoubleVector g0B = g0A;
            DoubleVector g1B = g1A;
            DoubleVector g2B = g2A;
            DoubleVector g3B = g3A;
            for (int b = bf - stride; b >= 0; b -= stride) {
                DoubleVector k0 = DoubleVector.broadcast(SPECIES, table[b]);
                f0A = f0A.fma(tA, k0);
                f0B = f0B.fma(tB, k0);
                DoubleVector k1 = DoubleVector.broadcast(SPECIES, table[b + 1]);
                f1A = f1A.fma(tA, k1);
                f1B = f1B.fma(tB, k1);
                DoubleVector k2 = DoubleVector.broadcast(SPECIES, table[b + 2]);
                f2A = f2A.fma(tA, k2);
                f2B = f2B.fma(tB, k2);
                DoubleVector k3 = DoubleVector.broadcast(SPECIES, table[b + 3]);
                f3A = f3A.fma(tA, k3);
                f3B = f3B.fma(tB, k3);
                DoubleVector l0 = DoubleVector.broadcast(SPECIES, table[b + rows]);
                g0A = g0A.fma(tA, l0);
                g0B = g0B.fma(tB, l0);
                DoubleVector l1 = DoubleVector.broadcast(SPECIES, table[b + rows + 1]);
                g1A = g1A.fma(tA, l1);
                g1B = g1B.fma(tB, l1);
                DoubleVector l2 = DoubleVector.broadcast(SPECIES, table[b + rows + 2]);
                g2A = g2A.fma(tA, l2);
                g2B = g2B.fma(tB, l2);
                DoubleVector l3 = DoubleVector.broadcast(SPECIES, table[b + rows + 3]);
                g3A = g3A.fma(tA, l3);
                g3B = g3B.fma(tB, l3);
            }
            sumFA = currentA.fma(f0A, sumFA);
            sumGA = currentA.fma(g0A, sumGA);
            sumFB = currentB.fma(f0B, sumFB);
            sumGB = currentB.fma(g0B, sumGB);
            DoubleVector nextA = twoXA.fma(currentA, previousA.neg());
            DoubleVector nextB = twoXB.fma(currentB, previousB.neg());
            previousA = currentA;
            previousB = currentB;
            currentA = nextA;
            currentB = nextB;
            sumFA = currentA.fma(f1A, sumFA);
            sumGA = currentA.fma(g1A, sumGA);
            sumFB = currentB.fma(f1B, sumFB);
            sumGB = currentB.fma(g1B, sumGB);
            nextA = twoXA.fma(currentA, previousA.neg());
            nextB = twoXB.fma(currentB, previousB.neg());
            previousA = currentA;
            previousB = currentB;
            currentA = nextA;
            currentB = nextB;
            sumFA = currentA.fma(f2A, sumFA);
            sumGA = currentA.fma(g2A, sumGA);
            sumFB = currentB.fma(f2B, sumFB);
            sumGB = currentB.fma(g2B, sumGB);
            nextA = twoXA.fma(currentA, previousA.neg());
            nextB = twoXB.fma(currentB, previousB.neg());
            previousA = currentA;
            previousB = currentB;
            currentA = nextA;
            currentB = nextB;
            sumFA = currentA.fma(f3A, sumFA);
            sumGA = currentA.fma(g3A, sumGA);
            sumFB = currentB.fma(f3B, sumFB);
            sumGB = currentB.fma(g3B, sumGB);
            nextA = twoXA.fma(currentA, previousA.neg());
            nextB = twoXB.fma(currentB, previousB.neg());
            previousA = currentA;
            previousB = currentB;
            currentA = nextA;
            currentB = nextB;
        }
        sumGA.intoArray(derivative, j);
        sumFA.intoArray(dual, j);
        sumGB.intoArray(derivative, j + lanes);
        sumFB.intoArray(dual, j + lanes);
        return true;
    }

    /**
     * {@link #row} one vector of columns at a time over [from, to), appending to rest from count on; out is the
     * scalar entries' scratch pair.
     */
    private static int single(WindowInterpolant f, double[] table, double si, double[] inv, double[] position,
                              double[] c, double[] dual, double[] derivative, int from, int to, int[] rest,
                              int count, double[] out) {
        int lanes = SPECIES.length();
        int j = from;
        for (; j + lanes <= to; j += lanes) {
            if (!one(f, table, si, inv, position, c, dual, derivative, j)) {
                for (int jj = j; jj < j + lanes; jj++) {
                    if (!WindowRow.Scalar.entry(f, table, si, inv, position, c, dual, derivative, jj, out)) {
                        rest[count++] = jj;
                    }
                }
            }
        }
        for (; j < to; j++) {
            if (!WindowRow.Scalar.entry(f, table, si, inv, position, c, dual, derivative, j, out)) {
                rest[count++] = j;
            }
        }
        return count;
    }

    /**
     * The vector of columns at j when all its lanes lie inside the window and the box; false, and nothing written,
     * otherwise.
     */
    private static boolean one(WindowInterpolant f, double[] table, double si, double[] inv, double[] position,
                               double[] c, double[] dual, double[] derivative, int j) {
        int d = f.d;
        int rows = f.rows;
        int stride = 2 * rows;
        double lo = f.rhoLo;
        double hi = f.rhoHi;
        double alpha = f.alpha();
        double beta = f.beta();
        DoubleVector rho = DoubleVector.fromArray(SPECIES, c, j)
                .mul(DoubleVector.fromArray(SPECIES, inv, j).mul(si));
        DoubleVector x2 = DoubleVector.fromArray(SPECIES, position, j);
        VectorMask<Double> inside = rho.compare(VectorOperators.GE, lo).and(rho.compare(VectorOperators.LE, hi))
                .and(x2.compare(VectorOperators.EQ, x2));
        if (!inside.allTrue()) {
            return false;
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
        return true;
    }
}
