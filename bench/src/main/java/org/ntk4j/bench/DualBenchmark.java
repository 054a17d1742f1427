package org.ntk4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ntk4j.activation.Activation;
import org.ntk4j.activation.Activations;
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

/** The dual map of one activation along a Gram-matrix row, per element (the inner loop of the kernel recursion). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DualBenchmark {

    static final int ROW = 4096;

    @Param({"relu", "erf"})
    public String activation;

    private Activation phi;
    private double[] q2;
    private double[] c;
    private double[] dual;
    private double[] derivative;

    @Setup
    public void setUp() {
        phi = Activations.parse(activation);
        SplittableRandom r = new SplittableRandom(1);
        q2 = new double[ROW];
        c = new double[ROW];
        dual = new double[ROW];
        derivative = new double[ROW];
        for (int j = 0; j < ROW; j++) {
            q2[j] = 0.5 + r.nextDouble();
            c[j] = (2 * r.nextDouble() - 1) * Math.sqrt(q2[j]);
        }
    }

    /** Baseline: copying the row, the memory traffic every dual pays. */
    @Benchmark
    public double[] baselineCopyRow() {
        System.arraycopy(c, 0, dual, 0, ROW);
        System.arraycopy(q2, 0, derivative, 0, ROW);
        return dual;
    }

    /** One call covers ROW elements: divide the score by ROW for the time per element. */
    @Benchmark
    public double[] dualRow() {
        phi.dualRow(1.0, q2, c, dual, derivative, 0, ROW);
        return dual;
    }
}
