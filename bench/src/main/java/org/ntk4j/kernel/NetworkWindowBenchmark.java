package org.ntk4j.kernel;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ntk4j.activation.Activations;
import org.ntk4j.network.Network;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hot loop of a whole network taken at once ({@link NetworkWindow}: Σ and Θ after the last layer straight from
 * the first layer's inputs), per element: a row of 4096 columns through relu6 MLPs (σ_w² = 2, σ_b² = 0.1) of depth
 * 3 and 10 over the first layer's variances and correlations of n = 4000 Gaussian inputs in d = 100 (q ∈ [1.16,
 * 3.21], ρ ∈ [−0.37, 0.49]). The row table is formed once per invocation, as the Gram path does per row; the
 * interpolant is built in the set-up from exact duals (~1 s). Baseline: copying the row. Per layer this replaces
 * {@link WindowRowBenchmark}'s window or series once for every layer.
 *
 * <pre>java -jar bench/target/benchmarks.jar NetworkWindowBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class NetworkWindowBenchmark {

    static final int ROW = 4096;

    @Param({"3", "10"})
    public int depth;

    private WindowInterpolant window;
    private double[] table;
    private double[] inv;
    private double[] position;
    private double[] c;
    private double[] dual;
    private double[] derivative;
    private int[] rest;
    private double x1;
    private double si;

    @Setup
    public void setUp() {
        // As a Gram matrix does before its first long row (see WindowRowBenchmark).
        InfiniteWidthKernel.warmUpMehlerRows();
        Network net = Network.mlp(Activations.parse("relu6"), depth, 2.0, 0.1);
        double qmin = 1.1627;
        double qmax = 3.2142;
        double lo = -0.3737;
        double hi = 0.4860;
        window = WindowInterpolant.fit(NetworkWindow.source(net.layers(), net.parameterization(), 100), qmin, qmax,
                lo, hi, 2048, 1_000_000, new int[] {16, 16});
        if (window == null) {
            throw new IllegalStateException("no whole-network window for relu6 at depth " + depth);
        }
        SplittableRandom random = new SplittableRandom(1);
        inv = new double[ROW];
        position = new double[ROW];
        c = new double[ROW];
        for (int j = 0; j < ROW; j++) {
            double q = qmin * Math.pow(qmax / qmin, random.nextDouble());
            inv[j] = 1.0 / Math.sqrt(q);
            position[j] = window.position(q);
        }
        x1 = position[0];
        si = inv[0];
        for (int j = 0; j < ROW; j++) {
            // The first layer's correlations of Gaussian inputs: ρ ≈ 0.05 ± 0.1.
            double rho = Math.max(lo, Math.min(hi, 0.05 + 0.1 * random.nextGaussian()));
            c[j] = rho / (si * inv[j]);
        }
        table = new double[window.rowTableLength()];
        dual = new double[ROW];
        derivative = new double[ROW];
        rest = new int[ROW];
    }

    @Benchmark
    @OperationsPerInvocation(ROW)
    public double[] baselineCopyRow() {
        System.arraycopy(c, 0, dual, 0, ROW);
        return dual;
    }

    @Benchmark
    @OperationsPerInvocation(ROW)
    public double[] networkWindowRow() {
        window.rowTable(x1, table);
        WindowRow.INSTANCE.row(window, table, si, inv, position, c, dual, derivative, 0, ROW, rest);
        return dual;
    }
}
