package org.ntk4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The window kernel along a row: SIMD and scalar give the same bits, every entry inside the window equals the
 * direct triple Chebyshev sum of its interpolant, and entries outside (or with a column outside the box) are left
 * untouched and listed.
 */
class WindowRowTest {

    @ParameterizedTest
    @CsvSource({"1,3,61,mixed", "3,5,64,mixed", "5,7,129,mixed", "8,11,37,mixed", "13,6,200,mixed",
            "5,7,129,inside", "16,12,203,inside", "9,10,150,one"})
    void vectorRowIsTheScalarRowBitForBitAndMatchesTheDirectSum(int m, int d, int n, String outside) {
        // mixed: entries outside the window or the box every few columns; inside: none, so that the SIMD path runs
        // whole pairs of vectors; one: a single entry outside, in the middle of a pair.
        SplittableRandom random = new SplittableRandom(31L * m + d);
        // Coefficients that fall off like a converged interpolant's, in the build's layout.
        double[] coefficients = new double[2 * m * m * d];
        for (int f = 0; f < 2; f++) {
            for (int k1 = 0; k1 < m; k1++) {
                for (int k2 = 0; k2 < m; k2++) {
                    for (int p = 0; p < d; p++) {
                        coefficients[((f * m + k1) * m + k2) * d + p] = (random.nextDouble() - 0.5)
                                * Math.pow(0.3, k1 + k2 + p);
                    }
                }
            }
        }
        WindowInterpolant f = WindowInterpolant.of(Math.log(0.5), Math.log(2.0), 0.2, 0.9, m, d, coefficients);
        double[] table = new double[f.rowTableLength()];
        double x1 = -0.3;
        f.rowTable(x1, table);
        double si = 1 / Math.sqrt(0.8);
        double[] inv = new double[n];
        double[] position = new double[n];
        double[] c = new double[n];
        for (int j = 0; j < n; j++) {
            double q = 0.5 * Math.exp(Math.log(4.0) * random.nextDouble());
            inv[j] = 1 / Math.sqrt(q);
            boolean mixed = outside.equals("mixed");
            position[j] = mixed && j % 23 == 5 ? Double.NaN : f.position(q);
            // Mostly inside the window, some outside on either side, one NaN.
            double rho = mixed && j % 11 == 3 ? 0.95 : mixed && j % 13 == 4 ? 0.1 : 0.2 + 0.7 * random.nextDouble();
            if (outside.equals("one") && j == 43) {
                rho = 0.1;
            }
            c[j] = mixed && j == n / 2 ? Double.NaN : rho / (si * inv[j]);
        }
        double[] scalarDual = c.clone();
        double[] scalarDerivative = new double[n];
        int[] scalarRest = new int[n];
        int scalarCount = new WindowRow.Scalar().row(f, table, si, inv, position, c, scalarDual, scalarDerivative,
                0, n, scalarRest);
        double[] vectorDual = c.clone();
        double[] vectorDerivative = new double[n];
        int[] vectorRest = new int[n];
        // In place (dual = c), from an offset, as the Gram path calls it.
        int from = 1;
        int vectorCount = WindowRow.INSTANCE.row(f, table, si, inv, position, vectorDual, vectorDual,
                vectorDerivative, from, n, vectorRest);
        int offset = scalarCount > 0 && scalarRest[0] == 0 ? 1 : 0;
        assertThat(vectorCount).isEqualTo(scalarCount - offset);
        for (int r = 0; r < vectorCount; r++) {
            assertThat(vectorRest[r]).isEqualTo(scalarRest[r + offset]);
        }
        for (int j = from; j < n; j++) {
            assertThat(Double.doubleToRawLongBits(vectorDual[j])).as("dual %d", j)
                    .isEqualTo(Double.doubleToRawLongBits(scalarDual[j]));
            assertThat(Double.doubleToRawLongBits(vectorDerivative[j])).as("derivative %d", j)
                    .isEqualTo(Double.doubleToRawLongBits(scalarDerivative[j]));
            double rho = c[j] * (si * inv[j]);
            boolean inside = rho >= 0.2 && rho <= 0.9 && !Double.isNaN(position[j]);
            if (!inside) {
                int entry = j;
                assertThat(java.util.Arrays.stream(vectorRest, 0, vectorCount).anyMatch(r -> r == entry)).isTrue();
                assertThat(Double.doubleToRawLongBits(vectorDual[j])).isEqualTo(Double.doubleToRawLongBits(c[j]));
                continue;
            }
            // The direct sum Σ c(f, k1, k2, p) T_k1(x1) T_k2(x2) t^p, with T_k = cos(k arccos x).
            double t = Math.fma(rho, f.alpha(), f.beta());
            for (int which = 0; which < 2; which++) {
                double sum = 0;
                double scale = 0;
                for (int k1 = 0; k1 < m; k1++) {
                    for (int k2 = 0; k2 < m; k2++) {
                        for (int p = 0; p < d; p++) {
                            double term = coefficients[((which * m + k1) * m + k2) * d + p]
                                    * chebyshev(k1, x1) * chebyshev(k2, position[j]) * Math.pow(t, p);
                            sum += term;
                            scale += Math.abs(term);
                        }
                    }
                }
                double got = which == 0 ? vectorDual[j] : vectorDerivative[j];
                assertThat(Math.abs(got - sum)).as("direct sum %d of entry %d", which, j)
                        .isLessThanOrEqualTo(1e-14 * scale);
            }
        }
    }

    private static double chebyshev(int k, double x) {
        return Math.cos(k * Math.acos(x));
    }
}
