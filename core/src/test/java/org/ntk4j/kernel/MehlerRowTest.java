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
        MehlerRow.Series series = halfShortSeries(termsA, termsB, step, offsetA, offsetB, cut);
        int shortA = series.shortA();
        int shortB = series.shortB();
        double shortCut = series.shortCut();
        SplittableRandom random = new SplittableRandom(termsA * 31L + termsB);
        int n = 203;
        int padded = (n + MehlerRow.BLOCK - 1) / MehlerRow.BLOCK * MehlerRow.BLOCK;
        double[] rowA = centred(random, termsA);
        double[] rowB = centred(random, termsB);
        double[] colA = centred(random, termsA * padded);
        double[] colB = centred(random, termsB * padded);
        double[] inv = new double[n];
        double[] c = new double[n];
        double si = 0.8;
        for (int j = 0; j < n; j++) {
            double q = 0.5 + random.nextDouble();
            inv[j] = 1 / Math.sqrt(q);
            // Mostly inside the short form's cut (the SIMD path), every 37th between the cuts or beyond them.
            double sign = j % 2 == 0 ? 1 : -1;
            double rho = j % 74 == 5 ? (0.61 + 0.38 * random.nextDouble()) * cut * sign
                    : j % 74 == 42 ? (1.01 + 0.2 * random.nextDouble()) * cut * sign
                    : (2 * random.nextDouble() - 1) * 0.59 * cut;
            c[j] = rho * Math.sqrt(q) / si;
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
            counts[v] = rows[v].row(series, si, rowA, rowB, inv, colA, colB, c, out[v], derivative[v], 1, n, rest[v]);
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
            boolean shortForm = Math.abs(rho) <= shortCut;
            double a = 0;
            for (int t = 0; t < (shortForm ? shortA : termsA); t++) {
                a += rowA[t] * colA[MehlerRow.index(j, t, termsA)] * Math.pow(rho, offsetA + step * t);
            }
            double b = 0;
            for (int t = 0; t < (shortForm ? shortB : termsB); t++) {
                b += rowB[t] * colB[MehlerRow.index(j, t, termsB)] * Math.pow(rho, offsetB + step * t);
            }
            assertThat(out[0][j]).isCloseTo(a, org.assertj.core.api.Assertions.within(1e-14));
            assertThat(derivative[0][j]).isCloseTo(b, org.assertj.core.api.Assertions.within(1e-14));
        }
        assertThat(out[0][0]).isEqualTo(-7.0);
    }

    /**
     * Four rows at once ({@link MehlerRow#rows}, scalar and SIMD) give the bits and leftover lists of four separate
     * scalar rows, also when a vector mixes lanes of the short form, the long form and beyond ρ_cut (or NaN), and
     * when every entry of a block is beyond it.
     */
    @ParameterizedTest
    @CsvSource({"9,6,1,0,0,0.95", "12,12,2,1,0,1.0", "5,0,2,0,1,0.7"})
    void fourRowsAtOnceAreFourRowsBitForBit(int termsA, int termsB, int step, int offsetA, int offsetB, double cut) {
        MehlerRow.Series series = halfShortSeries(termsA, termsB, step, offsetA, offsetB, cut);
        SplittableRandom random = new SplittableRandom(termsA * 17L + termsB);
        int n = 181;
        int padded = (n + MehlerRow.BLOCK - 1) / MehlerRow.BLOCK * MehlerRow.BLOCK;
        double[] colA = centred(random, termsA * padded);
        double[] colB = centred(random, termsB * padded);
        double[] inv = new double[n];
        for (int j = 0; j < n; j++) {
            inv[j] = 1 / Math.sqrt(0.5 + random.nextDouble());
        }
        int rows = MehlerRow.ROWS + 1;   // the kernels take rows 1..ROWS: an offset r0 = 1
        double[] si = new double[rows];
        double[][] rowA = new double[rows][];
        double[][] rowB = new double[rows][];
        double[][] c = new double[rows][n];
        for (int r = 0; r < rows; r++) {
            si[r] = 0.6 + 0.5 * random.nextDouble();
            rowA[r] = centred(random, termsA);
            rowB[r] = centred(random, termsB);
            for (int j = 0; j < n; j++) {
                // Mostly short-form lanes (whole vectors on the fast path); some vectors with one lane between
                // the cuts (the masked long form) or beyond ρ_cut (the scalar route).
                double u = random.nextDouble();
                double rho = (u < 0.03 ? 1.0 + 0.2 * random.nextDouble() : u < 0.06
                        ? 0.61 + 0.38 * random.nextDouble() : 0.59 * random.nextDouble()) * cut;
                if (j >= 96 && j < 112) {
                    rho = (1.0 + 0.2 * random.nextDouble()) * cut;   // whole blocks beyond ρ_cut in every row
                }
                c[r][j] = (random.nextBoolean() ? rho : -rho) / (si[r] * inv[j]);
            }
        }
        c[2][41] = Double.NaN;   // beyond ρ_cut as well, for both routes
        int from = 3;
        int to = n - 2;
        double[][] expectedDual = new double[rows][n];
        double[][] expectedDerivative = new double[rows][n];
        int[][] expectedRest = new int[rows][n];
        int[] expectedCount = new int[rows];
        for (int r = 1; r < rows; r++) {
            java.util.Arrays.fill(expectedDual[r], -7.0);
            expectedCount[r] = new MehlerRow.Scalar().row(series, si[r], rowA[r], rowB[r], inv, colA, colB, c[r],
                    expectedDual[r], expectedDerivative[r], from, to, expectedRest[r]);
        }
        for (MehlerRow kernel : new MehlerRow[] {new MehlerRow.Scalar(), MehlerRow.INSTANCE}) {
            double[][] dual = new double[rows][n];
            double[][] derivative = new double[rows][n];
            int[][] rest = new int[rows][n];
            int[] counts = new int[rows];
            for (double[] d : dual) {
                java.util.Arrays.fill(d, -7.0);
            }
            // In two calls, as the Gram path does with its column chunks.
            kernel.rows(series, si, rowA, rowB, inv, colA, colB, c, dual, derivative, 1, from, 64, rest, counts);
            kernel.rows(series, si, rowA, rowB, inv, colA, colB, c, dual, derivative, 1, 64, to, rest, counts);
            for (int r = 1; r < rows; r++) {
                assertThat(counts[r]).as("row %d", r).isEqualTo(expectedCount[r]).isPositive();
                assertThat(java.util.Arrays.copyOf(rest[r], counts[r]))
                        .containsExactly(java.util.Arrays.copyOf(expectedRest[r], expectedCount[r]));
                assertThat(dual[r]).as("row %d", r).containsExactly(expectedDual[r]);
                assertThat(derivative[r]).as("row %d", r).containsExactly(expectedDerivative[r]);
            }
            assertThat(dual[0]).containsOnly(-7.0);
        }
    }

    /** A series with a short form of about half the terms, for |ρ| up to 0.6 of the cut. */
    private static MehlerRow.Series halfShortSeries(int termsA, int termsB, int step, int offsetA, int offsetB,
                                                    double cut) {
        return new MehlerRow.Series((termsA + 1) / 2, (termsB + 1) / 2, 0.6 * cut, termsA, termsB, cut, step, offsetA,
                offsetB);
    }

    /** Uniform values in [−0.5, 0.5). */
    private static double[] centred(SplittableRandom random, int length) {
        double[] x = new double[length];
        for (int i = 0; i < length; i++) {
            x[i] = random.nextDouble() - 0.5;
        }
        return x;
    }
}
