package org.ntk4j.activation;

/**
 * The inner sums of the two-dimensional quadrature's Gaussian-kernel rule ({@link QuadratureDual}): for one outer
 * node with conditional mean m,
 * <pre>
 *   out[0] = Σ_{j ∈ [lo, hi)} exp(−c (y_j − m)²) f_j,   out[1] = Σ_{j ∈ [lo, hi)} exp(−c (y_j − m)²) g_j,
 * </pre>
 * an exponential per pair of nodes, which makes them the cost of the exact duals. {@link Scalar} sums in the order
 * j = lo, lo + 1, …; {@code VectorGaussianSums} (with jdk.incubator.vector) sums lane by lane with the Vector
 * API's exponential (within 1 ulp of {@link Math#exp}), so the two differ by roundings only (relative 1e-15 of the
 * sums of absolute values).
 */
interface GaussianSums {

    GaussianSums INSTANCE = VectorApi.choose(GaussianSums.class, "org.ntk4j.activation.VectorGaussianSums",
            Scalar::new);

    void sums(double[] y, double[] f, double[] g, int lo, int hi, double m, double c, double[] out);

    /** One pair at a time. */
    final class Scalar implements GaussianSums {
        @Override
        public void sums(double[] y, double[] f, double[] g, int lo, int hi, double m, double c, double[] out) {
            double psi = 0;
            double psiD = 0;
            for (int j = lo; j < hi; j++) {
                double t = y[j] - m;
                double e = Math.exp(-c * t * t);
                psi += e * f[j];
                psiD += e * g[j];
            }
            out[0] = psi;
            out[1] = psiD;
        }
    }
}
