package org.ntk4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.ntk4j.tables.TablesGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ntk4j tables}: regenerates the tables and figures of docs/tables, deterministically. */
@Command(name = "tables", mixinStandardHelpOptions = true,
        description = {"Regenerate the tables (Markdown, CSV, LaTeX) and figures (SVG, PNG) of docs/tables.",
                "Example: ntk4j tables --out docs/tables"})
public final class TablesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "docs/tables",
            description = "Output directory (default: ${DEFAULT-VALUE}); created if missing.")
    Path out;

    @Override
    public void run() {
        System.setProperty("java.awt.headless", "true");
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !java.nio.file.Files.isDirectory(parent)) {
            throw new UsageException("--out: the directory " + parent + " does not exist");
        }
        if (java.nio.file.Files.exists(out) && !java.nio.file.Files.isDirectory(out)) {
            throw new UsageException("--out: " + out + " is not a directory");
        }
        long steps = TablesGenerator.steps(TablesGenerator.GENERATORS);
        try (ProgressBar bar = new ProgressBar("tables", steps)) {
            TablesGenerator.run(out, TablesGenerator.GENERATORS, (what, n) -> bar.step(n));
        } catch (IOException e) {
            throw new ComputationException("cannot write the tables: " + e.getMessage());
        }
        spec.commandLine().getOut().println("wrote " + out.toAbsolutePath().normalize());
        spec.commandLine().getOut().flush();
    }
}
