package org.ntk4j.bench;

import java.util.concurrent.TimeUnit;
import org.ntk4j.activation.Relu;
import org.ntk4j.network.Network;
import org.ntk4j.spectrum.CubeSpectrum;
import org.ntk4j.spectrum.Progress;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The certified boolean-cube spectrum (both kernels, 12 digits) of a ReLU network, σ_w² = 2, σ_b² = 0.1:
 * all degrees at d = 128, 1024, 4096, and degrees k ≤ 20 at d = 100,000. Targets: d = 1024 in ≤ 2 s, d = 4096 in ≤ 60 s, d = 100,000 (k ≤ 20) in
 * ≤ 10 s. Single-shot, since one call is seconds long:
 * {@code java -jar bench/target/benchmarks.jar SpectrumBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class SpectrumBenchmark {

    /** d; at 100,000 only the degrees k ≤ 20. */
    @Param({"128", "1024", "4096", "100000"})
    public int dim;

    @Param({"2", "10"})
    public int depth;

    @Benchmark
    public CubeSpectrum.Result spectrum() {
        int maxDegree = dim > 10_000 ? 20 : dim;
        return CubeSpectrum.compute(Network.mlp(new Relu(), depth, 2.0, 0.1), dim, maxDegree, 12, Progress.NONE);
    }
}
