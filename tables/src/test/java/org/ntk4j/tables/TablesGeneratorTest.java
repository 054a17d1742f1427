package org.ntk4j.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TablesGeneratorTest {

    /** A tiny generator: one table and one figure. */
    private static final class Tiny implements TableGenerator {
        @Override
        public String name() {
            return "tiny";
        }

        @Override
        public String description() {
            return "A tiny generator";
        }

        @Override
        public void generate(TablesOutput out) throws IOException {
            out.table("tiny-table", new Table("Squares", "x", "x²").addRow("1", "1").addRow("2", "4"));
            out.figure("tiny-figure", "Squares", Figures.lineChart("Squares", "x", "x²", true,
                    List.of(new Figures.Series("x²", new double[] {1, 2, 3}, new double[] {1, 4, 9}))));
            out.step("tiny");
        }
    }

    @Test
    void writesEveryFormatAndAnIndex(@TempDir Path dir) throws IOException {
        List<String> steps = new ArrayList<>();
        TablesGenerator.run(dir, List.of(new Tiny()), (what, n) -> steps.add(what));
        for (String f : List.of("tiny-table.md", "tiny-table.csv", "tiny-table.tex", "tiny-figure.svg",
                "tiny-figure.png", "README.md")) {
            assertThat(dir.resolve(f)).as(f).exists();
            assertThat(Files.size(dir.resolve(f))).as(f).isPositive();
        }
        byte[] png = Files.readAllBytes(dir.resolve("tiny-figure.png"));
        assertThat(png[1]).isEqualTo((byte) 'P');
        assertThat(Files.readString(dir.resolve("tiny-figure.svg"))).contains("<svg");
        assertThat(Files.readString(dir.resolve("tiny-table.csv"))).isEqualTo("x,x²\n1,1\n2,4\n");
        assertThat(Files.readString(dir.resolve("README.md"))).contains("## A tiny generator")
                .contains("[Squares](tiny-table.md)").contains("[PNG](tiny-figure.png)");
        assertThat(steps).containsExactly("tiny");
        try (var files = Files.list(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".part"))).isEmpty();
        }
    }

    @Test
    void theSpectrumGeneratorIsRegistered() {
        assertThat(TablesGenerator.GENERATORS).extracting(TableGenerator::name).contains("spectrum");
    }
}
