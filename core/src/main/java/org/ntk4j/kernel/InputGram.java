package org.ntk4j.kernel;

import org.ntk4j.activation.VectorApi;

/**
 * The input statistics ⟨x_i, z_j⟩/d of a block of rows: out[i][j] for i ∈ [rowFrom, rowTo), j ∈ [colFrom, colTo),
 * each summed as s ← fma(x_i[k], z_j[k], s) for k = 0, 1, …, d − 1 from s = 0 and then divided by d, exactly as
 * {@link InfiniteWidthKernel#dotOverD} — so a duplicate input reproduces the diagonal bit for bit, whichever
 * implementation runs. {@link Scalar} is plain Java; {@code VectorInputGram} (used when the JVM has
 * {@code --add-modules jdk.incubator.vector}, unless {@code -Dntk4j.vector=false}) keeps a 4 × 2-vector tile of
 * accumulators in registers, which makes the n²d/2 multiply-adds of the input Gram matrix negligible next to
 * the layers.
 */
interface InputGram {

    InputGram INSTANCE = choose();

    /**
     * @param x  the row inputs (x[i] has length d)
     * @param zT the column inputs transposed, zT[k][j] = z_j[k]
     */
    void dots(double[][] x, int rowFrom, int rowTo, double[][] zT, double[][] out, int colFrom, int colTo, int d);

    private static InputGram choose() {
        return VectorApi.choose(InputGram.class, "org.ntk4j.kernel.VectorInputGram", Scalar::new);
    }

    /** One entry at a time. */
    final class Scalar implements InputGram {
        @Override
        public void dots(double[][] x, int rowFrom, int rowTo, double[][] zT, double[][] out, int colFrom, int colTo,
                         int d) {
            for (int i = rowFrom; i < rowTo; i++) {
                double[] xi = x[i];
                double[] oi = out[i];
                for (int j = colFrom; j < colTo; j++) {
                    oi[j] = entry(xi, zT, j, d);
                }
            }
        }

        static double entry(double[] xi, double[][] zT, int j, int d) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                s = Math.fma(xi[k], zT[k][j], s);
            }
            return s / d;
        }
    }
}
