package org.ntk4j.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.junit.jupiter.api.Test;

/** The EJML backend against Hipparchus and against the defining identities A V = V Λ, VᵀV = I, L Lᵀ = A. */
class EjmlSymmetricSolverTest {

    private static double[][] spd(int n, long seed) {
        double[][] b = InfiniteWidthPredictorTest.inputs(n, n, seed);
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    a[i][j] += b[i][k] * b[j][k];
                }
            }
            a[i][i] += 0.1;
        }
        return a;
    }

    @Test
    void eigenDecompositionIsSortedOrthonormalAndMatchesHipparchus() {
        double[][] a = spd(9, 4);
        double[][] copy = Arrays.stream(a).map(double[]::clone).toArray(double[][]::new);
        SymmetricSolver.Eigen e = SymmetricSolver.ejml().eigen(a, true);
        assertThat(a).isDeepEqualTo(copy);
        double[] ref = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(a)).getEigenvalues();
        Arrays.sort(ref);
        assertThat(e.values()).containsExactly(ref, within(1e-12 * ref[8]));
        double[][] v = e.vectors();
        for (int k = 0; k < 9; k++) {
            for (int l = 0; l < 9; l++) {
                double dot = 0;
                for (int i = 0; i < 9; i++) {
                    dot += v[i][k] * v[i][l];
                }
                assertThat(dot).isCloseTo(k == l ? 1 : 0, within(1e-13));
            }
            for (int i = 0; i < 9; i++) {
                double av = 0;
                for (int j = 0; j < 9; j++) {
                    av += a[i][j] * v[j][k];
                }
                assertThat(av).isCloseTo(e.values()[k] * v[i][k], within(1e-12 * ref[8]));
            }
        }
        assertThat(SymmetricSolver.ejml().eigen(a, false).vectors()).isNull();
    }

    @Test
    void choleskyReproducesTheMatrixAndRefusesIndefiniteOnes() {
        double[][] a = spd(7, 5);
        double[][] l = SymmetricSolver.ejml().cholesky(a);
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 7; j++) {
                double s = 0;
                for (int k = 0; k < 7; k++) {
                    s += l[i][k] * l[j][k];
                }
                assertThat(s).isCloseTo(a[i][j], within(1e-12));
                if (j > i) {
                    assertThat(l[i][j]).isZero();
                }
            }
        }
        double[] b = {1, -2, 3, 0.5, 0, 1, 2};
        double[] x = Triangular.backward(l, Triangular.forward(l, b));
        double[] ref = new org.hipparchus.linear.LUDecomposition(MatrixUtils.createRealMatrix(a)).getSolver()
                .solve(MatrixUtils.createRealVector(b)).toArray();
        assertThat(x).containsExactly(ref, within(1e-10));
        assertThatThrownBy(() -> SymmetricSolver.ejml().cholesky(new double[][] {{1, 2}, {2, 1}}))
                .isInstanceOf(SingularKernelException.class);
    }
}
