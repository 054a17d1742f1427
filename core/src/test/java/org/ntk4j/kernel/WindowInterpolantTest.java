package org.ntk4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ntk4j.activation.Activation;
import org.ntk4j.activation.Activations;
import org.ntk4j.testing.Integrated;

/**
 * The correlation-window interpolant against independent duals: closed forms (erf, ReLU), the orthant sums of
 * relu6, and for a Mehler-built window the two-dimensional quadrature of softplus; its refusals.
 */
class WindowInterpolantTest {

    /** |F − F_exact| and |G − G_exact| at many random points of the box and window, relative to the scale. */
    private static double worstError(WindowInterpolant f, Activation reference, double qmin, double qmax, double lo,
                                     double hi, int points, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double worst = 0;
        double[] want = new double[2];
        double[] n1 = new double[2];
        double[] n2 = new double[2];
        for (int s = 0; s < points; s++) {
            double q1 = qmin * Math.pow(qmax / qmin, random.nextDouble());
            double q2 = s % 5 == 0 ? q1 : qmin * Math.pow(qmax / qmin, random.nextDouble());
            double rho = s % 7 == 0 ? (s % 2 == 0 ? lo : hi) : lo + (hi - lo) * random.nextDouble();
            reference.duals(q1, q2, rho * Math.sqrt(q1) * Math.sqrt(q2), want);
            reference.duals(q1, q1, q1, n1);
            reference.duals(q2, q2, q2, n2);
            double[] got = f.evaluate(q1, q2, rho);
            worst = Math.max(worst, Math.abs(got[0] - want[0]) / Math.sqrt(n1[0] * n2[0]));
            worst = Math.max(worst, Math.abs(got[1] - want[1]) / Math.sqrt(n1[1] * n2[1]));
        }
        return worst;
    }

    @ParameterizedTest
    @CsvSource({"erf,0.8,2.5,0.6,0.9", "erf,1.0,1.0,-0.3,0.4", "relu,1.5,3.0,0.85,0.95", "relu6,1.96,3.94,0.86,0.91",
        "relu6,2.0,2.0,0.7,0.8", "gelu,0.5,4,0.2,0.7"})
    void matchesTheExactDualsOnTheWholeBox(String activation, double qmin, double qmax, double lo, double hi) {
        Activation phi = Activations.parse(activation);
        WindowInterpolant f = WindowInterpolant.fit(WindowInterpolant.exact(phi), qmin, qmax, lo, hi, 1024,
                1_000_000);
        assertThat(f).as("a verified interpolant").isNotNull();
        if (qmin == qmax) {
            assertThat(f.m).isEqualTo(1);
        }
        assertThat(worstError(f, phi, qmin, qmax, lo, hi, 3000, 7)).isLessThan(2e-13);
    }

    /** Node values from a Mehler series of softplus, checked against fresh two-dimensional quadrature. */
    @Test
    void aWindowBuiltFromMehlerSeriesMatchesQuadrature() {
        Activation softplus = Activations.parse("softplus");
        MehlerDual series = MehlerDual.build((org.ntk4j.activation.QuadratureActivation) softplus, 7.9, 9.5, 1.0);
        assertThat(series).isNotNull();
        assertThat(series.rhoCut()).isGreaterThanOrEqualTo(0.997);
        WindowInterpolant f = WindowInterpolant.fit(WindowInterpolant.mehler(series), 8.0, 9.46, 0.985, 0.997, 1024,
                100_000);
        assertThat(f).isNotNull();
        // Far fewer terms than the series itself (which needs ~400 here): the point of the window.
        assertThat(2 * f.m * f.d).isLessThan(200);
        assertThat(worstError(f, softplus, 8.0, 9.46, 0.985, 0.997, 40, 11)).isLessThan(2e-12);
    }

