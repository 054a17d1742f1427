package org.ntk4j.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvergenceTablesTest {

    @TempDir
    Path dir;

    @Test
    void writesTablesAndFiguresAndNamesMissingActivations() throws IOException {
        ConvergenceTables t = new ConvergenceTables(List.of("relu", "no_such_activation"), new int[] {1, 2},
                new int[] {16, 32}, 2);
        assertThat(t.steps()).isEqualTo(8);
        long[] steps = {0};
        TablesGenerator.run(dir, List.of(t), (what, n) -> steps[0] += n);
        assertThat(steps[0]).isEqualTo(8);
        for (String f : new String[] {"convergence-slopes.md", "convergence-slopes.csv", "convergence-slopes.tex",
                "convergence-errors.md", "convergence-errors.csv", "convergence-errors.tex", "convergence-ntk.svg",
                "convergence-ntk.png", "convergence-nngp.svg", "convergence-nngp.png", "README.md"}) {
            assertThat(dir.resolve(f)).exists();
        }
        String slopes = Files.readString(dir.resolve("convergence-slopes.md"));
        assertThat(slopes).contains("| relu | 1 |").contains("| relu | 2 |").contains("not available in this build: no_such_activation");
        assertThat(Files.readString(dir.resolve("convergence-errors.csv")).lines()).hasSize(1 + 2 * 2);
        assertThat(Files.readString(dir.resolve("convergence-slopes.tex"))).contains("\\toprule");
        assertThat(Files.readString(dir.resolve("convergence-ntk.svg"))).contains("<svg");
    }

    @Test
    void inputsLieOnTheSphere() {
        double[][] x = ConvergenceTables.inputs();
        assertThat(x).hasNumberOfRows(ConvergenceTables.INPUTS);
        for (double[] row : x) {
            double s = 0;
            for (double v : row) {
                s += v * v;
            }
            assertThat(s).isCloseTo(ConvergenceTables.DIMENSION, org.assertj.core.api.Assertions.within(1e-12));
        }
    }
}
