package org.ntk4j.spectrum;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KrawtchoukTransformTest {

    private static final BigInteger[][] PASCAL = new BigInteger[131][131];

    static {
        for (int n = 0; n < PASCAL.length; n++) {
            for (int r = 0; r < PASCAL.length; r++) {
                PASCAL[n][r] = r == 0 ? BigInteger.ONE : n == 0 ? BigInteger.ZERO : PASCAL[n - 1][r - 1].add(PASCAL[n - 1][r]);
            }
        }
    }

    private static BigInteger binomial(int n, int r) {
        return r < 0 || r > n ? BigInteger.ZERO : PASCAL[n][r];
    }

    /** c_{k,j} = Σ_i (−1)^i C(k, i) C(d−k, j−i), straight from the definition. */
    private static BigInteger weight(int d, int k, int j) {
        BigInteger c = BigInteger.ZERO;
        for (int i = 0; i <= Math.min(k, j); i++) {
            BigInteger t = binomial(k, i).multiply(binomial(d - k, j - i));
            c = i % 2 == 0 ? c.add(t) : c.subtract(t);
        }
        return c;
    }

    @Test
    void exactTransformMatchesTheDefinition() {
        Random random = new Random(11);
        for (int d : new int[] {1, 2, 7, 37, 130}) {
            BigInteger[] f = new BigInteger[d + 1];
            for (int j = 0; j <= d; j++) {
                f[j] = new BigInteger(200, random).subtract(BigInteger.ONE.shiftLeft(199));
            }
            for (int maxDegree : new int[] {d, d / 3}) {
                BigInteger[] r = KrawtchoukTransform.exact(f, maxDegree);
                assertThat(r).hasSize(maxDegree + 1);
                for (int k = 0; k <= maxDegree; k++) {
                    BigInteger expected = BigInteger.ZERO;
                    for (int j = 0; j <= d; j++) {
                        expected = expected.add(weight(d, k, j).multiply(f[j]));
                    }
                    assertThat(r[k]).as("d=%d k=%d", d, k).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void directSumMatchesTheDefinition() {
        int d = 60;
        Random random = new Random(3);
        MathContext mc = new MathContext(60);
        BigDecimal[] f = new BigDecimal[d + 1];
        for (int j = 0; j <= d; j++) {
            f[j] = BigDecimal.valueOf(random.nextDouble() - 0.5);
        }
        BigDecimal[] mu = KrawtchoukTransform.direct(f, 0, d, 6, mc);
        BigDecimal twoD = new BigDecimal(BigInteger.ONE.shiftLeft(d));
        for (int k = 0; k <= 6; k++) {
            BigDecimal expected = BigDecimal.ZERO;
            for (int j = 0; j <= d; j++) {
                expected = expected.add(new BigDecimal(weight(d, k, j)).multiply(f[j]));
            }
            expected = expected.divide(twoD, mc);
            assertThat(mu[k].subtract(expected).abs()).as("k=%d", k).isLessThan(new BigDecimal("1e-55"));
        }
    }
}
