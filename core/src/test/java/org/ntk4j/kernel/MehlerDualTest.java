package org.ntk4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ntk4j.activation.Activation;
import org.ntk4j.activation.Activations;
import org.ntk4j.activation.QuadratureActivation;
import org.ntk4j.activation.QuadratureDual;
import org.ntk4j.testing.Integrated;

/**
 * Mehler series of the duals against independent routes: the closed forms of erf and ReLU (seen only through φ
 * and φ', so the series are built by integration), and two-dimensional quadrature for tanh and softplus.
 */
class MehlerDualTest {

    /** Largest error over random (q1, q2, ρ) in the box with |ρ| ≤ ρ_cut, relative to √(E φ(u)² E φ(v)²). */
    private static double worst(MehlerDual f, Activation reference, double qmin, double qmax, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double worst = 0;
        for (int i = 0; i < 40; i++) {
            double q1 = Math.exp(Math.log(qmin) + random.nextDouble() * (Math.log(qmax) - Math.log(qmin)));
            double q2 = Math.exp(Math.log(qmin) + random.nextDouble() * (Math.log(qmax) - Math.log(qmin)));
            double rho = (2 * random.nextDouble() - 1) * f.rhoCut();
            double c = rho * Math.sqrt(q1 * q2);
            double[] series = f.evaluate(q1, q2, rho);
            double scale = Math.sqrt(reference.dual(q1, q1, q1) * reference.dual(q2, q2, q2));
            double scaleD = Math.sqrt(reference.derivativeDual(q1, q1, q1) * reference.derivativeDual(q2, q2, q2));
            worst = Math.max(worst, Math.abs(series[0] - reference.dual(q1, q2, c)) / scale);
            worst = Math.max(worst, Math.abs(series[1] - reference.derivativeDual(q1, q2, c)) / scaleD);
        }
        return worst;
    }

    @Test
    void erfSeriesMatchTheClosedForm() {
        MehlerDual f = MehlerDual.build(Integrated.ERF, 0.3, 4.0);
        assertThat(f).isNotNull();
        assertThat(f.step()).isEqualTo(2);   // odd: only odd degrees of φ, even of φ'
        // The erf dual is analytic in ρ only for |ρ| < (1 + 2q)/(2q): at q = 4 the series converge like 1.125^-k,
        // so 160 degrees stop short of ρ = 1 and the build goes on to 480.
        assertThat(f.rhoCut()).isEqualTo(1.0);
        assertThat(worst(f, Integrated.ERF.closedForm(), 0.3, 4.0, 1)).isLessThan(1e-12);
    }

    @Test
    void reluSeriesHoldOnlyWhereTheirTailBoundSays() {
        // ReLU's Hermite coefficients decay like k^(-5/4): the tail bound stops the series before ρ = 1 even with
        // every degree there is.
        MehlerDual f = MehlerDual.build(Integrated.RELU, 0.7, 1.3);
        assertThat(f).isNotNull();
        assertThat(f.rhoCut()).isLessThan(0.97).isGreaterThan(0.8);
        assertThat(worst(f, Integrated.RELU.closedForm(), 0.7, 1.3, 2)).isLessThan(1e-12);
    }

    @Test
    void tanhSeriesMatchTwoDimensionalQuadrature() {
        QuadratureActivation tanh = (QuadratureActivation) Activations.parse("tanh");
        MehlerDual f = MehlerDual.build(tanh, 1.1, 3.0);
        assertThat(f).isNotNull();
        assertThat(f.rhoCut()).isGreaterThan(0.8);
        assertThat(worst(f, tanh, 1.1, 3.0, 3)).isLessThan(1e-12);
    }

