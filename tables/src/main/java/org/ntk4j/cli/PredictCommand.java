package org.ntk4j.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.ntk4j.io.Json;
import org.ntk4j.io.Matrices;
import org.ntk4j.network.Network;
import org.ntk4j.predict.GramDiagnostics;
import org.ntk4j.predict.InfiniteWidthPredictor;
import org.ntk4j.predict.Prediction;
import org.ntk4j.predict.PredictionKernel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ntk4j predict}: test-set predictions of infinitely wide networks trained on (X, y): the NNGP posterior
 * or the NTK-trained infinite ensemble, at a gradient-flow time τ = η·steps or converged (docs/predictions.md).
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Infinite-width predictions (mean and variance over initialisations) on test inputs: the NNGP "
                + "posterior or the NTK-trained infinite ensemble, after gradient flow for time T on the loss "
                + "(1/2n) sum (f(x_i) - y_i)^2, or converged (T = inf).",
                "T is eta x steps: k steps of gradient descent at learning rate eta correspond to T = k*eta.",
                "Example: ntk4j predict --activation relu --depth 2 --weight-var 2 --bias-var 0.1 "
                        + "--x-train x.csv --y-train y.csv --x-test xt.csv --kernel ntk --time inf"})
public final class PredictCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    NetworkOptions net;

    @Mixin
    TrainingDataOptions files;

    @Option(names = "--kernel", paramLabel = "nngp|ntk", defaultValue = "ntk",
            description = "ntk: the infinite ensemble trained by gradient flow (default); nngp: the Gaussian-process posterior.")
    String kernel;

    @Option(names = "--time", paramLabel = "T|inf", defaultValue = "inf",
            description = "Gradient-flow time T = eta x steps >= 0, or inf for the converged predictor (default: ${DEFAULT-VALUE}).")
    String time;

    @Option(names = "--ridge", paramLabel = "R", defaultValue = "0",
            description = "Ridge R >= 0 added to the training Gram matrix (for nngp: observation-noise variance; default: ${DEFAULT-VALUE}).")
    double ridge;

    @Option(names = "--format", paramLabel = "json|csv", defaultValue = "json",
            description = "json: {\"mean\", \"variance\", \"diagnostics\"}; csv: rows 'mean,variance' (no header), "
                    + "diagnostics on stderr (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public void run() {
        Network network = net.network();
        PredictionKernel kind = parseKernel(kernel);
        double t = parseTime(time);
        if (!(ridge >= 0) || Double.isInfinite(ridge)) {
            throw new UsageException("--ridge must be a finite number >= 0, got " + ridge);
        }
        String f = format.strip().toLowerCase(Locale.ROOT);
        if (!f.equals("json") && !f.equals("csv")) {
            throw new UsageException("--format must be json or csv, got '" + format + "'");
        }
        TrainingData data = files.read();
        Prediction p;
        try {
            p = new InfiniteWidthPredictor(network, data.xTrain(), data.yTrain(), kind, ridge).predict(data.xTest(), t);
        } catch (ArithmeticException e) {
            throw new ComputationException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        warn(err, kind, p, t);
        if (f.equals("json")) {
            out.print(json(p));
        } else {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < p.mean().length; i++) {
                sb.append(Json.number(p.mean()[i])).append(',').append(Json.number(p.variance()[i])).append('\n');
            }
            out.print(sb);
            err.println("ntk4j predict: " + describe(kind, p.diagnostics()));
        }
        out.flush();
        err.flush();
    }

    static PredictionKernel parseKernel(String s) {
        try {
            return PredictionKernel.parse(s);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--kernel must be nngp or ntk, got '" + s + "'");
        }
    }

    /** A time ≥ 0 or inf/infinity. */
    static double parseTime(String s) {
        String v = s.strip().toLowerCase(Locale.ROOT);
        if (v.equals("inf") || v.equals("infinity") || v.equals("+inf") || v.equals("∞")) {
            return Double.POSITIVE_INFINITY;
        }
        double t;
        try {
            t = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--time: '" + s + "' is neither a number nor inf");
        }
        if (!(t >= 0)) {
            throw new UsageException("--time must be >= 0 (or inf), got " + s);
        }
        return t;
    }

    /** The JSON object {"mean", "variance", "diagnostics"}. */
    static String json(Prediction p) {
        StringBuilder sb = new StringBuilder("{\"mean\": ");
        array(sb, p.mean());
        sb.append(", \"variance\": ");
        array(sb, p.variance());
        GramDiagnostics d = p.diagnostics();
        sb.append(", \"diagnostics\": {\"lambda_max\": ").append(Json.number(d.lambdaMax()))
                .append(", \"lambda_min\": ").append(Json.number(d.lambdaMin()))
                .append(", \"condition_number\": ").append(numberOrNull(d.conditionNumber()))
                .append(", \"max_learning_rate\": ").append(numberOrNull(d.maxLearningRate()))
                .append("}}\n");
        return sb.toString();
    }

    private static void array(StringBuilder sb, double[] v) {
        sb.append('[');
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(Json.number(v[i]));
        }
        sb.append(']');
    }

    /** JSON has no infinity: an infinite condition number (singular matrix) or learning rate is null. */
    static String numberOrNull(double v) {
        return Double.isFinite(v) ? Json.number(v) : "null";
    }

    static String describe(PredictionKernel kind, GramDiagnostics d) {
        return String.format(Locale.ROOT,
                "training %s Gram%s: lambda_max = %.6g, lambda_min = %.6g, condition number = %s, "
                        + "max stable learning rate 2n/lambda_max = %s",
                kind == PredictionKernel.NTK ? "NTK" : "NNGP", d.ridge() > 0 ? " + ridge" : "",
                d.lambdaMax(), d.lambdaMin(), finiteOr(d.conditionNumber(), "inf (singular)"),
                finiteOr(d.maxLearningRate(), "inf"));
    }

    private static String finiteOr(double v, String otherwise) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : otherwise;
    }

    private static void warn(PrintWriter err, PredictionKernel kind, Prediction p, double t) {
        GramDiagnostics d = p.diagnostics();
        if (t == Double.POSITIVE_INFINITY && d.digitsLost() > 8) {
            err.printf(Locale.ROOT, "ntk4j predict: warning: the training %s Gram matrix has condition number %.2e; "
                    + "the predictions may have lost about %.0f of 16 significant digits (a --ridge helps)%n",
                    kind == PredictionKernel.NTK ? "NTK" : "NNGP", d.conditionNumber(), d.digitsLost());
        }
        if (p.roundedUpVariances() > 0) {
            err.printf(Locale.ROOT, "ntk4j predict: warning: %d variance(s) came out negative through rounding "
                    + "(down to %.3g) and are reported as 0%n", p.roundedUpVariances(), p.mostNegativeVariance());
        }
    }
}
