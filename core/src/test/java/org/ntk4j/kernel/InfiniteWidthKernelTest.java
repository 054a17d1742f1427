package org.ntk4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ntk4j.activation.Activations;
import org.ntk4j.activation.Erf;
import org.ntk4j.activation.Identity;
import org.ntk4j.activation.Relu;
import org.ntk4j.network.Network;
import org.ntk4j.network.Parameterization;

class InfiniteWidthKernelTest {

    /** The inputs of neural_tangents_values.md section A.3. */
    private static final double[][] X = {{1, 2, -1}, {0.5, -1, 2}, {0, 0, 0}};

    private static void assertMatrix(double[][] actual, double[][] expected, double relative) {
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected.length; j++) {
                double e = expected[Math.min(i, j)][Math.max(i, j)];
                assertThat(actual[i][j]).as("entry (%d, %d)", i, j)
                        .isCloseTo(e, within(relative * Math.max(Math.abs(e), 1e-300)));
            }
        }
    }

    @Test
    void reluDepthTwoMatchesNeuralTangents() {
        // [Dense(√2, 0.1) → Relu] × 2 → Dense(√2, 0.1)
        KernelMatrices k = new InfiniteWidthKernel(Network.mlp(new Relu(), 2, 2.0, 0.01)).gram(X);
        assertMatrix(k.nngp(), new double[][] {{4.030000000000002, 1.3506345211453257, 0.14317711773483582},
                {0, 3.530000000000002, 0.13518895890515362}, {0, 0, 0.03}}, 1e-14);
        assertMatrix(k.ntk(), new double[][] {{12.060000000000006, 1.1474792796917674, 0.19269719551976947},
                {0, 10.560000000000006, 0.18239368310049658}, {0, 0, 0.06}}, 1e-14);
    }

    @Test
    void erfDepthTwoMatchesNeuralTangents() {
        // [Dense(1.5, 0.05) → Erf] × 2 → Dense(1.5, 0.05)
        KernelMatrices k = new InfiniteWidthKernel(Network.mlp(new Erf(), 2, 2.25, 0.0025)).gram(X);
        assertMatrix(k.nngp(), new double[][] {{1.2449649682155268, -0.5931464111241356, 0.009078481441668739},
                {0, 1.2347186697746186, 0.009336320011667208}, {0, 0, 0.029558214454090924}}, 1e-14);
        assertMatrix(k.ntk(), new double[][] {{6.043877887580083, -1.9456720811316643, 0.01877942109506974},
                {0, 5.829833247336857, 0.019519281534011508}, {0, 0, 0.07665330323398367}}, 1e-14);
    }

    @Test
    void standardParameterizationMatchesNeuralTangents() {
        double[][] x = {{1, 2, -1}, {0.5, -1, 2}, {0.3, 0.3, 0.3}};
        Network net = Network.mlp(new Relu(), 1, 1.0, 0.01).withHiddenWidth(512)
                .withParameterization(Parameterization.STANDARD);
        KernelMatrices k = new InfiniteWidthKernel(net).gram(x);
        assertMatrix(k.nngp(), new double[][] {{1.015, 0.07881444595166595, 0.14183519810715958},
                {0, 0.89, 0.12168679977951888}, {0, 0, 0.06}}, 1e-14);
        assertMatrix(k.ntk(), new double[][] {{519.06, 35.871536139666645, 69.0237582905452},
                {0, 454.685, 58.636442256535304}, {0, 0, 27.235}}, 1e-14);
    }

    @Test
    void identityNetworkHasTheLinearKernel() {
        // K_{h+1} = w K_h + b and Θ_{h+1} = K_{h+1} + w Θ_h, by hand.
        double w = 1.7;
        double b = 0.3;
        int depth = 3;
        KernelMatrices k = new InfiniteWidthKernel(Network.mlp(new Identity(), depth, w, b)).gram(X);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double c = (X[i][0] * X[j][0] + X[i][1] * X[j][1] + X[i][2] * X[j][2]) / 3.0;
                double kk = w * c + b;
                double tt = kk;
                for (int h = 0; h < depth; h++) {
                    kk = w * kk + b;
                    tt = kk + w * tt;
                }
                assertThat(k.nngp()[i][j]).isCloseTo(kk, within(1e-14 * Math.abs(kk)));
                assertThat(k.ntk()[i][j]).isCloseTo(tt, within(1e-14 * Math.abs(tt)));
            }
        }
    }

    @Test
    void crossMatrixAndScalarFormAgreeWithGram() {
        double[][] x = randomInputs(9, 4, 11);
        double[][] z = randomInputs(5, 4, 12);
        InfiniteWidthKernel kernel = new InfiniteWidthKernel(Network.mlp(new Erf(), 3, 1.3, 0.2));
        double[][] all = new double[14][];
        System.arraycopy(x, 0, all, 0, 9);
        System.arraycopy(z, 0, all, 9, 5);
        KernelMatrices gram = kernel.gram(all);
        KernelMatrices cross = kernel.cross(x, z);
        for (int i = 0; i < 9; i++) {
            for (int j = 0; j < 5; j++) {
                assertThat(cross.nngp()[i][j]).isCloseTo(gram.nngp()[i][9 + j], within(1e-15));
                assertThat(cross.ntk()[i][j]).isCloseTo(gram.ntk()[i][9 + j], within(1e-14));
                KernelValue v = kernel.evaluate(x[i], z[j]);
                assertThat(v.nngp()).isCloseTo(cross.nngp()[i][j], within(1e-15));
                assertThat(v.ntk()).isCloseTo(cross.ntk()[i][j], within(1e-14));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"relu", "erf", "identity"})
    void gramMatricesAreSymmetricPositiveSemidefinite(String activation) {
        double[][] x = randomInputs(40, 6, 3);
        KernelMatrices k = new InfiniteWidthKernel(Network.mlp(Activations.parse(activation), 4, 1.5, 0.05)).gram(x);
        for (double[][] m : new double[][][] {k.nngp(), k.ntk()}) {
            for (int i = 0; i < m.length; i++) {
                for (int j = 0; j < m.length; j++) {
                    assertThat(m[i][j]).isEqualTo(m[j][i]);
                }
            }
            double[] eig = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(m)).getEigenvalues();
            double max = eig[0];
            for (double e : eig) {
                assertThat(e).isGreaterThan(-1e-12 * max);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"relu", "erf", "identity"})
    void numericallySafeOnExtremeInputs(String activation) {
        double[] x = {0.3, -1.2, 2.0};
        double[][] inputs = {
                {0, 0, 0}, x, {-0.3, 1.2, -2.0}, x.clone(),
                {1e-150, -2e-150, 3e-150}, {1e150, 2e150, -1e150}, {3e-150, 1e-150, 0}, {-1e150, 0, 2e150}};
        for (double bias : new double[] {0.0, 0.1}) {
            for (int depth : new int[] {1, 5, 1000}) {
                double w = activation.equals("erf") ? 1.0 : 1.0;
                KernelMatrices k = new InfiniteWidthKernel(Network.mlp(Activations.parse(activation), depth, w, bias))
                        .gram(inputs);
                assertThat(k.allFinite()).as("depth %d bias %s", depth, bias).isTrue();
                assertThat(k.nngp()[1][3]).isEqualTo(k.nngp()[1][1]);
                assertThat(k.ntk()[1][3]).isEqualTo(k.ntk()[1][1]);
            }
        }
    }

    @Test
    void dotProductFormMatchesGramOnTheSphere() {
        double[][] x = {{1, 1, -1, 1}, {1, -1, -1, 1}};
        InfiniteWidthKernel kernel = new InfiniteWidthKernel(Network.mlp(new Relu(), 2, 2, 0.1));
        KernelMatrices k = kernel.gram(x);
        KernelValue v = kernel.dotProduct(1.0, 4).apply(0.5);
        assertThat(v.nngp()).isCloseTo(k.nngp()[0][1], within(1e-15));
        assertThat(v.ntk()).isCloseTo(k.ntk()[0][1], within(1e-14));
    }

    static double[][] randomInputs(int n, int d, long seed) {
        java.util.Random r = new java.util.Random(seed);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int k = 0; k < d; k++) {
                row[k] = r.nextGaussian();
            }
        }
        return x;
    }
}