    @Test
    void seriesWithEveryDegreeReachBeyondTheCorrelationsWanted() {
        // relu6 over the box of a depth-10 Gram matrix's fifth layer (n = 4000 Gaussian inputs, σ_w² = 2,
        // σ_b² = 0.1): 160 degrees reach ρ ≈ 0.84, short of 0.79 + MARGIN, so the build goes on to 480. Kept only
        // up to 0.79 those reached less than the 160 did and were dropped, and each following layer (wanting 0.83,
        // 0.86, …) built everything again; kept up to wanted + MARGIN they serve those layers too.
        QuadratureActivation relu6 = (QuadratureActivation) Activations.parse("relu6");
        double qmin = 1.27;
        double qmax = 4.62;
        MehlerDual f = MehlerDual.build(relu6, qmin, qmax, 0.79);
        assertThat(f).isNotNull();
        assertThat(f.rhoCut()).isGreaterThan(0.88);
        assertThat(f.serves(relu6, 1.66, 3.68, 0.83)).isTrue();
        assertThat(f.serves(relu6, 1.76, 3.77, 0.86)).isTrue();
        assertThat(worst(f, relu6, qmin, qmax, 6)).isLessThan(1e-12);
    }

    @Test
    void oneVarianceNeedsNoInterpolation() {
        QuadratureActivation softplus = (QuadratureActivation) Activations.parse("softplus");
        MehlerDual f = MehlerDual.build(softplus, 1.7, 1.7);
        assertThat(f).isNotNull();
        assertThat(f.rhoCut()).isEqualTo(1.0);   // softplus is analytic in a wide strip: the tail vanishes
        assertThat(worst(f, softplus, 1.7, 1.7, 4)).isLessThan(1e-12);
        double[] atOne = f.evaluate(1.7, 1.7, 1.0);
        assertThat(atOne[0]).isCloseTo(QuadratureDual.dual(softplus, 1.7, 1.7, 1.7),
                org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void unboundedMomentsAreRefused() {
        // φ = exp(x²/8): E[φ(√q z)²] = E[exp(q z²/4)] is infinite from q = 2 on (the parser of expressions would
        // refuse it; the series must refuse it on their own).
        QuadratureActivation blowUp = new QuadratureActivation() {
            @Override
            public String spec() {
                return "exp(x^2/8)";
            }

            @Override
            public double value(double x) {
                return Math.exp(x * x / 8);
            }

            @Override
            public double derivative(double x) {
                return x / 4 * Math.exp(x * x / 8);
            }

            @Override
            public Shape shape() {
                return new Shape(new double[0], new double[] {0.0}, Double.POSITIVE_INFINITY, 10.0);
            }
        };
        assertThat(MehlerDual.build(blowUp, 2.5, 3.0)).isNull();
    }

    /** The coefficients of a block of inputs, in the blocked layout, are those of one input at a time bit for bit. */
    @Test
    void blockCoefficientsAreTheCoefficientsOfEachInput() {
        QuadratureActivation tanh = (QuadratureActivation) Activations.parse("tanh");
        MehlerDual f = MehlerDual.build(tanh, 0.7, 4.0);
        assertThat(f).isNotNull();
        SplittableRandom random = new SplittableRandom(8);
        double[] q = new double[13];
        for (int i = 0; i < q.length; i++) {
            q[i] = i == 0 ? 0.7 : i == 1 ? 4.0 : random.nextDouble(0.7, 4.0);
        }
        int w = MehlerRow.BLOCK;
        double[] a = new double[2 * w * f.termsA];
        double[] b = new double[2 * w * f.termsB];
        java.util.Arrays.fill(a, Double.NaN);
        java.util.Arrays.fill(b, Double.NaN);
        f.blockCoefficients(q, 0, a, b);
        f.blockCoefficients(q, 1, a, b);
        for (int i = 0; i < 2 * w; i++) {
            double[][] one = i < q.length ? f.coefficientsAt(q[i]) : null;
            for (int t = 0; t < f.termsA; t++) {
                assertThat(a[MehlerRow.index(i, t, f.termsA)]).as("a_%d of input %d", t, i)
                        .isEqualTo(one == null ? 0.0 : one[0][t]);
            }
            for (int t = 0; t < f.termsB; t++) {
                assertThat(b[MehlerRow.index(i, t, f.termsB)]).as("b_%d of input %d", t, i)
                        .isEqualTo(one == null ? 0.0 : one[1][t]);
            }
        }
    }
}
