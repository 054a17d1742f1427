package org.ntk4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SIMD row of Mehler series against the scalar one (bit for bit), and both against a direct sum. */
class MehlerRowTest {

    @ParameterizedTest
    @CsvSource({"7,5,2,1,0,0.9", "12,12,1,0,0,1.0", "3,0,2,0,1,0.5"})
    void vectorRowIsTheScalarRowBitForBitAndMatchesTheDirectSum(int termsA, int termsB, int step, int offsetA,
                                                                 int offsetB, double cut) {
        MehlerRow.Series series = new MehlerRow.Series(termsA, termsB, step, offsetA, offsetB, cut);
        SplittableRandom random = new SplittableRandom(termsA * 31L + termsB);
        int n = 203;
        double[] colA = new double[termsA * n];
        double[] colB = new double[termsB * n];
        double[] rowA = new double[termsA];
        double[] rowB = new double[termsB];
        double[] inv = new double[n];
        double[] c = new double[n];
        for (int t = 0; t < termsA; t++) {
            rowA[t] = random.nextDouble() - 0.5;
        }
        for (int t = 0; t < termsB; t++) {
            rowB[t] = random.nextDouble() - 0.5;
        }
        for (int i = 0; i < colA.length; i++) {
            colA[i] = random.nextDouble() - 0.5;
        }
        for (int i = 0; i < colB.length; i++) {
            colB[i] = random.nextDouble() - 0.5;
        }
        double si = 0.8;
        for (int j = 0; j < n; j++) {
            double q = 0.5 + random.nextDouble();
            inv[j] = 1 / Math.sqrt(q);
            // Mostly inside the cut, some beyond it (left to another route).
            c[j] = (2.2 * random.nextDouble() - 1.1) * Math.sqrt(q) / si;
        }
        double[][] out = new double[2][];
        int[][] rest = new int[2][n];
        int[] counts = new int[2];
        double[][] derivative = new double[2][];
        MehlerRow[] rows = {new MehlerRow.Scalar(), MehlerRow.INSTANCE};
        for (int v = 0; v < 2; v++) {
            out[v] = new double[n];
            derivative[v] = new double[n];
            java.util.Arrays.fill(out[v], -7.0);
            counts[v] = rows[v].row(series, si, rowA, rowB, inv, colA, colB, n, c, out[v], derivative[v], 1, n,
                    rest[v]);
        }
        assertThat(counts[1]).isEqualTo(counts[0]).isPositive();
        assertThat(java.util.Arrays.copyOf(rest[1], counts[1])).containsExactly(java.util.Arrays.copyOf(rest[0], counts[0]));
        assertThat(out[1]).containsExactly(out[0]);
        assertThat(derivative[1]).containsExactly(derivative[0]);
        int left = 0;
        for (int j = 1; j < n; j++) {
            double rho = c[j] * si * inv[j];
            if (Math.abs(rho) > cut) {
                assertThat(rest[0][left++]).isEqualTo(j);
                assertThat(out[0][j]).isEqualTo(-7.0);
                continue;
            }
            double a = 0;
            for (int t = 0; t < termsA; t++) {
                a += rowA[t] * colA[t * n + j] * Math.pow(rho, offsetA + step * t);
            }
            double b = 0;
            for (int t = 0; t < termsB; t++) {
                b += rowB[t] * colB[t * n + j] * Math.pow(rho, offsetB + step * t);
            }
            assertThat(out[0][j]).isCloseTo(a, org.assertj.core.api.Assertions.within(1e-14));
            assertThat(derivative[0][j]).isCloseTo(b, org.assertj.core.api.Assertions.within(1e-14));
        }
        assertThat(out[0][0]).isEqualTo(-7.0);
    }
}
