package org.ntk4j.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/** The products and triangular solves against Hipparchus, on shapes that exercise the row and column blocking. */
class DenseMatricesTest {

    private static void assertMatrix(double[][] actual, RealMatrix expected, double tolerance) {
        assertThat(actual.length).isEqualTo(expected.getRowDimension());
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).containsExactly(expected.getRow(i), within(tolerance));
        }
    }

    @Test
    void productAndTransposeMatchHipparchus() {
        double[][] a = InfiniteWidthPredictorTest.inputs(11, 7, 1);
        double[][] b = InfiniteWidthPredictorTest.inputs(7, 5, 2);
        assertMatrix(DenseMatrices.multiply(a, b),
                MatrixUtils.createRealMatrix(a).multiply(MatrixUtils.createRealMatrix(b)), 1e-13);
        assertMatrix(DenseMatrices.transpose(a), MatrixUtils.createRealMatrix(a).transpose(), 0);
    }

    @Test
    void triangularSolvesMatchHipparchus() {
        int n = 9;
        double[][] l = InfiniteWidthPredictorTest.inputs(n, n, 3);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                l[i][j] = 0;
            }
            l[i][i] = 2 + Math.abs(l[i][i]);
        }
        double[][] r = InfiniteWidthPredictorTest.inputs(n, 300, 4); // two column blocks
        RealMatrix lm = MatrixUtils.createRealMatrix(l);
        RealMatrix rm = MatrixUtils.createRealMatrix(r);
        assertMatrix(DenseMatrices.solveLower(l, r), MatrixUtils.inverse(lm).multiply(rm), 1e-12);
        assertMatrix(DenseMatrices.solveLowerTransposed(l, r), MatrixUtils.inverse(lm.transpose()).multiply(rm), 1e-12);
    }
}
