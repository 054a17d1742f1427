package org.ntk4j.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ntk4j.kernel.InfiniteWidthKernel;
import org.ntk4j.kernel.KernelMatrices;
import org.ntk4j.network.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ntk4j kernel}: the infinite-width NNGP and NTK Gram (or cross) matrices of the inputs. */
@Command(name = "kernel", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Infinite-width NNGP and NTK matrices K(X1, X1), or K(X1, X2) with --x2.",
                "Example: ntk4j kernel --activation relu --depth 2 --weight-var 2 --bias-var 0.1 --x1 docs/examples/inputs.csv"})
public final class KernelCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    NetworkOptions net;

    @Mixin
    InputOptions inputs;

    @Mixin
    MatrixOutputOptions output;

    @Override
    public void run() {
        Network network = net.network();
        output.validate();
        double[][][] x = inputs.read();
        double[][] a = x[0];
        double[][] b = x[1];
        long entries = b == null ? (long) a.length * (a.length + 1) / 2 : (long) a.length * b.length;
        KernelMatrices k;
        // Two phases: preparing each layer's duals (seconds per layer for a deep network of an activation without
        // closed form), then the entries.
        int depth = network.depth();
        try (ProgressBar bar = new ProgressBar(depth > 0 ? "kernel: preparing layers" : "kernel",
                depth > 0 ? depth : entries)) {
            InfiniteWidthKernel kernel = new InfiniteWidthKernel(network).withProgress(bar::step, done -> {
                bar.step();
                if (done == depth) {
                    bar.phase("kernel", entries);
                }
            });
            k = b == null ? kernel.gram(a) : kernel.cross(a, b);
        }
        Map<String, double[][]> out = new LinkedHashMap<>();
        out.put("nngp", k.nngp());
        out.put("ntk", k.ntk());
        output.write(out, spec.commandLine().getOut());
    }
}
