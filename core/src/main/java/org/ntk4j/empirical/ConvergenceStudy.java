package org.ntk4j.empirical;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.distribution.continuous.TDistribution;
import org.ntk4j.kernel.InfiniteWidthKernel;
import org.ntk4j.kernel.KernelMatrices;
import org.ntk4j.network.Network;

/**
 * How fast the kernels of finite random networks approach the infinite-width ones.
 *
 * <p>For each hidden width n (every hidden layer of width n) and S independent networks, the relative Frobenius
 * error e = ‖K̂ − K‖_F / ‖K‖_F of each single network's empirical Gram matrix K̂ against the analytic K of
 * {@link InfiniteWidthKernel} (for the standard parameterization, the analytic NTK at that width), for the NNGP
 * and the NTK: their mean over the S networks with its standard error, and the error of the Monte Carlo mean
 * ‖mean_s K̂_s − K‖_F / ‖K‖_F. Network s at width n is sampled with seed {@code Seeds.derive(seed, n, s)}, so all
 * networks are independent.
 *
 * <p>The slope: ordinary least squares of log e on log n over all S × (number of widths) single-network errors,
 * with the 95% confidence interval slope ± t_{0.975, m−2} · SE (m points, the usual OLS standard error). The
 * fluctuations of a random-feature kernel are O(n^(−1/2)), so the slope is ≈ −1/2.
 */
public final class ConvergenceStudy {

    /** One width: mean single-network errors, their standard errors (0 when S = 1), and the Monte Carlo mean's errors. */
    public record Row(int width, double nngpError, double nngpErrorStandardError, double ntkError,
                      double ntkErrorStandardError, double nngpMeanError, double ntkMeanError) {
    }

    /** A fitted log-log slope with its 95% confidence interval [lower, upper]. */
    public record Slope(double value, double standardError, double lower, double upper) {
    }

    /**
     * The study. {@code nngpSlope}/{@code ntkSlope} are null when they cannot be fitted (fewer than two widths or
     * three points, or an error of exactly 0, as for networks of depth 0 whose kernels are exact).
     */
    public record Result(List<Row> rows, Slope nngpSlope, Slope ntkSlope, int samples,
                         double[][] nngpErrors, double[][] ntkErrors) {
    }

    private ConvergenceStudy() {
    }

    /**
     * Runs the study on the inputs {@code x} (rows).
     *
     * @param network   the network description (its hidden widths, if any, are replaced by each n in turn)
     * @param widths    the hidden widths n, each >= 1
     * @param samples   S >= 1 networks per width
     * @param afterEach runs once per finished network (may be null); there are widths.length × S of them
     */
    public static Result run(Network network, double[][] x, int[] widths, int samples, long seed, Runnable afterEach) {
        if (widths.length == 0) {
            throw new IllegalArgumentException("no widths");
        }
        for (int n : widths) {
            if (n < 1) {
                throw new IllegalArgumentException("widths must be >= 1, got " + n);
            }
        }
        if (samples < 1) {
            throw new IllegalArgumentException("the number of samples must be >= 1, got " + samples);
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("no inputs");
        }
        if (network.depth() == 0) {
            throw new IllegalArgumentException("a network of depth 0 has no hidden layer: its empirical kernels are "
                    + "exact, there is nothing to converge");
        }
        int d = x[0].length;
        List<Row> rows = new ArrayList<>();
        double[][] nngpErrors = new double[widths.length][samples];
        double[][] ntkErrors = new double[widths.length][samples];
        for (int w = 0; w < widths.length; w++) {
            int n = widths[w];
            Network finite = network.withHiddenWidth(n);
            KernelMatrices exact = new InfiniteWidthKernel(finite).gram(x);
            if (!exact.allFinite()) {
                throw new ArithmeticException("the infinite-width kernel overflows the double range");
            }
            double nngpNorm = frobenius(exact.nngp());
            double ntkNorm = frobenius(exact.ntk());
            if (nngpNorm == 0 || ntkNorm == 0) {
                throw new ArithmeticException("the infinite-width kernel is zero: relative errors are undefined");
            }
            MonteCarloKernel.Moments nngpMean = new MonteCarloKernel.Moments(x.length, x.length);
            MonteCarloKernel.Moments ntkMean = new MonteCarloKernel.Moments(x.length, x.length);
            for (int s = 0; s < samples; s++) {
                FiniteNetwork f = FiniteNetwork.sample(finite, d, Seeds.derive(seed, n, s));
                KernelMatrices k = new EmpiricalKernel(f).gram(x);
                nngpErrors[w][s] = distance(k.nngp(), exact.nngp()) / nngpNorm;
                ntkErrors[w][s] = distance(k.ntk(), exact.ntk()) / ntkNorm;
                nngpMean.add(k.nngp());
                ntkMean.add(k.ntk());
                if (afterEach != null) {
                    afterEach.run();
                }
            }
            rows.add(new Row(n, mean(nngpErrors[w]), standardError(nngpErrors[w]), mean(ntkErrors[w]),
                    standardError(ntkErrors[w]), distance(nngpMean.mean, exact.nngp()) / nngpNorm,
                    distance(ntkMean.mean, exact.ntk()) / ntkNorm));
        }
        return new Result(rows, slope(widths, nngpErrors), slope(widths, ntkErrors), samples, nngpErrors, ntkErrors);
    }

    /**
     * OLS slope of log e against log n over every (n, e) pair ({@code errors[w][s]} at width {@code widths[w]}),
     * with a t-based 95% interval; null when it cannot be fitted.
     */
    public static Slope slope(int[] widths, double[][] errors) {
        int m = 0;
        double sx = 0;
        double sy = 0;
        for (int w = 0; w < widths.length; w++) {
            for (double e : errors[w]) {
                if (!(e > 0) || Double.isInfinite(e)) {
                    return null;
                }
                sx += Math.log(widths[w]);
                sy += Math.log(e);
                m++;
            }
        }
        if (m < 3 || Arrays.stream(widths).distinct().count() < 2) {
            return null;
        }
        double mx = sx / m;
        double my = sy / m;
        double sxx = 0;
        double sxy = 0;
        for (int w = 0; w < widths.length; w++) {
            double dx = Math.log(widths[w]) - mx;
            for (double e : errors[w]) {
                sxx += dx * dx;
                sxy += dx * (Math.log(e) - my);
            }
        }
        double b = sxy / sxx;
        double a = my - b * mx;
        double rss = 0;
        for (int w = 0; w < widths.length; w++) {
            double lx = Math.log(widths[w]);
            for (double e : errors[w]) {
                double r = Math.log(e) - (a + b * lx);
                rss += r * r;
            }
        }
        double se = Math.sqrt(rss / (m - 2) / sxx);
        double t = new TDistribution(m - 2).inverseCumulativeProbability(0.975);
        return new Slope(b, se, b - t * se, b + t * se);
    }

    static double frobenius(double[][] a) {
        double s = 0;
        for (double[] row : a) {
            for (double v : row) {
                s += v * v;
            }
        }
        return Math.sqrt(s);
    }

    static double distance(double[][] a, double[][] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                double d = a[i][j] - b[i][j];
                s += d * d;
            }
        }
        return Math.sqrt(s);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double e : v) {
            s += e;
        }
        return s / v.length;
    }

    private static double standardError(double[] v) {
        if (v.length < 2) {
            return 0.0;
        }
        double mu = mean(v);
        double s = 0;
        for (double e : v) {
            s += (e - mu) * (e - mu);
        }
        return Math.sqrt(s / (v.length - 1) / v.length);
    }
}
