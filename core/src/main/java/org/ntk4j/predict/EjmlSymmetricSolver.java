package org.ntk4j.predict;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/** {@link SymmetricSolver} on EJML's dense row-major decompositions (symmetric QR algorithm, Cholesky). */
final class EjmlSymmetricSolver implements SymmetricSolver {

    static final EjmlSymmetricSolver INSTANCE = new EjmlSymmetricSolver();

    private EjmlSymmetricSolver() {
    }

    @Override
    public Eigen eigen(double[][] a, boolean vectors) {
        int n = checkSquare(a);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, vectors, true);
        if (!eig.decompose(toMatrix(a, n))) {
            throw new ArithmeticException("the symmetric eigendecomposition did not converge (n = " + n + ")");
        }
        double[] raw = new double[n];
        for (int k = 0; k < n; k++) {
            raw[k] = eig.getEigenvalue(k).real;
        }
        // EJML returns the eigenvalues in no particular order; sort ascending and carry the vectors along.
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(k -> raw[k]));
        double[] values = new double[n];
        double[][] v = vectors ? new double[n][n] : null;
        for (int k = 0; k < n; k++) {
            values[k] = raw[order[k]];
            if (vectors) {
                DMatrixRMaj column = eig.getEigenVector(order[k]);
                for (int i = 0; i < n; i++) {
                    v[i][k] = column.get(i, 0);
                }
            }
        }
        return new Eigen(values, v);
    }

    @Override
    public double[][] cholesky(double[][] a) {
        int n = checkSquare(a);
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
        if (!chol.decompose(toMatrix(a, n))) {
            throw new SingularKernelException("the matrix is not numerically positive definite (Cholesky failed)");
        }
        DMatrixRMaj t = chol.getT(null);
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                l[i][j] = t.get(i, j);
            }
        }
        return l;
    }

    /** A fresh copy, so the caller's array is never modified by a decomposition working in place. */
    private static DMatrixRMaj toMatrix(double[][] a, int n) {
        DMatrixRMaj m = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m.data, i * n, n);
        }
        return m;
    }

    private static int checkSquare(double[][] a) {
        int n = a.length;
        if (n == 0) {
            throw new IllegalArgumentException("empty matrix");
        }
        for (double[] row : a) {
            if (row.length != n) {
                throw new IllegalArgumentException("matrix is not square (" + n + " rows, a row of " + row.length + ")");
            }
        }
        return n;
    }
}
