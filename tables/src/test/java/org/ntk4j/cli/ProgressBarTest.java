package org.ntk4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private static String run(boolean terminal, long quietNanos, int steps) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
             ProgressBar bar = new ProgressBar("work", steps, err, terminal, quietNanos)) {
            for (int i = 0; i < steps; i++) {
                bar.step();
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainLinesAtMostEveryTenPercentWhenNotATerminal() {
        String out = run(false, 0, 100);
        assertThat(out.lines()).hasSize(11).first().isEqualTo("work: 1% (1/100)");
        assertThat(out.lines()).last().isEqualTo("work: 100% (100/100)");
    }

    @Test
    void redrawnInPlaceOnATerminal() {
        String out = run(true, 0, 3);
        assertThat(out).startsWith("\rwork [").contains("100% (3/3)").endsWith(System.lineSeparator());
        assertThat(out.chars().filter(ch -> ch == '\n').count()).isEqualTo(1);
    }

    @Test
    void shortWorkShowsNothing() {
        assertThat(run(false, 60_000_000_000L, 100)).isEmpty();
        assertThat(run(true, 60_000_000_000L, 100)).isEmpty();
    }
}
