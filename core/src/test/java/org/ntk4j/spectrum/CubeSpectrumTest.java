package org.ntk4j.spectrum;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.ntk4j.activation.Activation;
import org.ntk4j.activation.Erf;
import org.ntk4j.activation.PreciseDual;
import org.ntk4j.activation.Relu;
import org.ntk4j.kernel.InfiniteWidthKernel;
import org.ntk4j.kernel.KernelMatrices;
import org.ntk4j.network.Network;

class CubeSpectrumTest {

    private static CubeSpectrum.Result cube(Network net, int d, int maxDegree, int digits) {
        return CubeSpectrum.compute(net, d, maxDegree, digits, Progress.NONE);
    }

    /** The eigenvalues of the 2^d × 2^d Gram matrix over all of {±1}^d, divided by 2^d (EJML). */
    private static double[] bruteForce(double[][] gram) {
        int n = gram.length;
        DMatrixRMaj a = new DMatrixRMaj(gram);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        assertThat(eig.decompose(a)).isTrue();
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = eig.getEigenvalue(i).real / n;
        }
        Arrays.sort(values);
        return values;
    }

    private static double[][] allPoints(int d) {
        double[][] x = new double[1 << d][d];
        for (int m = 0; m < 1 << d; m++) {
            for (int i = 0; i < d; i++) {
                x[m][i] = ((m >> i) & 1) == 1 ? -1.0 : 1.0;
            }
        }
        return x;
    }

    private static double[] withMultiplicities(Spectrum s) {
        List<Double> all = new ArrayList<>();
        for (int k = 0; k <= s.maxDegree(); k++) {
            for (int r = 0; r < s.multiplicity()[k].intValueExact(); r++) {
                all.add(s.eigenvalue(k).doubleValue());
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    @Test
    void matchesBruteForceEigenvaluesWithMultiplicities() {
        int d = 8;
        for (Network net : List.of(Network.mlp(new Relu(), 2, 2.0, 0.1), Network.mlp(new Erf(), 3, 1.5, 0.0),
                Network.mlp(new Relu(), 1, 1.0, 0.0))) {
            KernelMatrices gram = new InfiniteWidthKernel(net).gram(allPoints(d));
            CubeSpectrum.Result r = cube(net, d, d, 12);
            double[][] pairs = {bruteForce(gram.nngp()), withMultiplicities(r.nngp()),
                    bruteForce(gram.ntk()), withMultiplicities(r.ntk())};
            for (int s = 0; s < 4; s += 2) {
                double scale = pairs[s][pairs[s].length - 1];
                assertThat(pairs[s + 1]).hasSize(1 << d);
                for (int i = 0; i < pairs[s].length; i++) {
                    // 12 printed digits (rounding ≤ 5e-12 relative) against EJML's ~1e-15 of the largest.
                    assertThat(Math.abs(pairs[s][i] - pairs[s + 1][i])).as("%s eigenvalue %d", net, i)
                            .isLessThan(1e-11 * Math.abs(pairs[s][i]) + 1e-13 * scale);
                }
            }
            // 2/λ_max from the brute-force spectrum of the NTK.
            double lambdaMax = pairs[2][pairs[2].length - 1];
            assertThat(r.ntk().maxStableLearningRate().doubleValue()).isCloseTo(2 / lambdaMax,
                    org.assertj.core.api.Assertions.within(1e-11 * 2 / lambdaMax));
            assertThat(r.ntk().smallestEigenvalue().doubleValue()).isCloseTo(pairs[2][0],
                    org.assertj.core.api.Assertions.within(1e-11 * pairs[2][0] + 1e-13 * lambdaMax));
        }
    }

    private static void assertMatchesReference(Spectrum s, BigDecimal[] reference, int digits) {
        for (int k = 0; k < reference.length; k++) {
            BigDecimal mu = s.mu()[k];
            assertThat(mu).as("degree %d", k).isNotNull();
            if (mu.signum() == 0) {
                // An exact zero by parity: the reference is zero to its working precision.
                assertThat(reference[k].abs()).as("degree %d", k).isLessThan(new BigDecimal("1e-150"));
                continue;
            }
            BigDecimal relative = mu.subtract(reference[k]).abs().divide(reference[k].abs(), MathContext.DECIMAL64);
            assertThat(relative).as("degree %d: %s vs %s", k, mu, reference[k])
                    .isLessThanOrEqualTo(BigDecimal.ONE.scaleByPowerOfTen(1 - digits));
        }
    }

    @Test
    void everyDegreeMatchesExactReferenceAtD128() {
        int d = 128;
        Network net = Network.mlp(new Relu(), 2, 2.0, 0.1);
        CubeSpectrum.Result r = cube(net, d, d, 12);
        BigDecimal[][] ref = CubeReference.spectrum(new Relu(), 2, 2.0, 0.1, d, 100, true);
        assertMatchesReference(r.nngp(), ref[0], 12);
        assertMatchesReference(r.ntk(), ref[1], 12);
        assertThat(r.ntk().unresolvedFrom()).isEqualTo(-1);
    }

    @Test
    void everyDegreeMatchesExactReferenceAtD512() {
        int d = 512;
        Network net = Network.mlp(new Relu(), 1, 2.0, 0.0);
        CubeSpectrum.Result r = cube(net, d, d, 12);
        BigDecimal[][] ref = CubeReference.spectrum(new Relu(), 1, 2.0, 0.0, d, 220, false);
        assertMatchesReference(r.nngp(), ref[0], 12);
        // Far below the double range of numpy's float64 route: 1e-150 and smaller.
        assertThat(r.nngp().mu()[d - 1].compareTo(new BigDecimal("1e-150"))).isLessThan(0);
    }

    @Test
    void parityZerosAreExact() {
        CubeSpectrum.Result erf = cube(Network.mlp(new Erf(), 2, 1.0, 0.0), 64, 64, 12);
        CubeSpectrum.Result relu1 = cube(Network.mlp(new Relu(), 1, 2.0, 0.0), 64, 64, 12);
        CubeSpectrum.Result relu2 = cube(Network.mlp(new Relu(), 2, 2.0, 0.0), 64, 64, 12);
        for (int k = 0; k <= 64; k++) {
            for (Spectrum s : List.of(erf.nngp(), erf.ntk())) {
                assertThat(s.mu()[k].signum() == 0).as("erf degree %d", k).isEqualTo(k % 2 == 0);
            }
            for (Spectrum s : List.of(relu1.nngp(), relu1.ntk())) {
                assertThat(s.mu()[k].signum() == 0).as("relu depth 1 degree %d", k).isEqualTo(k % 2 == 1 && k >= 3);
            }
            assertThat(relu2.ntk().mu()[k].signum()).as("relu depth 2 degree %d", k).isPositive();
        }
    }

    @Test
    void fractionalVariancesSumToOneAndEigenvaluesDecreaseInSteps() {
        for (Network net : List.of(Network.mlp(new Relu(), 3, 2.0, 0.1), Network.mlp(new Erf(), 2, 2.0, 0.2))) {
            CubeSpectrum.Result r = cube(net, 128, 128, 12);
            for (Spectrum s : List.of(r.nngp(), r.ntk())) {
                BigDecimal sum = BigDecimal.ZERO;
                for (int k = 0; k <= 128; k++) {
                    sum = sum.add(s.fractionalVariance(k));
                    if (k + 2 <= 128) {
                        assertThat(s.mu()[k]).as("%s mu_%d >= mu_%d", s.kernel(), k, k + 2)
                                .isGreaterThanOrEqualTo(s.mu()[k + 2]);
                    }
                }
                assertThat(sum.subtract(BigDecimal.ONE).abs()).isLessThan(new BigDecimal("1e-11"));
            }
        }
    }

    @Test
    void fewDegreesAtLargeDimensionAgreeWithTheFullTransform() {
        int d = 512;
        Network net = Network.mlp(new Relu(), 2, 2.0, 0.1);
        assertThat(CubeSpectrum.useDirect(d, 20)).isTrue();
        CubeSpectrum.Result few = cube(net, d, 20, 12);
        CubeSpectrum.Result all = cube(net, d, d, 14);
        for (int k = 0; k <= 20; k++) {
            assertRelative(few.ntk().mu()[k], all.ntk().mu()[k], 1e-11, "degree " + k);
        }
    }

    /** Relu's double-precision duals without the arbitrary-precision one (as a quadrature activation would be). */
    private record DoubleOnlyRelu() implements Activation {
        @Override
        public String spec() {
            return "double_only_relu";
        }

        @Override
        public double value(double x) {
            return new Relu().value(x);
        }

        @Override
        public double derivative(double x) {
            return new Relu().derivative(x);
        }

        @Override
        public double dual(double q1, double q2, double c) {
            return new Relu().dual(q1, q2, c);
        }

        @Override
        public double derivativeDual(double q1, double q2, double c) {
            return new Relu().derivativeDual(q1, q2, c);
        }

        @Override
        public boolean hasClosedFormDual() {
            return true;
        }

        @Override
        public Optional<PreciseDual> preciseDual() {
            return Optional.empty();
        }
    }

    /**
     * Two-slope ReLU expressions reach the certified route through AbRelu's precise duals: every degree resolved
     * to 30 digits and equal to those of relu (its fixed-point route) and abs (AbRelu's BigDecimal route), with
     * abs's exact zeros at odd degrees from the expression's parity.
     */
    @Test
    void twoSlopeExpressionsHaveTheCertifiedSpectraOfTheirClosedForms() {
        int d = 64;
        int digits = 30;
        Activation[][] pairs = {
            {org.ntk4j.activation.Activations.parse("expr:max(0,x)"), new Relu()},
            {org.ntk4j.activation.Activations.parse("expr:abs(x)"), new org.ntk4j.activation.Abs()}};
        for (Activation[] pair : pairs) {
            CubeSpectrum.Result expr = cube(Network.mlp(pair[0], 2, 2.0, 0.1), d, d, digits);
            CubeSpectrum.Result closed = cube(Network.mlp(pair[1], 2, 2.0, 0.1), d, d, digits);
            for (Spectrum[] s : new Spectrum[][] {{expr.nngp(), closed.nngp()}, {expr.ntk(), closed.ntk()}}) {
                assertThat(s[0].unresolvedFrom()).as(pair[0].spec()).isEqualTo(-1);
                for (int k = 0; k <= d; k++) {
                    assertRelative(s[0].mu()[k], s[1].mu()[k], 1e-29, pair[0].spec() + " " + s[0].kernel() + " " + k);
                }
            }
        }
        // without biases both kernels of an even φ (with odd φ') are even in ρ: exact zeros from the parity
        CubeSpectrum.Result abs = cube(Network.mlp(pairs[1][0], 2, 2.0, 0.0), d, d, digits);
        for (Spectrum s : new Spectrum[] {abs.nngp(), abs.ntk()}) {
            assertThat(s.unresolvedFrom()).as(s.kernel()).isEqualTo(-1);
            assertThat(s.mu()[2].signum()).isPositive();
            assertThat(s.mu()[3].signum()).as(s.kernel()).isZero();
        }
    }

    @Test
    void withoutPreciseDualOnlyTheSupportedDegreesArePrinted() {
        int d = 64;
        CubeSpectrum.Result doubles = cube(Network.mlp(new DoubleOnlyRelu(), 2, 2.0, 0.1), d, d, 4);
        CubeSpectrum.Result precise = cube(Network.mlp(new Relu(), 2, 2.0, 0.1), d, d, 4);
        Spectrum s = doubles.ntk();
        assertThat(s.unresolvedFrom()).isGreaterThan(1).isLessThan(d);
        assertThat(s.unresolvedReason()).contains("double precision");
        for (int k = 0; k <= d; k++) {
            if (k < s.unresolvedFrom()) {
                assertRelative(s.mu()[k], precise.ntk().mu()[k], 1e-3, "degree " + k);
            } else {
                assertThat(s.mu()[k]).isNull();
            }
        }
    }

    private static void assertRelative(BigDecimal actual, BigDecimal expected, double tolerance, String what) {
        assertThat(actual).as(what).isNotNull();
        if (expected.signum() == 0) {
            assertThat(actual.signum()).as(what).isZero();
            return;
        }
        BigDecimal relative = actual.subtract(expected).abs().divide(expected.abs(), MathContext.DECIMAL64);
        assertThat(relative.doubleValue()).as(what + ": " + actual + " vs " + expected).isLessThanOrEqualTo(tolerance);
    }

    @Test
    void multiplicitiesAreBinomials() {
        BigInteger[] c = CubeSpectrum.binomials(10, 10);
        assertThat(c).containsExactly(BigInteger.valueOf(1), BigInteger.valueOf(10), BigInteger.valueOf(45),
                BigInteger.valueOf(120), BigInteger.valueOf(210), BigInteger.valueOf(252), BigInteger.valueOf(210),
                BigInteger.valueOf(120), BigInteger.valueOf(45), BigInteger.valueOf(10), BigInteger.valueOf(1));
    }
}
