package org.ntk4j.tables;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.ntk4j.io.AtomicOutput;
import org.ntk4j.io.Json;
import org.ntk4j.network.Network;
import org.ntk4j.predict.FiniteWidthTraining;
import org.ntk4j.predict.TrainingRun;
import org.ntk4j.predict.TrainingSettings;

/**
 * The lazy-training study: the same data, seed and gradient-descent settings at several hidden widths (or several
 * output scales α), showing that training becomes lazy — the weights, the empirical NTK and the network's outputs
 * stay closer to their initial values and to the infinite-width NTK gradient flow — as the width (or α) grows.
 * Each metric is taken at the last step and summarised by the least-squares slope of ln(metric) against ln(width)
 * (or ln α). In the NTK parameterization the distance to the infinite-width linearised gradient descent (same η and
 * steps) is expected to fall like width^(−1/2), ‖w − w₀‖/‖w₀‖ like width^(−1/2) for one hidden layer (width^(−1)
 * for deeper ones, whose ‖w₀‖ grows like the width) and the NTK change at least like width^(−1/2). The distance to
 * the gradient flow levels off at the time-discretisation error of gradient descent with a finite η.
 */
public final class LazyTrainingStudy {

    /** The swept variable. */
    public enum Sweep {
        WIDTH("hidden width"), OUTPUT_SCALE("output scale alpha");

        private final String label;

        Sweep(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The recorded quantities: at the last step, averaged over the repeats (seeds). */
    public enum Metric {
        WEIGHT_CHANGE("rel. weight change", "relative weight change ||w-w0||/||w0||", r -> r.last().weightChange()),
        NTK_CHANGE("rel. NTK change", "relative NTK change during training", r -> r.last().ntkChange()),
        NTK_DEVIATION("NTK0 deviation", "relative deviation of the initial NTK from infinite width",
                TrainingRun::initialNtkDeviation),
        TEST_DISTANCE_GD("test dist. (kernel GD)", "RMS test distance to infinite-width GD (same eta, steps)",
                r -> r.last().testDistanceGd()),
        TRAIN_DISTANCE_GD("train dist. (kernel GD)", "RMS train distance to infinite-width GD (same eta, steps)",
                r -> r.last().trainDistanceGd()),
        TEST_DISTANCE("test dist. (flow)", "RMS test distance to the infinite-width gradient flow",
                r -> r.last().testDistance()),
        TEST_DISTANCE_LINEARISED("test dist. (own linearisation)",
                "RMS test distance to the network's own linearisation at w0", r -> r.last().testDistanceLinearised());

        private final String column;
        private final String legend;
        private final ToDoubleFunction<TrainingRun> value;

        Metric(String column, String legend, ToDoubleFunction<TrainingRun> value) {
            this.column = column;
            this.legend = legend;
            this.value = value;
        }

        public double of(TrainingRun run) {
            return value.applyAsDouble(run);
        }

        /** The mean over the runs of a point. */
        public double of(Point p) {
            double s = 0;
            for (TrainingRun r : p.runs()) {
                s += of(r);
            }
            return s / p.runs().size();
        }

        public String column() {
            return column;
        }

        public String legend() {
            return legend;
        }
    }

    /** One width (and output scale) of the sweep, trained once per seed. */
    public record Point(int width, double outputScale, List<TrainingRun> runs) {
        public Point {
            runs = List.copyOf(runs);
            if (runs.isEmpty()) {
                throw new IllegalArgumentException("a point needs at least one run");
            }
        }

        public double x(Sweep sweep) {
            return sweep == Sweep.WIDTH ? width : outputScale;
        }

        /** The mean training loss at the last step. */
        public double trainLoss() {
            double s = 0;
            for (TrainingRun r : runs) {
                s += r.last().trainLoss();
            }
            return s / runs.size();
        }
    }

    private final Sweep sweep;
    private final List<Point> points;
    private final TrainingSettings settings;
    private final String description;

    public LazyTrainingStudy(Sweep sweep, List<Point> points, TrainingSettings settings, String description) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("no points");
        }
        this.sweep = sweep;
        this.points = List.copyOf(points);
        this.settings = settings;
        this.description = description;
    }

