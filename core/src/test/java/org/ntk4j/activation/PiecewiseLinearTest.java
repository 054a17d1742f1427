package org.ntk4j.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Exact duals of piecewise-linear φ against independent routes: the closed forms of relu, leaky relu, abs, step,
 * sign and the identity (arc-cosine and arcsine formulas, no orthant probabilities), and the nested quadrature of
 * {@link QuadratureDual} for φ with off-centre kinks and jumps.
 */
class PiecewiseLinearTest {

    private static final double[] VARIANCES = {1e-6, 0.04, 0.3, 1, 2.1, 7.5, 40, 1e3};
    private static final double[] CORRELATIONS = {-1, -0.9999999999, -0.999, -0.95, -0.93, -0.92, -0.8, -0.5, -0.2,
        0, 0.1, 0.29, 0.31, 0.6, 0.76, 0.9, 0.924, 0.926, 0.95, 0.99, 0.9999, 0.99999999, 1 - 1e-14, 1};

    /** φ = max(0, x) etc. as pieces: kinks, intercepts, slopes, φ(0), φ'(0). */
    private static final PiecewiseLinear RELU = new PiecewiseLinear(new double[] {0}, new double[] {0, 0},
            new double[] {0, 1}, 0, 1);
    private static final PiecewiseLinear LEAKY = new PiecewiseLinear(new double[] {0}, new double[] {0, 0},
            new double[] {0.2, 1}, 0, 1);
    private static final PiecewiseLinear ABS = new PiecewiseLinear(new double[] {0}, new double[] {0, 0},
            new double[] {-1, 1}, 0, 1);
    private static final PiecewiseLinear STEP = new PiecewiseLinear(new double[] {0}, new double[] {0, 1},
            new double[] {0, 0}, 0, 0);
    private static final PiecewiseLinear SIGN = new PiecewiseLinear(new double[] {0}, new double[] {-1, 1},
            new double[] {0, 0}, 0, 0);
    private static final PiecewiseLinear IDENTITY = new PiecewiseLinear(new double[0], new double[] {0},
            new double[] {1}, 0, 1);

    private static void matchesClosedForm(PiecewiseLinear f, Activation closed) {
        QuadratureActivation unused = new Relu6();   // the fallback is never needed at these variances
        double[] out = new double[2];
        for (double q1 : VARIANCES) {
            for (double q2 : VARIANCES) {
                double s = Math.sqrt(q1) * Math.sqrt(q2);
                double scale = Math.sqrt(closed.dual(q1, q1, q1) * closed.dual(q2, q2, q2));
                double scaleD = Math.sqrt(closed.derivativeDual(q1, q1, q1) * closed.derivativeDual(q2, q2, q2));
                for (double rho : CORRELATIONS) {
                    double c = rho * s;
                    f.duals(unused, q1, q2, c, out);
                    String at = closed.spec() + " at (" + q1 + ", " + q2 + ", " + rho + ")";
                    assertThat(out[0]).as("dual " + at).isCloseTo(closed.dual(q1, q2, c), within(2e-15 * scale));
                    assertThat(out[1]).as("derivative dual " + at)
                            .isCloseTo(closed.derivativeDual(q1, q2, c), within(2e-15 * Math.max(scaleD, 1e-300)));
                }
            }
        }
        for (double[] t : new double[][] {{0, 0, 0}, {0, 2, 0}, {3, 0, 0}}) {
            f.duals(unused, t[0], t[1], t[2], out);
            assertThat(out[0]).as("dual of %s at q = 0", closed.spec()).isCloseTo(closed.dual(t[0], t[1], t[2]), within(1e-15));
            if (closed.derivative(0) == f.derivative(0)) {
                assertThat(out[1]).isCloseTo(closed.derivativeDual(t[0], t[1], t[2]), within(1e-15));
            }
        }
    }

    @Test
    void reluFamilyMatchesTheArcCosineKernels() {
        matchesClosedForm(RELU, new Relu());
        matchesClosedForm(LEAKY, new LeakyRelu(0.2));
        matchesClosedForm(ABS, new Abs());
    }

