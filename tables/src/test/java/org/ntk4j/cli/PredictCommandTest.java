package org.ntk4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictCommandTest {

    @TempDir
    Path dir;

    Path x;
    Path y;
    Path xt;

    /** An affine target on d + 1 = 4 points in general position, for a network whose kernels are affine. */
    private static double affine(double[] v) {
        return 1 + 2 * v[0] - v[1] + 0.5 * v[2];
    }

    private static final double[][] TRAIN = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {-1, -1, 0.5}};
    private static final double[][] TEST = {{0.3, -0.2, 2}, {2, 2, 2}, {-1, 0.5, 0}};

    @BeforeEach
    void files() throws IOException {
        x = PredictCliRun.csv(dir, "x.csv", TRAIN);
        double[] targets = new double[4];
        for (int i = 0; i < 4; i++) {
            targets[i] = affine(TRAIN[i]);
        }
        y = PredictCliRun.column(dir, "y.csv", targets);
        xt = PredictCliRun.csv(dir, "xt.csv", TEST);
    }

    /** Runs predict on the affine problem; {@code extra} options replace the defaults of the same name. */
    private PredictCliRun predict(String... extra) {
        java.util.LinkedHashMap<String, String> options = new java.util.LinkedHashMap<>();
        options.put("--activation", "identity");
        options.put("--depth", "0");
        options.put("--weight-var", "1.5");
        options.put("--bias-var", "0.7");
        options.put("--x-train", x.toString());
        options.put("--y-train", y.toString());
        options.put("--x-test", xt.toString());
        for (int i = 0; i < extra.length; i += 2) {
            options.put(extra[i], extra[i + 1]);
        }
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("predict"));
        options.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        return PredictCliRun.of(args.toArray(new String[0]));
    }

    @Test
    void affineKernelsRecoverAnAffineTargetWithZeroVariance() {
        // Depth 0: Σ = Θ = 1.5⟨x, x'⟩/3 + 0.7, a rank-4 kernel whose functions are the affine ones. Four
        // observations in general position pin the function down: every prediction is the affine target itself and
        // the posterior (and ensemble) variance is zero everywhere.
        for (String kernel : new String[] {"nngp", "ntk"}) {
            PredictCliRun r = predict("--kernel", kernel);
            assertThat(r.status()).as(r.err()).isZero();
            double[] mean = PredictCliRun.jsonArray(r.out(), "mean");
            double[] variance = PredictCliRun.jsonArray(r.out(), "variance");
            assertThat(mean).hasSize(3);
            for (int i = 0; i < 3; i++) {
                assertThat(mean[i]).isCloseTo(affine(TEST[i]), within(1e-12));
                assertThat(variance[i]).isCloseTo(0, within(1e-12));
            }
            assertThat(PredictCliRun.jsonNumber(r.out(), "lambda_max")).isPositive();
            double lmax = PredictCliRun.jsonNumber(r.out(), "lambda_max");
            assertThat(PredictCliRun.jsonNumber(r.out(), "max_learning_rate")).isCloseTo(2 * 4 / lmax, within(1e-12));
            assertThat(PredictCliRun.jsonNumber(r.out(), "condition_number"))
                    .isCloseTo(lmax / PredictCliRun.jsonNumber(r.out(), "lambda_min"), within(1e-9));
        }
    }

    @Test
    void timeZeroGivesThePriorAndCsvHasOneRowPerTestInput() {
        PredictCliRun r = predict("--time", "0", "--format", "csv", "--kernel", "nngp");
        assertThat(r.status()).as(r.err()).isZero();
        String[] lines = r.out().strip().split("\n");
        assertThat(lines).hasSize(3);
        for (int i = 0; i < 3; i++) {
            String[] cells = lines[i].split(",");
            double[] v = TEST[i];
            double prior = 1.5 * (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]) / 3 + 0.7;
            assertThat(Double.parseDouble(cells[0])).isZero();
            assertThat(Double.parseDouble(cells[1])).isCloseTo(prior, within(1e-13));
        }
        assertThat(r.err()).contains("lambda_max").contains("max stable learning rate");
    }

    @Test
    void singularKernelAtInfiniteTimeIsAClearErrorButARidgeOrFiniteTimeWorks() throws IOException {
        // Five inputs in dimension 3 for a rank-4 kernel: singular.
        Path x5 = PredictCliRun.csv(dir, "x5.csv", new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {-1, -1, 0.5}, {1, 1, 1}});
        Path y5 = PredictCliRun.column(dir, "y5.csv", new double[] {1, 2, 3, 4, 5});
        String[] base = {"predict", "--activation", "identity", "--depth", "0", "--bias-var", "0.7", "--x-train",
                x5.toString(), "--y-train", y5.toString(), "--x-test", xt.toString()};
        PredictCliRun singular = PredictCliRun.of(base);
        assertThat(singular.status()).isEqualTo(1);
        assertThat(singular.out()).isEmpty();
        assertThat(singular.err()).contains("singular").contains("ridge").doesNotContain("NaN");
        assertThat(singular.err().strip().lines().count()).isEqualTo(1);
        PredictCliRun ridged = PredictCliRun.of(concat(base, "--ridge", "1e-3"));
        assertThat(ridged.status()).as(ridged.err()).isZero();
        PredictCliRun finite = PredictCliRun.of(concat(base, "--time", "100"));
        assertThat(finite.status()).as(finite.err()).isZero();
        assertThat(finite.out()).contains("\"condition_number\": ").doesNotContain("NaN").doesNotContain("Infinity");
    }

    @Test
    void badInputsAreOneLineUsageErrors() throws IOException {
        Path y3 = PredictCliRun.column(dir, "y3.csv", new double[] {1, 2, 3});
        Path xt2 = PredictCliRun.csv(dir, "xt2.csv", new double[][] {{1, 2}});
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        String[][] cases = {
                {"--y-train", y3.toString()},
                {"--x-test", xt2.toString()},
                {"--x-test", empty.toString()},
                {"--ridge", "-1"},
                {"--time", "-2"},
                {"--time", "soon"},
                {"--kernel", "rbf"},
                {"--format", "npy"},
        };
        String[] expected = {"4 rows (inputs) but --y-train has 3 targets", "dimension 3 but --x-test has dimension 2",
                "empty", "--ridge", "--time", "--time", "--kernel", "--format"};
        for (int c = 0; c < cases.length; c++) {
            PredictCliRun r = predict(cases[c]);
            assertThat(r.status()).as("%s: %s", String.join(" ", cases[c]), r.err()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains(expected[c]);
            assertThat(r.err().strip().lines().count()).isEqualTo(1);
        }
    }

    static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
