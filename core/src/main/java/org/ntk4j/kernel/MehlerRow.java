package org.ntk4j.kernel;

/**
 * The Mehler series of both duals along a row (see {@link MehlerDual}): for j ∈ [from, to) with
 * ρ_j = c[j]·(s_i·s_j), s = 1/√q, and |ρ_j| ≤ ρ_cut,
 * <pre>
 *   dual[j]       = ρ_j^{offsetA} Σ_t rowA[t] colA[t·stride + j] (ρ_j^step)^t,
 *   derivative[j] = ρ_j^{offsetB} Σ_t rowB[t] colB[t·stride + j] (ρ_j^step)^t,
 * </pre>
 * each by Horner's rule (s ← fma(s, r, x·y) from the highest term). Entries with |ρ_j| &gt; ρ_cut (or ρ_j NaN) are
 * left untouched and their indices written to {@code rest}; the count is returned. ρ is formed as c·(s_i·s_j) so
 * that Σ(x, z) = Σ(z, x) bit for bit. {@link Scalar} is plain Java; {@code VectorMehlerRow} (with
 * {@code --add-modules jdk.incubator.vector}, unless {@code -Dntk4j.vector=false}) does the same operations lane
 * by lane, so both give the same bits.
 */
interface MehlerRow {

    MehlerRow INSTANCE = choose();

    /** The row's series; see the interface comment. */
    record Series(int termsA, int termsB, int step, int offsetA, int offsetB, double rhoCut) {
    }

    int row(Series series, double si, double[] rowA, double[] rowB, double[] inv, double[] colA, double[] colB,
            int stride, double[] c, double[] dual, double[] derivative, int from, int to, int[] rest);

    private static MehlerRow choose() {
        if ("false".equalsIgnoreCase(System.getProperty("ntk4j.vector"))
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return new Scalar();
        }
        try {
            return (MehlerRow) Class.forName("org.ntk4j.kernel.VectorMehlerRow").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return new Scalar();
        }
    }

    /** One entry at a time. */
    final class Scalar implements MehlerRow {
        @Override
        public int row(Series series, double si, double[] rowA, double[] rowB, double[] inv, double[] colA,
                       double[] colB, int stride, double[] c, double[] dual, double[] derivative, int from, int to,
                       int[] rest) {
            int count = 0;
            for (int j = from; j < to; j++) {
                if (!entry(series, si, rowA, rowB, inv, colA, colB, stride, c, dual, derivative, j)) {
                    rest[count++] = j;
                }
            }
            return count;
        }

        /** Entry j; false (and nothing written) when |ρ| &gt; ρ_cut. */
        static boolean entry(Series series, double si, double[] rowA, double[] rowB, double[] inv, double[] colA,
                             double[] colB, int stride, double[] c, double[] dual, double[] derivative, int j) {
            double rho = c[j] * (si * inv[j]);
            if (!(Math.abs(rho) <= series.rhoCut())) {
                return false;
            }
            double r = series.step() == 2 ? rho * rho : rho;
            double a = 0;
            for (int t = series.termsA() - 1; t >= 0; t--) {
                a = Math.fma(a, r, rowA[t] * colA[t * stride + j]);
            }
            double b = 0;
            for (int t = series.termsB() - 1; t >= 0; t--) {
                b = Math.fma(b, r, rowB[t] * colB[t * stride + j]);
            }
            derivative[j] = series.offsetB() == 1 ? b * rho : b;
            dual[j] = series.offsetA() == 1 ? a * rho : a;
            return true;
        }
    }
}
