package org.ntk4j.kernel;

import org.ntk4j.activation.VectorApi;

/**
 * A {@link WindowInterpolant} along a row: for j ∈ [from, to) with ρ_j = c[j]·(s_i·s_j), s = 1/√q, inside the
 * window [ρ_lo, ρ_hi] and a column variance inside the box (position[j] a number),
 * <pre>
 *   dual[j]       = Σ_k2 T_k2(x2_j) Σ_p table[2p·R + k2] t_j^p,
 *   derivative[j] = Σ_k2 T_k2(x2_j) Σ_p table[(2p + 1)·R + k2] t_j^p,      t_j = α ρ_j + β,
 * </pre>
 * with {@code table} the row's {@link WindowInterpolant#rowTable} (R = {@link WindowInterpolant#rows} ≥ M rows, zeros
 * past M), k2 &lt; R, x2_j = position[j], T_k2 by its three-term
 * recurrence and each inner sum by Horner's rule (fused multiply-adds, from the highest power). Other entries
 * are left untouched and their indices written to {@code rest}; the count is returned. {@link Scalar} is plain
 * Java; {@code VectorWindowRow} (with {@code --add-modules jdk.incubator.vector}, unless
 * {@code -Dntk4j.vector=false}) does the same operations lane by lane, so both give the same bits.
 */
interface WindowRow {

    WindowRow INSTANCE = VectorApi.choose(WindowRow.class, "org.ntk4j.kernel.VectorWindowRow", Scalar::new);

    int row(WindowInterpolant f, double[] table, double si, double[] inv, double[] position, double[] c,
            double[] dual, double[] derivative, int from, int to, int[] rest);

    /** The entries computed at once (the SIMD width; 1 for the scalar kernel). */
    int lanes();

    /** One entry at a time. */
    final class Scalar implements WindowRow {
        @Override
        public int lanes() {
            return 1;
        }

        @Override
        public int row(WindowInterpolant f, double[] table, double si, double[] inv, double[] position, double[] c,
                       double[] dual, double[] derivative, int from, int to, int[] rest) {
            double[] out = new double[2];
            int count = 0;
            for (int j = from; j < to; j++) {
                if (!entry(f, table, si, inv, position, c, dual, derivative, j, out)) {
                    rest[count++] = j;
                }
            }
            return count;
        }

        /** Entry j; false (and nothing written) outside the window or the box. */
        static boolean entry(WindowInterpolant f, double[] table, double si, double[] inv, double[] position,
                             double[] c, double[] dual, double[] derivative, int j, double[] out) {
            double rho = c[j] * (si * inv[j]);
            double x2 = position[j];
            if (!(rho >= f.rhoLo && rho <= f.rhoHi && x2 == x2)) {
                return false;
            }
            point(f, table, x2, Math.fma(rho, f.alpha(), f.beta()), out);
            derivative[j] = out[1];
            dual[j] = out[0];
            return true;
        }

        /** out = {F, G} at column position x2 and window coordinate t, from the row's table. */
        static void point(WindowInterpolant f, double[] table, double x2, double t, double[] out) {
            int rows = f.rows;
            int d = f.d;
            double twoX = 2 * x2;
            // T_{−1} = x2 and T_0 = 1, so that T_{k+1} = 2x2·T_k − T_{k−1} gives every degree, T_1 = x2 exactly;
            // the rows past M hold zeros and add nothing (the SIMD kernel runs through them too).
            double previous = x2;
            double current = 1;
            double dual = 0;
            double derivative = 0;
            int stride = 2 * rows;
            for (int k2 = 0; k2 < rows; k2++) {
                int bf = (d - 1) * stride + k2;
                double hf = table[bf];
                double hg = table[bf + rows];
                for (int p = 1; p < d; p++) {
                    hf = Math.fma(hf, t, table[bf - p * stride]);
                    hg = Math.fma(hg, t, table[bf - p * stride + rows]);
                }
                dual = Math.fma(current, hf, dual);
                derivative = Math.fma(current, hg, derivative);
                double next = Math.fma(twoX, current, -previous);
                previous = current;
                current = next;
            }
            out[0] = dual;
            out[1] = derivative;
        }
    }
}
