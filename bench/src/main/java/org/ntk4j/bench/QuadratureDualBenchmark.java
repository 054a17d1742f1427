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
 * The dual map of an activation without closed form (numerical integration, or for piecewise-linear φ the sums of
 * bivariate normal orthant moments), per element, and the same through the scalar closed form of ReLU as a
 * baseline. Scores are nanoseconds per element.
 *
 * <p>This is the exact route (two-dimensional quadrature per dual). Gram matrices of at least 2000 entries use the
 * Mehler series instead, whose per-element cost {@code org.ntk4j.kernel.MehlerRowBenchmark} measures.
 *
 * <pre>java -jar bench/target/benchmarks.jar QuadratureDualBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class QuadratureDualBenchmark {

    static final int ROW = 64;

    /**
     * Activations without closed form: tanh and softplus integrated by quadrature; relu6 and a piecewise-linear
     * expression by their exact orthant sums ({@code org.ntk4j.activation.PiecewiseLinear}).
     */
    @Param({"tanh", "softplus", "relu6", "expr:max(0,x)"})
    public String activation;

    private Activation phi;
    private Activation relu;
    private double[] q2;
    private double[] c;
    private double[] dual;
    private double[] derivative;

    @Setup
    public void setUp() {
        try {
            phi = Activations.parse(activation);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("activation '" + activation + "' is not available in this build ("
                    + e.getMessage() + "); run with -p activation=<a quadrature activation that parses>", e);
        }
        relu = Activations.parse("relu");
        GramRow row = new GramRow(ROW);
        q2 = row.q2;
        c = row.c;
        dual = row.dual;
        derivative = row.derivative;
    }

    /** Baseline: ReLU's scalar closed forms, one call per dual as a quadrature activation would be called. */
    @Benchmark
    @OperationsPerInvocation(ROW)
    public double baselineScalarClosedForm() {
        double s = 0;
        for (int j = 0; j < ROW; j++) {
            s += relu.dual(1.0, q2[j], c[j]) + relu.derivativeDual(1.0, q2[j], c[j]);
        }
        return s;
    }

    @Benchmark
    @OperationsPerInvocation(ROW)
    public double[] dualRow() {
        phi.dualRow(1.0, q2, c, dual, derivative, 0, ROW);
        return dual;
    }
}