    /** Integrated ERF (quadrature machinery) through the Mehler source against the closed form. */
    @Test
    void aMehlerBuiltWindowOfIntegratedErfMatchesTheClosedForm() {
        MehlerDual series = MehlerDual.build(Integrated.ERF, 0.9, 2.1, 0.95);
        assertThat(series).isNotNull();
        WindowInterpolant f = WindowInterpolant.fit(WindowInterpolant.mehler(series), 1.0, 2.0, 0.5, 0.9, 1024,
                100_000);
        assertThat(f).isNotNull();
        assertThat(worstError(f, Integrated.ERF.closedForm(), 1.0, 2.0, 0.5, 0.9, 2000, 5)).isLessThan(2e-12);
    }

    @Test
    void refusesWhatItCannotResolveOrAfford() {
        Activation relu = Activations.parse("relu");
        // Too few points for a wide window next to the kink of ReLU's duals at ρ = 1.
        assertThat(WindowInterpolant.build(WindowInterpolant.exact(relu), 1.0, 2.0, 0.0, 0.999, 5, 6)).isNull();
        // Resolvable, but not within the allowed number of terms or evaluations.
        assertThat(WindowInterpolant.fit(WindowInterpolant.exact(relu), 1.0, 2.0, 0.0, 0.99, 20, 1_000_000)).isNull();
        assertThat(WindowInterpolant.fit(WindowInterpolant.exact(relu), 1.0, 2.0, 0.0, 0.99, 1024, 50)).isNull();
        // Windows that are empty or reach ±1, and non-finite variances.
        assertThat(WindowInterpolant.build(WindowInterpolant.exact(relu), 1.0, 2.0, 0.5, 0.5, 5, 6)).isNull();
        assertThat(WindowInterpolant.build(WindowInterpolant.exact(relu), 1.0, 2.0, 0.5, 1.0, 5, 6)).isNull();
        assertThat(WindowInterpolant.build(WindowInterpolant.exact(relu), 1.0, Double.POSITIVE_INFINITY, 0.1, 0.5,
                5, 6)).isNull();
    }

    /** A fit started from the previous layer's grid gives an interpolant as accurate, and records its own grid. */
    @Test
    void aFitStartedFromAnEarlierGridIsAsAccurate() {
        Activation relu6 = Activations.parse("relu6");
        int[] grid = {5, 6};
        WindowInterpolant first = WindowInterpolant.fit(WindowInterpolant.exact(relu6), 1.96, 3.94, 0.86, 0.91, 1024,
                1_000_000, grid);
        assertThat(first).isNotNull();
        assertThat(grid[0]).isGreaterThanOrEqualTo(first.m);
        assertThat(grid[1]).isGreaterThanOrEqualTo(first.d);
        WindowInterpolant next = WindowInterpolant.fit(WindowInterpolant.exact(relu6), 2.06, 4.02, 0.87, 0.92, 1024,
                1_000_000, grid);
        assertThat(next).isNotNull();
        assertThat(worstError(next, relu6, 2.06, 4.02, 0.87, 0.92, 2000, 3)).isLessThan(2e-13);
        // A start over the limit falls back to the smallest grid instead of giving up.
        int[] large = {30, 30};
        assertThat(WindowInterpolant.fit(WindowInterpolant.exact(Activations.parse("erf")), 1.0, 1.5, 0.3, 0.5, 200,
                1_000_000, large)).isNotNull();
    }

    @Test
    void positionsMapTheBoxOntoMinusOneToOne() {
        WindowInterpolant f = WindowInterpolant.fit(WindowInterpolant.exact(Activations.parse("erf")), 0.5, 2.0,
                0.1, 0.5, 1024, 1_000_000);
        assertThat(f.position(0.5)).isCloseTo(-1.0, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(f.position(2.0)).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(f.position(0.3)).isEqualTo(-1.0);   // clamped
        assertThat(f.position(1.0)).isCloseTo(0.0, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(f.covers(0.5)).isTrue();
        assertThat(f.covers(0.49)).isFalse();
        assertThat(f.covers(2.01)).isFalse();
    }
}
