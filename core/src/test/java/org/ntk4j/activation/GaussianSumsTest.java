package org.ntk4j.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianSumsTest {

    /**
     * Both implementations against the sums formed here with StrictMath.exp (an independent exponential), to 1e-14
     * of the sums of absolute values, for ranges of every length modulo the vector (tails, fewer pairs than a
     * vector, empty ranges) and every offset.
     */
    @Test
    void sumsMatchAnIndependentSumForEveryRange() {
        SplittableRandom r = new SplittableRandom(11);
        int n = 77;
        double[] y = new double[n];
        double[] f = new double[n];
        double[] g = new double[n];
        double previous = -6;
        for (int j = 0; j < n; j++) {
            previous += r.nextDouble(0.01, 0.3);
            y[j] = previous;
            f[j] = r.nextGaussian();
            g[j] = r.nextGaussian() * 1e-3;
        }
        double[] out = new double[2];
        for (GaussianSums sums : new GaussianSums[] {GaussianSums.INSTANCE, new GaussianSums.Scalar()}) {
            for (int lo = 0; lo <= 20; lo++) {
                for (int hi = lo; hi <= n; hi += 1 + hi / 10) {
                    double m = r.nextDouble(-3, 3);
                    double c = r.nextDouble(0.1, 5);
                    double psi = 0;
                    double psiD = 0;
                    double absPsi = 0;
                    double absPsiD = 0;
                    for (int j = lo; j < hi; j++) {
                        double e = StrictMath.exp(-c * (y[j] - m) * (y[j] - m));
                        psi += e * f[j];
                        psiD += e * g[j];
                        absPsi += Math.abs(e * f[j]);
                        absPsiD += Math.abs(e * g[j]);
                    }
                    sums.sums(y, f, g, lo, hi, m, c, out);
                    String what = sums.getClass().getSimpleName() + " [" + lo + ", " + hi + ")";
                    assertThat(Math.abs(out[0] - psi)).as(what).isLessThanOrEqualTo(1e-14 * absPsi);
                    assertThat(Math.abs(out[1] - psiD)).as(what).isLessThanOrEqualTo(1e-14 * absPsiD);
                }
            }
        }
    }

    @Test
    void theSimdSumsAreUsedWhenTheVectorApiIsPresent() {
        assumeThat(VectorApi.available()).isTrue();
        assertThat(GaussianSums.INSTANCE.getClass().getSimpleName()).isEqualTo("VectorGaussianSums");
    }
}