    /**
     * Trains the network at every width (all with output scale {@code scales[0]}) or, with a single width and
     * several scales, at every output scale; each point {@code repeats} times with the seeds seed, seed + 1, ….
     *
     * @param network  the network description (its hidden widths are replaced by each width)
     * @param data     the training and test data (any width)
     * @param progress called once per gradient step of every run
     */
    public static LazyTrainingStudy run(Network network, FiniteWidthTraining data, int[] widths, double[] scales,
                                        int repeats, TrainingSettings settings, String description,
                                        IntConsumer progress) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
        }
        if (widths.length > 1 && scales.length > 1) {
            throw new IllegalArgumentException("sweep either the widths or the output scales, not both");
        }
        Sweep sweep = widths.length == 1 && scales.length > 1 ? Sweep.OUTPUT_SCALE : Sweep.WIDTH;
        List<Point> points = new ArrayList<>();
        for (int w : widths) {
            FiniteWidthTraining t = data.withNetwork(network.withHiddenWidth(w));
            for (double alpha : scales) {
                List<TrainingRun> runs = new ArrayList<>();
                for (int r = 0; r < repeats; r++) {
                    TrainingSettings s = new TrainingSettings(settings.steps(), settings.learningRate(), alpha,
                            settings.batchSize(), settings.checkpoints(), settings.seed() + r);
                    runs.add(t.train(s, progress));
                }
                points.add(new Point(w, alpha, runs));
            }
        }
        return new LazyTrainingStudy(sweep, points, settings, description);
    }

    public Sweep sweep() {
        return sweep;
    }

    public List<Point> points() {
        return points;
    }

    /**
     * The least-squares slope of ln(metric) against ln(x) over the points, or NaN with fewer than two points or a
     * value ≤ 0.
     */
    public double slope(Metric metric) {
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i).x(sweep);
            y[i] = metric.of(points.get(i));
        }
        return logLogSlope(x, y);
    }

    /** The least-squares slope of ln y against ln x; NaN with fewer than two distinct x or any value ≤ 0. */
    public static double logLogSlope(double[] x, double[] y) {
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            if (!(x[i] > 0) || !(y[i] > 0)) {
                return Double.NaN;
            }
            mx += Math.log(x[i]);
            my += Math.log(y[i]);
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            double dx = Math.log(x[i]) - mx;
            sxy += dx * (Math.log(y[i]) - my);
            sxx += dx * dx;
        }
        return sxx == 0 ? Double.NaN : sxy / sxx;
    }

    /** One row per trained network (values at the last step) and a last row with the fitted log-log slopes. */
    public Table table() {
        List<String> header = new ArrayList<>(List.of("width", "alpha", "train loss"));
        for (Metric m : Metric.values()) {
            header.add(m.column());
        }
        Table t = new Table(caption(), header);
        for (Point p : points) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(p.width()), fmt(p.outputScale()),
                    fmt(p.trainLoss())));
            for (Metric m : Metric.values()) {
                row.add(fmt(m.of(p)));
            }
            t.addRow(row);
        }
        if (points.size() > 1) {
            List<String> row = new ArrayList<>(List.of("slope vs", sweep == Sweep.WIDTH ? "ln width" : "ln alpha", ""));
            for (Metric m : Metric.values()) {
                double s = slope(m);
                row.add(Double.isNaN(s) ? "n/a" : String.format(Locale.ROOT, "%.3f", s));
            }
            t.addRow(row);
        }
        return t;
    }

    private String caption() {
        int repeats = points.get(0).runs().size();
        return String.format(Locale.ROOT, "Lazy training: %s; %d steps of %s at learning rate %s (time %s); "
                        + "values at the last step%s. rel. weight change = ||w - w0||/||w0||, rel. NTK change = "
                        + "||ntk - ntk0||_F/||ntk0||_F, NTK0 deviation = ||ntk0 - ntk_inf||_F/||ntk_inf||_F (training "
                        + "inputs); distances are RMS to the infinite-width NTK predictions",
                description, settings.steps(), settings.batchSize() == 0 ? "full-batch GD"
                        : "SGD (batch " + settings.batchSize() + ")",
                fmt(settings.learningRate()), fmt(settings.learningRate() * settings.steps()),
                repeats > 1 ? ", mean over " + repeats + " seeds" : "");
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /**
     * The log-log plot of every metric against the swept variable, with a guide: width^(−1/2) through the first
     * point of the initial-NTK deviation, or α^(−1) through the first weight change.
     */
    public XYChart chart() {
        XYChart chart = new XYChartBuilder().width(900).height(620)
                .title("Lazy training: " + description)
                .xAxisTitle(sweep == Sweep.WIDTH ? "hidden width n (log scale)" : "output scale alpha (log scale)")
                .yAxisTitle("relative change / RMS distance (log scale)").build();
        Styler s = chart.getStyler();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Vertical);
        s.setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(true);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setYAxisDecimalPattern("0.0E0");
        double[] x = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i).x(sweep);
        }
        for (Metric m : Metric.values()) {
            double[] y = new double[x.length];
            boolean positive = true;
            for (int i = 0; i < x.length; i++) {
                y[i] = m.of(points.get(i));
                positive &= y[i] > 0;
            }
            if (!positive) {
                continue; // a log axis cannot show 0
            }
            double slope = slope(m);
            String name = m.legend() + (Double.isNaN(slope) ? "" : String.format(Locale.ROOT, " (slope %.2f)", slope));
            XYSeries series = chart.addSeries(name, x, y);
            series.setMarker(SeriesMarkers.CIRCLE);
        }
        // width^(-1/2) through the initial-NTK deviation; alpha^(-1) through the weight change
        double ntk0 = (sweep == Sweep.WIDTH ? Metric.NTK_DEVIATION : Metric.WEIGHT_CHANGE).of(points.get(0));
        if (x.length > 1 && ntk0 > 0) {
            double power = sweep == Sweep.WIDTH ? -0.5 : -1.0;
            double[] guide = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                guide[i] = ntk0 * Math.pow(x[i] / x[0], power);
            }
            XYSeries g = chart.addSeries(sweep == Sweep.WIDTH ? "reference: width^(-1/2)" : "reference: alpha^(-1)",
                    x, guide);
            g.setMarker(SeriesMarkers.NONE);
            g.setLineColor(Color.GRAY);
            g.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
        }
        return chart;
    }

    /** Writes the chart as SVG or PNG (by the file's ending), atomically. */
    public void savePlot(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        XYChart chart = chart();
        try (AtomicOutput out = new AtomicOutput()) {
            if (name.endsWith(".svg")) {
                out.write(file, o -> VectorGraphicsEncoder.saveVectorGraphic(chart, o,
                        VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
            } else if (name.endsWith(".png")) {
                out.write(file, o -> BitmapEncoder.saveBitmap(chart, o, BitmapEncoder.BitmapFormat.PNG));
            } else {
                throw new IllegalArgumentException("the plot file must end in .svg or .png: " + file);
            }
            out.commit();
        }
    }

    /** The study as JSON: per point the metrics (means over the repeats), then the slopes. */
    public String json() {
        StringBuilder sb = new StringBuilder("{\"sweep\": ")
                .append(Json.string(sweep == Sweep.WIDTH ? "width" : "output_scale")).append(", \"points\": [");
        Metric[] ms = Metric.values();
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            sb.append(i > 0 ? ", " : "").append("{\"width\": ").append(p.width())
                    .append(", \"output_scale\": ").append(Json.number(p.outputScale()))
                    .append(", \"repeats\": ").append(p.runs().size())
                    .append(", \"train_loss\": ").append(Json.number(p.trainLoss()));
            for (Metric m : ms) {
                sb.append(", ").append(Json.string(m.name().toLowerCase(Locale.ROOT))).append(": ")
                        .append(Json.number(m.of(p)));
            }
            sb.append('}');
        }
        sb.append("], \"slopes\": {");
        for (int i = 0; i < ms.length; i++) {
            double s = slope(ms[i]);
            sb.append(i > 0 ? ", " : "").append(Json.string(ms[i].name().toLowerCase(Locale.ROOT))).append(": ")
                    .append(Double.isNaN(s) ? "null" : Json.number(s));
        }
        return sb.append("}}\n").toString();
    }
}
