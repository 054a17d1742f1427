package org.ntk4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.ntk4j.empirical.ConvergenceStudy;
import org.ntk4j.io.AtomicOutput;
import org.ntk4j.io.Json;
import org.ntk4j.io.Matrices;
import org.ntk4j.network.Network;
import org.ntk4j.network.Parameterization;
import org.ntk4j.tables.ConvergencePlot;
import org.ntk4j.tables.ConvergenceTables;
import org.ntk4j.tables.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ntk4j converge}: relative Frobenius errors of single-network empirical kernels against the analytic ones
 * over a list of widths, the fitted log-log slopes with 95% confidence intervals, and optionally a plot.
 */
@Command(name = "converge", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Convergence of the empirical NNGP/NTK to the infinite-width kernels: relative Frobenius "
                + "error vs width (mean ± standard error over --samples networks, and the error of their mean), "
                + "with the OLS slope of log error on log width and its 95%% t interval.",
                "Example: ntk4j converge --activation relu --depth 2 --weight-var 2 --bias-var 0.1 "
                        + "--widths 64,128,256,512,1024 --samples 8 --x1 docs/examples/inputs.csv --plot conv.svg"})
public final class ConvergeCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    NetworkOptions net;

    @Option(names = "--widths", required = true, paramLabel = "N1,N2,...",
            description = "Hidden widths to compare (every hidden layer gets the width), comma-separated.")
    String widths;

    @Option(names = "--samples", paramLabel = "S", defaultValue = "8",
            description = "Independent networks per width (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--x1", required = true, paramLabel = "FILE", description = "Inputs, one per row (CSV or .npy).")
    Path x1;

    @Option(names = "--seed", paramLabel = "K", defaultValue = "0", description = "Base seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", paramLabel = "table|json|markdown|csv", defaultValue = "table",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--plot", paramLabel = "FILE.svg|png", description = "Also write a log-log plot of error vs width.")
    Path plot;

    @Override
    public void run() {
        if (net.width != null) {
            throw new UsageException("converge takes the widths with --widths, not --width");
        }
        int[] w = NetworkOptions.parseWidths("--widths", widths);
        if (samples < 1) {
            throw new UsageException("--samples must be >= 1, got " + samples);
        }
        String f = format.strip().toLowerCase(Locale.ROOT);
        if (!f.equals("table") && !f.equals("json") && !f.equals("markdown") && !f.equals("csv")) {
            throw new UsageException("--format must be table, json, markdown or csv, got '" + format + "'");
        }
        String plotFormat = null;
        if (plot != null) {
            try {
                plotFormat = ConvergencePlot.format(plot);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--plot: " + e.getMessage());
            }
            Path dir = plot.toAbsolutePath().getParent();
            if (dir != null && !Files.isDirectory(dir)) {
                throw new UsageException("--plot: the directory " + dir + " does not exist");
            }
        }
        Network network = net.networkWithoutWidths();
        if (network.depth() == 0) {
            throw new UsageException("--depth 0 has no hidden layer: its empirical kernels are exact, there is "
                    + "nothing to converge");
        }
        if (net.parameterizationValue() == Parameterization.STANDARD) {
            network = network.withHiddenWidth(w[0]).withParameterization(Parameterization.STANDARD);
        }
        double[][] x = Matrices.read(x1);
        ConvergenceStudy.Result r;
        try (ProgressBar bar = new ProgressBar("converge", (long) w.length * samples)) {
            r = ConvergenceStudy.run(network, x, w, samples, seed, bar::step);
        } catch (ArithmeticException e) {
            throw new ComputationException(e.getMessage());
        }
        checkFinite(r);
        if (plot != null) {
            Map<String, ConvergencePlot.Curve> curves = new LinkedHashMap<>();
            curves.put("NTK", ConvergenceTables.curve(r, true));
            curves.put("NNGP", ConvergenceTables.curve(r, false));
            XYChart chart = ConvergencePlot.chart(net.activation().spec() + ", depth " + network.depth()
                    + ": empirical vs infinite-width kernels (" + samples + " networks per width)", curves);
            String pf = plotFormat;
            try (AtomicOutput files = new AtomicOutput()) {
                files.write(plot, out -> ConvergencePlot.write(chart, pf, out));
                files.commit();
            } catch (IOException e) {
                throw new UsageException("cannot write " + plot + ": " + e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (f.equals("json")) {
            out.print(json(r));
        } else {
            String caption = String.format(Locale.ROOT, "%s, depth %d: relative Frobenius error vs width "
                    + "(%d networks per width); slope NNGP %s %s, NTK %s %s", net.activation().spec(),
                    network.depth(), samples, slope(r.nngpSlope()), ci(r.nngpSlope()), slope(r.ntkSlope()),
                    ci(r.ntkSlope()));
            out.print(table(caption, r).render(f));
        }
        out.flush();
    }

    private static void checkFinite(ConvergenceStudy.Result r) {
        for (ConvergenceStudy.Row row : r.rows()) {
            if (!Double.isFinite(row.nngpError()) || !Double.isFinite(row.ntkError())
                    || !Double.isFinite(row.nngpMeanError()) || !Double.isFinite(row.ntkMeanError())) {
                throw new ComputationException("the empirical kernels at width " + row.width()
                        + " overflow the double range (smaller variances or depth, or a bounded activation)");
            }
        }
    }

    static Table table(String caption, ConvergenceStudy.Result r) {
        Table t = new Table(caption, "width", "NNGP error", "NNGP ± SE", "NNGP MC mean error", "NTK error", "NTK ± SE",
                "NTK MC mean error");
        for (ConvergenceStudy.Row row : r.rows()) {
            t.addRow(Integer.toString(row.width()), sci(row.nngpError()), sci(row.nngpErrorStandardError()),
                    sci(row.nngpMeanError()), sci(row.ntkError()), sci(row.ntkErrorStandardError()),
                    sci(row.ntkMeanError()));
        }
        return t;
    }

    static String json(ConvergenceStudy.Result r) {
        StringBuilder sb = new StringBuilder("{\"rows\": [");
        for (int i = 0; i < r.rows().size(); i++) {
            ConvergenceStudy.Row row = r.rows().get(i);
            sb.append(i == 0 ? "" : ", ").append("{\"width\": ").append(row.width())
                    .append(", \"nngp_rel_error\": ").append(Json.number(row.nngpError()))
                    .append(", \"nngp_rel_error_stderr\": ").append(Json.number(row.nngpErrorStandardError()))
                    .append(", \"ntk_rel_error\": ").append(Json.number(row.ntkError()))
                    .append(", \"ntk_rel_error_stderr\": ").append(Json.number(row.ntkErrorStandardError()))
                    .append(", \"nngp_mc_mean_rel_error\": ").append(Json.number(row.nngpMeanError()))
                    .append(", \"ntk_mc_mean_rel_error\": ").append(Json.number(row.ntkMeanError())).append('}');
        }
        sb.append("], \"samples\": ").append(r.samples());
        sb.append(", \"slope\": {\"nngp\": ").append(slopeJson(r.nngpSlope())).append(", \"ntk\": ")
                .append(slopeJson(r.ntkSlope())).append('}');
        sb.append(", \"slope_ci95\": {\"nngp\": ").append(ciJson(r.nngpSlope())).append(", \"ntk\": ")
                .append(ciJson(r.ntkSlope())).append('}');
        sb.append(", \"slope_method\": \"OLS of log error on log width over all networks, t interval\"}\n");
        return sb.toString();
    }

    private static String slopeJson(ConvergenceStudy.Slope s) {
        return s == null ? "null" : Json.number(s.value());
    }

    private static String ciJson(ConvergenceStudy.Slope s) {
        return s == null ? "null" : "[" + Json.number(s.lower()) + ", " + Json.number(s.upper()) + "]";
    }

    private static String slope(ConvergenceStudy.Slope s) {
        return s == null ? "n/a" : String.format(Locale.ROOT, "%.3f", s.value());
    }

    private static String ci(ConvergenceStudy.Slope s) {
        return s == null ? "(needs two widths)" : String.format(Locale.ROOT, "[%.3f, %.3f]", s.lower(), s.upper());
    }

    private static String sci(double v) {
        return String.format(Locale.ROOT, "%.3e", v);
    }
}
