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

    // ---- The optimised Gram path against the straightforward recursion -------------------------------------

    /**
     * The straightforward evaluation of one entry, independent of the production loops: plain dot products, and
     * per layer the activation's scalar duals {@link org.ntk4j.activation.Activation#dual} (the conditioned
     * GaussianPair route with {@code Math.atan2}) on the pair and on each diagonal.
     */
    static double[] straightforward(org.ntk4j.activation.Activation phi, int depth, double w, double b,
                                    double[] x, double[] z) {
        int d = x.length;
        double xx = 0;
        double zz = 0;
        double xz = 0;
        for (int k = 0; k < d; k++) {
            xx += x[k] * x[k];
            zz += z[k] * z[k];
            xz += x[k] * z[k];
        }
        double kx = w * xx / d + b;
        double kz = w * zz / d + b;
        double k = w * xz / d + b;
        double t = k;
        for (int h = 0; h < depth; h++) {
            double dual = phi.dual(kx, kz, k);
            double derivative = phi.derivativeDual(kx, kz, k);
            kx = w * phi.dual(kx, kx, kx) + b;
            kz = w * phi.dual(kz, kz, kz) + b;
            k = w * dual + b;
            t = k + w * derivative * t;
        }
        return new double[] {k, t};
    }

    /** Inputs with duplicates, zero vectors, parallel and antiparallel pairs, norms 10^±decades; n = 37. */
    static double[][] awkwardInputs(int d, int decades) {
        double[][] x = randomInputs(37, d, 21);
        x[3] = x[1].clone();
        x[4] = new double[d];
        x[5] = x[2].clone();
        for (int k = 0; k < d; k++) {
            x[5][k] = -x[5][k];
            x[7][k] = 4 * x[6][k];
            x[9][k] = -0.25 * x[8][k];
        }
        x[36] = new double[d];
        double big = Math.pow(10, decades);
        for (int k = 0; k < d; k++) {
            x[10][k] *= big;
            x[11][k] = -x[10][k];
            x[12][k] /= big;
            x[13][k] = 2 * x[12][k];
            x[14][k] *= big / 1e20;
        }
        return x;
    }

    /**
     * |actual − reference| ≤ 1e-10 |reference| + 1e-13 √(Σ_ii Σ_jj): entrywise relative, with a floor at the
     * size of the entries of that row and column, where rounding in the input dot products (~1e-16 of
     * ‖x_i‖‖x_j‖/d, which is all a near-orthogonal pair's ⟨x_i, x_j⟩ can be known to) dominates.
     */
    private static void assertCloseTo(KernelMatrices k, double[][][] ref, String what) {
        int n = ref[0].length;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int m = 0; m < 2; m++) {
                    double actual = (m == 0 ? k.nngp() : k.ntk())[i][j];
                    double r = ref[m][i][j];
                    double floor = Math.sqrt(Math.abs(ref[m][i][i]) * Math.abs(ref[m][j][j]));
                    assertThat(Math.abs(actual - r)).as("%s entry (%d, %d) %s", what, i, j, m == 0 ? "NNGP" : "NTK")
                            .isLessThanOrEqualTo(1e-10 * Math.abs(r) + 1e-13 * floor);
                }
            }
        }
    }

    private static double[][][] straightforwardGram(org.ntk4j.activation.Activation phi, int depth, double w, double b,
                                                    double[][] x) {
        int n = x.length;
        double[][][] ref = new double[2][n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double[] r = straightforward(phi, depth, w, b, x[i], x[j]);
                ref[0][i][j] = r[0];
                ref[1][i][j] = r[1];
            }
        }
        return ref;
    }

    /**
     * The same recursion in BigDecimal arithmetic with the activation's {@link
     * org.ntk4j.activation.PreciseDual}, from exact input dot products (first layer rounded to double once): the reference where the double route's own
     * rounding is not small enough, e.g. for exactly parallel inputs (x and 4x), whose ρ = 1 the scalar route
     * misses by an ulp of √q1·√q2 and so by ~1e-8 in θ.
     */
    private static double[][][] preciseGram(org.ntk4j.activation.Activation phi, int depth, double w, double b,
                                            double[][] x, int digits) {
        java.math.MathContext mc = new java.math.MathContext(digits);
        org.ntk4j.activation.PreciseDual p = phi.preciseDual().orElseThrow();
        java.math.BigDecimal bw = new java.math.BigDecimal(w);
        java.math.BigDecimal bb = new java.math.BigDecimal(b);
        int n = x.length;
        int d = x[0].length;
        java.math.BigDecimal[][] dots = new java.math.BigDecimal[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                java.math.BigDecimal s = java.math.BigDecimal.ZERO;
                for (int k = 0; k < d; k++) {
                    s = s.add(new java.math.BigDecimal(x[i][k]).multiply(new java.math.BigDecimal(x[j][k])));
                }
                // The first layer's Σ rounded to double, as any double computation must start from it: for erf
                // at q ~ 1e40 the bias of an antiparallel pair (c = −wq + b) is below an ulp of c, and Σ̇ depends on
                // q² − c², so the unrounded value would be a different problem, not a more accurate answer.
                double c = s.divide(java.math.BigDecimal.valueOf(d), mc).doubleValue();
                dots[i][j] = new java.math.BigDecimal(w * c + b);
            }
        }
        java.math.BigDecimal[][] diag = new java.math.BigDecimal[depth + 1][n];
        for (int i = 0; i < n; i++) {
            diag[0][i] = dots[i][i];
            for (int h = 0; h < depth; h++) {
                java.math.BigDecimal q = diag[h][i];
                diag[h + 1][i] = p.dual(q, q, q, mc).multiply(bw, mc).add(bb, mc);
            }
        }
        double[][][] ref = new double[2][n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                java.math.BigDecimal k = dots[i][j];
                java.math.BigDecimal t = k;
                for (int h = 0; h < depth; h++) {
                    java.math.BigDecimal dual = p.dual(diag[h][i], diag[h][j], k, mc);
                    java.math.BigDecimal derivative = p.derivativeDual(diag[h][i], diag[h][j], k, mc);
                    k = dual.multiply(bw, mc).add(bb, mc);
                    t = k.add(bw.multiply(derivative, mc).multiply(t, mc), mc);
                }
                ref[0][i][j] = ref[0][j][i] = k.doubleValue();
                ref[1][i][j] = ref[1][j][i] = t.doubleValue();
            }
        }
        return ref;
    }

    /**
     * Duplicates, zero vectors, exactly parallel and antiparallel pairs, norms 1e±150 (ReLU; 1e±20 for erf, whose
     * BigDecimal form (1 + 2q1)(1 + 2q2) − 4c² needs ~2·log10 q digits); n = 37, not a tile multiple.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"relu,1,2,0.1", "relu,3,2,0", "relu,4,1,0.3", "erf,1,1.5,0.05",
            "erf,3,1,0", "erf,2,2.5,0.2"})
    void gramMatchesTheRecursionInArbitraryPrecision(String activation, int depth, double w, double b) {
        org.ntk4j.activation.Activation phi = Activations.parse(activation);
        boolean relu = activation.equals("relu");
        double[][] x = awkwardInputs(7, relu ? 150 : 20);
        KernelMatrices k = new InfiniteWidthKernel(Network.mlp(phi, depth, w, b)).gram(x);
        assertThat(k.allFinite()).isTrue();
        assertCloseTo(k, preciseGram(phi, depth, w, b, x, relu ? 30 : 60), activation + " depth " + depth);
        assertThat(k.nngp()[1][3]).isEqualTo(k.nngp()[1][1]);
        assertThat(k.ntk()[3][1]).isEqualTo(k.ntk()[3][3]);
    }

    /** Against the scalar duals of the activation, entry by entry (inputs without exactly parallel pairs). */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"relu,1,2,0.1", "relu,7,2,0", "erf,2,1.5,0.05", "erf,5,1,0"})
    void gramMatchesTheStraightforwardScalarRecursion(String activation, int depth, double w, double b) {
        org.ntk4j.activation.Activation phi = Activations.parse(activation);
        double[][] x = randomInputs(41, 6, 17);
        x[5] = x[2].clone();
        for (int k = 0; k < 6; k++) {
            x[7][k] = -x[3][k];
            x[9][k] *= 1e120;
            x[10][k] *= 1e-120;
        }
        x[11] = new double[6];
        KernelMatrices k = new InfiniteWidthKernel(Network.mlp(phi, depth, w, b)).gram(x);
        assertCloseTo(k, straightforwardGram(phi, depth, w, b, x), activation + " depth " + depth);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"relu,2,0.1", "erf,1.2,0.05"})
    void depthThousandMatchesTheStraightforwardRecursion(String activation, double w, double b) {
        org.ntk4j.activation.Activation phi = Activations.parse(activation);
        double[][] x = randomInputs(13, 5, 8);
        KernelMatrices k = new InfiniteWidthKernel(Network.mlp(phi, 1000, w, b)).gram(x);
        assertCloseTo(k, straightforwardGram(phi, 1000, w, b, x), activation + " depth 1000");
    }

    @Test
    void gramIsExactlySymmetricAndCrossAgreesWithItBitForBit() {
        double[][] x = awkwardInputs(9, 150);
        double[][] z = java.util.Arrays.copyOfRange(x, 10, 37);
        for (String activation : new String[] {"relu", "erf", "identity"}) {
            InfiniteWidthKernel kernel = new InfiniteWidthKernel(Network.mlp(Activations.parse(activation), 3, 1.0, 0.1));
            KernelMatrices g = kernel.gram(x);
            KernelMatrices c = kernel.cross(x, z);
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < x.length; j++) {
                    assertThat(g.nngp()[i][j]).isEqualTo(g.nngp()[j][i]);
                    assertThat(g.ntk()[i][j]).isEqualTo(g.ntk()[j][i]);
                }
                for (int j = 0; j < z.length; j++) {
                    assertThat(c.nngp()[i][j]).as("%s (%d, %d)", activation, i, j).isEqualTo(g.nngp()[i][10 + j]);
                    assertThat(c.ntk()[i][j]).as("%s (%d, %d)", activation, i, j).isEqualTo(g.ntk()[i][10 + j]);
                }
            }
        }
    }

    /**
     * Closed forms, and an activation integrated by quadrature (Mehler series with their sampled pairs, and in the
     * deeper layers here a correlation window): Gram and cross matrices do not depend on the number of threads, bit
     * for bit, and cross(x, x) equals gram(x) — bit for bit where every layer's dual is symmetric in its two inputs
     * by construction (closed forms, Mehler series), to rounding where a window contracts the row's variance before
     * the column's (documented in docs/performance.md).
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"relu,11,6,false", "tanh,11,2,false", "softplus,100,10,true"})
    void resultDoesNotDependOnTheNumberOfThreads(String activation, int d, int depth, boolean windowed)
            throws Exception {
        double[][] x = randomInputs(203, d, 5);
        InfiniteWidthKernel kernel = new InfiniteWidthKernel(Network.mlp(Activations.parse(activation), depth, 2.0,
                0.1));
        KernelMatrices reference = kernel.gram(x);
        KernelMatrices crossReference = kernel.cross(x, x);
        assertThat(kernel.routes(x).contains("Windowed")).as("a correlation window among the routes")
                .isEqualTo(windowed);
        if (activation.equals("tanh")) {
            assertThat(kernel.routes(x)).as("Mehler series, symmetric by construction").contains("Mehler");
        }
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                double[][] g = {reference.nngp()[i], reference.ntk()[i]};
                double[][] c = {crossReference.nngp()[i], crossReference.ntk()[i]};
                for (int m = 0; m < 2; m++) {
                    if (windowed) {
                        double scale = Math.sqrt((m == 0 ? reference.nngp() : reference.ntk())[i][i]
                                * (m == 0 ? reference.nngp() : reference.ntk())[j][j]);
                        assertThat(Math.abs(c[m][j] - g[m][j])).as("cross vs gram (%d, %d)", i, j)
                                .isLessThanOrEqualTo(1e-14 * scale);
                    } else {
                        assertThat(c[m][j]).as("cross vs gram (%d, %d)", i, j).isEqualTo(g[m][j]);
                    }
                }
            }
        }
        for (int threads : new int[] {1, 2, 3}) {
            java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
            try {
                KernelMatrices k = pool.submit(() -> kernel.gram(x)).get();
                KernelMatrices c = pool.submit(() -> kernel.cross(x, x)).get();
                for (int i = 0; i < x.length; i++) {
                    assertThat(k.nngp()[i]).isEqualTo(reference.nngp()[i]);
                    assertThat(k.ntk()[i]).isEqualTo(reference.ntk()[i]);
                    assertThat(c.nngp()[i]).isEqualTo(crossReference.nngp()[i]);
                    assertThat(c.ntk()[i]).isEqualTo(crossReference.ntk()[i]);
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    // ---- Interpolated duals for activations without a closed form ------------------------------------------

    /** n inputs on the sphere √d·S^{d−1} (⟨x, x⟩/d = 1), with a duplicate and an antipodal pair. */
    static double[][] sphere(int n, int d, long seed) {
        double[][] x = randomInputs(n, d, seed);
        for (double[] row : x) {
            double norm = 0;
            for (double v : row) {
                norm += v * v;
            }
            double scale = Math.sqrt(d / norm);
            for (int k = 0; k < d; k++) {
                row[k] *= scale;
            }
        }
        x[2] = x[0].clone();
        for (int k = 0; k < d; k++) {
            x[3][k] = -x[1][k];
        }
        return x;
    }

    /**
     * A closed form hidden behind hasClosedFormDual() == false, on the sphere: the Gram path interpolates (far
     * fewer dual evaluations than entries × layers) and agrees with the closed form's own row kernels to 1e-10.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"relu,2,0.1,6", "relu,2,0,3", "erf,1.5,0.05,4", "erf,3,0,2"})
    void interpolatedQuadratureDualsMatchTheClosedForm(String activation, double w, double b, int depth) {
        org.ntk4j.activation.Activation phi = Activations.parse(activation);
        SlowDual slow = new SlowDual(phi);
        double[][] x = sphere(300, 8, 9);
        KernelMatrices k = new InfiniteWidthKernel(Network.mlp(slow, depth, w, b)).gram(x);
        long entries = 300L * 301 / 2 * depth;
        assertThat(slow.evaluations.get()).as("dual evaluations").isLessThan(entries / 4);
        KernelMatrices exact = new InfiniteWidthKernel(Network.mlp(phi, depth, w, b)).gram(x);
        double[][][] ref = {exact.nngp(), exact.ntk()};
        assertCloseTo(k, ref, "interpolated " + activation);
        assertThat(k.nngp()[0][2]).isEqualTo(k.nngp()[0][0]);
        assertThat(k.ntk()[2][0]).isEqualTo(k.ntk()[2][2]);
    }

    /** Three distinct norms: one interpolant per pair of variances (six), in a Gram and a cross matrix. */
    @Test
    void interpolationWithSeveralVariances() {
        double[][] x = sphere(60, 5, 10);
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < 5; k++) {
                x[i][k] *= 1 + i % 3;
            }
        }
        double[][] z = java.util.Arrays.copyOf(x, 17);
        Network net = Network.mlp(new SlowDual(new Erf()), 3, 1.7, 0.1);
        InfiniteWidthKernel interpolating = new InfiniteWidthKernel(net, true);
        InfiniteWidthKernel exact = new InfiniteWidthKernel(Network.mlp(new Erf(), 3, 1.7, 0.1));
        KernelMatrices g = exact.gram(x);
        assertCloseTo(interpolating.gram(x), new double[][][] {g.nngp(), g.ntk()}, "gram");
        KernelMatrices c = interpolating.cross(x, z);
        KernelMatrices e = exact.cross(x, z);
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < z.length; j++) {
                double floorK = Math.sqrt(g.nngp()[i][i] * g.nngp()[j][j]);
                double floorT = Math.sqrt(g.ntk()[i][i] * g.ntk()[j][j]);
                assertThat(Math.abs(c.nngp()[i][j] - e.nngp()[i][j]))
                        .isLessThanOrEqualTo(1e-10 * Math.abs(e.nngp()[i][j]) + 1e-13 * floorK);
                assertThat(Math.abs(c.ntk()[i][j] - e.ntk()[i][j]))
                        .isLessThanOrEqualTo(1e-10 * Math.abs(e.ntk()[i][j]) + 1e-13 * floorT);
            }
        }
    }

    /** Unnormalised inputs (all variances distinct): every entry exact, so the hidden closed form is reproduced. */
    @Test
    void manyDistinctVariancesFallBackToExactDuals() {
        double[][] x = randomInputs(50, 4, 12);
        SlowDual slow = new SlowDual(new Relu());
        KernelMatrices k = new InfiniteWidthKernel(Network.mlp(slow, 2, 2, 0.1)).gram(x);
        assertThat(slow.evaluations.get()).isGreaterThanOrEqualTo(50L * 51 / 2 * 2);
        KernelMatrices exact = new InfiniteWidthKernel(Network.mlp(new Relu(), 2, 2, 0.1)).gram(x);
        assertCloseTo(k, new double[][][] {exact.nngp(), exact.ntk()}, "exact fallback");
    }

    /**
     * Activations integrated by quadrature on inputs of unequal norms (every variance distinct) take the Mehler
     * series: erf and ReLU seen only through φ and φ' must reproduce their closed forms' Gram matrices. ReLU's
     * series stop at |ρ| ≈ 0.5, so its larger correlations exercise the deferred route; duplicates must
     * reproduce the diagonal bit for bit.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"erf,3,1.5,0.05", "relu,2,2,0.1"})
    void mehlerSeriesMatchTheClosedFormOnUnequalNorms(String activation, int depth, double w, double b) {
        org.ntk4j.testing.Integrated integrated = activation.equals("erf")
                ? org.ntk4j.testing.Integrated.ERF : org.ntk4j.testing.Integrated.RELU;
        double[][] x = randomInputs(300, 6, 13);   // several groups of rows and column chunks
        x[3] = x[1].clone();
        for (int k = 0; k < 6; k++) {
            x[7][k] = 0.999 * x[6][k] + 1e-3 * x[8][k];
        }
        KernelMatrices k = new InfiniteWidthKernel(Network.mlp(integrated, depth, w, b)).gram(x);
        KernelMatrices exact = new InfiniteWidthKernel(Network.mlp(integrated.closedForm(), depth, w, b)).gram(x);
        assertCloseTo(k, new double[][][] {exact.nngp(), exact.ntk()}, "Mehler " + activation);
        assertThat(k.nngp()[1][3]).isEqualTo(k.nngp()[1][1]);
        assertThat(k.ntk()[3][1]).isEqualTo(k.ntk()[3][3]);
    }

    /**
     * Deep networks on Gaussian inputs narrow their correlations layer by layer until a correlation window
     * ({@link WindowInterpolant}) is cheaper than the Mehler series. ReLU seen only through φ and φ' (whose series
     * stop at |ρ| ≈ 0.85, so that its windows are built both from the series and from exact duals) must then
     * still reproduce its closed form's Gram and cross matrices, and duplicates the diagonal bit for bit.
     */
    @Test
    void correlationWindowsMatchTheClosedForm() {
        org.ntk4j.testing.Integrated integrated = org.ntk4j.testing.Integrated.RELU;
        double[][] x = randomInputs(240, 100, 29);
        x[3] = x[1].clone();
        InfiniteWidthKernel kernel = new InfiniteWidthKernel(Network.mlp(integrated, 10, 2, 0.1));
        assertThat(kernel.routes(x)).as("the deep layers' routes").contains("Windowed");
        KernelMatrices k = kernel.gram(x);
        InfiniteWidthKernel closed = new InfiniteWidthKernel(Network.mlp(integrated.closedForm(), 10, 2, 0.1));
        KernelMatrices exact = closed.gram(x);
        assertCloseTo(k, new double[][][] {exact.nngp(), exact.ntk()}, "window");
        assertThat(k.nngp()[1][3]).isEqualTo(k.nngp()[1][1]);
        assertThat(k.ntk()[3][1]).isEqualTo(k.ntk()[3][3]);
        double[][] z = randomInputs(40, 100, 30);
        KernelMatrices c = kernel.cross(z, x);
        KernelMatrices ce = closed.cross(z, x);
        KernelMatrices gz = closed.gram(z);
        for (int i = 0; i < z.length; i++) {
            for (int j = 0; j < x.length; j++) {
                double floorK = Math.sqrt(gz.nngp()[i][i] * exact.nngp()[j][j]);
                double floorT = Math.sqrt(gz.ntk()[i][i] * exact.ntk()[j][j]);
                assertThat(Math.abs(c.nngp()[i][j] - ce.nngp()[i][j])).as("cross NNGP (%d, %d)", i, j)
                        .isLessThanOrEqualTo(1e-10 * Math.abs(ce.nngp()[i][j]) + 1e-13 * floorK);
                assertThat(Math.abs(c.ntk()[i][j] - ce.ntk()[i][j])).as("cross NTK (%d, %d)", i, j)
                        .isLessThanOrEqualTo(1e-10 * Math.abs(ce.ntk()[i][j]) + 1e-13 * floorT);
            }
        }
    }

    /**
     * A deep network of a kinked φ without closed form, on enough Gaussian inputs, goes through the whole network as
     * one interpolant ({@link NetworkWindow}). ReLU capped far beyond its inputs' reach, min(max(0, x), 1000), whose
     * exact duals are bivariate normal orthant sums, must then reproduce the arc-cosine closed form's Gram and cross
     * matrices in both parameterisations. The entries the interpolant leaves over go layer by layer: a duplicate
     * (the diagonal, bit for bit) and a highly correlated pair (ρ ≈ 0.95, far above the first layer's window).
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Parameterization.class)
    void wholeNetworkWindowMatchesTheClosedForm(Parameterization p) {
        double[][] x = randomInputs(1000, 100, 41);
        x[3] = x[1].clone();
        for (int k = 0; k < 100; k++) {
            x[20][k] = 0.95 * x[21][k] + 0.3 * x[22][k];
        }
        Network capped = Network.mlp(Activations.parse("expr:min(max(0,x),1000)"), 10, 2, 0.1).withHiddenWidth(256)
                .withParameterization(p);
        Network relu = Network.mlp(new Relu(), 10, 2, 0.1).withHiddenWidth(256).withParameterization(p);
        InfiniteWidthKernel kernel = new InfiniteWidthKernel(capped);
        InfiniteWidthKernel closed = new InfiniteWidthKernel(relu);
        assertThat(kernel.wholeNetwork(x)).as("one interpolant for the whole network").isTrue();
        KernelMatrices k = kernel.gram(x);
        KernelMatrices exact = closed.gram(x);
        assertWithin(k, exact, exact, exact, "whole network " + p);
        assertThat(k.nngp()[1][3]).isEqualTo(k.nngp()[1][1]);
        assertThat(k.ntk()[3][1]).isEqualTo(k.ntk()[3][3]);
        double[][] z = randomInputs(300, 100, 42);
        z[7] = x[5].clone();
        assertThat(kernel.wholeNetwork(z, x)).as("the cross matrix too").isTrue();
        KernelMatrices c = kernel.cross(z, x);
        KernelMatrices ce = closed.cross(z, x);
        assertWithin(c, ce, closed.gram(z), exact, "whole network cross " + p);
        assertThat(c.nngp()[7][5]).as("a duplicate across the two sets").isEqualTo(k.nngp()[5][5]);
        assertThat(c.ntk()[7][5]).isEqualTo(k.ntk()[5][5]);
    }

    /**
     * Smooth activations integrated by quadrature take the whole network at once too, its nodes through every
     * layer's own series and windows: tanh, softplus and mish at depth 10 entry by entry against two-dimensional
     * quadrature in every layer (the scalar route), with a duplicate (the diagonal, bit for bit) and a highly
     * correlated pair (layer by layer). Softsign at n = 4000: its nodes leave its layers' windows and series too
     * often over the widened window, so its interpolant covers the sampled window itself and leaves ~0.2% of the
     * entries over, which go layer by layer (one row table or coefficient load per row and layer).
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"tanh,1000", "softplus,1000", "mish,1000",
        "expr:x/(1+abs(x)),4000"})
    void smoothActivationsThroughTheWholeNetworkMatchEntryByEntryQuadrature(String activation, int n) {
        double[][] x = randomInputs(n, 100, 47);
        for (int k = 0; k < 100; k++) {
            x[20][k] = 0.95 * x[21][k] + 0.3 * x[22][k];
        }
        x[40] = x[41].clone();
        InfiniteWidthKernel kernel = new InfiniteWidthKernel(Network.mlp(Activations.parse(activation), 10, 2, 0.1));
        assertThat(kernel.wholeNetwork(x)).as("one interpolant for the whole network").isTrue();
        KernelMatrices k = kernel.gram(x);
        assertEntriesMatchTheScalarRoute(kernel, k, x, 40);
        KernelValue v = kernel.evaluate(x[20], x[21]);
        assertThat(Math.abs(k.nngp()[20][21] - v.nngp())).isLessThanOrEqualTo(1e-10 * Math.abs(v.nngp()));
        assertThat(Math.abs(k.ntk()[21][20] - v.ntk())).isLessThanOrEqualTo(1e-10 * Math.abs(v.ntk()));
        assertThat(k.nngp()[40][41]).isEqualTo(k.nngp()[41][41]);
        assertThat(k.ntk()[41][40]).isEqualTo(k.ntk()[40][40]);
    }

    /**
     * |actual − reference| ≤ 1e-10 |reference| + 1e-13 √(rows_ii · columns_jj) for every entry of both matrices (as
     * {@link #assertCloseTo}, with the floors from the diagonals of the rows' and the columns' Gram matrices), as
     * one assertion on the worst entry: a million entries, one by one, would take AssertJ seconds.
     */
    private static void assertWithin(KernelMatrices actual, KernelMatrices reference, KernelMatrices rows,
                                     KernelMatrices columns, String what) {
        double worst = 0;
        String where = "";
        for (int m = 0; m < 2; m++) {
            double[][] a = m == 0 ? actual.nngp() : actual.ntk();
            double[][] r = m == 0 ? reference.nngp() : reference.ntk();
            double[][] gi = m == 0 ? rows.nngp() : rows.ntk();
            double[][] gj = m == 0 ? columns.nngp() : columns.ntk();
            for (int i = 0; i < r.length; i++) {
                for (int j = 0; j < r[i].length; j++) {
                    double bound = 1e-10 * Math.abs(r[i][j]) + 1e-13 * Math.sqrt(gi[i][i] * gj[j][j]);
                    double ratio = Math.abs(a[i][j] - r[i][j]) / bound;
                    if (!(ratio <= worst)) {
                        worst = ratio;
                        where = (m == 0 ? "NNGP" : "NTK") + " (" + i + ", " + j + "): " + a[i][j] + " vs " + r[i][j];
                    }
                }
            }
        }
        assertThat(worst).as("%s, worst entry %s", what, where).isLessThanOrEqualTo(1.0);
    }

    /**
     * relu6 through one whole-network interpolant: entries against the scalar route (each layer's exact duals, pair
     * by pair), and the interpolant declined where it cannot pay: a shallow network (depth 1), a matrix too small
     * to repay its build, and inputs whose correlations reach up to ρ ≈ 1 (a window that wide needs far more
     * points than the layers cost).
     */
    @Test
    void relu6WholeNetworkMatchesEntryByEntryAndIsDeclinedWhereItCannotPay() {
        double[][] x = randomInputs(1000, 100, 43);
        InfiniteWidthKernel deep = new InfiniteWidthKernel(Network.mlp(Activations.parse("relu6"), 10, 2, 0.1));
        assertThat(deep.wholeNetwork(x)).isTrue();
        assertEntriesMatchTheScalarRoute(deep, deep.gram(x), x, 300);
        assertThat(new InfiniteWidthKernel(Network.mlp(Activations.parse("relu6"), 1, 2, 0.1)).wholeNetwork(x))
                .as("depth 1").isFalse();
        assertThat(deep.wholeNetwork(randomInputs(400, 100, 44))).as("80,200 entries").isFalse();
        double[][] near = randomInputs(1000, 100, 45);
        for (int i = 1; i < near.length; i++) {
            for (int k = 0; k < 100; k++) {
                near[i][k] = near[0][k] + 0.05 * near[i][k];
            }
        }
        assertThat(deep.wholeNetwork(near)).as("correlations near 1").isFalse();
    }

    /**
     * A real quadrature activation through its windows (built from its series): softplus entry by entry, and the
     * entries a window leaves over — a highly correlated pair, far above every layer's window (it takes the series
     * entry by entry), and a duplicate (the diagonal, bit for bit).
     */
    @Test
    void softplusWindowsMatchEntryByEntryQuadrature() {
        double[][] x = randomInputs(130, 100, 31);
        for (int k = 0; k < 100; k++) {
            x[20][k] = 0.95 * x[21][k] + 0.3 * x[22][k];
        }
        x[40] = x[41].clone();
        InfiniteWidthKernel kernel = new InfiniteWidthKernel(Network.mlp(Activations.parse("softplus"), 10, 2, 0.1));
        assertThat(kernel.routes(x)).contains("Windowed");
        KernelMatrices k = kernel.gram(x);
        assertEntriesMatchTheScalarRoute(kernel, k, x, 10);
        KernelValue v = kernel.evaluate(x[20], x[21]);
        assertThat(Math.abs(k.nngp()[20][21] - v.nngp())).isLessThanOrEqualTo(1e-10 * Math.abs(v.nngp()));
        assertThat(Math.abs(k.ntk()[21][20] - v.ntk())).isLessThanOrEqualTo(1e-10 * Math.abs(v.ntk()));
        assertThat(k.nngp()[40][41]).isEqualTo(k.nngp()[41][41]);
        assertThat(k.ntk()[41][40]).isEqualTo(k.ntk()[40][40]);
    }

    /**
     * {@code count} entries spread over the Gram matrix k of x against {@link InfiniteWidthKernel#evaluate} (the
     * scalar route: two-dimensional quadrature per entry for activations without closed form), to 1e-10 relative
     * with a floor of 1e-13 √(k_ii k_jj).
     */
    private static void assertEntriesMatchTheScalarRoute(InfiniteWidthKernel kernel, KernelMatrices k, double[][] x,
                                                         int count) {
        for (int e = 0; e < count; e++) {
            int i = (e * 7) % x.length;
            int j = (e * 13 + 5) % x.length;
            KernelValue v = kernel.evaluate(x[i], x[j]);
            double floorK = Math.sqrt(k.nngp()[i][i] * k.nngp()[j][j]);
            double floorT = Math.sqrt(k.ntk()[i][i] * k.ntk()[j][j]);
            assertThat(Math.abs(k.nngp()[i][j] - v.nngp())).as("NNGP (%d, %d)", i, j)
                    .isLessThanOrEqualTo(1e-10 * Math.abs(v.nngp()) + 1e-13 * floorK);
            assertThat(Math.abs(k.ntk()[i][j] - v.ntk())).as("NTK (%d, %d)", i, j)
                    .isLessThanOrEqualTo(1e-10 * Math.abs(v.ntk()) + 1e-13 * floorT);
        }
    }

    /**
     * {@code expr:max(0,x)} is a two-slope ReLU, so it takes the closed form of abrelu(0, 1), whose row kernel
     * performs relu's operations (the extra terms are ·1 and +0·θ, exact): its Gram, cross and single-pair kernels
     * must equal relu's bit for bit, including a zero input with σ_b² = 0 (variance 0 in every layer, where the
     * orthant sums used before gave Σ̇ = φ'(0)² = 0 instead of relu's 1/2) and a duplicate input. 70 inputs make
     * 2485 entries, past the size from which quadrature activations sample pairs for Mehler series.
     */
    @Test
    void reluExpressionGivesReluKernelsBitForBit() {
        double[][] x = randomInputs(70, 6, 23);
        java.util.Arrays.fill(x[0], 0.0);
        x[17] = x[3].clone();
        for (int k = 0; k < 6; k++) {
            x[8][k] *= 4;
            x[9][k] *= 0.1;
        }
        double[][] z = randomInputs(9, 6, 24);
        java.util.Arrays.fill(z[4], 0.0);
        for (double bias : new double[] {0.0, 0.1}) {
            for (Parameterization p : Parameterization.values()) {
                Network relu = Network.mlp(new Relu(), 3, 2.0, bias).withHiddenWidth(64).withParameterization(p);
                Network expr = Network.mlp(Activations.parse("expr:max(0,x)"), 3, 2.0, bias).withHiddenWidth(64)
                        .withParameterization(p);
                InfiniteWidthKernel r = new InfiniteWidthKernel(relu);
                InfiniteWidthKernel e = new InfiniteWidthKernel(expr);
                String at = "σ_b² = " + bias + ", " + p;
                assertBitForBit(e.gram(x), r.gram(x), "gram " + at);
                assertBitForBit(e.cross(x, z), r.cross(x, z), "cross " + at);
                KernelValue ev = e.evaluate(x[0], x[5]);
                KernelValue rv = r.evaluate(x[0], x[5]);
                assertThat(Double.doubleToLongBits(ev.nngp())).as("pair nngp " + at)
                        .isEqualTo(Double.doubleToLongBits(rv.nngp()));
                assertThat(Double.doubleToLongBits(ev.ntk())).as("pair ntk " + at)
                        .isEqualTo(Double.doubleToLongBits(rv.ntk()));
            }
        }
    }

    private static void assertBitForBit(KernelMatrices actual, KernelMatrices expected, String what) {
        for (int i = 0; i < expected.rows(); i++) {
            for (int j = 0; j < expected.columns(); j++) {
                assertThat(Double.doubleToLongBits(actual.nngp()[i][j])).as("%s NNGP (%d, %d): %s vs %s", what, i, j,
                        actual.nngp()[i][j], expected.nngp()[i][j]).isEqualTo(Double.doubleToLongBits(expected.nngp()[i][j]));
                assertThat(Double.doubleToLongBits(actual.ntk()[i][j])).as("%s NTK (%d, %d): %s vs %s", what, i, j,
                        actual.ntk()[i][j], expected.ntk()[i][j]).isEqualTo(Double.doubleToLongBits(expected.ntk()[i][j]));
            }
        }
    }

    /**
     * Every activation integrated by quadrature, through the Gram path (Mehler series on unequal norms) against
     * the scalar route of {@link InfiniteWidthKernel#evaluate(double[], double[])} (two-dimensional quadrature for
     * each entry), at entries spread over the matrix.
     */
    @ParameterizedTest
    @ValueSource(strings = {"tanh", "sigmoid", "softplus", "silu", "elu(0.5)",
        "mish", "relu6", "expr:sin(x)+abs(x)/2"})
    void quadratureActivationsMatchEntryByEntryQuadrature(String activation) {
        Network net = Network.mlp(Activations.parse(activation), 3, 1.6, 0.2);
        double[][] x = randomInputs(72, 7, 17);
        for (int k = 0; k < 7; k++) {
            x[5][k] *= 3;   // a wide range of norms
            x[9][k] *= 0.2;
        }
        x[11] = x[4].clone();
        InfiniteWidthKernel kernel = new InfiniteWidthKernel(net);
        KernelMatrices k = kernel.gram(x);
        assertEntriesMatchTheScalarRoute(kernel, k, x, 24);
        assertThat(k.nngp()[4][11]).isEqualTo(k.nngp()[4][4]);
        assertThat(k.ntk()[11][4]).isEqualTo(k.ntk()[11][11]);
        // A cross matrix against new inputs of other norms (its own series over both sets' variances).
        double[][] z = randomInputs(40, 7, 18);
        for (int k2 = 0; k2 < 7; k2++) {
            z[3][k2] *= 2.5;
        }
        KernelMatrices c = kernel.cross(x, z);
        for (int e = 0; e < 12; e++) {
            int i = (e * 11) % x.length;
            int j = (e * 7 + 3) % z.length;
            KernelValue v = kernel.evaluate(x[i], z[j]);
            double floorK = Math.sqrt(k.nngp()[i][i] * kernel.evaluate(z[j], z[j]).nngp());
            assertThat(Math.abs(c.nngp()[i][j] - v.nngp())).as("cross NNGP (%d, %d)", i, j)
                    .isLessThanOrEqualTo(1e-10 * Math.abs(v.nngp()) + 1e-13 * floorK);
            assertThat(Math.abs(c.ntk()[i][j] - v.ntk())).as("cross NTK (%d, %d)", i, j)
                    .isLessThanOrEqualTo(1e-10 * Math.abs(v.ntk()) + 1e-13 * Math.abs(v.ntk()));
        }
    }

    /**
     * A data set where every input appears twice: the sampled pairs often are duplicates, which take E[φ²] and
     * E[φ'²] exactly; every duplicate reproduces the diagonal bit for bit and other entries match quadrature.
     */
    @Test
    void duplicatedInputsTakeTheDiagonalValues() {
        double[][] unique = randomInputs(40, 5, 23);
        double[][] x = new double[80][];
        for (int i = 0; i < 80; i++) {
            x[i] = unique[i % 40].clone();
        }
        InfiniteWidthKernel kernel = new InfiniteWidthKernel(Network.mlp(Activations.parse("tanh"), 3, 1.8, 0.05));
        KernelMatrices k = kernel.gram(x);
        for (int i = 0; i < 40; i++) {
            assertThat(k.nngp()[i][i + 40]).isEqualTo(k.nngp()[i][i]);
            assertThat(k.ntk()[i + 40][i]).isEqualTo(k.ntk()[i + 40][i + 40]);
        }
        for (int e = 0; e < 8; e++) {
            int i = e * 9 % 80;
            int j = (e * 5 + 3) % 80;
            KernelValue v = kernel.evaluate(x[i], x[j]);
            assertThat(Math.abs(k.nngp()[i][j] - v.nngp()))
                    .isLessThanOrEqualTo(1e-10 * Math.abs(v.nngp()) + 1e-13 * Math.sqrt(k.nngp()[i][i] * k.nngp()[j][j]));
            assertThat(Math.abs(k.ntk()[i][j] - v.ntk()))
                    .isLessThanOrEqualTo(1e-10 * Math.abs(v.ntk()) + 1e-13 * Math.sqrt(k.ntk()[i][i] * k.ntk()[j][j]));
        }
    }

    /** A closed form seen only through its row form (no {@link org.ntk4j.activation.DualStack}): layer by layer. */
    private record LayerByLayer(org.ntk4j.activation.Activation inner) implements org.ntk4j.activation.Activation {
        @Override
        public String spec() {
            return inner.spec();
        }

        @Override
        public double value(double x) {
            return inner.value(x);
        }

        @Override
        public double derivative(double x) {
            return inner.derivative(x);
        }

        @Override
        public double dual(double q1, double q2, double c) {
            return inner.dual(q1, q2, c);
        }

        @Override
        public double derivativeDual(double q1, double q2, double c) {
            return inner.derivativeDual(q1, q2, c);
        }

        @Override
        public void dualRow(double q1, double[] q2, double[] c, double[] dual, double[] derivativeDual, int from,
                            int to) {
            inner.dualRow(q1, q2, c, dual, derivativeDual, from, to);
        }

        @Override
        public boolean hasClosedFormDual() {
            return inner.hasClosedFormDual();
        }
    }

    /**
     * The fused (φ, Dense) pairs of ReLU, erf, GELU and abrelu give the layer-by-layer matrices bit for bit, Gram
     * and cross, with per-layer variances, duplicates, an antiparallel pair and rows of every length modulo the SIMD
     * width; a zero input without bias (variance 0, outside the fused kernels' range) leaves the whole matrix layer
     * by layer.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"relu,10,0.1,true", "erf,10,0.1,true", "relu,4,0.0,false",
            "erf,3,0.0,false", "relu,1,0.5,true", "leaky_relu(0.2),10,0.1,true", "abs,3,0.1,true",
            "gelu,10,0.1,true", "gelu,2,0.0,false", "'expr:max(0.3*x,x)',4,0.1,true"})
    void fusedPairsGiveTheLayerByLayerMatricesBitForBit(String activation, int depth, double bias, boolean zeroInput) {
        double[][] x = randomInputs(61, 7, 21);
        x[5] = x[2].clone();
        for (int k = 0; k < 7; k++) {
            x[40][k] = -x[3][k];
        }
        if (zeroInput) {
            x[10] = new double[7];
        }
        double[][] z = randomInputs(19, 7, 22);
        z[4] = x[8].clone();
        double[] w = new double[depth + 1];
        double[] b = new double[depth + 1];
        for (int h = 0; h <= depth; h++) {
            w[h] = 1.2 + 0.1 * h;
            b[h] = bias * (1 + h % 3);
        }
        org.ntk4j.activation.Activation phi = Activations.parse(activation);
        InfiniteWidthKernel fused = new InfiniteWidthKernel(Network.mlp(phi, w, b));
        InfiniteWidthKernel plain = new InfiniteWidthKernel(Network.mlp(new LayerByLayer(phi), w, b));
        boolean inRange = bias > 0 || !zeroInput;
        assertThat(fused.stackedNonlinearities(x)).isEqualTo(inRange ? depth : 0);
        assertThat(plain.stackedNonlinearities(x)).isZero();
        KernelMatrices g1 = fused.gram(x);
        KernelMatrices g2 = plain.gram(x);
        KernelMatrices c1 = fused.cross(x, z);
        KernelMatrices c2 = plain.cross(x, z);
        for (int i = 0; i < x.length; i++) {
            assertThat(g1.nngp()[i]).as("NNGP row %d", i).isEqualTo(g2.nngp()[i]);
            assertThat(g1.ntk()[i]).as("NTK row %d", i).isEqualTo(g2.ntk()[i]);
            assertThat(c1.nngp()[i]).as("cross NNGP row %d", i).isEqualTo(c2.nngp()[i]);
            assertThat(c1.ntk()[i]).as("cross NTK row %d", i).isEqualTo(c2.ntk()[i]);
        }
        // A duplicate reproduces the diagonal.
        assertThat(g1.ntk()[2][5]).isEqualTo(g1.ntk()[2][2]);
        assertThat(c1.nngp()[8][4]).isEqualTo(g1.nngp()[8][8]);
    }

    /**
     * Variances that grow past the fused kernels' range (ReLU, σ_w² = 4: q doubles per layer, 1e100 after ~330
     * layers) end the run there; the deeper layers go layer by layer, and the matrices are those of the
     * layer-by-layer route bit for bit.
     */
    @Test
    void aRunEndsWhereTheVariancesLeaveTheFastRange() {
        double[][] x = randomInputs(11, 3, 8);
        int depth = 400;
        InfiniteWidthKernel fused = new InfiniteWidthKernel(Network.mlp(new Relu(), depth, 4.0, 0.1));
        InfiniteWidthKernel plain = new InfiniteWidthKernel(Network.mlp(new LayerByLayer(new Relu()), depth, 4.0, 0.1));
        int stacked = fused.stackedNonlinearities(x);
        assertThat(stacked).isBetween(300, 340);
        KernelMatrices k1 = fused.gram(x);
        KernelMatrices k2 = plain.gram(x);
        assertThat(k1.allFinite()).isTrue();
        for (int i = 0; i < x.length; i++) {
            assertThat(k1.nngp()[i]).isEqualTo(k2.nngp()[i]);
            assertThat(k1.ntk()[i]).isEqualTo(k2.ntk()[i]);
        }
    }

    /** The standard parameterisation and a φ without a dense layer right after it are not fused. */
    @Test
    void onlyNtkParameterisedPairsAreFused() {
        double[][] x = randomInputs(20, 5, 3);
        Network ntk = Network.mlp(new Relu(), 3, 2.0, 0.1);
        assertThat(new InfiniteWidthKernel(ntk).stackedNonlinearities(x)).isEqualTo(3);
        assertThat(new InfiniteWidthKernel(ntk.withHiddenWidth(64).withParameterization(Parameterization.STANDARD))
                .stackedNonlinearities(x)).isZero();
        // Dense, φ, Dense, φ, φ, Dense, φ, Dense: runs of one pair and of two, the φ before a φ on its own.
        org.ntk4j.network.Dense dense = new org.ntk4j.network.Dense(1.7, 0.2, org.ntk4j.network.Dense.UNSPECIFIED);
        org.ntk4j.network.Nonlinearity relu = new org.ntk4j.network.Nonlinearity(new Relu());
        java.util.List<org.ntk4j.network.Layer> layers = java.util.List.of(dense, relu, dense, relu, relu, dense, relu,
                dense);
        InfiniteWidthKernel open = new InfiniteWidthKernel(new Network(layers, Parameterization.NTK));
        assertThat(open.stackedNonlinearities(x)).isEqualTo(3);
        KernelMatrices k = open.gram(x);
        KernelMatrices reference = new InfiniteWidthKernel(new Network(
                layers.stream().map(l -> l instanceof org.ntk4j.network.Nonlinearity nl
                        ? new org.ntk4j.network.Nonlinearity(new LayerByLayer(nl.activation())) : l).toList(),
                Parameterization.NTK)).gram(x);
        for (int i = 0; i < x.length; i++) {
            assertThat(k.nngp()[i]).isEqualTo(reference.nngp()[i]);
            assertThat(k.ntk()[i]).isEqualTo(reference.ntk()[i]);
        }
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

    @Test
    void progressCountsEveryEntryOnceAndChangesNothing() {
        double[][] x = randomInputs(37, 5, 21);
        double[][] z = randomInputs(19, 5, 22);
        InfiniteWidthKernel plain = new InfiniteWidthKernel(Network.mlp(new Relu(), 3, 2.0, 0.1));
        java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
        java.util.List<Integer> prepared = new java.util.ArrayList<>();
        InfiniteWidthKernel reporting = plain.withProgress(done::addAndGet, layer -> {
            assertThat(done.get()).as("layers are prepared before any entry").isZero();
            prepared.add(layer);
        });
        KernelMatrices g = reporting.gram(x);
        assertThat(done.get()).isEqualTo(37L * 38 / 2);
        assertThat(prepared).containsExactly(1, 2, 3);
        assertThat(g.ntk()).isDeepEqualTo(plain.gram(x).ntk());
        done.set(0);
        prepared.clear();
        KernelMatrices c = reporting.cross(x, z);
        assertThat(done.get()).isEqualTo(37L * 19);
        assertThat(prepared).containsExactly(1, 2, 3);
        assertThat(c.nngp()).isDeepEqualTo(plain.cross(x, z).nngp());
        reporting.evaluate(x[0], z[0]);
        assertThat(prepared).as("a single pair reports nothing").containsExactly(1, 2, 3);
    }

    /** Written into reused matrices whose old contents are garbage, the Gram matrices have the same bits. */
    @Test
    void gramIntoReusedMatricesEqualsAFreshGram() {
        double[][] x = randomInputs(150, 7, 31);
        for (String spec : new String[] {"relu", "tanh", "relu6"}) {
            InfiniteWidthKernel kernel = new InfiniteWidthKernel(Network.mlp(Activations.parse(spec), 4, 2.0, 0.1));
            KernelMatrices fresh = kernel.gram(x);
            double[][] k = new double[150][150];
            double[][] t = new double[150][150];
            for (int i = 0; i < 150; i++) {
                java.util.Arrays.fill(k[i], Double.NaN);
                java.util.Arrays.fill(t[i], -1e300);
            }
            KernelMatrices into = new KernelMatrices(k, t);
            assertThat(kernel.gram(x, into)).isSameAs(into);
            assertThat(into.nngp()).as(spec).isDeepEqualTo(fresh.nngp());
            assertThat(into.ntk()).as(spec).isDeepEqualTo(fresh.ntk());
            // Again into the same matrices, now holding a result.
            kernel.gram(x, into);
            assertThat(into.ntk()).as(spec).isDeepEqualTo(fresh.ntk());
        }
        InfiniteWidthKernel relu = new InfiniteWidthKernel(Network.mlp(new Relu(), 2, 2.0, 0.1));
        KernelMatrices small = new KernelMatrices(new double[149][149], new double[149][149]);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> relu.gram(x, small))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("150 x 150");
    }

    @Test
    void warmingTheRowKernelsUpChangesNoResult() {
        // 70 inputs: 2485 entries, enough for tanh's Gram matrix to take the Mehler rows that warmUp also runs.
        double[][] x = randomInputs(70, 6, 41);
        for (String spec : new String[] {"relu", "erf", "gelu", "abrelu(0.2,1)", "tanh"}) {
            InfiniteWidthKernel kernel = new InfiniteWidthKernel(Network.mlp(Activations.parse(spec), 3, 2.0, 0.1));
            double[][] before = kernel.gram(x).ntk();
            kernel.warmUp();
            assertThat(kernel.gram(x).ntk()).as(spec).isDeepEqualTo(before);
        }
    }
}
