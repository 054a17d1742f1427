package org.ntk4j.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ntk4j.empirical.MonteCarloKernel;
import org.ntk4j.network.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ntk4j empirical}: the empirical NNGP and NTK of finite random networks, averaged over --samples networks
 * (with entry-wise standard errors when there are several).
 */
@Command(name = "empirical", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Empirical NNGP and NTK matrices of sampled finite-width networks (mean over --samples "
                + "networks, with standard errors nngp_stderr / ntk_stderr when --samples > 1).",
                "Example: ntk4j empirical --activation relu --depth 2 --weight-var 2 --bias-var 0.1 --width 512 "
                        + "--samples 10 --x1 docs/examples/inputs.csv"})
public final class EmpiricalCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    NetworkOptions net;

    @Mixin
    InputOptions inputs;

    @Option(names = "--samples", paramLabel = "S", defaultValue = "1",
            description = "Number of independent networks to average (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--seed", paramLabel = "K", defaultValue = "0",
            description = "Base seed; network s is drawn with a seed derived from (K, s) (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    MatrixOutputOptions output;

    @Override
    public void run() {
        if (net.width == null && net.depth() > 0) {
            throw new UsageException("empirical kernels need the hidden width: --width N (or one per hidden layer)");
        }
        Network network = net.network();
        if (samples < 1) {
            throw new UsageException("--samples must be >= 1, got " + samples);
        }
        output.validate();
        double[][][] x = inputs.read();
        double[][] a = x[0];
        double[][] b = x[1];
        MonteCarloKernel.Estimate e;
        // A sweep over several networks shows its progress; a single network is one step.
        try (ProgressBar bar = samples > 1 ? new ProgressBar("empirical", samples) : null) {
            Runnable step = bar == null ? null : bar::step;
            e = b == null ? MonteCarloKernel.gram(network, a, samples, seed, step)
                    : MonteCarloKernel.cross(network, a, b, samples, seed, step);
        }
        Map<String, double[][]> out = new LinkedHashMap<>();
        out.put("nngp", e.nngp());
        out.put("ntk", e.ntk());
        if (e.hasStandardErrors()) {
            out.put("nngp_stderr", e.nngpStandardError());
            out.put("ntk_stderr", e.ntkStandardError());
        }
        output.write(out, spec.commandLine().getOut());
    }
}
