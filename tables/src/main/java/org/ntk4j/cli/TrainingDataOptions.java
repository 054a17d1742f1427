package org.ntk4j.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The data files of {@code predict}, {@code train} and {@code lazy}: training inputs and targets, test inputs. */
final class TrainingDataOptions {

    @Option(names = "--x-train", required = true, paramLabel = "FILE", description = "Training inputs, one per row (CSV or .npy).")
    Path xTrain;

    @Option(names = "--y-train", required = true, paramLabel = "FILE",
            description = "Training targets, one per training input (a CSV/.npy column or a single row).")
    Path yTrain;

    @Option(names = "--x-test", required = true, paramLabel = "FILE", description = "Test inputs, one per row.")
    Path xTest;

    /** The three files read and checked against each other ({@link TrainingData#read}). */
    TrainingData read() {
        return TrainingData.read(xTrain, yTrain, xTest);
    }
}
