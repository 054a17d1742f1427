package org.ntk4j.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.ntk4j.io.AtomicOutput;
import org.ntk4j.io.MatrixWriter;
import picocli.CommandLine.Option;

/**
 * {@code --format json|csv|npy} and {@code --output PREFIX} for commands that produce named matrices. Without
 * --output, JSON goes to stdout as one object; with it, each matrix NAME goes to PREFIX-NAME.EXT (csv, npy or
 * json), all files appearing together or not at all.
 */
public final class MatrixOutputOptions {

    @Option(names = "--format", paramLabel = "json|csv|npy", defaultValue = "json",
            description = "Output format (default: ${DEFAULT-VALUE}). csv and npy need --output.")
    String format;

    @Option(names = "--output", paramLabel = "PREFIX",
            description = "Write PREFIX-<name>.<format> files (e.g. PREFIX-nngp.csv, PREFIX-ntk.csv) instead of stdout.")
    Path output;

    /** Validates the options before any work is done. */
    public void validate() {
        String f = formatValue();
        if (!f.equals("json") && !f.equals("csv") && !f.equals("npy")) {
            throw new UsageException("--format must be json, csv or npy, got '" + format + "'");
        }
        if (output == null && !f.equals("json")) {
            throw new UsageException("--format " + f + " needs --output PREFIX (only json is printed to stdout)");
        }
        if (output != null) {
            Path dir = output.toAbsolutePath().getParent();
            if (dir != null && !java.nio.file.Files.isDirectory(dir)) {
                throw new UsageException("--output: the directory " + dir + " does not exist");
            }
        }
    }

    String formatValue() {
        return format.strip().toLowerCase(Locale.ROOT);
    }

    /** Writes the matrices, in the map's order. */
    public void write(Map<String, double[][]> matrices, PrintWriter stdout) {
        for (Map.Entry<String, double[][]> e : matrices.entrySet()) {
            for (double[] row : e.getValue()) {
                for (double v : row) {
                    if (!Double.isFinite(v)) {
                        throw new ComputationException("the " + e.getKey()
                                + " values overflow the double range (smaller variances or depth, or a bounded activation)");
                    }
                }
            }
        }
        String f = formatValue();
        try {
            if (output == null) {
                MatrixWriter.writeJsonObject(matrices, stdout);
                stdout.flush();
                return;
            }
            try (AtomicOutput files = new AtomicOutput()) {
                if (f.equals("json")) {
                    files.write(Path.of(output + ".json"), out -> {
                        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                        MatrixWriter.writeJsonObject(matrices, w);
                        w.flush();
                    });
                } else {
                    for (Map.Entry<String, double[][]> e : matrices.entrySet()) {
                        Path target = Path.of(output + "-" + e.getKey() + "." + f);
                        files.write(target, out -> {
                            if (f.equals("npy")) {
                                MatrixWriter.writeNpy(e.getValue(), out);
                            } else {
                                Writer w = new java.io.BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
                                MatrixWriter.writeCsv(e.getValue(), w);
                                w.flush();
                            }
                        });
                    }
                }
                files.commit();
            }
        } catch (IOException e) {
            throw new UsageException("cannot write output: " + e.getMessage());
        }
    }
}
