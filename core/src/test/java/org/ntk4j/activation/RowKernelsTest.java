package org.ntk4j.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RowKernelsTest {

    private static final int N = 4099;   // not a multiple of any vector length

    /** Rows of (q2, c) with q1 = Q1: random correlations, |ρ| → 1, exactly ±1, zero, extreme and unequal scales. */
    private static final double Q1 = 1.7;

    private static double[][] row(double q1, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] q2 = new double[N];
        double[] c = new double[N];
        for (int j = 0; j < N; j++) {
            q2[j] = switch (j % 7) {
                case 0 -> q1;
                case 1 -> Math.pow(10, r.nextDouble(-200, 200));
                case 2 -> 0.0;
                default -> q1 * Math.pow(10, r.nextDouble(-3, 3));
            };
            double s = Math.sqrt(q1) * Math.sqrt(q2[j]);
            double rho = switch (j % 5) {
                case 0 -> 1 - Math.pow(10, -r.nextDouble(1, 16));
                case 1 -> -1 + Math.pow(10, -r.nextDouble(1, 16));
                case 2 -> j % 2 == 0 ? 1 : -1;
                default -> 2 * r.nextDouble() - 1;
            };
            c[j] = j % 7 == 0 && j % 5 == 2 ? q1 : rho * s;
        }
        return new double[][] {q2, c};
    }

    /**
     * As {@link #row}, but with the lanes that the SIMD kernels hand to the scalar code (variances outside
     * [1e-100, 1e100] or 0, and q1 q2 = c² = 0) only at every 97th entry, so that most vector blocks take the SIMD
     * arithmetic: random correlations, |ρ| → 1, exactly ±1 and 0, unequal scales.
     */
    private static double[][] mostlyRegularRow(double q1, long seed) {
        double[][] qc = row(q1, seed);
        SplittableRandom r = new SplittableRandom(seed + 1);
        for (int j = 0; j < N; j++) {
            if (j % 97 != 0 && (j % 7 == 1 || j % 7 == 2)) {
                qc[0][j] = q1 * Math.pow(10, r.nextDouble(-3, 3));
                double s = Math.sqrt(q1) * Math.sqrt(qc[0][j]);
                qc[1][j] = j % 3 == 0 ? 0.0 : (2 * r.nextDouble() - 1) * s;
            }
        }
        return qc;
    }

    /**
     * The fast row kernels against the scalar closed forms {@link Activation#dual}, which take the other route
     * (√q1·√q2, √(s − c)·√(s + c), {@code Math.atan2}, {@code hypot}): within 1e-10 relative, up to the scalar
     * route's own rounding floor: 1e-15 of the natural scale (s for Σ', 1 for Σ̇), which is what π − θ formed
     * as π − atan2(…) can resolve next to ρ = −1, and for Σ̇ the one-ulp rounding of s = √q1·√q2 amplified by
     * 1/sin θ (dθ = dρ / sin θ; at most 1/√(2 ulp)). The accuracy there is tested against BigDecimal below.
     */
    @ParameterizedTest
    @ValueSource(strings = {"relu", "erf", "leaky_relu(0.2)", "abs", "gelu"})
    void agreeWithTheScalarClosedForms(String name) {
        Activation phi = Activations.parse(name);
        for (double q1 : new double[] {Q1, 1e-250, 1e250, 0.0, 3e-90}) {
            double[][] qc = row(q1, 3);
            double[] dual = new double[N];
            double[] derivative = new double[N];
            phi.dualRow(q1, qc[0], qc[1], dual, derivative, 0, N);
            for (int j = 0; j < N; j++) {
                double q2 = qc[0][j];
                double c = qc[1][j];
                double s = GaussianPair.scale(q1, q2);
                double e = phi.dual(q1, q2, c);
                double ed = phi.derivativeDual(q1, q2, c);
                String where = "q1=" + q1 + " q2=" + q2 + " c=" + c;
                assertThat(Math.abs(dual[j] - e)).as(where).isLessThanOrEqualTo(1e-10 * Math.abs(e) + 1e-15 * s);
                double sine = GaussianPair.sinePart(s, c);
                // at |ρ| = 1 ± ulp an ulp in s moves θ by up to √(2 ulp) ≈ 1.5e-8
                double amplification = s > 0 ? Math.max(1, s / Math.max(sine, 1.5e-8 * s)) : 1;
                assertThat(Math.abs(derivative[j] - ed)).as(where)
                        .isLessThanOrEqualTo(1e-10 * Math.abs(ed) + 1e-15 * amplification);
            }
        }
    }

    /**
     * The angle row against 40-digit BigDecimal arccos(c / √(q1 q2)), to a few ulps of π, for variances in
     * [1e-100, 1e100] (outside, the GaussianPair route rounds √q1·√q2 and so resolves θ only to ~√ulp near ρ = ±1).
     */
    @Test
    void anglesAgreeWithArbitraryPrecision() {
        MathContext mc = new MathContext(40);
        double[][] qc = row(Q1, 7);
        double[] theta = new double[N];
        ArcTangent.angleRow(Q1, qc[0], qc[1], theta, 0, N);
        for (int j = 0; j < N; j += 3) {
            if (!(qc[0][j] >= 1e-100 && qc[0][j] <= 1e100)) {
                continue;
            }
            BigDecimal p = new BigDecimal(Q1).multiply(new BigDecimal(qc[0][j]));
            BigDecimal c = new BigDecimal(qc[1][j]);
            BigDecimal d = p.subtract(c.multiply(c));
            BigDecimal root = d.signum() <= 0 ? BigDecimal.ZERO : ch.obermuhlner.math.big.BigDecimalMath.sqrt(d, mc);
            double expected = root.signum() == 0 && c.signum() == 0 ? 0
                    : ch.obermuhlner.math.big.BigDecimalMath.atan2(root, c, mc).doubleValue();
            assertThat(Math.abs(theta[j] - expected)).as("j = %d", j).isLessThanOrEqualTo(4 * Math.ulp(Math.PI));
        }
    }

    /** The ReLU row kernel against the 40-digit BigDecimal duals (an independent, exact route). */
    @Test
    void reluRowAgreesWithArbitraryPrecision() {
        Relu relu = new Relu();
        MathContext mc = new MathContext(40);
        double[][] qc = row(Q1, 5);
        double[] dual = new double[N];
        double[] derivative = new double[N];
        relu.dualRow(Q1, qc[0], qc[1], dual, derivative, 0, N);
        for (int j = 0; j < N; j += 7) {
            BigDecimal q1 = new BigDecimal(Q1);
            BigDecimal q2 = new BigDecimal(qc[0][j]);
            BigDecimal c = new BigDecimal(qc[1][j]);
            double e = relu.dual(q1, q2, c, mc).doubleValue();
            double ed = relu.derivativeDual(q1, q2, c, mc).doubleValue();
            double s = GaussianPair.scale(Q1, qc[0][j]);
            assertThat(Math.abs(dual[j] - e)).isLessThanOrEqualTo(2e-15 * Math.max(s, 1e-300));
            assertThat(Math.abs(derivative[j] - ed)).isLessThanOrEqualTo(2e-15 * ed + 1e-300);
        }
    }

    /** Σ' and Σ̇ of φ at the exact values of (q1, q2, c), by its BigDecimal duals, rounded to double. */
    private static double[] preciseDuals(PreciseDual phi, double q1, double q2, double c, MathContext mc) {
        BigDecimal b1 = new BigDecimal(q1);
        BigDecimal b2 = new BigDecimal(q2);
        BigDecimal bc = new BigDecimal(c);
        return new double[] {phi.dual(b1, b2, bc, mc).doubleValue(), phi.derivativeDual(b1, b2, bc, mc).doubleValue()};
    }

    /**
     * The erf row kernel (half-angle arctangent, see {@link RowKernels.Scalar#erf}) against its 40-digit BigDecimal
     * duals (R from the exact (1 + 2q1)(1 + 2q2) − 4c², atan2 and quotient in BigDecimal): 2e-15 relative for
     * both, Σ' included as ρ → 0 (its argument c/(R/2 + s1 s2) keeps the relative accuracy of c), with correlations
     * on both sides of the reduction at |ψ| = π/4; c = ±0 gives Σ' = +0.
     */
    @Test
    void erfRowAgreesWithArbitraryPrecision() {
        Erf erf = new Erf();
        MathContext mc = new MathContext(40);
        int reduced = 0;
        for (double q1 : new double[] {Q1, 0.37, 1e-99, 3e97, 40}) {
            double[][] qc = mostlyRegularRow(q1, 43);
            for (int j = 0; j < N; j += 11) {
                qc[1][j] *= 1e-9;   // nearly orthogonal pairs
            }
            qc[1][4] = -0.0;
            qc[1][5] = 0.0;
            double[] dual = new double[N];
            double[] derivative = new double[N];
            erf.dualRow(q1, qc[0], qc[1], dual, derivative, 0, N);
            for (int j = 0; j < N; j++) {
                if (!(qc[0][j] >= 1e-100 && qc[0][j] <= 1e100)) {
                    continue;
                }
                double[] exact = preciseDuals(erf, q1, qc[0][j], qc[1][j], mc);
                double e = exact[0];
                double ed = exact[1];
                String where = "q1=" + q1 + " q2=" + qc[0][j] + " c=" + qc[1][j];
                assertThat(Math.abs(dual[j] - e)).as(where).isLessThanOrEqualTo(2e-15 * Math.abs(e));
                assertThat(Math.abs(derivative[j] - ed)).as(where).isLessThanOrEqualTo(2e-15 * ed);
                reduced += Math.abs(e) > 0.5 ? 1 : 0;   // |ψ| > π/4
            }
            assertThat(Double.doubleToLongBits(dual[4])).isEqualTo(0L);
            assertThat(Double.doubleToLongBits(dual[5])).isEqualTo(0L);
        }
        assertThat(reduced).as("pairs beyond the reduction point").isGreaterThan(N / 2);
    }

    /**
     * A covariance beyond √(q1 q2) is no Gaussian pair's, but the erf row (whose half-angle argument would leave
     * [−1, 1] there) still returns the closed form's value for it, R taken at |ρ| = 1: in [−1, 1], vector and
     * scalar alike.
     */
    @Test
    void erfRowBeyondTheCauchySchwarzBoundFollowsTheClosedForm() {
        Erf erf = new Erf();
        int n = 37;
        double[] q2 = new double[n];
        double[] c = new double[n];
        for (int j = 0; j < n; j++) {
            q2[j] = 1.3;
            c[j] = (j % 2 == 0 ? 1 : -1) * (j % 3 == 0 ? 0.4 : Math.pow(10, j % 11 - 1));   // 0.4: a valid pair
        }
        double[] dual = new double[n];
        double[] derivative = new double[n];
        erf.dualRow(1.7, q2, c, dual, derivative, 0, n);
        double[] scalarDual = new double[n];
        double[] scalarDerivative = new double[n];
        new RowKernels.Scalar().erf(1.7, q2, c, scalarDual, scalarDerivative, 0, n);
        assertThat(dual).isEqualTo(scalarDual);
        assertThat(derivative).isEqualTo(scalarDerivative);
        for (int j = 0; j < n; j++) {
            assertThat(dual[j]).as("c = %s", c[j]).isCloseTo(erf.dual(1.7, 1.3, c[j]), within(1e-15))
                    .isBetween(-1.0, 1.0);
            assertThat(derivative[j]).as("c = %s", c[j]).isCloseTo(erf.derivativeDual(1.7, 1.3, c[j]), within(1e-15));
        }
    }

    /**
     * The GELU row kernel against its 40-digit BigDecimal duals (R from the exact p1 p2 − c², arctangent and
     * quotients in BigDecimal): 4e-15 of the natural scale, max(|Σ'|, c-free part s) for Σ', max(|Σ̇|, 1) for Σ̇.
     */
    @Test
    void geluRowAgreesWithArbitraryPrecision() {
        Gelu gelu = new Gelu();
        MathContext mc = new MathContext(40);
        for (double q1 : new double[] {Q1, 0.37}) {
            double[][] qc = mostlyRegularRow(q1, 41);
            double[] dual = new double[N];
            double[] derivative = new double[N];
            gelu.dualRow(q1, qc[0], qc[1], dual, derivative, 0, N);
            for (int j = 0; j < N; j += 5) {
                if (!(qc[0][j] >= 1e-100 && qc[0][j] <= 1e100)) {
                    continue;
                }
                double[] exact = preciseDuals(gelu, q1, qc[0][j], qc[1][j], mc);
                double e = exact[0];
                double ed = exact[1];
                double s = GaussianPair.scale(q1, qc[0][j]);
                String where = "q1=" + q1 + " q2=" + qc[0][j] + " c=" + qc[1][j];
                assertThat(Math.abs(dual[j] - e)).as(where).isLessThanOrEqualTo(4e-15 * Math.max(Math.abs(e), s));
                assertThat(Math.abs(derivative[j] - ed)).as(where)
                        .isLessThanOrEqualTo(4e-15 * Math.max(Math.abs(ed), 1.0));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"relu", "erf", "angles", "gelu"})
    void vectorKernelsAreBitIdenticalToTheScalarOnes(String name) {
        assumeTrue(RowKernels.INSTANCE.vectorized(), "run with --add-modules jdk.incubator.vector");
        RowKernels scalar = new RowKernels.Scalar();
        for (double q1 : new double[] {Q1, 1e-250, 1e250, 0.0, 3e-90, 1e-99, 0.37}) {
            double[][] qc = q1 == 1e-99 || q1 == 0.37 ? mostlyRegularRow(q1, 11) : row(q1, 11);
            double[][] a = {new double[N], new double[N]};
            double[][] b = {new double[N], new double[N]};
            for (int from : new int[] {0, 3}) {
                if (name.equals("relu")) {
                    RowKernels.INSTANCE.relu(q1, qc[0], qc[1], a[0], a[1], from, N);
                    scalar.relu(q1, qc[0], qc[1], b[0], b[1], from, N);
                } else if (name.equals("gelu")) {
                    RowKernels.INSTANCE.gelu(q1, qc[0], qc[1], a[0], a[1], from, N);
                    scalar.gelu(q1, qc[0], qc[1], b[0], b[1], from, N);
                } else if (name.equals("angles")) {
                    RowKernels.INSTANCE.angles(q1, qc[0], qc[1], a[0], from, N);
                    scalar.angles(q1, qc[0], qc[1], b[0], from, N);
                } else {
                    RowKernels.INSTANCE.erf(q1, qc[0], qc[1], a[0], a[1], from, N);
                    scalar.erf(q1, qc[0], qc[1], b[0], b[1], from, N);
                }
                assertThat(a[0]).isEqualTo(b[0]);
                assertThat(a[1]).isEqualTo(b[1]);
            }
        }
    }

    /** (a, b) of the abrelu kernel: leaky ReLU, ReLU, a line, |x|, 2|x|, two positive slopes. */
    private static final double[][] SLOPES = {{0.2, 1}, {0, 1}, {1.5, 1.5}, {-1, 1}, {2, -2}, {0.5, 3}};

    @Test
    void abReluKernelsAreBitIdenticalToTheScalarOnes() {
        assumeTrue(RowKernels.INSTANCE.vectorized(), "run with --add-modules jdk.incubator.vector");
        RowKernels scalar = new RowKernels.Scalar();
        for (double[] ab : SLOPES) {
            for (double q1 : new double[] {Q1, 1e-250, 0.0, 3e-90, 0.37}) {
                double[][] qc = q1 == Q1 || q1 == 0.37 ? mostlyRegularRow(q1, 29) : row(q1, 29);
                for (int from : new int[] {0, 3}) {
                    double[][] x = {new double[N], new double[N]};
                    double[][] y = {new double[N], new double[N]};
                    RowKernels.INSTANCE.abRelu(ab[0], ab[1], q1, qc[0], qc[1], x[0], x[1], from, N);
                    scalar.abRelu(ab[0], ab[1], q1, qc[0], qc[1], y[0], y[1], from, N);
                    assertThat(x[0]).isEqualTo(y[0]);
                    assertThat(x[1]).isEqualTo(y[1]);
                }
            }
        }
    }

    /**
     * The abrelu kernel against numerical integration of E[φ(u)φ(v)] and E[φ'(u)φ'(v)] ({@link
     * org.ntk4j.testing.GaussianExpectation}, split at the kink) to 1e-12 relative + 1e-13 of the scale, and
     * against the 40-digit BigDecimal duals to 4e-15 of the natural scale ((a² + b²)·s for Σ', a² + b² for Σ̇), at
     * random, nearly (anti)parallel, exactly (anti)parallel and orthogonal pairs of unequal variances.
     */
    @Test
    void abReluKernelAgreesWithIntegrationAndArbitraryPrecision() {
        MathContext mc = new MathContext(40);
        for (double[] ab : SLOPES) {
            double a = ab[0];
            double b = ab[1];
            AbRelu phi = new AbRelu(a, b);
            double[][] qc = mostlyRegularRow(Q1, 31);
            double[] dual = new double[N];
            double[] derivative = new double[N];
            RowKernels.INSTANCE.abRelu(a, b, Q1, qc[0], qc[1], dual, derivative, 0, N);
            double squares = a * a + b * b;
            for (int j = 1; j < N; j += 97) {
                double q2 = qc[0][j];
                double c = qc[1][j];
                double s = Math.sqrt(Q1 * q2);
                String where = phi.spec() + " q2=" + q2 + " c=" + c;
                BigDecimal bq1 = new BigDecimal(Q1);
                BigDecimal bq2 = new BigDecimal(q2);
                BigDecimal bc = new BigDecimal(c);
                double p = phi.dual(bq1, bq2, bc, mc).doubleValue();
                double pd = phi.derivativeDual(bq1, bq2, bc, mc).doubleValue();
                assertThat(Math.abs(dual[j] - p)).as(where).isLessThanOrEqualTo(4e-15 * squares * s);
                assertThat(Math.abs(derivative[j] - pd)).as(where).isLessThanOrEqualTo(4e-15 * squares);
                if (j % 5 != 1 || Math.abs(c) > 0.999 * s) {
                    continue;   // quadrature (slow) at every 5th point, and where |ρ| is below 1 by a margin
                }
                double e = org.ntk4j.testing.GaussianExpectation.of(x -> x > 0 ? b * x : a * x, new double[] {0},
                        x -> x > 0 ? b * x : a * x, new double[] {0}, Q1, q2, c);
                double ed = org.ntk4j.testing.GaussianExpectation.of(x -> x > 0 ? b : a, new double[] {0},
                        x -> x > 0 ? b : a, new double[] {0}, Q1, q2, c);
                assertThat(dual[j]).as(where).isCloseTo(e, within(1e-12 * Math.abs(e) + 1e-13 * squares * s));
                assertThat(derivative[j]).as(where).isCloseTo(ed, within(1e-12 * Math.abs(ed) + 1e-13 * squares));
            }
        }
    }

    /**
     * |x| = abrelu(−1, 1) through the kernel: Σ̇ = (2/π) asin ρ is formed from ψ = atan2(c, s sin θ) itself, so it
     * keeps its relative accuracy as ρ → 0, where (π − θ) − θ would cancel. Reference: (2/π) asin(c/√(q1 q2)) in
     * 40-digit BigDecimal arithmetic (the sign activation's dual, a different formula).
     */
    @Test
    void absDerivativeDualIsRelativelyAccurateNearOrthogonality() {
        MathContext mc = new MathContext(40);
        double[] c = {1e-12, -3e-9, 2e-5, -0.01, 1e-300, -5e-200, 0.3, -0.9};
        double[] q2 = new double[c.length];
        java.util.Arrays.fill(q2, 1.3);
        double[] dual = new double[c.length];
        double[] derivative = new double[c.length];
        new Abs().dualRow(0.8, q2, c.clone(), dual, derivative, 0, c.length);
        BigDecimal s = ch.obermuhlner.math.big.BigDecimalMath.sqrt(new BigDecimal(0.8).multiply(new BigDecimal(1.3)), mc);
        BigDecimal twoOverPi = BigDecimal.valueOf(2).divide(ch.obermuhlner.math.big.BigDecimalMath.pi(mc), mc);
        for (int j = 0; j < c.length; j++) {
            double expected = twoOverPi.multiply(ch.obermuhlner.math.big.BigDecimalMath.asin(
                    new BigDecimal(c[j]).divide(s, mc), mc), mc).doubleValue();
            assertThat(derivative[j]).as("c = %s", c[j]).isCloseTo(expected, within(4e-16 * Math.abs(expected)));
        }
    }

    /** In place (dual = c) as {@link Activation#dualRow} allows, and exact on the diagonal c = q1 = q2. */
    @ParameterizedTest
    @ValueSource(strings = {"relu", "erf", "gelu"})
    void inPlaceAndExactOnTheDiagonal(String name) {
        Activation phi = Activations.parse(name);
        double[][] qc = row(Q1, 13);
        double[] expected = new double[N];
        double[] d1 = new double[N];
        phi.dualRow(Q1, qc[0], qc[1], expected, d1, 0, N);
        double[] c = qc[1].clone();
        double[] d2 = new double[N];
        phi.dualRow(Q1, qc[0], c, c, d2, 0, N);
        assertThat(c).isEqualTo(expected);
        assertThat(d2).isEqualTo(d1);
        double[] q = {2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5};
        double[] out = new double[q.length];
        double[] outD = new double[q.length];
        phi.dualRow(2.5, q, q, out, outD, 0, q.length);
        for (int j = 0; j < q.length; j++) {
            assertThat(out[j]).isEqualTo(out[0]);
            assertThat(outD[j]).isEqualTo(outD[0]);
        }
        if (name.equals("relu")) {
            assertThat(outD[0]).isEqualTo(0.5);       // θ = 0 exactly: Σ̇ = 1/2, Σ' = q/2
            assertThat(out[0]).isCloseTo(1.25, within(1e-15));
        }
    }

    /** Whenever the Vector API is available (as under {@code ./ntk4j} and these tests), the SIMD kernels load. */
    @Test
    void simdKernelsAreLoadedWhenTheVectorApiIsPresent() {
        assumeTrue(VectorApi.available());
        assertThat(RowKernels.INSTANCE.vectorized()).isTrue();
    }
}
