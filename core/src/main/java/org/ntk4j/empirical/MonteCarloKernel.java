package org.ntk4j.empirical;

import java.util.stream.IntStream;
import org.ntk4j.kernel.KernelMatrices;
import org.ntk4j.network.Network;

/**
 * Monte Carlo estimates of the expected empirical kernels: the mean over S independently sampled networks of the
 * empirical NNGP and NTK (see {@link EmpiricalKernel}), with the standard error of each entry,
 * s/√S with s the sample standard deviation (divisor S − 1).
 *
 * <p>Network s = 0..S−1 is {@link FiniteNetwork#sample sampled} with the seed {@link #sampleSeed(long, int)}
 * = {@code Seeds.derive(seed, s)}; the networks are processed in order and the moments accumulated by Welford's
 * update, so the result is deterministic and independent of the number of threads.
 */
public final class MonteCarloKernel {

    /**
     * Means and standard errors, entry by entry; the standard errors are null when S = 1.
     *
     * @param samples S
     */
    public record Estimate(double[][] nngp, double[][] ntk, double[][] nngpStandardError, double[][] ntkStandardError,
                           int samples) {

        public boolean hasStandardErrors() {
            return nngpStandardError != null;
        }
    }

    private MonteCarloKernel() {
    }

    /** The seed of network s under the base seed. */
    public static long sampleSeed(long seed, int s) {
        return Seeds.derive(seed, s);
    }

    /** The Gram matrices over S networks; {@code afterEach} runs once per finished network (may be null). */
    public static Estimate gram(Network network, double[][] x, int samples, long seed, Runnable afterEach) {
        return estimate(network, x, null, samples, seed, afterEach);
    }

    /** The cross matrices K(X, Z) over S networks. */
    public static Estimate cross(Network network, double[][] x, double[][] z, int samples, long seed,
                                 Runnable afterEach) {
        return estimate(network, x, z, samples, seed, afterEach);
    }

    private static Estimate estimate(Network network, double[][] x, double[][] z, int samples, long seed,
                                     Runnable afterEach) {
        if (samples < 1) {
            throw new IllegalArgumentException("the number of samples must be >= 1, got " + samples);
        }
        if (x.length == 0 || (z != null && z.length == 0)) {
            throw new IllegalArgumentException("no inputs");
        }
        int d = x[0].length;
        Moments nngp = null;
        Moments ntk = null;
        for (int s = 0; s < samples; s++) {
            FiniteNetwork f = FiniteNetwork.sample(network, d, sampleSeed(seed, s));
            EmpiricalKernel k = new EmpiricalKernel(f);
            KernelMatrices m = z == null ? k.gram(x) : k.cross(x, z);
            if (nngp == null) {
                nngp = new Moments(m.rows(), m.columns());
                ntk = new Moments(m.rows(), m.columns());
            }
            nngp.add(m.nngp());
            ntk.add(m.ntk());
            if (afterEach != null) {
                afterEach.run();
            }
        }
        return new Estimate(nngp.mean, ntk.mean, nngp.standardError(), ntk.standardError(), samples);
    }

    /** Running mean and sum of squared deviations of a matrix-valued sample (Welford). */
    static final class Moments {
        final double[][] mean;
        final double[][] m2;
        int count;

        Moments(int rows, int columns) {
            mean = new double[rows][columns];
            m2 = new double[rows][columns];
        }

        void add(double[][] value) {
            count++;
            int c = count;
            IntStream.range(0, mean.length).parallel().forEach(i -> {
                double[] mu = mean[i];
                double[] q = m2[i];
                double[] v = value[i];
                for (int j = 0; j < mu.length; j++) {
                    double delta = v[j] - mu[j];
                    mu[j] += delta / c;
                    q[j] += delta * (v[j] - mu[j]);
                }
            });
        }

        /** s/√S per entry, or null for a single sample. */
        double[][] standardError() {
            if (count < 2) {
                return null;
            }
            double[][] se = new double[mean.length][];
            double scale = 1.0 / ((double) (count - 1) * count);
            for (int i = 0; i < mean.length; i++) {
                se[i] = new double[mean[i].length];
                for (int j = 0; j < se[i].length; j++) {
                    se[i][j] = Math.sqrt(m2[i][j] * scale);
                }
            }
            return se;
        }
    }
}
