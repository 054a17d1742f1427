package org.ntk4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    @TempDir
    Path dir;

    Map<String, String> base = new LinkedHashMap<>();

    @BeforeEach
    void files() throws IOException {
        double[][] x = {{1, 0.5, -1}, {0, 1, 2}, {-1, 0.3, 0.2}, {0.4, -0.7, 1}, {2, 0, 0.1}};
        double[][] xt = {{0.2, 0.2, 0.2}, {-1, 1, 0}};
        base.put("--activation", "relu");
        base.put("--depth", "1");
        base.put("--weight-var", "2");
        base.put("--bias-var", "0.1");
        base.put("--width", "64");
        base.put("--x-train", PredictCliRun.csv(dir, "x.csv", x).toString());
        base.put("--y-train", PredictCliRun.column(dir, "y.csv", new double[] {1, -1, 0.5, 0, 2}).toString());
        base.put("--x-test", PredictCliRun.csv(dir, "xt.csv", xt).toString());
        base.put("--steps", "20");
        base.put("--learning-rate", "0.3");
    }

    private PredictCliRun run(String command, String... extra) {
        Map<String, String> options = new LinkedHashMap<>(base);
        if (command.equals("lazy")) {
            options.remove("--width");
            options.put("--widths", "16,64");
        }
        for (int i = 0; i < extra.length; i += 2) {
            if (extra[i + 1] == null) {
                options.remove(extra[i]);
            } else {
                options.put(extra[i], extra[i + 1]);
            }
        }
        List<String> args = new ArrayList<>(List.of(command));
        options.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        return PredictCliRun.of(args.toArray(new String[0]));
    }

    @Test
    void trainPrintsCheckpointsOutputsAndDiagnostics() {
        PredictCliRun r = run("train", "--checkpoints", "4");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("{\"checkpoints\": [{\"step\": 0, \"time\": 0.0, ");
        assertThat(r.out()).contains("\"step\": 20, \"time\": 6.0");
        assertThat(PredictCliRun.jsonArray(r.out(), "test_outputs")).hasSize(2);
        assertThat(PredictCliRun.jsonArray(r.out(), "kernel_gd_test_outputs")).hasSize(2);
        assertThat(r.out()).contains("\"empirical_ntk\": {\"lambda_max\": ").contains("\"infinite_ntk\": {");
        PredictCliRun table = run("train", "--format", "markdown");
        assertThat(table.status()).isZero();
        assertThat(table.out()).contains("| step | time | train loss |");
    }

    @Test
    void aLearningRateAboveTheLimitIsWarnedAboutAndDivergenceIsAnError() {
        PredictCliRun r = run("train", "--learning-rate", "50", "--steps", "400");
        assertThat(r.err()).contains("warning: --learning-rate 50.00 is above the stability limit");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("diverged");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void badTrainingOptionsAreOneLineUsageErrors() {
        Object[][] cases = {
                {new String[] {"--width", null}, "--width"},
                {new String[] {"--steps", "0"}, "--steps"},
                {new String[] {"--learning-rate", "-1"}, "--learning-rate"},
                {new String[] {"--output-scale", "0"}, "--output-scale"},
                {new String[] {"--batch-size", "9"}, "--batch-size 9 is larger than the 5 training inputs"},
                {new String[] {"--batch-size", "-1"}, "--batch-size"},
                {new String[] {"--format", "yaml"}, "--format"},
                {new String[] {"--y-train", base.get("--x-test")}, "one column"},
        };
        for (Object[] c : cases) {
            PredictCliRun r = run("train", (String[]) c[0]);
            assertThat(r.status()).as("%s: %s", String.join(" ", (String[]) c[0]), r.err()).isEqualTo(2);
            assertThat(r.err()).contains((String) c[1]);
            assertThat(r.err().strip().lines().count()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void miniBatchTrainingRuns() {
        PredictCliRun r = run("train", "--batch-size", "2", "--seed", "4");
        assertThat(r.status()).as(r.err()).isZero();
        PredictCliRun again = run("train", "--batch-size", "2", "--seed", "4");
        assertThat(again.out()).isEqualTo(r.out());
    }

    @Test
    void lazySweepPrintsSlopesAndWritesThePlot() throws IOException {
        Path plot = dir.resolve("lazy.svg");
        PredictCliRun r = run("lazy", "--format", "json", "--plot", plot.toString(), "--repeats", "2");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"sweep\": \"width\"").contains("\"slopes\": {\"weight_change\": ");
        assertThat(Files.readString(plot)).contains("<svg");
        assertThat(PredictCliRun.jsonNumber(r.out(), "repeats")).isCloseTo(2, within(0.0));
        PredictCliRun table = run("lazy", "--format", "csv");
        assertThat(table.out().lines()).hasSize(1 + 2 + 1);
    }

    @Test
    void badLazyOptionsAreOneLineUsageErrors() {
        Object[][] cases = {
                {new String[] {"--widths", "16,x"}, "--widths"},
                {new String[] {"--widths", "0,16"}, "--widths"},
                {new String[] {"--output-scales", "1,10"}, "sweep either --widths or --output-scales"},
                {new String[] {"--output-scales", "-1"}, "--output-scales"},
                {new String[] {"--plot", "out.pdf"}, "--plot must end in .svg or .png"},
                {new String[] {"--plot", "/no/such/dir/p.png"}, "does not exist"},
                {new String[] {"--repeats", "0"}, "--repeats"},
                {new String[] {"--width", "8"}, "--widths"},
        };
        for (Object[] c : cases) {
            PredictCliRun r = run("lazy", (String[]) c[0]);
            assertThat(r.status()).as("%s: %s", String.join(" ", (String[]) c[0]), r.err()).isEqualTo(2);
            assertThat(r.err()).contains((String) c[1]);
            assertThat(r.err().strip().lines().count()).isEqualTo(1);
        }
    }
}
