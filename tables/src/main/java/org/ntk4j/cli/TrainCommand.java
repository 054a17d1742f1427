package org.ntk4j.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.ntk4j.io.Json;
import org.ntk4j.network.Network;
import org.ntk4j.predict.Checkpoint;
import org.ntk4j.predict.FiniteWidthTraining;
import org.ntk4j.predict.GramDiagnostics;
import org.ntk4j.predict.TrainingRun;
import org.ntk4j.predict.TrainingSettings;
import org.ntk4j.tables.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ntk4j train}: trains one finite network by gradient descent and compares it at log-spaced checkpoints with
 * the infinite-width NTK gradient flow (docs/predictions.md).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains a finite network of the given width by full-batch gradient descent (or SGD) on "
                + "(1/2n) sum (g(x_i) - y_i)^2 for the centred model g = alpha*(f(w) - f(w0)), recording at log-spaced "
                + "checkpoints the loss, the relative change of the weights and of the empirical NTK, and the distance "
                + "to the infinite-width NTK gradient-flow prediction at the same time eta*step.",
                "Example: ntk4j train --activation relu --depth 1 --width 1024 --x-train x.csv --y-train y.csv "
                        + "--x-test xt.csv --steps 1000 --learning-rate 0.5"})
public final class TrainCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    NetworkOptions net;

    @Mixin
    TrainingOptions training;

    @Option(names = "--output-scale", paramLabel = "ALPHA", defaultValue = "1",
            description = "Output scale alpha > 0 of the centred model alpha*(f(w) - f(w0)), loss scaled by 1/alpha^2 "
                    + "(Chizat-Bach lazy training; default: ${DEFAULT-VALUE}).")
    double outputScale;

    @Option(names = "--format", paramLabel = "json|table|markdown|csv|latex", defaultValue = "json",
            description = "json (default): checkpoints, outputs and diagnostics; table/markdown/csv/latex: the checkpoint table.")
    String format;

    @Override
    public void run() {
        if (net.width == null) {
            throw new UsageException("train needs --width N (the hidden width of the finite network)");
        }
        Network network = net.network();
        TrainingSettings settings = training.settings(outputScale);
        String f = format.strip().toLowerCase(Locale.ROOT);
        if (!f.equals("json") && !TableFormats.isTable(f)) {
            throw new UsageException("--format must be json, table, markdown, csv or latex, got '" + format + "'");
        }
        TrainingData data = training.data();
        TrainingOptions.checkBatch(settings.batchSize(), data.yTrain().length);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TrainingRun run;
        try {
            FiniteWidthTraining t = new FiniteWidthTraining(network, data.xTrain(), data.yTrain(), data.xTest());
            warnAboveLimit(err, "train", settings.learningRate(), t.empiricalDiagnostics(settings.seed()),
                    t.kernelDiagnostics());
            try (ProgressBar bar = new ProgressBar("train", settings.steps())) {
                run = t.train(settings, bar::step);
            }
        } catch (ArithmeticException e) {
            throw new ComputationException(e.getMessage());
        }
        if (f.equals("json")) {
            out.print(json(run));
        } else {
            out.print(table(run, settings).render(f));
        }
        out.flush();
    }

    /** A learning rate above the stability limit is allowed (to study the catapult/unstable regime) but warned about. */
    static void warnAboveLimit(PrintWriter err, String context, double eta, GramDiagnostics empirical,
                               GramDiagnostics infinite) {
        if (eta > empirical.maxLearningRate()) {
            err.printf(Locale.ROOT, "ntk4j %s: warning: --learning-rate %.4g is above the stability limit 2n/lambda_max "
                    + "= %.4g of the sampled network's NTK (infinite width: %.4g); training may diverge%n", context, eta,
                    empirical.maxLearningRate(), infinite.maxLearningRate());
            err.flush();
        }
    }

    static Table table(TrainingRun run, TrainingSettings s) {
        Table t = new Table(String.format(Locale.ROOT,
                "Training with learning rate %s, output scale %s%s; distances are RMS to the infinite-width NTK gradient flow "
                        + "at time eta*step and to infinite-width linearised GD with the same eta and steps; "
                        + "rel. weight change = ||w - w0||/||w0||, rel. NTK change = ||ntk - ntk0||_F/||ntk0||_F",
                fmt(s.learningRate()), fmt(s.outputScale()), s.batchSize() == 0 ? "" : ", batch size " + s.batchSize()),
                "step", "time", "train loss", "rel. weight change", "rel. NTK change", "train dist. (flow)", "test dist. (flow)",
                "train dist. (kernel GD)", "test dist. (kernel GD)", "test dist. (own linearisation)");
        for (Checkpoint c : run.checkpoints()) {
            t.addRow(Integer.toString(c.step()), fmt(c.time()), fmt(c.trainLoss()), fmt(c.weightChange()),
                    fmt(c.ntkChange()), fmt(c.trainDistance()), fmt(c.testDistance()), fmt(c.trainDistanceGd()),
                    fmt(c.testDistanceGd()), fmt(c.testDistanceLinearised()));
        }
        return t;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    static String json(TrainingRun run) {
        StringBuilder sb = new StringBuilder("{\"checkpoints\": [");
        boolean first = true;
        for (Checkpoint c : run.checkpoints()) {
            sb.append(first ? "" : ", ");
            first = false;
            sb.append("{\"step\": ").append(c.step())
                    .append(", \"time\": ").append(Json.number(c.time()))
                    .append(", \"train_loss\": ").append(Json.number(c.trainLoss()))
                    .append(", \"weight_change\": ").append(Json.number(c.weightChange()))
                    .append(", \"ntk_change\": ").append(Json.number(c.ntkChange()))
                    .append(", \"train_distance\": ").append(Json.number(c.trainDistance()))
                    .append(", \"test_distance\": ").append(Json.number(c.testDistance()))
                    .append(", \"train_distance_gd\": ").append(Json.number(c.trainDistanceGd()))
                    .append(", \"test_distance_gd\": ").append(Json.number(c.testDistanceGd()))
                    .append(", \"test_distance_linearised\": ").append(Json.number(c.testDistanceLinearised()))
                    .append('}');
        }
        sb.append("], \"test_outputs\": ");
        array(sb, run.testOutputs());
        sb.append(", \"kernel_flow_test_outputs\": ");
        array(sb, run.kernelTestOutputs());
        sb.append(", \"kernel_gd_test_outputs\": ");
        array(sb, run.kernelGdTestOutputs());
        sb.append(", \"diagnostics\": {\"empirical_ntk\": ");
        diagnostics(sb, run.empiricalDiagnostics());
        sb.append(", \"infinite_ntk\": ");
        diagnostics(sb, run.kernelDiagnostics());
        sb.append("}}\n");
        return sb.toString();
    }

    static void diagnostics(StringBuilder sb, GramDiagnostics d) {
        sb.append("{\"lambda_max\": ").append(Json.number(d.lambdaMax()))
                .append(", \"lambda_min\": ").append(Json.number(d.lambdaMin()))
                .append(", \"condition_number\": ").append(PredictCommand.numberOrNull(d.conditionNumber()))
                .append(", \"max_learning_rate\": ").append(PredictCommand.numberOrNull(d.maxLearningRate())).append('}');
    }

    static void array(StringBuilder sb, double[] v) {
        sb.append('[');
        for (int i = 0; i < v.length; i++) {
            sb.append(i > 0 ? ", " : "").append(Json.number(v[i]));
        }
        sb.append(']');
    }
}
