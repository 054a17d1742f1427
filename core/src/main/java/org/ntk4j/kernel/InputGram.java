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
     * @param x the row inputs (x[i] has length d)
     * @param z the column inputs, packed by {@link #panels}
     */
    void dots(double[][] x, int rowFrom, int rowTo, Panels z, double[][] out, int colFrom, int colTo, int d);

    /** The column width of the panels this implementation reads a column chunk from at a time. */
    int panelWidth();

    /** The inputs z (one per row, length d) as {@link Panels} of {@link #panelWidth} columns. */
    default Panels panels(double[][] z, int d) {
        return Panels.of(z, d, panelWidth());
    }

    /**
     * Column inputs in panels of {@code width} columns: the d × width block of inputs j ∈ [p·width, (p+1)·width)
     * is contiguous, row k (the k-th coordinates) after row k − 1, so a kernel streams one chunk of columns from
     * one run of memory instead of d separate arrays. The last panel is padded with zeros.
     */
    record Panels(double[] data, int width, int columns, int d) {

        static Panels of(double[][] z, int d, int width) {
            int m = z.length;
            int panels = (m + width - 1) / width;
            double[] data = new double[panels * d * width];
            for (int j = 0; j < m; j++) {
                double[] zj = z[j];
                int base = (j / width) * d * width + j % width;
                for (int k = 0; k < d; k++) {
                    data[base + k * width] = zj[k];
                }
            }
            return new Panels(data, width, m, d);
        }

        /** Where coordinate k of input j is. */
        int index(int j, int k) {
            return (j / width) * d * width + k * width + j % width;
        }
    }

    private static InputGram choose() {
        return VectorApi.choose(InputGram.class, "org.ntk4j.kernel.VectorInputGram", Scalar::new);
    }

    /** One entry at a time. */
    final class Scalar implements InputGram {
        @Override
        public void dots(double[][] x, int rowFrom, int rowTo, Panels z, double[][] out, int colFrom, int colTo,
                         int d) {
            for (int i = rowFrom; i < rowTo; i++) {
                double[] xi = x[i];
                double[] oi = out[i];
                for (int j = colFrom; j < colTo; j++) {
                    oi[j] = entry(xi, z, j, d);
                }
            }
        }

        @Override
        public int panelWidth() {
            return 8;
        }

        static double entry(double[] xi, Panels z, int j, int d) {
            double[] data = z.data();
            int at = z.index(j, 0);
            int width = z.width();
            double s = 0;
            for (int k = 0; k < d; k++, at += width) {
                s = Math.fma(xi[k], data[at], s);
            }
            return s / d;
        }
    }
}
