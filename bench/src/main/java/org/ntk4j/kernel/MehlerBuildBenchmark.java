package org.ntk4j.kernel;

import java.util.concurrent.TimeUnit;
import org.ntk4j.activation.Activations;
import org.ntk4j.activation.QuadratureActivation;
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
 * The loops that build the Mehler series of a layer, part of every Gram matrix's plan ({@link MehlerDual}): the
 * Hermite moments of one variance ({@link MehlerDual#raw}, {@link MehlerLoops#hermiteMoments}, all 481 degrees),
 * the coefficients of 4096 inputs in the blocked layout ({@link MehlerDual#blockCoefficients},
 * {@link MehlerLoops#chebyshevBlock}) next to the same input by input ({@link MehlerDual#coefficients}, the
 * baseline), and a whole build over a box of variances. Scores are microseconds per call.
 *
 * <pre>java -jar bench/target/benchmarks.jar MehlerBuildBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class MehlerBuildBenchmark {

    static final int INPUTS = 4096;

    /** A smooth activation, and a kinked one whose series need every degree. */
    @Param({"tanh", "relu6"})
    public String activation;

    private QuadratureActivation phi;
    private MehlerDual series;
    private double[] q;
    private double[] a;
    private double[] b;
    private double[] ai;
    private double[] bi;
    private double[] norms;

    @Setup
    public void setUp() {
        phi = (QuadratureActivation) Activations.parse(activation);
        series = MehlerDual.build(phi, 1.0, 3.0);
        if (series == null) {
            throw new IllegalStateException("no Mehler series for " + activation + " over [1, 3]");
        }
        q = new double[INPUTS];
        for (int i = 0; i < INPUTS; i++) {
            q[i] = 1.0 + 2.0 * i / (INPUTS - 1);
        }
        a = new double[INPUTS * series.termsA];
        b = new double[INPUTS * series.termsB];
        ai = new double[series.termsA];
        bi = new double[series.termsB];
        norms = new double[2];
    }

    @Benchmark
    public double[] hermiteMoments() {
        return MehlerDual.raw(phi, 2.0, MehlerDual.MAX_DEGREE);
    }

    @Benchmark
    public double[] blockCoefficients() {
        for (int block = 0; block < INPUTS / MehlerRow.BLOCK; block++) {
            series.blockCoefficients(q, block, a, b);
        }
        return a;
    }

    /** Baseline: the same coefficients one input at a time, copied into the blocked layout. */
    @Benchmark
    public double[] coefficientsOneByOne() {
        for (int i = 0; i < INPUTS; i++) {
            series.coefficients(q[i], ai, bi, norms);
            for (int t = 0; t < ai.length; t++) {
                a[MehlerRow.index(i, t, series.termsA)] = ai[t];
            }
            for (int t = 0; t < bi.length; t++) {
                b[MehlerRow.index(i, t, series.termsB)] = bi[t];
            }
        }
        return a;
    }

    @Benchmark
    public MehlerDual build() {
        return MehlerDual.build(phi, 1.0, 3.0);
    }
}
