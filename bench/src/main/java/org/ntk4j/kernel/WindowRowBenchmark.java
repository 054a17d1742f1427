package org.ntk4j.kernel;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ntk4j.activation.Activations;
import org.ntk4j.activation.QuadratureActivation;
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
 * The hot loop of a deep layer's correlation window ({@link WindowRow}), per element, next to the Mehler series it
 * replaces there (one row at a time, all terms that reach the window): both duals of a row of 4096 columns with
 * variances and correlations in the window of softplus's tenth layer at σ_w² = 2, σ_b² = 0.1 on Gaussian inputs
 * (q ∈ [8.0, 9.46], ρ ∈ [0.986, 0.997]), and of relu6's (q ∈ [1.96, 3.94], ρ ∈ [0.87, 0.91], window from exact
 * duals, no series reaches it). Baseline: copying the row. The row table is formed once per invocation, as the
 * Gram path does per row.
 *
 * <pre>java -jar bench/target/benchmarks.jar WindowRowBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class WindowRowBenchmark {

    static final int ROW = 4096;

    @Param({"softplus", "relu6"})
    public String activation;

    private WindowInterpolant window;
    private MehlerRow.Series series;
    private double[] table;
    private double[] inv;
    private double[] position;
    private double[] c;
    private double[] dual;
    private double[] derivative;
    private int[] rest;
    private double x1;
    private double si;
    private double[] rowA;
    private double[] rowB;
    private double[] colA;
    private double[] colB;

    @Setup
    public void setUp() {
        // As a Gram matrix does before its first long row: compiled from a cold profile, C2 sometimes boxes this
        // kernel's vectors (forks 3-7x slower throughout).
        InfiniteWidthKernel.warmUpMehlerRows();
        QuadratureActivation phi = (QuadratureActivation) Activations.parse(activation);
        boolean softplus = activation.equals("softplus");
        double qmin = softplus ? 8.0 : 1.96;
        double qmax = softplus ? 9.46 : 3.94;
        double lo = softplus ? 0.986 : 0.87;
        double hi = softplus ? 0.997 : 0.91;
        MehlerDual f = MehlerDual.build(phi, qmin, qmax, softplus ? hi : 0.9);
        window = softplus
                ? WindowInterpolant.fit(WindowInterpolant.mehler(f), qmin, qmax, lo, hi, 1024, 1_000_000)
                : WindowInterpolant.fit(WindowInterpolant.exact(phi), qmin, qmax, lo, hi, 1024, 1_000_000);
        SplittableRandom random = new SplittableRandom(1);
        double[] q = new double[ROW];
        inv = new double[ROW];
        position = new double[ROW];
        for (int j = 0; j < ROW; j++) {
            q[j] = qmin * Math.pow(qmax / qmin, random.nextDouble());
            inv[j] = 1.0 / Math.sqrt(q[j]);
            position[j] = window.position(q[j]);
        }
        x1 = position[0];
        si = inv[0];
        table = new double[window.rowTableLength()];
        c = new double[ROW];
        for (int j = 0; j < ROW; j++) {
            // Inside the window and within the series' reach (all of it for softplus; relu6's stops short).
            double rho = lo + (Math.min(hi, f.rhoCut()) - lo) * random.nextDouble();
            c[j] = rho / (si * inv[j]);
        }
        dual = new double[ROW];
        derivative = new double[ROW];
        rest = new int[ROW];
        int[] terms = f.termsFor(Math.min(hi, f.rhoCut()));
        series = new MehlerRow.Series(terms[0], terms[1], f.reach(terms[0], terms[1]), f.termsA, f.termsB,
                f.rhoCut(), f.step(), f.offsetA, f.offsetB);
        double[][] columns = MehlerRowBenchmark.columnCoefficients(f, q);
        colA = columns[0];
        colB = columns[1];
        rowA = new double[f.termsA];
        rowB = new double[f.termsB];
        f.coefficients(q[0], rowA, rowB, new double[2]);
    }

    @Benchmark
    @OperationsPerInvocation(ROW)
    public double[] baselineCopyRow() {
        System.arraycopy(c, 0, dual, 0, ROW);
        return dual;
    }

    @Benchmark
    @OperationsPerInvocation(ROW)
    public double[] windowRow() {
        window.rowTable(x1, table);
        WindowRow.INSTANCE.row(window, table, si, inv, position, c, dual, derivative, 0, ROW, rest);
        return dual;
    }

    @Benchmark
    @OperationsPerInvocation(ROW)
    public double[] mehlerRow() {
        MehlerRow.INSTANCE.row(series, si, rowA, rowB, inv, colA, colB, c, dual, derivative, 0, ROW, rest);
        return dual;
    }
}