    @Test
    void stepSignAndIdentityMatchTheirClosedForms() {
        matchesClosedForm(STEP, new Step());
        matchesClosedForm(SIGN, new Sign());
        matchesClosedForm(IDENTITY, new Identity());
    }

    /** Relu6 and a φ with three off-centre kinks and a jump, against nested quadrature of the same φ. */
    @Test
    void offCentreKinksMatchQuadrature() {
        Relu6 relu6 = new Relu6();
        PiecewiseLinear clipped = new PiecewiseLinear(new double[] {-1.3, 0.2, 2.5},
                new double[] {0.5, -0.7, 0.1, 3.0}, new double[] {0.25, 1.5, -0.5, 0.0}, -0.4, 1.5);
        QuadratureActivation jumpy = new Pieces(clipped);
        for (QuadratureActivation phi : new QuadratureActivation[] {relu6, jumpy}) {
            for (double q1 : VARIANCES) {
                for (double q2 : VARIANCES) {
                    double s = Math.sqrt(q1) * Math.sqrt(q2);
                    double scale = Math.sqrt(QuadratureDual.dual(phi, q1, q1, q1) * QuadratureDual.dual(phi, q2, q2, q2));
                    double scaleD = Math.sqrt(QuadratureDual.derivativeDual(phi, q1, q1, q1)
                            * QuadratureDual.derivativeDual(phi, q2, q2, q2));
                    for (double rho : CORRELATIONS) {
                        double c = rho * s;
                        String at = phi.spec() + " at (" + q1 + ", " + q2 + ", " + rho + ")";
                        assertThat(phi.dual(q1, q2, c)).as("dual " + at)
                                .isCloseTo(QuadratureDual.dual(phi, q1, q2, c), within(1e-13 * scale));
                        assertThat(phi.derivativeDual(q1, q2, c)).as("derivative dual " + at)
                                .isCloseTo(QuadratureDual.derivativeDual(phi, q1, q2, c), within(1e-13 * scaleD + 1e-300));
                    }
                }
            }
        }
    }

    @Test
    void illConditionedEntriesAreIntegratedInstead() {
        // relu6 at q = 1e8: the ramps are ~1e8 and cancel to ~18, which the sum would get wrong at ~1e-9.
        Relu6 phi = new Relu6();
        for (double rho : new double[] {-0.5, 0.3, 0.99}) {
            double q = 1e8;
            double scale = QuadratureDual.dual(phi, q, q, q);
            assertThat(phi.dual(q, q, rho * q)).as("ρ = %s", rho)
                    .isCloseTo(QuadratureDual.dual(phi, q, q, rho * q), within(1e-13 * scale));
        }
    }

    @Test
    void rowMatchesEntryByEntry() {
        Relu6 phi = new Relu6();
        double[] q2 = {0.5, 2, 0, 9, 2};
        double[] c = {0.3, -1.2, 0, 8.9, 2};
        double[] dual = new double[5];
        double[] dot = new double[5];
        phi.dualRow(2, q2, c, dual, dot, 0, 5);
        for (int j = 0; j < 5; j++) {
            assertThat(dual[j]).isEqualTo(phi.dual(2, q2[j], c[j]));
            assertThat(dot[j]).isEqualTo(phi.derivativeDual(2, q2[j], c[j]));
        }
    }

    @Test
    void fitReadsThePiecesOffTheFunction() {
        Relu6 relu6 = new Relu6();
        PiecewiseLinear f = PiecewiseLinear.fit(relu6::value, relu6::derivative, new double[] {0, 6});
        assertThat(f).isNotNull();
        for (double x : new double[] {-50, -1, 0, 0.5, 5.99, 6, 7, 1e4}) {
            assertThat(f.value(x)).isEqualTo(relu6.value(x));
            assertThat(f.derivative(x)).isEqualTo(relu6.derivative(x));
        }
        // A kink left out, or a curved φ, is refused.
        assertThat(PiecewiseLinear.fit(relu6::value, relu6::derivative, new double[] {0})).isNull();
        assertThat(PiecewiseLinear.fit(Math::tanh, x -> 1 - Math.tanh(x) * Math.tanh(x), new double[0])).isNull();
        assertThat(PiecewiseLinear.fit(x -> x * x, x -> 2 * x, new double[] {0})).isNull();
    }

