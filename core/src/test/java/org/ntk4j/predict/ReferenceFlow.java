package org.ntk4j.predict;

/**
 * Test reference: the function-space gradient flow df/dτ = −K (f(X) − y)/n, d(f*)/dτ = −K* (f(X) − y)/n integrated
 * by the classical fourth-order Runge–Kutta method with many small steps; no eigendecomposition, no matrix
 * function. Also propagates the sensitivity F = ∂f_τ(X)/∂f₀(X) and G = ∂f_τ(x*)/∂f₀(X) (dF/dτ = −K F/n,
 * dG/dτ = −K* F/n, F(0) = I, G(0) = 0), which give the ensemble variance Σ** + G Σ Gᵀ + 2 G Σ*ᵀ.
 */
final class ReferenceFlow {

    final double[] train;
    final double[] test;
    final double[][] sensitivityTest;

    /**
     * @param k     n × n training kernel (ridge already added)
     * @param cross m × n test-train kernel
     */
    ReferenceFlow(double[][] k, double[][] cross, double[] y, double[] f0, double[] f0Test, double time, int steps) {
        int n = y.length;
        int m = cross.length;
        // State: f (n), f* (m), F (n × n), G (m × n), flattened.
        int size = n + m + n * n + m * n;
        double[] s = new double[size];
        System.arraycopy(f0, 0, s, 0, n);
        System.arraycopy(f0Test, 0, s, n, m);
        for (int i = 0; i < n; i++) {
            s[n + m + i * n + i] = 1;
        }
        double h = time / steps;
        double[] k1 = new double[size];
        double[] k2 = new double[size];
        double[] k3 = new double[size];
        double[] k4 = new double[size];
        double[] tmp = new double[size];
        for (int step = 0; step < steps; step++) {
            derivative(k, cross, y, s, k1, n, m);
            axpy(s, h / 2, k1, tmp);
            derivative(k, cross, y, tmp, k2, n, m);
            axpy(s, h / 2, k2, tmp);
            derivative(k, cross, y, tmp, k3, n, m);
            axpy(s, h, k3, tmp);
            derivative(k, cross, y, tmp, k4, n, m);
            for (int i = 0; i < size; i++) {
                s[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            }
        }
        train = java.util.Arrays.copyOfRange(s, 0, n);
        test = java.util.Arrays.copyOfRange(s, n, n + m);
        sensitivityTest = new double[m][n];
        for (int i = 0; i < m; i++) {
            System.arraycopy(s, n + m + n * n + i * n, sensitivityTest[i], 0, n);
        }
    }

    private static void axpy(double[] x, double a, double[] d, double[] out) {
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] + a * d[i];
        }
    }

    private static void derivative(double[][] k, double[][] cross, double[] y, double[] s, double[] ds, int n, int m) {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = s[i] - y[i];
        }
        for (int i = 0; i < n; i++) {
            double a = 0;
            for (int j = 0; j < n; j++) {
                a += k[i][j] * r[j];
            }
            ds[i] = -a / n;
        }
        for (int i = 0; i < m; i++) {
            double a = 0;
            for (int j = 0; j < n; j++) {
                a += cross[i][j] * r[j];
            }
            ds[n + i] = -a / n;
        }
        int fOff = n + m;
        int gOff = n + m + n * n;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < n; c++) {
                double a = 0;
                for (int j = 0; j < n; j++) {
                    a += k[i][j] * s[fOff + j * n + c];
                }
                ds[fOff + i * n + c] = -a / n;
            }
        }
        for (int i = 0; i < m; i++) {
            for (int c = 0; c < n; c++) {
                double a = 0;
                for (int j = 0; j < n; j++) {
                    a += cross[i][j] * s[fOff + j * n + c];
                }
                ds[gOff + i * n + c] = -a / n;
            }
        }
    }
}
