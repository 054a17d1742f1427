package org.ntk4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.activation.Erf;
import org.ntk4j.empirical.ConvergenceStudy;
import org.ntk4j.network.Network;

class ConvergeCommandTest {

    @TempDir
    Path dir;

    private Path inputs() throws IOException {
        Path p = dir.resolve("x.csv");
        Files.writeString(p, "1,2,-1\n0.5,-1,2\n0.3,0.1,0.2\n-1,0,1\n");
        return p;
    }

    @Test
    void jsonCarriesTheStudyAndThePlotIsWritten() throws IOException {
        Path svg = dir.resolve("c.svg");
        Path png = dir.resolve("c.png");
        CliRun r = CliRun.of("converge", "--activation", "erf", "--depth", "1", "--weight-var", "1.5", "--bias-var",
                "0.2", "--widths", "32,64,128", "--samples", "3", "--seed", "4", "--x1", inputs().toString(),
                "--format", "json", "--plot", svg.toString());
        assertThat(r.status()).as(r.err()).isZero();
        ConvergenceStudy.Result study = ConvergenceStudy.run(Network.mlp(new Erf(), 1, 1.5, 0.2),
                new double[][] {{1, 2, -1}, {0.5, -1, 2}, {0.3, 0.1, 0.2}, {-1, 0, 1}}, new int[] {32, 64, 128}, 3, 4, null);
        assertThat(JsonText.number(r.out(), "width")).isEqualTo(32);
        assertThat(JsonText.number(r.out(), "ntk_rel_error")).isEqualTo(study.rows().get(0).ntkError());
        assertThat(JsonText.number(r.out(), "nngp_rel_error_stderr")).isEqualTo(study.rows().get(0).nngpErrorStandardError());
        assertThat(r.out()).contains("\"slope\": {\"nngp\": " + study.nngpSlope().value())
                .contains("\"slope_ci95\": {\"nngp\": [" + study.nngpSlope().lower() + ", " + study.nngpSlope().upper() + "]");
        assertThat(Files.readString(svg)).contains("<svg");
        CliRun p = CliRun.of("converge", "--activation", "erf", "--depth", "1", "--widths", "32,64", "--samples", "2",
                "--x1", inputs().toString(), "--plot", png.toString());
        assertThat(p.status()).as(p.err()).isZero();
        byte[] head = Files.readAllBytes(png);
        assertThat(head[1]).isEqualTo((byte) 'P');
        assertThat(p.out()).contains("width").contains("NTK error").contains("slope NNGP");
    }

    @Test
    void tableFormats() throws IOException {
        CliRun md = CliRun.of("converge", "--activation", "relu", "--depth", "1", "--widths", "16,32", "--samples", "2",
                "--x1", inputs().toString(), "--format", "markdown");
        assertThat(md.status()).as(md.err()).isZero();
        assertThat(md.out()).contains("| width |");
        CliRun csv = CliRun.of("converge", "--activation", "relu", "--depth", "1", "--widths", "16,32", "--samples", "2",
                "--x1", inputs().toString(), "--format", "csv", "--parameterization", "standard");
        assertThat(csv.status()).as(csv.err()).isZero();
        assertThat(csv.out().lines().count()).isEqualTo(3);
        assertThat(Double.parseDouble(csv.out().lines().skip(1).findFirst().orElseThrow().split(",")[1]))
                .isCloseTo(0.3, within(0.3));
    }

    @Test
    void badInputsGiveOneLineAndStatusTwoAndNoFiles() throws IOException {
        String x = inputs().toString();
        String plot = dir.resolve("p.svg").toString();
        String[][] cases = {
                {"--activation", "relu", "--depth", "1", "--widths", "0,64", "--x1", x, "--plot", plot},
                {"--activation", "relu", "--depth", "1", "--widths", "-8", "--x1", x, "--plot", plot},
                {"--activation", "relu", "--depth", "1", "--widths", "a,b", "--x1", x, "--plot", plot},
                {"--activation", "relu", "--depth", "1", "--x1", x, "--plot", plot},
                {"--activation", "relu", "--depth", "1", "--widths", "8,16", "--samples", "0", "--x1", x, "--plot", plot},
                {"--activation", "relu", "--depth", "1", "--widths", "8,16", "--width", "8", "--x1", x, "--plot", plot},
                {"--activation", "relu", "--depth", "0", "--widths", "8,16", "--x1", x, "--plot", plot},
                {"--activation", "relu", "--depth", "1", "--widths", "8,16", "--x1", x, "--plot", dir.resolve("p.txt").toString()},
                {"--activation", "relu", "--depth", "1", "--widths", "8,16", "--x1", x, "--plot", dir.resolve("no/p.svg").toString()},
                {"--activation", "relu", "--depth", "1", "--widths", "8,16", "--x1", x, "--format", "xml", "--plot", plot},
                {"--activation", "relu", "--depth", "1", "--widths", "8,16", "--x1", dir.resolve("none.csv").toString(), "--plot", plot},
        };
        for (String[] c : cases) {
            String[] args = new String[c.length + 1];
            args[0] = "converge";
            System.arraycopy(c, 0, args, 1, c.length);
            CliRun r = CliRun.of(args);
            assertThat(r.status()).as(String.join(" ", c) + " -> " + r.err()).isEqualTo(2);
            assertThat(r.oneLineError()).as(r.err()).isTrue();
            assertThat(r.err()).startsWith("ntk4j converge:");
            assertThat(r.out()).isEmpty();
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("x.csv");
        }
    }
}