    /**
     * The two-slope ReLUs among pieces written by hand: only those with no kink but 0 and zero intercepts (and
     * φ(0) = 0), with a and b the outer slopes; a jump, an offset, a kink elsewhere or a second kink are refused.
     */
    @Test
    void twoSlopeReluIsRecognisedFromThePieces() {
        assertThat(RELU.twoSlopeRelu()).contains(new AbRelu(0, 1));
        assertThat(LEAKY.twoSlopeRelu()).contains(new AbRelu(0.2, 1));
        assertThat(ABS.twoSlopeRelu()).contains(new AbRelu(-1, 1));
        assertThat(IDENTITY.twoSlopeRelu()).contains(new AbRelu(1, 1));
        PiecewiseLinear negativeSide = new PiecewiseLinear(new double[] {0}, new double[] {0, 0},
                new double[] {-3, 0}, 0, 0);
        assertThat(negativeSide.twoSlopeRelu()).contains(new AbRelu(-3, 0));
        // a kink at 0 with the same slope on both sides is still the line
        PiecewiseLinear straight = new PiecewiseLinear(new double[] {0}, new double[] {0, 0},
                new double[] {2.5, 2.5}, 0, 2.5);
        assertThat(straight.twoSlopeRelu()).contains(new AbRelu(2.5, 2.5));

        PiecewiseLinear[] refused = {
            STEP,                                                          // a jump at 0, flat pieces
            SIGN,
            new PiecewiseLinear(new double[] {0}, new double[] {0, 1}, new double[] {0, 1}, 0, 1),   // relu + step
            new PiecewiseLinear(new double[] {0}, new double[] {1, 1}, new double[] {0, 1}, 1, 1),   // relu + 1
            new PiecewiseLinear(new double[0], new double[] {-0.5}, new double[] {2}, -0.5, 2),      // 2x − 1/2
            new PiecewiseLinear(new double[] {1}, new double[] {0, -1}, new double[] {0, 1}, 0, 0),  // relu(x − 1)
            // zero intercepts but the kink at 1: a jump from 0 to 1 there
            new PiecewiseLinear(new double[] {1}, new double[] {0, 0}, new double[] {0, 1}, 0, 0),
            new PiecewiseLinear(new double[] {0, 6}, new double[] {0, 0, 6}, new double[] {0, 1, 0}, 0, 1),  // relu6
            // zero intercepts on both pieces, but φ(0) defined apart from them
            new PiecewiseLinear(new double[] {0}, new double[] {0, 0}, new double[] {0, 1}, 0.5, 1)};
        for (PiecewiseLinear f : refused) {
            assertThat(f.twoSlopeRelu()).as("kinks %s", java.util.Arrays.toString(f.kinks())).isEmpty();
        }
    }

    /** A quadrature activation made of given pieces, so that {@link QuadratureDual} integrates the same φ. */
    private record Pieces(PiecewiseLinear f) implements QuadratureActivation {
        @Override
        public String spec() {
            return "pieces";
        }

        @Override
        public double value(double x) {
            return f.value(x);
        }

        @Override
        public double derivative(double x) {
            return f.derivative(x);
        }

        @Override
        public Shape shape() {
            return new Shape(f.kinks(), new double[0], Double.POSITIVE_INFINITY, 0.0);
        }

        @Override
        public double dual(double q1, double q2, double c) {
            double[] out = new double[2];
            f.duals(this, q1, q2, c, out);
            return out[0];
        }

        @Override
        public double derivativeDual(double q1, double q2, double c) {
            double[] out = new double[2];
            f.duals(this, q1, q2, c, out);
            return out[1];
        }
    }
}
