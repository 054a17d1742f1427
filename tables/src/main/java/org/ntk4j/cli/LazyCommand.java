package org.ntk4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.ntk4j.network.Network;
import org.ntk4j.predict.FiniteWidthTraining;
import org.ntk4j.predict.TrainingSettings;
import org.ntk4j.tables.LazyTrainingStudy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ntk4j lazy}: the lazy-training sweep — the same data, seed and training at several widths (or output
 * scales), with fitted log-log slopes, a table and an optional plot (docs/predictions.md).
 */
@Command(name = "lazy", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Lazy-training study: trains the same network (same data and seed) at several hidden widths "
                + "(or output scales alpha) and reports, at the last step, the relative change of the weights and of "
                + "the empirical NTK and the RMS distance to the infinite-width NTK gradient flow, with the fitted "
                + "log-log slope against the width (about -1/2 expected in the NTK parameterization).",
                "Example: ntk4j lazy --activation relu --depth 1 --weight-var 2 --x-train x.csv --y-train y.csv "
                        + "--x-test xt.csv --steps 300 --learning-rate 0.5 --widths 64,256,1024,4096 --plot lazy.png"})
public final class LazyCommand implements Runnable {

    static final int MAX_WIDTH = 1 << 20;

    @Spec
    CommandSpec spec;

    @Mixin
    NetworkOptions net;

    @Mixin
    TrainingOptions training;

    @Option(names = "--widths", paramLabel = "N,N,...", defaultValue = "64,128,256,512,1024,2048,4096,8192",
            description = "Hidden widths to sweep (default: ${DEFAULT-VALUE}).")
    String widths;

    @Option(names = "--output-scales", paramLabel = "A,A,...", defaultValue = "1",
            description = "Output scale(s) alpha; several with a single width sweep alpha instead (default: ${DEFAULT-VALUE}).")
    String outputScales;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "1",
            description = "Train every point with the R seeds K, K+1, ..., K+R-1 and report the means (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--format", paramLabel = "table|markdown|csv|latex|json", defaultValue = "table",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--plot", paramLabel = "FILE", description = "Also write the log-log plot to FILE (.svg or .png).")
    Path plot;

    @Override
    public void run() {
        if (net.width != null) {
            throw new UsageException("lazy sweeps --widths; --width is not used here");
        }
        Network network = net.networkWithoutWidths().withParameterization(net.parameterizationValue());
        int[] w = NetworkOptions.parseWidths("--widths", widths);
        for (int v : w) {
            if (v > MAX_WIDTH) {
                throw new UsageException("--widths: " + v + " is larger than " + MAX_WIDTH);
            }
        }
        double[] scales = parseScales(outputScales);
        if (w.length > 1 && scales.length > 1) {
            throw new UsageException("sweep either --widths or --output-scales (give a single width to sweep alpha)");
        }
        TrainingSettings settings = training.settings(scales[0]);
        if (repeats < 1 || repeats > 10_000) {
            throw new UsageException("--repeats must be between 1 and 10000, got " + repeats);
        }
        for (double a : scales) {
            training.settings(a);
        }
        String f = format.strip().toLowerCase(Locale.ROOT);
        if (!f.equals("json") && !TableFormats.isTable(f)) {
            throw new UsageException("--format must be table, markdown, csv, latex or json, got '" + format + "'");
        }
        if (plot != null) {
            String name = plot.getFileName().toString().toLowerCase(Locale.ROOT);
            if (!name.endsWith(".svg") && !name.endsWith(".png")) {
                throw new UsageException("--plot must end in .svg or .png, got " + plot);
            }
            Path dir = plot.toAbsolutePath().getParent();
            if (dir != null && !Files.isDirectory(dir)) {
                throw new UsageException("--plot: the directory " + dir + " does not exist");
            }
        }
        TrainingData data = training.data();
        TrainingOptions.checkBatch(settings.batchSize(), data.yTrain().length);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FiniteWidthTraining base = new FiniteWidthTraining(network.withHiddenWidth(w[0]), data.xTrain(), data.yTrain(),
                data.xTest());
        LazyTrainingStudy study;
        try {
            for (int v : w) {
                FiniteWidthTraining t = base.withNetwork(network.withHiddenWidth(v));
                TrainCommand.warnAboveLimit(err, "lazy (width " + v + ")", settings.learningRate(),
                        t.empiricalDiagnostics(settings.seed()), t.kernelDiagnostics());
            }
            String description = describe(network, net, settings.seed());
            try (ProgressBar bar = new ProgressBar("lazy",
                    (long) w.length * scales.length * repeats * settings.steps())) {
                study = LazyTrainingStudy.run(network, base, w, scales, repeats, settings, description, bar::step);
            }
        } catch (ArithmeticException e) {
            throw new ComputationException(e.getMessage());
        }
        if (plot != null) {
            try {
                study.savePlot(plot);
            } catch (IOException e) {
                throw new UsageException("cannot write " + plot + ": " + e.getMessage());
            }
        }
        out.print(f.equals("json") ? study.json() : study.table().render(f));
        out.flush();
    }

    static double[] parseScales(String spec) {
        String[] parts = spec.split(",", -1);
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new UsageException("--output-scales: '" + parts[i].strip() + "' is not a number");
            }
            if (!(out[i] > 0) || Double.isInfinite(out[i])) {
                throw new UsageException("--output-scales must be finite numbers > 0, got " + parts[i].strip());
            }
        }
        return out;
    }

    private static String describe(Network network, NetworkOptions opts, long seed) {
        return String.format(Locale.ROOT, "%s, depth %d, %s parameterization, seed %d", opts.activation,
                network.depth(), network.parameterization().name().toLowerCase(Locale.ROOT), seed);
    }
}
