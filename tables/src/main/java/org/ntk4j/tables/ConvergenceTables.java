package org.ntk4j.tables;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ntk4j.activation.Activation;
import org.ntk4j.activation.Activations;
import org.ntk4j.empirical.ConvergenceStudy;
import org.ntk4j.empirical.Seeds;
import org.ntk4j.network.Network;

/**
 * The finite-width convergence tables: for relu, erf and tanh networks of depth 1, 2 and 4 (σ_w² = 2,
 * σ_b² = 0.1, NTK parameterization), the relative Frobenius errors of single-network empirical NNGP and NTK Gram
 * matrices against the analytic ones at widths 64..2048 (mean ± standard error over 8 networks, and the error of
 * their Monte Carlo mean), and the fitted log-log slopes with 95% confidence intervals
 * ({@link ConvergenceStudy}). The inputs are 24 fixed points on the sphere √d·S^{d−1}, d = 16.
 *
 * <p>It writes {@code convergence-slopes.{md,csv,tex}}, {@code convergence-errors.{md,csv,tex}} and the figures
 * {@code convergence-ntk.{svg,png}}, {@code convergence-nngp.{svg,png}}.
 */
public final class ConvergenceTables implements TableGenerator {

    /** The activations of the tables, in order; those not in this build's catalogue are skipped with a note. */
    public static final List<String> ACTIVATIONS = List.of("relu", "erf", "tanh");
    public static final int[] DEPTHS = {1, 2, 4};
    public static final int[] WIDTHS = {64, 128, 256, 512, 1024, 2048};
    public static final int SAMPLES = 8;
    public static final int INPUTS = 24;
    public static final int DIMENSION = 16;
    public static final double WEIGHT_VARIANCE = 2.0;
    public static final double BIAS_VARIANCE = 0.1;
    public static final long SEED = 20240601L;

    private final List<String> activations;
    private final int[] depths;
    private final int[] widths;
    private final int samples;

    /** The published configuration. */
    public ConvergenceTables() {
        this(ACTIVATIONS, DEPTHS, WIDTHS, SAMPLES);
    }

    /** A smaller configuration (tests). */
    public ConvergenceTables(List<String> activations, int[] depths, int[] widths, int samples) {
        this.activations = List.copyOf(activations);
        this.depths = depths.clone();
        this.widths = widths.clone();
        this.samples = samples;
    }

    /** The number of networks sampled, i.e. of progress steps (for a progress bar). */
    @Override
    public long steps() {
        return (long) available().size() * depths.length * widths.length * samples;
    }

