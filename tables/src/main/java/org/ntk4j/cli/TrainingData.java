package org.ntk4j.cli;

import java.nio.file.Path;
import org.ntk4j.io.Matrices;

/**
 * A training set (X, y) and test inputs X* read from files and checked for matching shapes: as many targets as
 * training inputs, test inputs of the training dimension. Shared by predict, train and lazy.
 */
record TrainingData(double[][] xTrain, double[] yTrain, double[][] xTest) {

    static TrainingData read(Path xTrainFile, Path yTrainFile, Path xTestFile) {
        double[][] x = Matrices.read(xTrainFile);
        double[] y = Matrices.readVector(yTrainFile);
        double[][] xt = Matrices.read(xTestFile);
        if (x.length != y.length) {
            throw new UsageException("--x-train has " + x.length + " rows (inputs) but --y-train has " + y.length
                    + " targets");
        }
        if (xt[0].length != x[0].length) {
            throw new UsageException("--x-train has dimension " + x[0].length + " but --x-test has dimension "
                    + xt[0].length);
        }
        return new TrainingData(x, y, xt);
    }
}
