package org.ntk4j.kernel;

import org.ntk4j.activation.VectorApi;

/**
 * The Mehler series of both duals along a row (see {@link MehlerDual}): for j ∈ [from, to) with
 * ρ_j = c[j]·(s_i·s_j), s = 1/√q, and |ρ_j| ≤ ρ_cut,
 * <pre>
 *   dual[j]       = ρ_j^{offsetA} Σ_{t &lt; T_A} rowA[t] a_t(j) (ρ_j^step)^t,
 *   derivative[j] = ρ_j^{offsetB} Σ_{t &lt; T_B} rowB[t] b_t(j) (ρ_j^step)^t,
 * </pre>
 * each by Horner's rule (s ← fma(s, r, x·y) from the highest term), with the short form's terms (T = shortA,
 * shortB) when |ρ_j| ≤ shortCut and all of them otherwise (see {@link Series}). The column coefficients a_t(j) sit
 * at {@link #index}(j, t, termsA) of {@code colA}: blocks of {@link #BLOCK} columns, term-major inside a block,
 * so that a SIMD vector of columns reads one contiguous stretch. Entries with |ρ_j| &gt; ρ_cut (or ρ_j NaN) are
 * left untouched and their indices written to {@code rest}; the count is returned. ρ is formed as c·(s_i·s_j) so
 * that Σ(x, z) = Σ(z, x) bit for bit. {@link Scalar} is plain Java; {@code VectorMehlerRow} (with
 * {@code --add-modules jdk.incubator.vector}, unless {@code -Dntk4j.vector=false}) does the same operations lane
 * by lane, so both give the same bits.
 */
interface MehlerRow {

    MehlerRow INSTANCE = choose();

    /** Columns per block of the coefficient layout (a multiple of every SIMD width used). */
    int BLOCK = 8;

    /** Where coefficient t of column j lives, for a series of {@code terms} terms. */
    static int index(int j, int t, int terms) {
        return (j >>> 3) * (BLOCK * terms) + t * BLOCK + (j & (BLOCK - 1));
    }

    /**
     * A short and a long form of the series: the first shortA, shortB terms hold for |ρ| ≤ shortCut (nearly every
     * entry, and the SIMD path when all its lanes do), all termsA, termsB for |ρ| ≤ rhoCut.
     */
    record Series(int shortA, int shortB, double shortCut, int termsA, int termsB, double rhoCut, int step,
                  int offsetA, int offsetB) {
    }

    int row(Series series, double si, double[] rowA, double[] rowB, double[] inv, double[] colA, double[] colB,
            double[] c, double[] dual, double[] derivative, int from, int to, int[] rest);

    /** Rows that {@link #rows} evaluates together. */
    int ROWS = 4;

    /**
     * {@link #row} for the {@link #ROWS} rows r0 ≤ r &lt; r0 + ROWS over the same columns [from, to), with the same
     * bits as row by row: row r has s_i = si[r], coefficients rowA[r], rowB[r], and arrays c[r], dual[r],
     * derivative[r]; the entries it leaves over are appended to rest[r] from counts[r] on, and counts[r] is
     * advanced.
     *
     * <p>Why: a long series reads T·8 bytes of column coefficients per entry, far more than the arithmetic can use
     * when they come from the last-level cache, so one pass that loads each column coefficient once for several
     * rows is several times faster than separate rows.
     */
    void rows(Series series, double[] si, double[][] rowA, double[][] rowB, double[] inv, double[] colA,
              double[] colB, double[][] c, double[][] dual, double[][] derivative, int r0, int from, int to,
              int[][] rest, int[] counts);

    private static MehlerRow choose() {
        return VectorApi.choose(MehlerRow.class, "org.ntk4j.kernel.VectorMehlerRow", Scalar::new);
    }

    /** One entry at a time. */
    final class Scalar implements MehlerRow {
        @Override
        public int row(Series series, double si, double[] rowA, double[] rowB, double[] inv, double[] colA,
                       double[] colB, double[] c, double[] dual, double[] derivative, int from, int to, int[] rest) {
            int count = 0;
            for (int j = from; j < to; j++) {
                if (!entry(series, si, rowA, rowB, inv, colA, colB, c, dual, derivative, j)) {
                    rest[count++] = j;
                }
            }
            return count;
        }

        @Override
        public void rows(Series series, double[] si, double[][] rowA, double[][] rowB, double[] inv, double[] colA,
                         double[] colB, double[][] c, double[][] dual, double[][] derivative, int r0, int from,
                         int to, int[][] rest, int[] counts) {
            for (int r = r0; r < r0 + ROWS; r++) {
                for (int j = from; j < to; j++) {
                    if (!entry(series, si[r], rowA[r], rowB[r], inv, colA, colB, c[r], dual[r], derivative[r], j)) {
                        rest[r][counts[r]++] = j;
                    }
                }
            }
        }

        /** Entry j; false (and nothing written) when |ρ| &gt; ρ_cut. */
        static boolean entry(Series series, double si, double[] rowA, double[] rowB, double[] inv, double[] colA,
                             double[] colB, double[] c, double[] dual, double[] derivative, int j) {
            double rho = c[j] * (si * inv[j]);
            double abs = Math.abs(rho);
            if (!(abs <= series.rhoCut())) {
                return false;
            }
            boolean shortForm = abs <= series.shortCut();
            int termsA = shortForm ? series.shortA() : series.termsA();
            int termsB = shortForm ? series.shortB() : series.termsB();
            double r = series.step() == 2 ? rho * rho : rho;
            int baseA = index(j, 0, series.termsA());
            int baseB = index(j, 0, series.termsB());
            double a = 0;
            for (int t = termsA - 1; t >= 0; t--) {
                a = Math.fma(a, r, rowA[t] * colA[baseA + t * BLOCK]);
            }
            double b = 0;
            for (int t = termsB - 1; t >= 0; t--) {
                b = Math.fma(b, r, rowB[t] * colB[baseB + t * BLOCK]);
            }
            derivative[j] = series.offsetB() == 1 ? b * rho : b;
            dual[j] = series.offsetA() == 1 ? a * rho : a;
            return true;
        }
    }
}
