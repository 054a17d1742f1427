package org.ntk4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"kernel", "activations", "empirical", "converge", "predict",
            "train", "lazy", "spectrum", "tables", "bench"})
    void everyCommandHelpRendersCleanly(String command) {
        // picocli reports a bad format string in a description (an unescaped %) on System.err, not on the
        // command's own writer.
        java.io.ByteArrayOutputStream systemErr = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.err;
        CliRun help;
        try {
            System.setErr(new java.io.PrintStream(systemErr, true, java.nio.charset.StandardCharsets.UTF_8));
            help = CliRun.of(command, "--help");
        } finally {
            System.setErr(saved);
        }
        assertThat(help.status()).isZero();
        assertThat(help.out()).startsWith("Usage: ntk4j " + command);
        assertThat(help.err()).isEmpty();
        assertThat(systemErr.toString(java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void unknownCommandIsAUsageError() {
        CliRun run = CliRun.of("bogus");
        assertThat(run.status()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.oneLineError()).as(run.err()).isTrue();
    }
}
