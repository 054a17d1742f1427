package org.ntk4j.empirical;

import java.util.stream.IntStream;

/**
 * The matrix products of finite networks on row-major {@code double[][]} matrices, cache-blocked and parallel.
 *
 * <p>The inner loop is the fused update c[j] = fma(a, b[j], c[j]) over four rows of C at once, which the JIT
 * vectorises (same index on every array, so no aliasing question). The output is cut into tiles that run in
 * parallel; within a tile the sum over k runs in ascending order, so every entry is the same sequence of
 * floating-point operations whatever the tiling and the number of threads: results are bit-identical on 1 or 64
 * cores.
 */
final class DenseProducts {

    private static final int TILE_ROWS = 32;
    private static final int TILE_COLUMNS = 512;
    /** Narrower column tiles for Gram matrices, so that more tiles lie wholly below the diagonal and are skipped. */
    private static final int GRAM_TILE_COLUMNS = 64;
    private static final int BLOCK_K = 128;

    private DenseProducts() {
    }

    /** C = A·B for A of n × k and B of k × m. */
    static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int k = b.length;
        int m = k == 0 ? 0 : b[0].length;
        double[][] c = new double[n][m];
        if (n == 0 || m == 0 || k == 0) {
            return c;
        }
        multiply(a, b, c, TILE_COLUMNS, false);
        return c;
    }

    /** The Gram matrix A·Aᵀ of the rows of A (n × n, exactly symmetric). */
    static double[][] gram(double[][] a) {
        int n = a.length;
        double[][] c = new double[n][n];
        if (n == 0 || a[0].length == 0) {
            return c;
        }
        multiply(a, transpose(a), c, GRAM_TILE_COLUMNS, true);
        // Tiles wholly below the diagonal were skipped; entries there mirror the upper triangle (the products
        // a_ik·a_jk commute exactly and are summed in the same order, so the mirror is what would be computed).
        IntStream.range(1, n).parallel().forEach(i -> {
            double[] ci = c[i];
            for (int j = 0; j < i; j++) {
                ci[j] = c[j][i];
            }
        });
        return c;
    }

    /** A·Bᵀ for A of n × k and B of m × k: the matrix of inner products of their rows. */
    static double[][] multiplyTransposed(double[][] a, double[][] b) {
        if (b.length == 0) {
            return new double[a.length][0];
        }
        return multiply(a, transpose(b));
    }

    static double[][] transpose(double[][] a) {
        int n = a.length;
        int m = n == 0 ? 0 : a[0].length;
        double[][] t = new double[m][n];
        final int block = 64;
        int blocks = (m + block - 1) / block;
        IntStream.range(0, blocks).parallel().forEach(bj -> {
            int j0 = bj * block;
            int j1 = Math.min(m, j0 + block);
            for (int i0 = 0; i0 < n; i0 += block) {
                int i1 = Math.min(n, i0 + block);
                for (int j = j0; j < j1; j++) {
                    double[] tj = t[j];
                    for (int i = i0; i < i1; i++) {
                        tj[i] = a[i][j];
                    }
                }
            }
        });
        return t;
    }

    private static void multiply(double[][] a, double[][] b, double[][] c, int columnsPerTile, boolean upperOnly) {
        int n = a.length;
        int k = b.length;
        int m = b[0].length;
        int tileRows = (n + TILE_ROWS - 1) / TILE_ROWS;
        int tileColumns = (m + columnsPerTile - 1) / columnsPerTile;
        IntStream.range(0, tileRows * tileColumns).parallel().forEach(t -> {
            int i0 = (t / tileColumns) * TILE_ROWS;
            int i1 = Math.min(n, i0 + TILE_ROWS);
            int j0 = (t % tileColumns) * columnsPerTile;
            int j1 = Math.min(m, j0 + columnsPerTile);
            if (upperOnly && j1 <= i0) {
                return;
            }
            for (int k0 = 0; k0 < k; k0 += BLOCK_K) {
                tile(a, b, c, i0, i1, j0, j1, k0, Math.min(k, k0 + BLOCK_K));
            }
        });
    }

    /**
     * C[i0..i1) × [j0..j1) += A·B over k ∈ [k0, k1). Every entry is updated by c ← fma(a_ik, b_kj, c) for
     * k ascending (two k per pass over the row to halve the loads and stores of C); Math.fma is vectorised by the
     * JIT and rounds once per product.
     */
    private static void tile(double[][] a, double[][] b, double[][] c, int i0, int i1, int j0, int j1, int k0, int k1) {
        int i = i0;
        for (; i + 4 <= i1; i += 4) {
            double[] c0 = c[i];
            double[] c1 = c[i + 1];
            double[] c2 = c[i + 2];
            double[] c3 = c[i + 3];
            double[] a0 = a[i];
            double[] a1 = a[i + 1];
            double[] a2 = a[i + 2];
            double[] a3 = a[i + 3];
            int kk = k0;
            for (; kk + 2 <= k1; kk += 2) {
                double x0 = a0[kk];
                double x1 = a1[kk];
                double x2 = a2[kk];
                double x3 = a3[kk];
                double y0 = a0[kk + 1];
                double y1 = a1[kk + 1];
                double y2 = a2[kk + 1];
                double y3 = a3[kk + 1];
                double[] bk = b[kk];
                double[] bl = b[kk + 1];
                for (int j = j0; j < j1; j++) {
                    double u = bk[j];
                    double v = bl[j];
                    c0[j] = Math.fma(y0, v, Math.fma(x0, u, c0[j]));
                    c1[j] = Math.fma(y1, v, Math.fma(x1, u, c1[j]));
                    c2[j] = Math.fma(y2, v, Math.fma(x2, u, c2[j]));
                    c3[j] = Math.fma(y3, v, Math.fma(x3, u, c3[j]));
                }
            }
            if (kk < k1) {
                double x0 = a0[kk];
                double x1 = a1[kk];
                double x2 = a2[kk];
                double x3 = a3[kk];
                double[] bk = b[kk];
                for (int j = j0; j < j1; j++) {
                    double u = bk[j];
                    c0[j] = Math.fma(x0, u, c0[j]);
                    c1[j] = Math.fma(x1, u, c1[j]);
                    c2[j] = Math.fma(x2, u, c2[j]);
                    c3[j] = Math.fma(x3, u, c3[j]);
                }
            }
        }
        for (; i < i1; i++) {
            double[] c0 = c[i];
            double[] a0 = a[i];
            for (int kk = k0; kk < k1; kk++) {
                double x0 = a0[kk];
                double[] bk = b[kk];
                for (int j = j0; j < j1; j++) {
                    c0[j] = Math.fma(x0, bk[j], c0[j]);
                }
            }
        }
    }
}
