package org.ntk4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.ntk4j.activation.Activation;
import org.ntk4j.activation.Activations;

class AngleInterpolantTest {

    /**
     * Built from exact (25-digit BigDecimal) duals and checked against them at 800 random angles and both ends,
     * where ReLU's duals have square-root singularities in c (but not in θ): error below the tolerance, 1e-13 of
     * each dual's largest value.
     */
    @ParameterizedTest
    @CsvSource({"relu,1.3,0.7", "relu,2,2", "relu,1e-5,3e4", "erf,0.2,5", "erf,40,40", "identity,2,3"})
    void matchesTheExactDualsAtRandomAngles(String name, double q1, double q2) {
        Activation phi = Activations.parse(name);
        AngleInterpolant f = AngleInterpolant.build(new SlowDual(phi, true), q1, q2);
        assertThat(f).isNotNull();
        double s = f.scale;
        double maxF = 0;
        double maxG = 0;
        for (int k = 0; k <= 100; k++) {
            double c = s * Math.cos(Math.PI * k / 100);
            maxF = Math.max(maxF, Math.abs(SlowDual.preciseDual(phi, q1, q2, c, false)));
            maxG = Math.max(maxG, Math.abs(SlowDual.preciseDual(phi, q1, q2, c, true)));
        }
        SplittableRandom r = new SplittableRandom(4);
        for (int k = 0; k < 800; k++) {
            double theta = k < 2 ? k * Math.PI : Math.PI * r.nextDouble();
            double c = s * Math.cos(theta);
            assertMatchesPrecise(f, AngleInterpolant.theta(q1, q2, c), phi, q1, q2, c, maxF, maxG);
        }
    }

    /** f at θ (the angle of covariance c) is φ's 25-digit duals to 1e-13 of maxF and maxG. */
    private static void assertMatchesPrecise(AngleInterpolant f, double theta, Activation phi, double q1, double q2,
                                             double c, double maxF, double maxG) {
        double[] out = new double[2];
        f.evaluate(theta, out);
        assertThat(Math.abs(out[0] - SlowDual.preciseDual(phi, q1, q2, c, false))).as("θ = %s", theta)
                .isLessThanOrEqualTo(1e-13 * maxF);
        assertThat(Math.abs(out[1] - SlowDual.preciseDual(phi, q1, q2, c, true))).as("θ = %s", theta)
                .isLessThanOrEqualTo(1e-13 * maxG);
    }

    /**
     * Built for the ends only (θ ≤ 0.5 and θ ≥ π − 0.5, the leftovers of a series that reaches |ρ| ≤ cos 0.5):
     * the same pieces as over [0, π] where it holds, fewer than half the exact evaluations, and the exact duals to
     * 1e-13 of their largest value there; the middle is not served.
     */
    @Test
    void endsOnlyCostLessAndMatchTheExactDualsThere() {
        Activation relu = Activations.parse("relu");
        double q1 = 1.3;
        double q2 = 0.7;
        SlowDual full = new SlowDual(relu, true);
        SlowDual ends = new SlowDual(relu, true);
        AngleInterpolant whole = AngleInterpolant.build(full, q1, q2);
        AngleInterpolant f = AngleInterpolant.build(ends, q1, q2, 0.5);
        assertThat(f).isNotNull();
        assertThat(f.pieces()).isEqualTo(whole.pieces());
        assertThat(ends.evaluations.get()).isLessThan(full.evaluations.get() / 2);
        assertThat(f.serves(0.0)).isTrue();
        assertThat(f.serves(0.5)).isTrue();
        assertThat(f.serves(Math.PI - 0.5)).isTrue();
        assertThat(f.serves(Math.PI)).isTrue();
        assertThat(f.serves(0.5 * Math.PI)).isFalse();
        assertThat(f.serves(Double.NaN)).isFalse();
        assertThat(whole.serves(0.5 * Math.PI)).isTrue();
        double s = f.scale;
        double maxF = 0;
        double maxG = 0;
        for (int k = 0; k <= 100; k++) {
            double theta = k <= 50 ? 0.5 * k / 50 : Math.PI - 0.5 * (k - 51) / 49;
            double c = s * Math.cos(theta);
            maxF = Math.max(maxF, Math.abs(SlowDual.preciseDual(relu, q1, q2, c, false)));
            maxG = Math.max(maxG, Math.abs(SlowDual.preciseDual(relu, q1, q2, c, true)));
        }
        SplittableRandom r = new SplittableRandom(5);
        double[] out = new double[2];
        for (int k = 0; k < 400; k++) {
            double u = r.nextDouble();
            double theta = k % 2 == 0 ? 0.5 * u : Math.PI - 0.5 * u;
            double c = s * Math.cos(theta);
            double at = AngleInterpolant.theta(q1, q2, c);
            assertThat(f.serves(at)).as("θ = %s", theta).isTrue();
            assertMatchesPrecise(f, at, relu, q1, q2, c, maxF, maxG);
        }
        // A row through entry(): the ends from the interpolant, the middle from the exact duals, in place.
        double[] angles = {0.1, 1.2, 0.5 * Math.PI, Math.PI - 0.2, 2.0};
        double[] q = new double[angles.length];
        double[] c = new double[angles.length];
        java.util.Arrays.fill(q, q2);
        for (int j = 0; j < angles.length; j++) {
            c[j] = s * Math.cos(angles[j]);
        }
        double[] cs = c.clone();
        double[] theta = new double[angles.length];
        double[] derivative = new double[angles.length];
        org.ntk4j.activation.ArcTangent.angleRow(q1, q, c, theta, 0, angles.length);
        long before = ends.evaluations.get();
        for (int j = 0; j < angles.length; j++) {
            f.entry(ends, q1, q, c, c, derivative, theta, j, out);
        }
        assertThat(ends.evaluations.get() - before).isEqualTo(3);   // (dual pairs) the three middle entries
        for (int j = 0; j < angles.length; j++) {
            if (f.serves(theta[j])) {
                f.evaluate(theta[j], out);
                assertThat(c[j]).as("θ = %s", angles[j]).isEqualTo(out[0]);
                assertThat(derivative[j]).as("θ = %s", angles[j]).isEqualTo(out[1]);
            } else {
                assertThat(c[j]).as("θ = %s", angles[j]).isEqualTo(ends.dual(q1, q2, cs[j]));
                assertThat(derivative[j]).as("θ = %s", angles[j]).isEqualTo(ends.derivativeDual(q1, q2, cs[j]));
            }
        }
    }

    /** A dual with a jump cannot be interpolated to the tolerance: build gives up (the kernel then goes exact). */
    @Test
    void refusesANonSmoothDual() {
        Activation jumpy = new SlowDual(Activations.parse("relu"));
        Activation step = new Activation() {
            @Override
            public String spec() {
                return "jump";
            }

            @Override
            public double value(double x) {
                return x;
            }

            @Override
            public double derivative(double x) {
                return 1;
            }

            @Override
            public double dual(double q1, double q2, double c) {
                return c > 0.3 ? 1 : 0;
            }

            @Override
            public double derivativeDual(double q1, double q2, double c) {
                return 1;
            }
        };
        assertThat(AngleInterpolant.build(step, 1, 1)).isNull();
        assertThat(AngleInterpolant.build(jumpy, 1, 1)).isNotNull();
    }
}
