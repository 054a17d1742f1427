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
 * The hot loop of Gram matrices of activations without closed form: both duals of a row by their Mehler series
 * ({@link MehlerRow}), per element, for variances in [1, 1.3] (4096 columns) and |ρ| ≤ {@code rho}, with the short
 * form of the series that reaches that ρ: one row at a time, and {@link MehlerRow#ROWS} rows per column load in
 * chunks of 128 columns as the Gram path runs them. Baseline: copying the row. (In package org.ntk4j.kernel
 * because the row kernel is internal to it.)
 *
 * <pre>java -jar bench/target/benchmarks.jar MehlerRowBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class MehlerRowBenchmark {

    static final int ROW = 4096;

    @Param({"tanh", "softplus"})
    public String activation;

    /** The largest |ρ| in the row: the short form's reach (more terms for larger ρ). */
    @Param({"0.4", "0.7"})
    public double rho;

    private MehlerRow.Series series;
    private double[] rowA;
    private double[] rowB;
    private double[] inv;
    private double[] colA;
    private double[] colB;
    private double[] c;
    private double[] dual;
    private double[] derivative;
    private int[] rest;
    private double[] si;
    private double[][] rowsA;
    private double[][] rowsB;
    private double[][] rowsC;
    private double[][] rowsDual;
    private double[][] rowsDerivative;
    private int[][] rowsRest;
    private int[] counts;

    /** {colA, colB}: the series' coefficients of every variance in q, laid out as the Gram path lays them out. */
    static double[][] columnCoefficients(MehlerDual f, double[] q) {
        double[] colA = new double[f.termsA * q.length];
        double[] colB = new double[f.termsB * q.length];
        double[] ai = new double[f.termsA];
        double[] bi = new double[f.termsB];
        double[] norms = new double[2];
        for (int i = 0; i < q.length; i++) {
            f.coefficients(q[i], ai, bi, norms);
            for (int t = 0; t < ai.length; t++) {
                colA[MehlerRow.index(i, t, f.termsA)] = ai[t];
            }
            for (int t = 0; t < bi.length; t++) {
                colB[MehlerRow.index(i, t, f.termsB)] = bi[t];
            }
        }
        return new double[][] {colA, colB};
    }

    @Setup
    public void setUp() {
        // As a Gram matrix does before its first long row: compiled from a cold profile, C2 boxed these kernels'
        // vectors here (every fork, ~1.4 kB per call, seen with -prof gc).
        InfiniteWidthKernel.warmUpMehlerRows();
        QuadratureActivation phi = (QuadratureActivation) Activations.parse(activation);
        MehlerDual f = MehlerDual.build(phi, 1.0, 1.3);
        int[] terms = f.termsFor(rho);
        series = new MehlerRow.Series(terms[0], terms[1], f.reach(terms[0], terms[1]), f.termsA, f.termsB,
                f.rhoCut(), f.step(), f.offsetA, f.offsetB);
        SplittableRandom random = new SplittableRandom(1);
        double[] q = new double[ROW];
        for (int j = 0; j < ROW; j++) {
            q[j] = 1.0 + 0.3 * random.nextDouble();
        }
        // The per-column coefficients, laid out as the Gram path lays them out.
        double[][] columns = columnCoefficients(f, q);
        colA = columns[0];
        colB = columns[1];
        inv = new double[ROW];
        for (int i = 0; i < ROW; i++) {
            inv[i] = 1.0 / Math.sqrt(q[i]);
        }
        rowA = new double[f.termsA];
        rowB = new double[f.termsB];
        for (int t = 0; t < f.termsA; t++) {
            rowA[t] = colA[MehlerRow.index(0, t, f.termsA)];
        }
        for (int t = 0; t < f.termsB; t++) {
            rowB[t] = colB[MehlerRow.index(0, t, f.termsB)];
        }
        c = new double[ROW];
        for (int j = 0; j < ROW; j++) {
            c[j] = (2 * random.nextDouble() - 1) * rho * Math.sqrt(q[0] * q[j]);
        }
        dual = new double[ROW];
        derivative = new double[ROW];
        rest = new int[ROW];
        int rows = MehlerRow.ROWS;
        si = new double[rows];
        rowsA = new double[rows][];
        rowsB = new double[rows][];
        rowsC = new double[rows][];
        rowsDual = new double[rows][ROW];
        rowsDerivative = new double[rows][ROW];
        rowsRest = new int[rows][ROW];
        counts = new int[rows];
        for (int r = 0; r < rows; r++) {
            si[r] = inv[r];
            rowsA[r] = new double[f.termsA];
            rowsB[r] = new double[f.termsB];
            for (int t = 0; t < f.termsA; t++) {
                rowsA[r][t] = colA[MehlerRow.index(r, t, f.termsA)];
            }
            for (int t = 0; t < f.termsB; t++) {
                rowsB[r][t] = colB[MehlerRow.index(r, t, f.termsB)];
            }
            rowsC[r] = new double[ROW];
            for (int j = 0; j < ROW; j++) {
                rowsC[r][j] = (2 * random.nextDouble() - 1) * rho * Math.sqrt(q[r] * q[j]);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROW)
    public double[] baselineCopyRow() {
        System.arraycopy(c, 0, dual, 0, ROW);
        return dual;
    }

    @Benchmark
    @OperationsPerInvocation(ROW * MehlerRow.ROWS)
    public double[][] mehlerRowsChunked() {
        java.util.Arrays.fill(counts, 0);
        for (int from = 0; from < ROW; from += 128) {
            MehlerRow.INSTANCE.rows(series, si, rowsA, rowsB, inv, colA, colB, rowsC, rowsDual, rowsDerivative, 0,
                    from, Math.min(ROW, from + 128), rowsRest, counts);
        }
        return rowsDual;
    }

    @Benchmark
    @OperationsPerInvocation(ROW)
    public double[] mehlerRow() {
        MehlerRow.INSTANCE.row(series, inv[0], rowA, rowB, inv, colA, colB, c, dual, derivative, 0, ROW, rest);
        return dual;
    }
}
