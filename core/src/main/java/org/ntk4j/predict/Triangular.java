package org.ntk4j.predict;

/** Forward and backward substitution with a lower-triangular Cholesky factor L (by rows). */
final class Triangular {

    private Triangular() {
    }

    /** Solves L w = b. */
    static double[] forward(double[][] l, double[] b) {
        int n = b.length;
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double[] li = l[i];
            double s = b[i];
            for (int j = 0; j < i; j++) {
                s -= li[j] * w[j];
            }
            w[i] = s / li[i];
        }
        return w;
    }

    /** Solves Lᵀ x = w. */
    static double[] backward(double[][] l, double[] w) {
        int n = w.length;
        double[] x = w.clone();
        for (int i = n - 1; i >= 0; i--) {
            double xi = x[i] / l[i][i];
            x[i] = xi;
            // column i of L below the diagonal is row i of Lᵀ
            for (int j = 0; j < i; j++) {
                x[j] -= l[i][j] * xi;
            }
        }
        return x;
    }
}
