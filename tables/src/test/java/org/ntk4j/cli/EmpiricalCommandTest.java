package org.ntk4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.activation.Relu;
import org.ntk4j.empirical.EmpiricalKernel;
import org.ntk4j.empirical.FiniteNetwork;
import org.ntk4j.empirical.MonteCarloKernel;
import org.ntk4j.kernel.KernelMatrices;
import org.ntk4j.network.Network;

class EmpiricalCommandTest {

    @TempDir
    Path dir;

    private static final double[][] X = {{1, 2, -1}, {0.5, -1, 2}, {0.3, 0.1, 0.2}};

    private Path inputs() throws IOException {
        Path p = dir.resolve("x.csv");
        Files.writeString(p, "1,2,-1\n0.5,-1,2\n0.3,0.1,0.2\n");
        return p;
    }

    @Test
    void singleNetworkJsonIsThatNetworksKernels() throws IOException {
        CliRun r = CliRun.of("empirical", "--activation", "relu", "--depth", "2", "--weight-var", "2",
                "--bias-var", "0.1", "--width", "30,20", "--seed", "9", "--x1", inputs().toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("stderr");
        Network net = Network.mlp(new Relu(), 2, 2.0, 0.1).withHiddenWidths(30, 20);
        KernelMatrices k = new EmpiricalKernel(FiniteNetwork.sample(net, 3, MonteCarloKernel.sampleSeed(9, 0))).gram(X);
        assertThat(JsonText.matrix(r.out(), "nngp")).isDeepEqualTo(k.nngp());
        assertThat(JsonText.matrix(r.out(), "ntk")).isDeepEqualTo(k.ntk());
    }

    @Test
    void severalNetworksGiveMeansAndStandardErrors() throws IOException {
        Path x2 = dir.resolve("z.csv");
        Files.writeString(x2, "0,1,0\n");
        CliRun r = CliRun.of("empirical", "--activation", "erf", "--depth", "1", "--width", "16", "--samples", "3",
                "--x1", inputs().toString(), "--x2", x2.toString());
        assertThat(r.status()).as(r.err()).isZero();
        double[][] se = JsonText.matrix(r.out(), "ntk_stderr");
        assertThat(se).hasNumberOfRows(3);
        assertThat(se[0]).hasSize(1);
        assertThat(se[1][0]).isPositive();
        assertThat(JsonText.matrix(r.out(), "nngp_stderr")).isNotNull();
    }

    @Test
    void writesAllFilesWithOutputPrefix() throws IOException {
        CliRun r = CliRun.of("empirical", "--activation", "relu", "--depth", "1", "--width", "8", "--samples", "2",
                "--x1", inputs().toString(), "--format", "csv", "--output", dir.resolve("k").toString());
        assertThat(r.status()).as(r.err()).isZero();
        for (String name : new String[] {"nngp", "ntk", "nngp_stderr", "ntk_stderr"}) {
            assertThat(dir.resolve("k-" + name + ".csv")).exists();
        }
    }

    @Test
    void badInputsGiveOneLineAndStatusTwoAndNoFiles() throws IOException {
        String x = inputs().toString();
        String out = dir.resolve("bad").toString();
        String[][] cases = {
                {"--activation", "relu", "--depth", "2", "--x1", x},                                  // no --width
                {"--activation", "relu", "--depth", "2", "--width", "0", "--x1", x},
                {"--activation", "relu", "--depth", "2", "--width", "4,4,4", "--x1", x},
                {"--activation", "relu", "--depth", "2", "--width", "four", "--x1", x},
                {"--activation", "relu", "--depth", "2", "--width", "4", "--samples", "0", "--x1", x},
                {"--activation", "relu", "--depth", "2", "--width", "4", "--x1", dir.resolve("none.csv").toString()},
                {"--activation", "nope", "--depth", "2", "--width", "4", "--x1", x},
                {"--activation", "relu", "--depth", "2", "--width", "4", "--weight-var", "-1", "--x1", x},
                {"--activation", "relu", "--depth", "2", "--width", "4", "--format", "csv", "--x1", x},
                {"--activation", "relu", "--depth", "2", "--width", "4", "--output", dir.resolve("no/such").toString(), "--x1", x},
                {"--activation", "relu", "--depth", "2", "--width", "4", "--samples", "2", "--output", out,
                        "--format", "npy", "--x1", x, "--x2", inputs().getParent().resolve("z2.csv").toString()},
        };
        Files.writeString(dir.resolve("z2.csv"), "1,2\n");
        for (String[] c : cases) {
            String[] args = new String[c.length + 1];
            args[0] = "empirical";
            System.arraycopy(c, 0, args, 1, c.length);
            CliRun r = CliRun.of(args);
            assertThat(r.status()).as(String.join(" ", c) + " -> " + r.err()).isEqualTo(2);
            assertThat(r.oneLineError()).as(r.err()).isTrue();
            assertThat(r.err()).startsWith("ntk4j empirical:");
            assertThat(r.out()).isEmpty();
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("x.csv", "z2.csv");
        }
    }

    @Test
    void overflowIsAComputationFailure() throws IOException {
        CliRun r = CliRun.of("empirical", "--activation", "relu", "--depth", "3", "--weight-var", "1e120",
                "--width", "4", "--x1", inputs().toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().strip()).contains("overflow").doesNotContain("\n");
        assertThat(r.out()).isEmpty();
    }
}
