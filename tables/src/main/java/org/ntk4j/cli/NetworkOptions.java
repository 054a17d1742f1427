package org.ntk4j.cli;

import java.util.Arrays;
import org.ntk4j.activation.Activation;
import org.ntk4j.activation.Activations;
import org.ntk4j.network.Network;
import org.ntk4j.network.Parameterization;
import picocli.CommandLine.Option;

/** The options that describe a network, shared by every command that takes one. */
public final class NetworkOptions {

    static final int MAX_DEPTH = 100_000;

    @Option(names = "--activation", required = true, paramLabel = "NAME",
            description = "Activation: relu, leaky_relu(0.2), erf, tanh, monomial(3), ..., or expr:<expression in x>.")
    String activation;

    @Option(names = "--depth", required = true, paramLabel = "L",
            description = "Number of hidden layers (nonlinearities), L >= 0.")
    int depth;

    @Option(names = "--weight-var", paramLabel = "S", defaultValue = "1",
            description = "Weight variance σ_w², one value or depth+1 comma-separated values (one per dense layer; "
                    + "default: ${DEFAULT-VALUE}).")
    String weightVariance;

    @Option(names = "--bias-var", paramLabel = "B", defaultValue = "0",
            description = "Bias variance σ_b², one value or depth+1 comma-separated values (default: ${DEFAULT-VALUE}).")
    String biasVariance;

    @Option(names = "--parameterization", paramLabel = "ntk|standard", defaultValue = "ntk",
            description = "ntk (default) or standard (needs --width).")
    String parameterization;

    @Option(names = "--width", paramLabel = "N",
            description = "Hidden width(s): one value or one per hidden layer, comma-separated.")
    String width;

    /** The network these options describe; throws {@link UsageException} with a one-line message on bad values. */
    public Network network() {
        Network net = networkWithoutWidths();
        if (width != null) {
            net = withWidths(net, width);
        }
        if (parameterizationValue() == Parameterization.STANDARD) {
            if (width == null) {
                throw new UsageException("--parameterization standard needs --width");
            }
            net = net.withParameterization(Parameterization.STANDARD);
        }
        return net;
    }

    /** The NTK-parameterized network ignoring --width and --parameterization (finite-width commands set those). */
    public Network networkWithoutWidths() {
        Activation phi = activation();
        if (depth < 0 || depth > MAX_DEPTH) {
            throw new UsageException("--depth must be between 0 and " + MAX_DEPTH + ", got " + depth);
        }
        double[] w = perLayer("--weight-var", weightVariance, depth);
        double[] b = perLayer("--bias-var", biasVariance, depth);
        try {
            return Network.mlp(phi, w, b);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    public Activation activation() {
        try {
            return Activations.parse(activation);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    public int depth() {
        return depth;
    }

    public Parameterization parameterizationValue() {
        return switch (parameterization.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "ntk" -> Parameterization.NTK;
            case "standard" -> Parameterization.STANDARD;
            default -> throw new UsageException("--parameterization must be ntk or standard, got '" + parameterization + "'");
        };
    }

    /** Applies a width spec ("512" or "512,256,...", one per hidden layer) to the network. */
    static Network withWidths(Network net, String spec) {
        int hidden = net.depth();
        int[] widths = parseWidths("--width", spec);
        if (widths.length == 1) {
            int[] all = new int[hidden];
            Arrays.fill(all, widths[0]);
            widths = all;
        } else if (widths.length != hidden) {
            throw new UsageException("--width needs 1 or " + hidden + " values (one per hidden layer), got " + widths.length);
        }
        return net.withHiddenWidths(widths);
    }

    /** Parses a comma-separated list of widths, each >= 1. */
    static int[] parseWidths(String option, String spec) {
        String[] parts = spec.split(",", -1);
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            try {
                out[i] = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new UsageException(option + ": '" + p + "' is not a whole number");
            }
            if (out[i] < 1) {
                throw new UsageException(option + " must be >= 1, got " + out[i]);
            }
        }
        return out;
    }

    /** One value for every dense layer, or exactly depth + 1 values; each finite and >= 0. */
    static double[] perLayer(String option, String spec, int depth) {
        String[] parts = spec.split(",", -1);
        if (parts.length != 1 && parts.length != depth + 1) {
            throw new UsageException(option + " needs 1 or " + (depth + 1) + " values (one per dense layer), got "
                    + parts.length);
        }
        double[] values = new double[depth + 1];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            double v;
            try {
                v = Double.parseDouble(p);
            } catch (NumberFormatException e) {
                throw new UsageException(option + ": '" + p + "' is not a number");
            }
            if (!Double.isFinite(v) || v < 0) {
                throw new UsageException(option + " must be a finite number >= 0, got " + p);
            }
            values[i] = v;
        }
        if (parts.length == 1) {
            Arrays.fill(values, values[0]);
        }
        return values;
    }
}
