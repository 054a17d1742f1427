package org.ntk4j.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.ntk4j.activation.Activation;
import org.ntk4j.activation.Activations;
import org.ntk4j.activation.DualStack;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fused (φ, Dense) pairs of a deep ReLU, erf, GELU or leaky ReLU network along one Gram-matrix row
 * ({@link DualStack}, the inner loop of the Gram recursion for those networks), against the same pairs layer by
 * layer ({@code dualRow} and the dense pass over the row, what any other activation does). Scores are nanoseconds per entry and pair: divide by
 * {@code ROW × layers} (both benchmarks compute the same numbers bit for bit).
 *
 * <pre>java -jar bench/target/benchmarks.jar DualStackBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class DualStackBenchmark {

    /** Row length: the mean row of an n = 4000 Gram matrix's upper triangle. */
    static final int ROW = 2000;

    @Param({"relu", "erf", "gelu", "leaky_relu(0.2)"})
    public String activation;

    @Param({"10"})
    public int layers;

    private Activation phi;
    private DualStack stack;
    private double[] q1;
    private double[][] q2;
    private double[] w;
    private double[] b;
    private double[] c;
    private double[] k;
    private double[] t;
    private double[] derivative;

    @Setup
    public void setUp() {
        phi = Activations.parse(activation);
        GramRow row = new GramRow(ROW);
        q1 = new double[layers];
        q2 = new double[layers][];
        w = new double[layers];
        b = new double[layers];
        Arrays.fill(w, 2.0);
        Arrays.fill(b, 0.1);
        // The variances of a real network: each pair's are the previous pair's diagonal, mapped.
        q1[0] = 1.0;
        q2[0] = row.q2;
        for (int h = 1; h < layers; h++) {
            double q = q1[h - 1];
            q1[h] = w[h - 1] * phi.dual(q, q, q) + b[h - 1];
            q2[h] = new double[ROW];
            for (int j = 0; j < ROW; j++) {
                double p = q2[h - 1][j];
                q2[h][j] = w[h - 1] * phi.dual(p, p, p) + b[h - 1];
            }
        }
        c = row.c;
        k = new double[ROW];
        t = new double[ROW];
        derivative = row.derivative;
        stack = phi.dualStack(q2, w, b).orElseThrow(() -> new IllegalStateException(activation + " has no stack"));
    }

    /** All pairs, chunk by chunk (per entry and pair: divide the score by ROW × layers). */
    @Benchmark
    public double[] stack() {
        System.arraycopy(c, 0, k, 0, ROW);
        System.arraycopy(c, 0, t, 0, ROW);
        stack.rows(q1, k, t, 0, ROW);
        return t;
    }

    /** Baseline: the same pairs layer by layer over the whole row. */
    @Benchmark
    public double[] layerByLayer() {
        System.arraycopy(c, 0, k, 0, ROW);
        System.arraycopy(c, 0, t, 0, ROW);
        for (int h = 0; h < layers; h++) {
            phi.dualRow(q1[h], q2[h], k, k, derivative, 0, ROW);
            double wh = w[h];
            double bh = b[h];
            for (int j = 0; j < ROW; j++) {
                double kj = wh * k[j] + bh;
                k[j] = kj;
                t[j] = kj + wh * (t[j] * derivative[j]);
            }
        }
        return t;
    }
}
