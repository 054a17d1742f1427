package org.ntk4j.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.ntk4j.testing.GaussianExpectation;

/** Shared checks of a quadrature activation against the independent fixture {@link GaussianExpectation}. */
final class QuadratureActivationChecks {

    /** (q1, q2, c) with |ρ| ≤ 0.999 and moderate variances, where the fixture is accurate to ~1e-13. */
    static final double[][] MODERATE = {{1, 1, -0.3}, {2, 0.5, 0.7}, {0.25, 4, -0.999}};

    /** Extreme arguments: must give finite duals without exceptions. */
    static final double[][] EXTREME = {{0, 0, 0}, {0, 1, 0}, {1e-150, 1e-150, 1e-150}, {1e150, 1e150, -1e150},
            {1e150, 1e-150, 0.5}, {1e-300, 1e300, -0.9}, {1, 1, 1.0000000000000002}, {1e150, 1e150, 0.9999999e150}};

    private QuadratureActivationChecks() {
    }

    /** Both duals against the fixture at 1e-10 relative (1e-12 of the Cauchy–Schwarz bound near zero). */
    static void matchesFixture(QuadratureActivation phi, double[][] covariances) {
        double[] kinks = phi.shape().kinks();
        for (double[] t : covariances) {
            double q1 = t[0];
            double q2 = t[1];
            double c = t[2];
            double e = GaussianExpectation.of(phi::value, kinks, phi::value, kinks, q1, q2, c);
            double ed = GaussianExpectation.of(phi::derivative, kinks, phi::derivative, kinks, q1, q2, c);
            double b = Math.sqrt(GaussianExpectation.of(phi::value, kinks, phi::value, kinks, q1, q1, q1)
                    * GaussianExpectation.of(phi::value, kinks, phi::value, kinks, q2, q2, q2));
            double bd = Math.sqrt(GaussianExpectation.of(phi::derivative, kinks, phi::derivative, kinks, q1, q1, q1)
                    * GaussianExpectation.of(phi::derivative, kinks, phi::derivative, kinks, q2, q2, q2));
            double[] d = new double[1];
            double[] dd = new double[1];
            phi.dualRow(q1, new double[] {q2}, new double[] {c}, d, dd, 0, 1);
            String at = phi.spec() + " at (" + q1 + ", " + q2 + ", " + c + ")";
            assertThat(d[0]).as("dual " + at).isCloseTo(e, within(1e-10 * Math.abs(e) + 1e-12 * b));
            assertThat(dd[0]).as("derivative dual " + at).isCloseTo(ed, within(1e-10 * Math.abs(ed) + 1e-12 * bd));
        }
    }

    static void finiteOnExtremes(QuadratureActivation phi) {
        for (double[] t : EXTREME) {
            double[] d = new double[1];
            double[] dd = new double[1];
            phi.dualRow(t[0], new double[] {t[1]}, new double[] {t[2]}, d, dd, 0, 1);
            String at = phi.spec() + " at (" + t[0] + ", " + t[1] + ", " + t[2] + ")";
            assertThat(d[0]).as("dual " + at).isFinite();
            assertThat(dd[0]).as("derivative dual " + at).isFinite();
        }
    }

    /** φ' against a central difference of φ at a few points (a check of the hand-written derivative only). */
    static void derivativeMatchesDifference(Activation phi, double... xs) {
        for (double x : xs) {
            double h = 1e-5 * Math.max(1, Math.abs(x));
            double fd = (phi.value(x + h) - phi.value(x - h)) / (2 * h);
            assertThat(phi.derivative(x)).as("φ'(%s) of %s", x, phi.spec()).isCloseTo(fd, within(1e-8 * Math.max(1, Math.abs(fd))));
        }
    }

    static void batchMatchesPointwise(QuadratureActivation phi, double... xs) {
        double[] v = new double[xs.length];
        double[] d = new double[xs.length];
        phi.evaluate(xs, 0, xs.length, v, d);
        for (int i = 0; i < xs.length; i++) {
            assertThat(v[i]).as("φ(%s)", xs[i]).isCloseTo(phi.value(xs[i]), within(1e-15 * Math.abs(v[i]) + 1e-300));
            assertThat(d[i]).as("φ'(%s)", xs[i]).isCloseTo(phi.derivative(xs[i]), within(1e-15 * Math.abs(d[i]) + 1e-300));
        }
    }
}
