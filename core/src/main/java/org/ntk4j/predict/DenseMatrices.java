package org.ntk4j.predict;

import java.util.stream.IntStream;

/**
 * The dense products and triangular solves of the predictions, on row-major {@code double[][]}. Inner loops are
 * row updates c ← c + a·b (which the JIT vectorises) instead of dot products (bound by the latency of one running
 * sum); work is split over rows or column blocks so that every output entry is computed by one thread in a fixed
 * order, and the results do not depend on the number of threads.
 */
final class DenseMatrices {

    /** Rows of A handled together, so that each row of B is loaded once per block. */
    private static final int ROW_BLOCK = 4;
    /** Right-hand-side columns per task in the triangular solves. */
    private static final int COLUMN_BLOCK = 256;

    private DenseMatrices() {
    }

    /** A·B for A (m × k) and B (k × p). */
    static double[][] multiply(double[][] a, double[][] b) {
        int m = a.length;
        int k = b.length;
        int p = k == 0 ? 0 : b[0].length;
        double[][] c = new double[m][p];
        int blocks = (m + ROW_BLOCK - 1) / ROW_BLOCK;
        IntStream.range(0, blocks).parallel().forEach(blk -> {
            int from = blk * ROW_BLOCK;
            int to = Math.min(m, from + ROW_BLOCK);
            for (int l = 0; l < k; l++) {
                double[] bl = b[l];
                for (int i = from; i < to; i++) {
                    double ail = a[i][l];
                    if (ail != 0) {
                        double[] ci = c[i];
                        for (int j = 0; j < p; j++) {
                            ci[j] += ail * bl[j];
                        }
                    }
                }
            }
        });
        return c;
    }

    /** Aᵀ. */
    static double[][] transpose(double[][] a) {
        int m = a.length;
        int n = m == 0 ? 0 : a[0].length;
        double[][] t = new double[n][m];
        IntStream.range(0, n).parallel().forEach(j -> {
            double[] tj = t[j];
            for (int i = 0; i < m; i++) {
                tj[i] = a[i][j];
            }
        });
        return t;
    }

    /** L⁻¹ R for lower-triangular L (n × n) and R (n × m), by forward substitution on whole rows. */
    static double[][] solveLower(double[][] l, double[][] r) {
        int n = l.length;
        int m = r[0].length;
        double[][] w = new double[n][m];
        forColumnBlocks(m, (from, to) -> {
            for (int i = 0; i < n; i++) {
                double[] wi = w[i];
                System.arraycopy(r[i], from, wi, from, to - from);
                double[] li = l[i];
                for (int j = 0; j < i; j++) {
                    double lij = li[j];
                    if (lij != 0) {
                        double[] wj = w[j];
                        for (int c = from; c < to; c++) {
                            wi[c] -= lij * wj[c];
                        }
                    }
                }
                double d = li[i];
                for (int c = from; c < to; c++) {
                    wi[c] /= d;
                }
            }
        });
        return w;
    }

    /** L⁻ᵀ W for lower-triangular L (n × n) and W (n × m), by back substitution on whole rows. */
    static double[][] solveLowerTransposed(double[][] l, double[][] w) {
        int n = l.length;
        int m = w[0].length;
        double[][] x = new double[n][m];
        double[][] lt = transpose(l);
        forColumnBlocks(m, (from, to) -> {
            for (int i = n - 1; i >= 0; i--) {
                double[] xi = x[i];
                System.arraycopy(w[i], from, xi, from, to - from);
                double[] lti = lt[i];
                for (int j = i + 1; j < n; j++) {
                    double lji = lti[j];
                    if (lji != 0) {
                        double[] xj = x[j];
                        for (int c = from; c < to; c++) {
                            xi[c] -= lji * xj[c];
                        }
                    }
                }
                double d = l[i][i];
                for (int c = from; c < to; c++) {
                    xi[c] /= d;
                }
            }
        });
        return x;
    }

    private interface Range {
        void run(int from, int to);
    }

    private static void forColumnBlocks(int m, Range body) {
        int blocks = (m + COLUMN_BLOCK - 1) / COLUMN_BLOCK;
        IntStream.range(0, blocks).parallel().forEach(b -> body.run(b * COLUMN_BLOCK, Math.min(m, (b + 1) * COLUMN_BLOCK)));
    }

    /** Σ_j a_ij b_ij for each row i. */
    static double[] rowDots(double[][] a, double[][] b) {
        double[] out = new double[a.length];
        IntStream.range(0, a.length).parallel().forEach(i -> {
            double[] ai = a[i];
            double[] bi = b[i];
            double s = 0;
            for (int j = 0; j < ai.length; j++) {
                s += ai[j] * bi[j];
            }
            out[i] = s;
        });
        return out;
    }
}
