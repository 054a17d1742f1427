package org.ntk4j.activation;

import static org.assertj.core.api.Assertions.assertThat;

import ch.obermuhlner.math.big.BigDecimalMath;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArcTangentTest {

    /** Relative error against fdlibm's correctly-rounded-to-1-ulp atan2, over all octants and 600 decades. */
    @Test
    void agreesWithStrictMathToAFewUlps() {
        SplittableRandom r = new SplittableRandom(7);
        double worst = 0;
        for (int i = 0; i < 2_000_000; i++) {
            double y = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-300, 300));
            double x = (r.nextDouble() - 0.5) * (i % 3 == 0 ? Math.abs(y) * Math.pow(10, r.nextInt(-20, 20)) : Math.pow(10, r.nextInt(-300, 300)));
            double expected = StrictMath.atan2(y, x);
            double actual = ArcTangent.atan2(y, x);
            if (expected == 0) {
                assertThat(actual).isEqualTo(expected);
            } else {
                worst = Math.max(worst, Math.abs(actual - expected) / Math.abs(expected));
            }
        }
        assertThat(worst).isLessThan(1e-15);
    }

    /** Near the octant boundaries (t = tan(π/8), t = 1) and t → 0, against 40-digit BigDecimal arithmetic. */
    @Test
    void agreesWithBigDecimalAtTheReductionBoundaries() {
        MathContext mc = new MathContext(40);
        double t8 = Math.sqrt(2) - 1;
        double[] ratios = {t8, Math.nextUp(t8), Math.nextDown(t8), 1, Math.nextDown(1.0), 1e-300, 1e-8, 0.3, 0.9,
                Math.nextUp(0.0)};
        for (double t : ratios) {
            for (double[] p : new double[][] {{t, 1}, {1, t}, {t, -1}, {-1, -t}, {-t, 1}}) {
                double y = p[0];
                double x = p[1];
                BigDecimal exact = BigDecimalMath.atan2(new BigDecimal(y), new BigDecimal(x), mc);
                double actual = ArcTangent.atan2(y, x);
                double rel = new BigDecimal(actual).subtract(exact).abs().divide(exact.abs(), mc).doubleValue();
                assertThat(rel).as("atan2(%s, %s)", y, x).isLessThan(1e-15);
            }
        }
    }

    @Test
    void specialCasesFollowMathAtan2() {
        double[] v = {0.0, -0.0, 1.0, -1.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        for (double y : v) {
            for (double x : v) {
                if (y == 0 || x == 0 || !Double.isFinite(x) || !Double.isFinite(y)) {
                    assertThat(Double.doubleToLongBits(ArcTangent.atan2(y, x))).as("atan2(%s, %s)", y, x)
                            .isEqualTo(Double.doubleToLongBits(Math.atan2(y, x)));
                }
            }
        }
        assertThat(ArcTangent.atan2(0.0, 5.0)).isEqualTo(0.0);
        assertThat(ArcTangent.atan2(0.0, -5.0)).isEqualTo(Math.PI);
    }

    /**
     * The one-argument form on its range [−1, 1]: against 40-digit BigDecimal arctangents at random points of every
     * scale, next to the reduction boundary ±tan(π/8) and at ±1, to 1e-15 relative; odd bit for bit, and +0 at ±0.
     */
    @Test
    void oneArgumentFormAgreesWithBigDecimalOnItsRange() {
        MathContext mc = new MathContext(40);
        double t8 = Math.sqrt(2) - 1;
        SplittableRandom r = new SplittableRandom(11);
        double[] special = {t8, Math.nextUp(t8), Math.nextDown(t8), 1, Math.nextDown(1.0), 0.5, Math.nextDown(0.5),
                1e-300, Double.MIN_VALUE, 1e-8};
        double worst = 0;
        for (int i = 0; i < special.length + 4000; i++) {
            double u = i < special.length ? special[i]
                    : i % 2 == 0 ? r.nextDouble() : Math.pow(10, -r.nextDouble(0, 300));
            for (double x : new double[] {u, -u}) {
                double exact = BigDecimalMath.atan(new BigDecimal(x), mc).doubleValue();
                double actual = ArcTangent.atan(x);
                worst = Math.max(worst, Math.abs(actual - exact) / Math.abs(exact));
            }
            assertThat(ArcTangent.atan(-u)).as("odd at %s", u).isEqualTo(-ArcTangent.atan(u));
        }
        assertThat(worst).isLessThan(1e-15);
        assertThat(Double.doubleToLongBits(ArcTangent.atan(0.0))).isEqualTo(Double.doubleToLongBits(0.0));
        assertThat(Double.doubleToLongBits(ArcTangent.atan(-0.0))).isEqualTo(Double.doubleToLongBits(0.0));
    }
}
