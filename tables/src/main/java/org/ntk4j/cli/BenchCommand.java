package org.ntk4j.cli;

import java.nio.file.Path;
import java.util.Arrays;
import org.ntk4j.io.Json;
import org.ntk4j.io.Matrices;
import org.ntk4j.kernel.InfiniteWidthKernel;
import org.ntk4j.kernel.KernelMatrices;
import org.ntk4j.network.Network;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ntk4j bench}: quick in-process benchmarks of ntk4j's workloads, comparable side by side with the peer
 * programs in /work/shared/peers (the JMH suite in {@code bench/} is the careful measurement).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Quick in-process benchmarks (JSON on stdout); see docs/performance.md.",
                "Example: ntk4j bench gram --activation relu --depth 10 --weight-var 2 --bias-var 0.1 --x1 X.npy"},
        subcommands = {BenchCommand.Gram.class})
public final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a benchmark is required (gram); see --help");
    }

    /**
     * {@code ntk4j bench gram}: the NNGP and NTK Gram matrices of the inputs, timed. A warm-up of the row kernels on
     * short rows ({@link InfiniteWidthKernel#warmUp}) and one on up to the first 1000 inputs, so that the JIT has
     * compiled the hot loops; then untimed runs on all the inputs, at least one and up to {@value #WARM_UP_RUNS}
     * while they take less than {@value #WARM_UP_SECONDS} s in all, because the JIT compiles the serial parts (the
     * layers' plan and diagonals, the range checks, the mirror) only during the first full runs: at n = 4000,
     * depth 10 the first four took 0.25–0.36 s and the rest 0.18–0.20 s (relu); then {@code --repeat} timed runs,
     * all written into the same two matrices, allocated (and so faulted in) before the first run: the timings are
     * of the kernel, not of the operating system mapping 2·8n² fresh bytes per run, which on this virtual machine
     * varied from 0.05 to 0.3 s at n = 4000 depending on what had just freed memory. Prints {@code {"n", "depth", "seconds" (median), "entries_per_second" (n²/median), "ntk_trace"}}, the fields
     * of the numpy peer {@code gram_numpy.py}, whose trace must agree.
     */
    @Command(name = "gram", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Time the NNGP + NTK Gram matrices of the inputs: the median of --repeat runs after a",
                    "warm-up (up to 5 untimed runs on the inputs, 2 s at most unless one run takes longer).",
                    "Prints {\"n\", \"depth\", \"seconds\", \"entries_per_second\", \"ntk_trace\"} as JSON.",
                    "Example: ntk4j bench gram --activation relu --depth 10 --weight-var 2 --bias-var 0.1 --x1 X.npy"})
    public static final class Gram implements Runnable {

        static final int MAX_REPEAT = 1000;
        static final int WARM_UP_ROWS = 1000;
        static final int WARM_UP_RUNS = 5;
        static final double WARM_UP_SECONDS = 2.0;

        @Spec
        CommandSpec spec;

        @Mixin
        NetworkOptions net;

        @Option(names = "--x1", required = true, paramLabel = "FILE", description = "Inputs, one per row (.npy or CSV).")
        Path x1;

        @Option(names = "--repeat", paramLabel = "R", defaultValue = "3",
                description = "Timed runs; the median is reported (default: ${DEFAULT-VALUE}).")
        int repeat;

        @Override
        public void run() {
            if (repeat < 1 || repeat > MAX_REPEAT) {
                throw new UsageException("--repeat must be between 1 and " + MAX_REPEAT + ", got " + repeat);
            }
            Network network = net.network();
            double[][] x = Matrices.read(x1);
            for (double[] row : x) {
                for (double v : row) {
                    if (!Double.isFinite(v)) {
                        throw new UsageException(x1 + ": the inputs contain a non-finite value (" + v + ")");
                    }
                }
            }
            InfiniteWidthKernel kernel = new InfiniteWidthKernel(network);
            kernel.warmUp();
            int n = x.length;
            kernel.gram(Arrays.copyOf(x, Math.min(n, WARM_UP_ROWS)));
            double[] seconds = new double[repeat];
            double trace = 0;
            KernelMatrices out = new KernelMatrices(new double[n][n], new double[n][n]);
            try (ProgressBar progress = new ProgressBar("bench gram: warm-up", WARM_UP_RUNS)) {
                long warmUpStart = System.nanoTime();
                for (int w = 0; w < WARM_UP_RUNS
                        && (w == 0 || System.nanoTime() - warmUpStart < WARM_UP_SECONDS * 1e9); w++) {
                    kernel.gram(x, out);
                    progress.step();
                }
                progress.phase("bench gram", repeat);
                for (int r = 0; r < repeat; r++) {
                    long start = System.nanoTime();
                    KernelMatrices k = kernel.gram(x, out);
                    seconds[r] = (System.nanoTime() - start) / 1e9;
                    if (!k.allFinite()) {
                        throw new ComputationException("the kernel overflows double precision for these inputs "
                                + "and variances");
                    }
                    trace = 0;
                    double[][] ntk = k.ntk();
                    for (int i = 0; i < n; i++) {
                        trace += ntk[i][i];
                    }
                    progress.step();
                }
            }
            double median = median(seconds);
            String json = "{\"n\": " + n + ", \"depth\": " + network.depth() + ", \"seconds\": " + Json.number(median)
                    + ", \"entries_per_second\": " + Json.number((double) n * n / median)
                    + ", \"ntk_trace\": " + Json.number(trace) + "}";
            spec.commandLine().getOut().println(json);
            spec.commandLine().getOut().flush();
        }

        static double median(double[] values) {
            double[] v = values.clone();
            Arrays.sort(v);
            int m = v.length / 2;
            return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
        }
    }
}
