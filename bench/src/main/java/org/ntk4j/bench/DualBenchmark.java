package org.ntk4j.bench;

import java.util.concurrent.TimeUnit;
import org.ntk4j.activation.Activation;
import org.ntk4j.activation.Activations;
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
 * The dual map of one closed-form activation along a Gram-matrix row, per element (the inner loop of the kernel
 * recursion). Scores are nanoseconds per element. A new closed form is one more word in {@code activation};
 * {@code vector=false} measures the scalar fallback (plain JDK 17 without {@code --add-modules jdk.incubator.vector}).
 *
 * <pre>java -jar bench/target/benchmarks.jar DualBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class DualBenchmark {

    /** Elements per call: the longest row is one operation; scores are divided by it. */
    static final int ROW = 4096;

    /** Closed forms by spec string; the SIMD kernels cover relu and erf, the others use their own dualRow. */
    @Param({"relu", "erf", "identity", "leaky_relu(0.2)", "abrelu(0.1,1)", "abs", "gelu", "sin", "exp", "monomial(3)",
            "rectified_monomial(2)"})
    public String activation;

    /** Row length actually used per call (the rest of the buffer is untouched): short rows show per-call overhead. */
    @Param({"64", "4096"})
    public int length;

    @Param({"true", "false"})
    public String vector;

    private Activation phi;
    private double[] q2;
    private double[] c;
    private double[] dual;
    private double[] derivative;

    @Setup
    public void setUp() {
        // Read once when the row kernels are first used, which is after this line.
        System.setProperty("ntk4j.vector", vector);
        phi = Activations.parse(activation);
        GramRow row = new GramRow(ROW);
        q2 = row.q2;
        c = row.c;
        dual = row.dual;
        derivative = row.derivative;
    }

    /** Baseline: copying the row, the memory traffic every dual pays (per element). */
    @Benchmark
    @OperationsPerInvocation(ROW)
    public double[] baselineCopyRow() {
        System.arraycopy(c, 0, dual, 0, ROW);
        System.arraycopy(q2, 0, derivative, 0, ROW);
        return dual;
    }

    /** Both duals of {@code length} elements, repeated to ROW elements per invocation (per element). */
    @Benchmark
    @OperationsPerInvocation(ROW)
    public double[] dualRow() {
        for (int from = 0; from < ROW; from += length) {
            phi.dualRow(1.0, q2, c, dual, derivative, from, Math.min(ROW, from + length));
        }
        return dual;
    }
}
