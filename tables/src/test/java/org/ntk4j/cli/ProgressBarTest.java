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

    /** Phases: one line per phase, each with its own label and total. */
    @Test
    void eachPhaseHasItsLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
             ProgressBar bar = new ProgressBar("preparing", 2, err, false, 0)) {
            bar.step();
            bar.step();
            bar.phase("work", 4);
            for (int i = 0; i < 4; i++) {
                bar.step();
            }
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out.lines()).containsExactly("preparing: 50% (1/2)", "preparing: 100% (2/2)", "work: 25% (1/4)",
                "work: 50% (2/4)", "work: 75% (3/4)", "work: 100% (4/4)");
    }

    /** On a terminal a bar without steps is redrawn by the heartbeat with its elapsed time. */
    @Test
    void aTerminalBarTicksWithoutSteps() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
             ProgressBar bar = new ProgressBar("slow", 10, err, true, 0)) {
            bar.tick();
            assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("\rslow [").contains("0% (0/10)");
        }
        ByteArrayOutputStream quiet = new ByteArrayOutputStream();
        try (PrintStream err = new PrintStream(quiet, true, StandardCharsets.UTF_8);
             ProgressBar bar = new ProgressBar("slow", 10, err, false, 0)) {
            bar.tick();
            assertThat(quiet.toString(StandardCharsets.UTF_8)).as("logs get lines only on steps").isEmpty();
        }
    }

    @Test
    void shortWorkShowsNothing() {
        assertThat(run(false, 60_000_000_000L, 100)).isEmpty();
        assertThat(run(true, 60_000_000_000L, 100)).isEmpty();
    }
}
