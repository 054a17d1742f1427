package org.ntk4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.io.MatrixWriter;

class BenchCommandTest {

    @TempDir
    Path dir;

    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(status, out.toString(), err.toString());
    }

    private Path npy(double[][] x) throws Exception {
        Path file = dir.resolve("x.npy");
        try (OutputStream out = Files.newOutputStream(file)) {
            MatrixWriter.writeNpy(x, out);
        }
        return file;
    }

    private static double field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\": ([-+0-9.eE]+)").matcher(json);
        assertThat(m.find()).as("field %s in %s", name, json).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /**
     * The JSON fields, and the NTK trace against the ReLU diagonal recursion by hand: on the diagonal θ = 0, so
     * Σ' = K/2 and Σ̇ = 1/2, K ← σ_w² K/2 + σ_b², Θ ← K + σ_w² Θ/2, from K = Θ = σ_w²‖x‖²/d + σ_b².
     */
    @Test
    void printsTheTimingJsonWithTheNtkTrace() throws Exception {
        Random r = new Random(2);
        int n = 37;
        int d = 5;
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int k = 0; k < d; k++) {
                row[k] = r.nextGaussian();
            }
        }
        double w = 2;
        double b = 0.1;
        int depth = 4;
        double trace = 0;
        for (double[] row : x) {
            double q = 0;
            for (double v : row) {
                q += v * v;
            }
            double k = w * q / d + b;
            double t = k;
            for (int h = 0; h < depth; h++) {
                k = w * k / 2 + b;
                t = k + w * t / 2;
            }
            trace += t;
        }
        Result res = run("bench", "gram", "--activation", "relu", "--depth", "4", "--weight-var", "2", "--bias-var",
                "0.1", "--x1", npy(x).toString(), "--repeat", "3");
        assertThat(res.status()).as(res.err()).isZero();
        String json = res.out().strip();
        assertThat(json).matches("\\{\"n\": 37, \"depth\": 4, \"seconds\": [0-9.eE-]+, \"entries_per_second\": "
                + "[0-9.eE-]+, \"ntk_trace\": [0-9.eE-]+}");
        double seconds = field(json, "seconds");
        assertThat(seconds).isPositive();
        assertThat(field(json, "entries_per_second")).isCloseTo(n * n / seconds, within(1e-9 * n * n / seconds));
        assertThat(field(json, "ntk_trace")).isCloseTo(trace, within(1e-12 * trace));
    }

    @Test
    void badInputsGiveOneLineAndStatusTwo() throws Exception {
        Path x = npy(new double[][] {{1, 2}, {3, 4}});
        String[][] cases = {
                {"bench", "gram", "--activation", "relu", "--depth", "2", "--x1", x.toString(), "--repeat", "0"},
                {"bench", "gram", "--activation", "relu", "--depth", "2", "--x1", dir.resolve("none.npy").toString()},
                {"bench", "gram", "--activation", "nonsense", "--depth", "2", "--x1", x.toString()},
                {"bench", "gram", "--activation", "relu", "--depth", "-1", "--x1", x.toString()},
                {"bench", "gram", "--activation", "relu", "--depth", "2"},
                {"bench", "gram", "--activation", "relu", "--depth", "2", "--x1", x.toString(), "--repeat", "x"},
                {"bench"},
                {"bench", "spectrum"},
        };
        for (String[] args : cases) {
            Result res = run(args);
            assertThat(res.status()).as(String.join(" ", args) + ": " + res.err()).isEqualTo(2);
            assertThat(res.out()).isEmpty();
            assertThat(res.err().strip()).as(String.join(" ", args)).doesNotContain("\n").startsWith("ntk4j ");
        }
    }

    @Test
    void overflowIsAComputationFailure() throws Exception {
        Path x = npy(new double[][] {{1e200, 2e200}, {3, 4}});
        Result res = run("bench", "gram", "--activation", "relu", "--depth", "2", "--x1", x.toString(), "--repeat", "1");
        assertThat(res.status()).isEqualTo(1);
        assertThat(res.out()).isEmpty();
        assertThat(res.err().strip()).doesNotContain("\n").contains("overflow");
    }
}