    /** The points: {@link #INPUTS} standard normal vectors scaled to norm √d, from a fixed stream. */
    public static double[][] inputs() {
        UniformRandomProvider rng = Seeds.stream(SEED, 0);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] x = new double[INPUTS][DIMENSION];
        for (double[] row : x) {
            double norm = 0;
            for (int k = 0; k < DIMENSION; k++) {
                row[k] = g.sample();
                norm += row[k] * row[k];
            }
            double scale = Math.sqrt(DIMENSION / norm);
            for (int k = 0; k < DIMENSION; k++) {
                row[k] *= scale;
            }
        }
        return x;
    }

    private Map<String, Activation> available() {
        Map<String, Activation> out = new LinkedHashMap<>();
        for (String name : activations) {
            try {
                out.put(name, Activations.parse(name));
            } catch (IllegalArgumentException e) {
                // not in this build's catalogue: skipped, and said so in the tables
            }
        }
        return out;
    }

    /** A study's result for one activation and depth. */
    public record Entry(String activation, int depth, ConvergenceStudy.Result result) {
    }

    /** Runs every study; {@code step} is called once per sampled network (may be null). */
    public List<Entry> compute(Runnable step) {
        double[][] x = inputs();
        List<Entry> out = new ArrayList<>();
        for (Map.Entry<String, Activation> a : available().entrySet()) {
            for (int depth : depths) {
                Network net = Network.mlp(a.getValue(), depth, WEIGHT_VARIANCE, BIAS_VARIANCE);
                out.add(new Entry(a.getKey(), depth, ConvergenceStudy.run(net, x, widths, samples, SEED, step)));
            }
        }
        return out;
    }

    @Override
    public String name() {
        return "convergence";
    }

    @Override
    public String description() {
        return "Finite width: convergence of empirical NNGP/NTK to the infinite-width kernels (ntk4j converge)";
    }

    /** Computes the studies and writes the tables and figures through {@code out}. */
    @Override
    public void generate(TablesOutput out) throws IOException {
        List<Entry> entries = compute(() -> out.step("convergence"));
        List<String> missing = new ArrayList<>(activations);
        missing.removeAll(available().keySet());
        String note = missing.isEmpty() ? "" : " (not available in this build: " + String.join(", ", missing) + ")";
        String setting = String.format(Locale.ROOT, "σ_w² = %s, σ_b² = %s, NTK parameterization, %d inputs on the "
                + "sphere in d = %d, %d networks per width", fmt(WEIGHT_VARIANCE), fmt(BIAS_VARIANCE), INPUTS,
                DIMENSION, samples);
        out.table("convergence-slopes", slopeTable("Fitted slopes of log error vs log width (OLS over all networks, "
                + "95% t interval); " + setting + note, entries));
        out.table("convergence-errors", errorTable("Relative Frobenius errors of the empirical kernels (mean ± "
                + "standard error over networks; MC: error of the mean kernel); " + setting + note, entries));
        for (String kernel : new String[] {"ntk", "nngp"}) {
            Map<String, ConvergencePlot.Curve> curves = new LinkedHashMap<>();
            for (Entry e : entries) {
                curves.put(e.activation() + " L=" + e.depth(), curve(e.result(), kernel.equals("ntk")));
            }
            String title = "Empirical " + kernel.toUpperCase(Locale.ROOT)
                    + " vs infinite width: single-network error, mean ± SE over " + samples + " networks";
            out.figure("convergence-" + kernel, title, ConvergencePlot.chart(title, curves));
        }
    }

    /** The single-network error curve of the NTK (or NNGP) of a study. */
    public static ConvergencePlot.Curve curve(ConvergenceStudy.Result r, boolean ntk) {
        int m = r.rows().size();
        int[] w = new int[m];
        double[] e = new double[m];
        double[] se = r.samples() > 1 ? new double[m] : null;
        for (int i = 0; i < m; i++) {
            ConvergenceStudy.Row row = r.rows().get(i);
            w[i] = row.width();
            e[i] = ntk ? row.ntkError() : row.nngpError();
            if (se != null) {
                se[i] = ntk ? row.ntkErrorStandardError() : row.nngpErrorStandardError();
            }
        }
        return new ConvergencePlot.Curve(w, e, se);
    }

    static Table slopeTable(String caption, List<Entry> entries) {
        Table t = new Table(caption, "activation", "depth", "NNGP slope", "NNGP 95% CI", "NTK slope", "NTK 95% CI");
        for (Entry e : entries) {
            ConvergenceStudy.Slope a = e.result().nngpSlope();
            ConvergenceStudy.Slope b = e.result().ntkSlope();
            t.addRow(e.activation(), Integer.toString(e.depth()), slope(a), interval(a), slope(b), interval(b));
        }
        return t;
    }

    static Table errorTable(String caption, List<Entry> entries) {
        Table t = new Table(caption, "activation", "depth", "width", "NNGP error", "NNGP ± SE", "NNGP MC",
                "NTK error", "NTK ± SE", "NTK MC");
        for (Entry e : entries) {
            for (ConvergenceStudy.Row r : e.result().rows()) {
                t.addRow(e.activation(), Integer.toString(e.depth()), Integer.toString(r.width()),
                        sci(r.nngpError()), sci(r.nngpErrorStandardError()), sci(r.nngpMeanError()),
                        sci(r.ntkError()), sci(r.ntkErrorStandardError()), sci(r.ntkMeanError()));
            }
        }
        return t;
    }

    static String slope(ConvergenceStudy.Slope s) {
        return s == null ? "n/a" : String.format(Locale.ROOT, "%.3f", s.value());
    }

    static String interval(ConvergenceStudy.Slope s) {
        return s == null ? "n/a" : String.format(Locale.ROOT, "[%.3f, %.3f]", s.lower(), s.upper());
    }

    static String sci(double v) {
        return String.format(Locale.ROOT, "%.3e", v);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
