package org.ntk4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ntk4j.io.Matrices;

class KernelCommandTest {

    @TempDir
    Path dir;

    private Path csv(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private static double[] numbers(String json) {
        List<Double> out = new ArrayList<>();
        Matcher m = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?").matcher(json);
        while (m.find()) {
            out.add(Double.parseDouble(m.group()));
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void printsNeuralTangentsValuesAsJson() throws IOException {
        // neural_tangents_values.md, A.3 B: [Dense(√2, 0.1) → Relu] × 2 → Dense(√2, 0.1)
        Path x = csv("x.csv", "1,2,-1\n0.5,-1,2\n0,0,0\n");
        CliRun run = CliRun.of("kernel", "--activation", "relu", "--depth", "2", "--weight-var", "2",
                "--bias-var", "0.01", "--x1", x.toString());
        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith("{\"nngp\": [[").contains("], \"ntk\": [[");
        double[] v = numbers(run.out());
        assertThat(v).hasSize(18);
        assertThat(v[1]).isCloseTo(1.3506345211453257, within(1e-15));
        assertThat(v[9]).isCloseTo(12.060000000000006, within(1e-13));
        assertThat(v[17]).isCloseTo(0.06, within(1e-16));
    }

    @Test
    void crossMatrixHasTheShapeOfX1ByX2() throws IOException {
        Path x = csv("x.csv", "1,2,-1\n0.5,-1,2\n");
        Path z = csv("z.csv", "0,1,0\n1,1,1\n2,0,0\n");
        CliRun run = CliRun.of("kernel", "--activation", "erf", "--depth", "1", "--x1", x.toString(),
                "--x2", z.toString(), "--format", "csv", "--output", dir.resolve("k").toString());
        assertThat(run.status()).as(run.err()).isZero();
        double[][] nngp = Matrices.read(dir.resolve("k-nngp.csv"));
        double[][] ntk = Matrices.read(dir.resolve("k-ntk.csv"));
        assertThat(nngp.length).isEqualTo(2);
        assertThat(nngp[0]).hasSize(3);
        assertThat(ntk.length).isEqualTo(2);
    }

    @Test
    void npyOutputRoundTripsExactly() throws IOException {
        Path x = csv("x.csv", "0.1,0.2\n-0.3,0.4\n1e-3,5\n");
        CliRun json = CliRun.of("kernel", "--activation", "relu", "--depth", "3", "--weight-var", "2",
                "--bias-var", "0.1", "--x1", x.toString());
        CliRun npy = CliRun.of("kernel", "--activation", "relu", "--depth", "3", "--weight-var", "2",
                "--bias-var", "0.1", "--x1", x.toString(), "--format", "npy", "--output", dir.resolve("m").toString());
        assertThat(npy.status()).isZero();
        double[][] ntk = Matrices.read(dir.resolve("m-ntk.npy"));
        double[] fromJson = numbers(json.out());
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(ntk[i][j]).isEqualTo(fromJson[9 + 3 * i + j]);
            }
        }
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("unknown activation", List.of("--activation", "foo"), "unknown activation"),
                Arguments.of("missing parenthesis", List.of("--activation", "relu(2"), "missing ')'"),
                Arguments.of("negative variance", List.of("--activation", "relu", "--weight-var", "-1"), "--weight-var"),
                Arguments.of("NaN variance", List.of("--activation", "relu", "--bias-var", "nan"), "--bias-var"),
                Arguments.of("wrong number of per-layer variances", List.of("--activation", "relu", "--weight-var", "1,2,3,4"), "--weight-var"),
                Arguments.of("negative depth", List.of("--activation", "relu", "--depth", "-1"), "--depth"),
                Arguments.of("depth not a number", List.of("--activation", "relu", "--depth", "two"), "--depth"),
                Arguments.of("standard without width", List.of("--activation", "relu", "--parameterization", "standard"), "--width"),
                Arguments.of("bad parameterization", List.of("--activation", "relu", "--parameterization", "mup"), "--parameterization"),
                Arguments.of("zero width", List.of("--activation", "relu", "--parameterization", "standard", "--width", "0"), "--width"),
                Arguments.of("bad format", List.of("--activation", "relu", "--format", "xml"), "--format"),
                Arguments.of("csv to stdout", List.of("--activation", "relu", "--format", "csv"), "--output"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badOptionsGiveOneLineAndExit2(String what, List<String> options, String mentions) throws IOException {
        Path x = csv("x.csv", "1,2\n3,4\n");
        List<String> args = new ArrayList<>(List.of("kernel", "--x1", x.toString()));
        args.addAll(options);
        if (!options.contains("--depth")) {
            args.addAll(List.of("--depth", "2"));
        }
        CliRun run = CliRun.of(args.toArray(new String[0]));
        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.oneLineError()).as(run.err()).isTrue();
        assertThat(run.err()).contains(mentions);
        assertThat(run.out()).isEmpty();
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("ragged.csv", "1,2,3\n4,5\n", "ragged"),
                Arguments.of("empty.csv", "", "empty"),
                Arguments.of("blank.csv", "\n\n", "empty"),
                Arguments.of("nan.csv", "1,2\nNaN,3\n", "not finite"),
                Arguments.of("inf.csv", "1,Infinity\n", "not finite"),
                Arguments.of("header.csv", "a,b\n1,2\n", "not a number"),
                Arguments.of("bad.npy", "this is not numpy", "not a NumPy"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badFilesGiveOneLineAndExit2(String name, String content, String mentions) throws IOException {
        Path x = csv(name, content);
        CliRun run = CliRun.of("kernel", "--activation", "relu", "--depth", "1", "--x1", x.toString(),
                "--format", "csv", "--output", dir.resolve("out").toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.oneLineError()).as(run.err()).isTrue();
        assertThat(run.err()).contains(mentions).contains(name);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(name);
        }
    }

    @Test
    void missingFileAndDimensionMismatch() throws IOException {
        CliRun missing = CliRun.of("kernel", "--activation", "relu", "--depth", "1", "--x1", dir.resolve("nope.csv").toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
        Path x = csv("x.csv", "1,2\n");
        Path z = csv("z.csv", "1,2,3\n");
        CliRun mismatch = CliRun.of("kernel", "--activation", "relu", "--depth", "1", "--x1", x.toString(), "--x2", z.toString());
        assertThat(mismatch.status()).isEqualTo(2);
        assertThat(mismatch.oneLineError()).isTrue();
        assertThat(mismatch.err()).contains("dimension");
        CliRun dirAsFile = CliRun.of("kernel", "--activation", "relu", "--depth", "1", "--x1", dir.toString());
        assertThat(dirAsFile.status()).isEqualTo(2);
        CliRun noDir = CliRun.of("kernel", "--activation", "relu", "--depth", "1", "--x1", x.toString(),
                "--format", "csv", "--output", dir.resolve("missing/sub/out").toString());
        assertThat(noDir.status()).isEqualTo(2);
        assertThat(noDir.err()).contains("does not exist");
    }

    @Test
    void overflowIsReportedNotPrinted() throws IOException {
        Path x = csv("x.csv", "1e150,1e150\n1,2\n");
        CliRun run = CliRun.of("kernel", "--activation", "identity", "--depth", "3", "--weight-var", "1e10",
                "--x1", x.toString(), "--format", "csv", "--output", dir.resolve("o").toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.oneLineError()).as(run.err()).isTrue();
        assertThat(run.err()).contains("overflow");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("x.csv");
        }
    }

    @Test
    void commandIsRequiredAndHelpWorks() {
        assertThat(CliRun.of().status()).isEqualTo(2);
        CliRun help = CliRun.of("kernel", "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("--activation").contains("--x1");
    }
}
