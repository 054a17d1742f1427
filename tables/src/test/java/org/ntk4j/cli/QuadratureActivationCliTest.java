package org.ntk4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ntk4j.activation.Activations;
import org.ntk4j.kernel.InfiniteWidthKernel;
import org.ntk4j.kernel.KernelValue;
import org.ntk4j.network.Network;

/** {@code ntk4j kernel --activation} with the quadrature activations and user expressions. */
class QuadratureActivationCliTest {

    @TempDir
    static Path dir;
    static Path inputs;
    static final double[][] X = {{1, 0.5, -1, 2}, {0.5, -1, 1.5, 1}};

    @BeforeAll
    static void writeInputs() throws IOException {
        inputs = dir.resolve("x.csv");
        Files.writeString(inputs, "1,0.5,-1,2\n0.5,-1,1.5,1\n");
    }

    record Result(int status, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(status, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tanh", "sigmoid", "softplus", "silu", "swish", "elu(1)", "ELU(0.5)", "mish", "relu6",
            "expr:x*tanh(log(1+exp(x)))", "expr:max(x,0.2*x)+abs(x-1)", " expr: x * (1 + erf(x / sqrt(2))) / 2 "})
    void kernelRunsWithEveryQuadratureActivation(String name) throws IOException {
        Path prefix = dir.resolve("k" + Math.abs(name.hashCode()));
        Result r = run("kernel", "--activation", name, "--depth", "2", "--weight-var", "1.5", "--bias-var", "0.1",
                "--x1", inputs.toString(), "--format", "csv", "--output", prefix.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        KernelValue k = new InfiniteWidthKernel(Network.mlp(Activations.parse(name), 2, 1.5, 0.1)).evaluate(X[0], X[1]);
        assertThat(entry01(Path.of(prefix + "-nngp.csv"))).isCloseTo(k.nngp(), within(1e-15 * Math.abs(k.nngp())));
        assertThat(entry01(Path.of(prefix + "-ntk.csv"))).isCloseTo(k.ntk(), within(1e-15 * Math.abs(k.ntk())));
    }

    /** Entry (0, 1) of a CSV matrix. */
    private static double entry01(Path csv) throws IOException {
        String first = Files.readAllLines(csv).get(0);
        return Double.parseDouble(first.split(",")[1].strip());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "expr:x+; unexpected end of expression at position 3",
            "expr:foo(x); unknown function 'foo' at position 1",
            "expr:x*y; unknown identifier 'y' at position 3",
            "expr:log(x); log(...) at position 1 is not finite",
            "expr:(x; missing ')'",
            "elu; takes 1 parameter(s) (alpha)"})
    void badActivationsExitWithStatusTwoAndOneLine(String spec, String message) {
        Result r = run("kernel", "--activation", spec, "--depth", "1", "--x1", inputs.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).doesNotContain("\n").contains(message).startsWith("ntk4j kernel: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tanh", "mish", "expr:x*tanh(log(1+exp(x)))"})
    void jsonToStdoutHoldsTheSymmetricGram(String name) {
        Result r = run("kernel", "--activation", name, "--depth", "3", "--x1", inputs.toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("{").contains("\"nngp\"").contains("\"ntk\"").doesNotContain("NaN");
        // the first four numbers are the 2×2 NNGP by rows
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")
                .matcher(r.out());
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            assertThat(m.find()).isTrue();
            v[i] = Double.parseDouble(m.group());
        }
        KernelValue k = new InfiniteWidthKernel(Network.mlp(Activations.parse(name), 3, 1.0, 0.0)).evaluate(X[0], X[1]);
        assertThat(v[1]).isEqualTo(v[2]).isCloseTo(k.nngp(), within(1e-15 * Math.abs(k.nngp())));
        assertThat(v[0]).isPositive();
    }
}
