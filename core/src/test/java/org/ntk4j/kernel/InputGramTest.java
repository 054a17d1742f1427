package org.ntk4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InputGramTest {

    /**
     * The SIMD tiles (four rows × one panel of two vectors of columns, one row × one panel, scalar edges) give
     * ⟨x_i, z_j⟩/d bit for bit as {@link InfiniteWidthKernel#dotOverD}, for blocks of every shape modulo the tiles.
     */
    @Test
    void vectorTilesAreBitIdenticalToTheScalarDots() {
        assumeTrue(InputGram.INSTANCE.getClass().getSimpleName().equals("VectorInputGram"),
                "run with --add-modules jdk.incubator.vector");
        SplittableRandom r = new SplittableRandom(4);
        for (int d : new int[] {1, 7, 100}) {
            int n = 37;
            int m = 203;
            double[][] x = new double[n][d];
            double[][] z = new double[m][d];
            for (double[] row : x) {
                for (int k = 0; k < d; k++) {
                    row[k] = r.nextGaussian() * Math.pow(10, r.nextInt(-3, 4));
                }
            }
            for (double[] row : z) {
                for (int k = 0; k < d; k++) {
                    row[k] = r.nextGaussian();
                }
            }
            InputGram.Panels panels = InputGram.INSTANCE.panels(z, d);
            for (int[] block : new int[][] {{0, 37, 0, 203}, {3, 10, 5, 200}, {0, 4, 0, 32}, {1, 2, 7, 8},
                {8, 37, 13, 203}, {5, 6, 16, 48}, {0, 37, 17, 31}}) {
                double[][] out = new double[n][m];
                InputGram.INSTANCE.dots(x, block[0], block[1], panels, out, block[2], block[3], d);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < m; j++) {
                        boolean inside = i >= block[0] && i < block[1] && j >= block[2] && j < block[3];
                        double expected = inside ? InfiniteWidthKernel.dotOverD(x[i], z[j], d) : 0.0;
                        assertThat(out[i][j]).as("d = %d, entry (%d, %d)", d, i, j).isEqualTo(expected);
                    }
                }
            }
        }
    }
    /** The scalar dots read the panels (of any width) as the inputs they pack, bit for bit as dotOverD. */
    @Test
    void scalarDotsReadThePanelsAsTheInputs() {
        SplittableRandom r = new SplittableRandom(5);
        int d = 5;
        double[][] x = new double[3][d];
        double[][] z = new double[21][d];
        for (double[][] a : new double[][][] {x, z}) {
            for (double[] row : a) {
                for (int k = 0; k < d; k++) {
                    row[k] = r.nextGaussian();
                }
            }
        }
        for (int width : new int[] {1, 4, 8, 16, 32}) {
            InputGram.Panels panels = InputGram.Panels.of(z, d, width);
            assertThat(panels.data()).hasSize((z.length + width - 1) / width * width * d);
            double[][] out = new double[x.length][z.length];
            new InputGram.Scalar().dots(x, 0, x.length, panels, out, 0, z.length, d);
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < z.length; j++) {
                    assertThat(panels.data()[panels.index(j, d - 1)]).isEqualTo(z[j][d - 1]);
                    assertThat(out[i][j]).as("width %d, entry (%d, %d)", width, i, j)
                            .isEqualTo(InfiniteWidthKernel.dotOverD(x[i], z[j], d));
                }
            }
        }
    }
}
