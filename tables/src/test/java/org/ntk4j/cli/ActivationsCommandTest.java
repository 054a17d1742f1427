package org.ntk4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ntk4j.activation.Activations;

class ActivationsCommandTest {

    @Test
    void listsEveryCatalogueEntry() {
        CliRun run = CliRun.of("activations", "--format", "csv");
        assertThat(run.status()).isZero();
        for (Activations.Entry e : Activations.catalogue()) {
            assertThat(run.out()).contains("\n" + e.name() + ",");
        }
        assertThat(run.out()).contains("relu,,\"max(0, x)\",closed form (arbitrary precision)");
        assertThat(run.out()).contains("relu6,,\"min(max(0, x), 6)\",exact (piecewise linear: bivariate normal orthants)");
        assertThat(run.out()).contains("tanh,,tanh(x),quadrature");
        assertThat(run.out()).contains("a*min(x,0)+b*max(x,0) takes abrelu's closed form");
    }

    @Test
    void badFormatIsAUsageError() {
        CliRun run = CliRun.of("activations", "--format", "pdf");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.oneLineError()).isTrue();
    }
}
