package org.ntk4j.empirical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DenseProductsTest {

    private static double[][] random(int n, int m, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] a = new double[n][m];
        for (double[] row : a) {
            for (int j = 0; j < m; j++) {
                row[j] = r.nextDouble(-1, 1);
            }
        }
        return a;
    }

    /** Naive triple loop with an absolute error bound Σ|a||b|·1e-15 per entry. */
    private static void assertProduct(double[][] actual, double[][] a, double[][] bt) {
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < bt.length; j++) {
                double s = 0;
                double bound = 0;
                for (int k = 0; k < a[i].length; k++) {
                    s += a[i][k] * bt[j][k];
                    bound += Math.abs(a[i][k] * bt[j][k]);
                }
                assertThat(actual[i][j]).as("(%d, %d)", i, j).isCloseTo(s, within(1e-14 * bound));
            }
        }
    }

    @Test
    void productsAcrossTileAndBlockBoundariesMatchTheNaiveLoop() {
        // Rows 70 (tiles of 32 and a remainder not divisible by 4), k = 301 (blocks of 128, odd tail),
        // columns 1100 (tiles of 512).
        double[][] a = random(70, 301, 1);
        double[][] b = random(301, 1100, 2);
        assertProduct(DenseProducts.multiply(a, b), a, DenseProducts.transpose(b));
        double[][] c = random(1100, 301, 3);
        assertProduct(DenseProducts.multiplyTransposed(a, c), a, c);
        double[][] g = DenseProducts.gram(a);
        assertProduct(g, a, a);
        for (int i = 0; i < 70; i++) {
            for (int j = 0; j < 70; j++) {
                assertThat(g[i][j]).isEqualTo(g[j][i]);
            }
        }
    }

    @Test
    void transposeAndEmptyShapes() {
        double[][] a = random(65, 130, 4);
        double[][] t = DenseProducts.transpose(a);
        assertThat(t).hasNumberOfRows(130);
        assertThat(t[129][64]).isEqualTo(a[64][129]);
        assertThat(DenseProducts.multiply(new double[3][0], new double[0][0])).hasNumberOfRows(3);
    }
}
