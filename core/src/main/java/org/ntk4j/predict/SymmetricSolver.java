package org.ntk4j.predict;

/**
 * The two dense factorizations the predictions need, of a symmetric matrix given by rows: the symmetric
 * eigendecomposition A = V diag(λ) Vᵀ and the Cholesky factorization A = L Lᵀ. A small interface so that the
 * linear-algebra backend ({@link #ejml() EJML} by default) can be swapped without touching the prediction code.
 * Implementations must not modify their argument.
 */
public interface SymmetricSolver {

    /**
     * Eigenvalues in ascending order and, if {@code vectors}, the orthonormal eigenvectors as columns:
     * {@code vectors()[i][k]} is component i of the eigenvector of {@code values()[k]}.
     */
    Eigen eigen(double[][] a, boolean vectors);

    /**
     * The lower-triangular Cholesky factor L (by rows, zeros above the diagonal) with A = L Lᵀ.
     *
     * @throws SingularKernelException when A is not numerically positive definite
     */
    double[][] cholesky(double[][] a);

    /** The EJML (ejml-ddense) implementation. */
    static SymmetricSolver ejml() {
        return EjmlSymmetricSolver.INSTANCE;
    }

    /**
     * A symmetric eigendecomposition.
     *
     * @param values  eigenvalues, ascending
     * @param vectors eigenvectors as columns ({@code vectors[i][k]}), or null when not requested
     */
    record Eigen(double[] values, double[][] vectors) {
    }
}
