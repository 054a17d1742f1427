package org.ntk4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ntk4j.activation.Activation;
import org.ntk4j.activation.Activations;
import org.ntk4j.kernel.InfiniteWidthKernel;
import org.ntk4j.kernel.KernelMatrices;
import org.ntk4j.network.Network;
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
 * The full NNGP + NTK Gram matrices of n inputs in d = 100 (σ_w² = 2, σ_b² = 0.1), on all cores: the workload of
 * {@code ntk4j bench gram} and of the numpy peer gram_numpy.py. Scores are seconds per pair of matrices.
 * {@code inputs=gaussian}: i.i.d. N(0, 1) entries (the peer's inputs; every input has its own variance);
 * {@code inputs=sphere}: the same rescaled to ⟨x, x⟩/d = 1, where quadrature activations are interpolated.
 * depth 0 measures the input Gram matrix, allocation and mirroring alone.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar GramBenchmark -p n=4000 -p depth=10 -p activation=relu -p inputs=gaussian
 * java -jar bench/target/benchmarks.jar GramBenchmark -p n=4000 -p depth=10 -p activation=relu6 -p inputs=gaussian
 * </pre>
 * On Gaussian inputs a quadrature activation (tanh, relu6) goes through Mehler series and correlation windows layer
 * by layer, or, in a deep network on enough inputs, through one interpolant of the whole network (NetworkWindow).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:MaxRAMPercentage=75"})
public class GramBenchmark {

    static final int DIMENSION = 100;

    @Param({"1000", "4000"})
    public int n;

    @Param({"0", "1", "10"})
    public int depth;

    /** relu, erf: closed forms; tanh: quadrature; relu6: kinked, exact duals by bivariate normal orthant sums. */
    @Param({"relu", "erf", "tanh", "relu6"})
    public String activation;

    @Param({"sphere", "gaussian"})
    public String inputs;

    private double[][] x;
    private InfiniteWidthKernel kernel;

    @Setup
    public void setUp() {
        Activation phi;
        try {
            phi = Activations.parse(activation);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("activation '" + activation + "' is not available in this build ("
                    + e.getMessage() + ")", e);
        }
        kernel = new InfiniteWidthKernel(Network.mlp(phi, depth, 2.0, 0.1));
        SplittableRandom r = new SplittableRandom(0);
        x = new double[n][DIMENSION];
        for (double[] row : x) {
            double norm = 0;
            for (int k = 0; k < DIMENSION; k++) {
                row[k] = gaussian(r);
                norm += row[k] * row[k];
            }
            if (inputs.equals("sphere")) {
                double scale = Math.sqrt(DIMENSION / norm);
                for (int k = 0; k < DIMENSION; k++) {
                    row[k] *= scale;
                }
            }
        }
    }

    private static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }

    /** Baseline: allocating and touching the two n × n result matrices, the least any method must do. */
    @Benchmark
    public double[][] baselineAllocate() {
        double[][] m = new double[2 * n][];
        for (int i = 0; i < m.length; i++) {
            m[i] = new double[n];
            m[i][i % n] = 1;
        }
        return m;
    }

    @Benchmark
    public KernelMatrices gram() {
        return kernel.gram(x);
    }
}
