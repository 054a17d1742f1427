package org.ntk4j.cli;

import org.ntk4j.predict.TrainingSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Data files and gradient-descent options shared by {@code train} and {@code lazy}. */
public final class TrainingOptions {

    @Mixin
    TrainingDataOptions files;

    @Option(names = "--steps", required = true, paramLabel = "S", description = "Number of gradient steps, >= 1.")
    int steps;

    @Option(names = "--learning-rate", required = true, paramLabel = "ETA",
            description = "Learning rate eta > 0 for the loss (1/2n) sum (g(x_i) - y_i)^2 (stable below 2n/lambda_max of the NTK).")
    double learningRate;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "0",
            description = "Mini-batch size for SGD; 0 (default) for full-batch gradient descent.")
    int batchSize;

    @Option(names = "--seed", paramLabel = "K", defaultValue = "0", description = "Seed of the initial parameters and the batch order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--checkpoints", paramLabel = "K", defaultValue = "24",
            description = "About how many log-spaced checkpoints to record (default: ${DEFAULT-VALUE}).")
    int checkpoints;

    TrainingData data() {
        return files.read();
    }

    /** Validates every number before any file is read. */
    TrainingSettings settings(double outputScale) {
        if (steps < 1) {
            throw new UsageException("--steps must be >= 1, got " + steps);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new UsageException("--learning-rate must be a finite number > 0, got " + learningRate);
        }
        if (!(outputScale > 0) || Double.isInfinite(outputScale)) {
            throw new UsageException("--output-scale must be a finite number > 0, got " + outputScale);
        }
        if (batchSize < 0) {
            throw new UsageException("--batch-size must be >= 1 (or 0 for full batch), got " + batchSize);
        }
        if (checkpoints < 1) {
            throw new UsageException("--checkpoints must be >= 1, got " + checkpoints);
        }
        return new TrainingSettings(steps, learningRate, outputScale, batchSize, checkpoints, seed);
    }

    static void checkBatch(int batchSize, int n) {
        if (batchSize > n) {
            throw new UsageException("--batch-size " + batchSize + " is larger than the " + n + " training inputs");
        }
    }
}
