package org.ntk4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    /** What a bar prints on stderr while {@code work} runs on it and when it closes. */
    private static String capture(String label, long total, boolean terminal, long quietNanos,
                                  java.util.function.Consumer<ProgressBar> work) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
             ProgressBar bar = new ProgressBar(label, total, err, terminal, quietNanos)) {
            work.accept(bar);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String run(boolean terminal, long quietNanos, int steps) {
        return capture("work", steps, terminal, quietNanos, bar -> {
            for (int i = 0; i < steps; i++) {
                bar.step();
            }
        });
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
        String out = capture("preparing", 2, false, 0, bar -> {
            bar.step();
            bar.step();
            bar.phase("work", 4);
            for (int i = 0; i < 4; i++) {
                bar.step();
            }
        });
        assertThat(out.lines()).containsExactly("preparing: 50% (1/2)", "preparing: 100% (2/2)", "work: 25% (1/4)",
                "work: 50% (2/4)", "work: 75% (3/4)", "work: 100% (4/4)");
    }

    /** On a terminal a bar without steps is redrawn by the heartbeat with its elapsed time; logs get no ticks. */
    @Test
    void aTerminalBarTicksWithoutSteps() {
        assertThat(capture("slow", 10, true, 0, ProgressBar::tick)).startsWith("\rslow [").contains("0% (0/10)");
        assertThat(capture("slow", 10, false, 0, ProgressBar::tick)).as("logs get lines only on steps").isEmpty();
    }

    @Test
    void shortWorkShowsNothing() {
        assertThat(run(false, 60_000_000_000L, 100)).isEmpty();
        assertThat(run(true, 60_000_000_000L, 100)).isEmpty();
    }
}
