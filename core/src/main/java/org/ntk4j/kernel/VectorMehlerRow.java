package org.ntk4j.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link MehlerRow} on the incubating Vector API, loaded reflectively only when jdk.incubator.vector is present.
 * Every lane performs the operations of {@link MehlerRow.Scalar} in the same order, so the results are
 * bit-identical. Two vectors per step (four independent Horner chains) keep the fused multiply-add units busy
 * despite their latency. In {@link #row} a vector with a lane beyond the short form's cut goes through the scalar
 * code; in {@link #rows} only the entries beyond ρ_cut leave the SIMD path (to the caller's other route). The
 * entries before the first vector-aligned column and after the last go through the scalar code.
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

    @Override
    public void rows(Series series, double[] si, double[][] rowA, double[][] rowB, double[] inv, double[] colA,
                     double[] colB, double[][] c, double[][] dual, double[][] derivative, int r0, int from, int to,
                     int[][] rest, int[] counts) {
        int lanes = SPECIES.length();
        if (lanes > BLOCK || BLOCK % lanes != 0 || ROWS != 4) {
            new MehlerRow.Scalar().rows(series, si, rowA, rowB, inv, colA, colB, c, dual, derivative, r0, from, to,
                    rest, counts);
            return;
        }
        int strideA = BLOCK * series.termsA();
        int strideB = BLOCK * series.termsB();
        int aligned = Math.min(to, (from + lanes - 1) / lanes * lanes);
        scalarColumns(series, si, rowA, rowB, inv, colA, colB, c, dual, derivative, r0, from, aligned, rest, counts);
        int j = aligned;
        double[] kept = null;
        for (; j + lanes <= to; j += lanes) {
            if (fourRows(si[r0], si[r0 + 1], si[r0 + 2], si[r0 + 3], series.shortCut(), series.rhoCut(),
                    series.shortA(), series.shortB(), series.termsA(), series.termsB(), strideA, strideB,
                    series.step() == 2, series.offsetA() == 1, series.offsetB() == 1, rowA[r0], rowA[r0 + 1], rowA[r0 + 2], rowA[r0 + 3], rowB[r0],
                    rowB[r0 + 1], rowB[r0 + 2], rowB[r0 + 3], inv, colA, colB, c, dual, derivative, r0, j, false)) {
                continue;
            }
            // Some entry is beyond ρ_cut. Unless all are, the others stay on the SIMD path: the block is computed
            // whole, and the entries beyond get back what they held (dual may be c, which their route still reads).
            long beyond = beyondCut(c, r0, j, inv, si, series.rhoCut());
            if (beyond == (1L << ROWS * lanes) - 1) {
                scalarColumns(series, si, rowA, rowB, inv, colA, colB, c, dual, derivative, r0, j, j + lanes, rest,
                        counts);
                continue;
            }
            if (kept == null) {
                kept = new double[2 * ROWS * lanes];
            }
            for (int bit = 0; bit < ROWS * lanes; bit++) {
                if ((beyond & (1L << bit)) != 0) {
                    kept[2 * bit] = dual[r0 + bit / lanes][j + bit % lanes];
                    kept[2 * bit + 1] = derivative[r0 + bit / lanes][j + bit % lanes];
                }
            }
            // A second call site, not a loop around the first: with one call site C2 fell into its slow mode
            // (softplus n = 4000, depth 10: 54 s instead of 4).
            fourRows(si[r0], si[r0 + 1], si[r0 + 2], si[r0 + 3], series.shortCut(), series.rhoCut(),
                    series.shortA(), series.shortB(), series.termsA(), series.termsB(), strideA, strideB,
                    series.step() == 2, series.offsetA() == 1, series.offsetB() == 1, rowA[r0], rowA[r0 + 1], rowA[r0 + 2], rowA[r0 + 3], rowB[r0],
                    rowB[r0 + 1], rowB[r0 + 2], rowB[r0 + 3], inv, colA, colB, c, dual, derivative, r0, j, true);
            for (int bit = 0; bit < ROWS * lanes; bit++) {
                if ((beyond & (1L << bit)) != 0) {
                    int r = r0 + bit / lanes;
                    int column = j + bit % lanes;
                    dual[r][column] = kept[2 * bit];
                    derivative[r][column] = kept[2 * bit + 1];
                    rest[r][counts[r]++] = column;
                }
            }
        }
        scalarColumns(series, si, rowA, rowB, inv, colA, colB, c, dual, derivative, r0, j, to, rest, counts);
    }

    private static void scalarColumns(Series series, double[] si, double[][] rowA, double[][] rowB, double[] inv,
                                      double[] colA, double[] colB, double[][] c, double[][] dual,
                                      double[][] derivative, int r0, int from, int to, int[][] rest, int[] counts) {
        for (int r = r0; r < r0 + ROWS; r++) {
            for (int j = from; j < to; j++) {
                if (!MehlerRow.Scalar.entry(series, si[r], rowA[r], rowB[r], inv, colA, colB, c[r], dual[r],
                        derivative[r], j)) {
                    rest[r][counts[r]++] = j;
                }
            }
        }
    }

    /**
     * Columns [j, j + lanes) of four rows, if all their |ρ| ≤ ρ_cut or {@code anyway} (else nothing is written and
     * false is returned; with {@code anyway}, what lands in the entries beyond ρ_cut is meaningless): each column
     * coefficient vector is loaded once for the four rows, four independent Horner chains per series. A lane
     * beyond the short form's cut takes all terms; the others see zero products until their first term, which
     * leaves their sums at exactly the +0 the scalar Horner loop starts from. (Masks of the entries beyond ρ_cut
     * are not kept here for the stores: four more vectors live across the Horner loops spill on AVX2's 16
     * registers, softplus n = 4000, depth 10: 30% slower.)
     */
    private static boolean fourRows(double s0, double s1, double s2, double s3, double cut, double rhoCut,
                                    int shortA, int shortB, int termsA, int termsB, int strideA, int strideB,
                                    boolean squared, boolean oddA, boolean oddB, double[] ra0, double[] ra1,
                                    double[] ra2, double[] ra3, double[] rb0, double[] rb1, double[] rb2,
                                    double[] rb3, double[] inv, double[] colA, double[] colB, double[][] c,
                                    double[][] dual, double[][] derivative, int first, int j, boolean anyway) {
        DoubleVector invj = DoubleVector.fromArray(SPECIES, inv, j);
        DoubleVector rho0 = DoubleVector.fromArray(SPECIES, c[first], j).mul(invj.mul(s0));
        DoubleVector rho1 = DoubleVector.fromArray(SPECIES, c[first + 1], j).mul(invj.mul(s1));
        DoubleVector rho2 = DoubleVector.fromArray(SPECIES, c[first + 2], j).mul(invj.mul(s2));
        DoubleVector rho3 = DoubleVector.fromArray(SPECIES, c[first + 3], j).mul(invj.mul(s3));
        DoubleVector abs0 = rho0.abs();
        DoubleVector abs1 = rho1.abs();
        DoubleVector abs2 = rho2.abs();
        DoubleVector abs3 = rho3.abs();
        DoubleVector largest = abs0.max(abs1).max(abs2.max(abs3));
        if (!anyway && !largest.compare(VectorOperators.LE, rhoCut).allTrue()) {
            return false;
        }
        boolean mixed = !largest.compare(VectorOperators.LE, cut).allTrue();
        VectorMask<Double> short0 = abs0.compare(VectorOperators.LE, cut);
        VectorMask<Double> short1 = abs1.compare(VectorOperators.LE, cut);
        VectorMask<Double> short2 = abs2.compare(VectorOperators.LE, cut);
        VectorMask<Double> short3 = abs3.compare(VectorOperators.LE, cut);
        DoubleVector r0 = squared ? rho0.mul(rho0) : rho0;
        DoubleVector r1 = squared ? rho1.mul(rho1) : rho1;
        DoubleVector r2 = squared ? rho2.mul(rho2) : rho2;
        DoubleVector r3 = squared ? rho3.mul(rho3) : rho3;
        int a = (j >>> 3) * strideA + (j & (BLOCK - 1));
        int b = (j >>> 3) * strideB + (j & (BLOCK - 1));
        DoubleVector sa0 = DoubleVector.zero(SPECIES);
        DoubleVector sa1 = sa0;
        DoubleVector sa2 = sa0;
        DoubleVector sa3 = sa0;
        for (int t = (mixed ? termsA : shortA) - 1; t >= shortA; t--) {
            DoubleVector col = DoubleVector.fromArray(SPECIES, colA, a + t * BLOCK);
            sa0 = sa0.fma(r0, col.mul(ra0[t]).blend(0.0, short0));
            sa1 = sa1.fma(r1, col.mul(ra1[t]).blend(0.0, short1));
            sa2 = sa2.fma(r2, col.mul(ra2[t]).blend(0.0, short2));
            sa3 = sa3.fma(r3, col.mul(ra3[t]).blend(0.0, short3));
        }
        for (int t = shortA - 1; t >= 0; t--) {
            DoubleVector col = DoubleVector.fromArray(SPECIES, colA, a + t * BLOCK);
            sa0 = sa0.fma(r0, col.mul(ra0[t]));
            sa1 = sa1.fma(r1, col.mul(ra1[t]));
            sa2 = sa2.fma(r2, col.mul(ra2[t]));
            sa3 = sa3.fma(r3, col.mul(ra3[t]));
        }
        (oddA ? sa0.mul(rho0) : sa0).intoArray(dual[first], j);
        (oddA ? sa1.mul(rho1) : sa1).intoArray(dual[first + 1], j);
        (oddA ? sa2.mul(rho2) : sa2).intoArray(dual[first + 2], j);
        (oddA ? sa3.mul(rho3) : sa3).intoArray(dual[first + 3], j);
        DoubleVector sb0 = DoubleVector.zero(SPECIES);
        DoubleVector sb1 = sb0;
        DoubleVector sb2 = sb0;
        DoubleVector sb3 = sb0;
        for (int t = (mixed ? termsB : shortB) - 1; t >= shortB; t--) {
            DoubleVector col = DoubleVector.fromArray(SPECIES, colB, b + t * BLOCK);
            sb0 = sb0.fma(r0, col.mul(rb0[t]).blend(0.0, short0));
            sb1 = sb1.fma(r1, col.mul(rb1[t]).blend(0.0, short1));
            sb2 = sb2.fma(r2, col.mul(rb2[t]).blend(0.0, short2));
            sb3 = sb3.fma(r3, col.mul(rb3[t]).blend(0.0, short3));
        }
        for (int t = shortB - 1; t >= 0; t--) {
            DoubleVector col = DoubleVector.fromArray(SPECIES, colB, b + t * BLOCK);
            sb0 = sb0.fma(r0, col.mul(rb0[t]));
            sb1 = sb1.fma(r1, col.mul(rb1[t]));
            sb2 = sb2.fma(r2, col.mul(rb2[t]));
            sb3 = sb3.fma(r3, col.mul(rb3[t]));
        }
        (oddB ? sb0.mul(rho0) : sb0).intoArray(derivative[first], j);
        (oddB ? sb1.mul(rho1) : sb1).intoArray(derivative[first + 1], j);
        (oddB ? sb2.mul(rho2) : sb2).intoArray(derivative[first + 2], j);
        (oddB ? sb3.mul(rho3) : sb3).intoArray(derivative[first + 3], j);
        return true;
    }

    /**
     * Bits r·lanes + lane of the entries of a {@link #fourRows} block (rows r0..r0 + 3) with |ρ| &gt; ρ_cut or NaN,
     * as the scalar route sees them.
     */
    private static long beyondCut(double[][] c, int r0, int j, double[] inv, double[] si, double rhoCut) {
        int lanes = SPECIES.length();
        long bits = 0;
        for (int r = 0; r < ROWS; r++) {
            for (int lane = 0; lane < lanes; lane++) {
                if (!(Math.abs(c[r0 + r][j + lane] * (inv[j + lane] * si[r0 + r])) <= rhoCut)) {
                    bits |= 1L << (r * lanes + lane);
                }
            }
        }
        return bits;
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
