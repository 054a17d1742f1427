package org.ntk4j.cli;

import java.nio.file.Path;
import org.ntk4j.io.Matrices;
import picocli.CommandLine.Option;

/** The inputs of a kernel matrix: {@code --x1 FILE} and, for a cross matrix K(X1, X2), {@code --x2 FILE}. */
final class InputOptions {

    @Option(names = "--x1", required = true, paramLabel = "FILE", description = "Inputs, one per row (CSV or .npy).")
    Path x1;

    @Option(names = "--x2", paramLabel = "FILE", description = "Second set of inputs for the cross matrix K(X1, X2).")
    Path x2;

    /** The rows of --x1 and, if given, of --x2 (null otherwise), of the same dimension or a usage error. */
    double[][][] read() {
        double[][] a = Matrices.read(x1);
        double[][] b = x2 == null ? null : Matrices.read(x2);
        if (b != null && b[0].length != a[0].length) {
            throw new UsageException("x1 has dimension " + a[0].length + " but x2 has dimension " + b[0].length);
        }
        return new double[][][] {a, b};
    }
}
