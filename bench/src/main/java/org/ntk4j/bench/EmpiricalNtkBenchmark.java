package org.ntk4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ntk4j.activation.Relu;
import org.ntk4j.empirical.EmpiricalKernel;
import org.ntk4j.empirical.FiniteNetwork;
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
 * The empirical NTK Gram matrix of N = 256 inputs (d = 100) of a depth-3 ReLU network (σ_w² = 2, σ_b² = 0.1, NTK
 * parameterization), as /work/shared/peers/empirical_ntk_torch.py computes it: {@code ntkGram} with the network
 * sampled beforehand, {@code sampleAndNtkGram} including the sampling of the parameters.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 4)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class EmpiricalNtkBenchmark {

    static final int N = 256;
    static final int D = 100;
    static final int DEPTH = 3;

    @Param({"1024", "4096"})
    public int width;

    private Network network;
    private FiniteNetwork sampled;
    private double[][] x;

    @Setup
    public void setUp() {
        network = Network.mlp(new Relu(), DEPTH, 2.0, 0.1).withHiddenWidth(width);
        sampled = FiniteNetwork.sample(network, D, 1);
        SplittableRandom r = new SplittableRandom(7);
        x = new double[N][D];
        for (double[] row : x) {
            for (int k = 0; k < D; k++) {
                row[k] = r.nextGaussian();
            }
        }
    }

    @Benchmark
    public KernelMatrices ntkGram() {
        return new EmpiricalKernel(sampled).gram(x);
    }

    @Benchmark
    public KernelMatrices sampleAndNtkGram() {
        return new EmpiricalKernel(FiniteNetwork.sample(network, D, 2)).gram(x);
    }

    @Benchmark
    public FiniteNetwork sampleOnly() {
        return FiniteNetwork.sample(network, D, 3);
    }
}
