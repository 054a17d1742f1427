package org.ntk4j.activation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * The pairing sum behind the monomial and Hermite duals:
 * W_n(c; x1, x2) = Σ_{j=0}^{⌊n/2⌋} w_j c^{n−2j} (x1 x2)^j with w_j = n! / ((n − 2j)! j!² 4^j).
 * By Isserlis' theorem E[u^n v^n] = n!·W_n(c; q1, q2) (w_j n! counts the pairings of n copies of u and n of v with
 * n − 2j cross pairs), and by the Hermite scaling formula E[He_n(u) He_n(v)] = n!·W_n(c; q1 − 1, q2 − 1).
 * For the monomial all terms share the sign of c^n, so the sum does not cancel.
 */
final class Wick {

    private Wick() {
    }

    /** multiplier · m! · W_n(c; x1, x2) (no m! when m &lt; 0), with wide exponents so only the result can overflow. */
    static double sum(int n, double c, double x1, double x2, int factorial, double multiplier) {
        if (n <= 20 && moderate(c) && moderate(x1) && moderate(x2) && Math.abs(multiplier) <= 1e9) {
            return plainSum(n, c, x1 * x2, factorial, multiplier);
        }
        return wideSum(n, c, x1, x2, factorial, multiplier);
    }

    /** 0 or within [1e-9, 1e9]: then every power up to degree 20 and every product stays in the normal range. */
    private static boolean moderate(double x) {
        double a = Math.abs(x);
        return a == 0 || a >= 1e-9 && a <= 1e9;
    }

    /** The same sum in plain doubles (n ≤ 20, moderate arguments). */
    private static double plainSum(int n, double c, double x, int factorial, double multiplier) {
        double weight = 1;
        double sum = 0;
        if (c == 0) {
            if (n % 2 == 1) {
                return 0.0;
            }
            for (int j = 1; 2 * j <= n; j++) {
                weight *= (double) (n - 2 * j + 2) * (n - 2 * j + 1) / (4.0 * j * j);
            }
            sum = weight * pow(x, n / 2);
        } else {
            double c2 = c * c;
            double cPower = pow(c, n);
            double xPower = 1;
            for (int j = 0; 2 * j <= n; j++) {
                if (j > 0) {
                    weight *= (double) (n - 2 * j + 2) * (n - 2 * j + 1) / (4.0 * j * j);
                    cPower /= c2;
                    xPower *= x;
                }
                sum += weight * cPower * xPower;
            }
        }
        double f = multiplier;
        for (int k = 2; k <= factorial; k++) {
            f *= k;
        }
        return sum * f;
    }

    private static double pow(double x, int k) {
        double p = 1;
        for (int i = 0; i < k; i++) {
            p *= x;
        }
        return p;
    }

    private static double wideSum(int n, double c, double x1, double x2, int factorial, double multiplier) {
        Wide weight = new Wide();
        Wide term = new Wide();
        Wide.Sum sum = new Wide.Sum();
        for (int j = 0; 2 * j <= n; j++) {
            if (j > 0) {
                weight.multiply((double) (n - 2 * j + 2) * (n - 2 * j + 1) / (4.0 * j * j));
            }
            term.set(1.0).multiply(weight).multiplyPower(c, n - 2 * j).multiplyPower(x1, j).multiplyPower(x2, j);
            sum.add(term);
        }
        Wide factor = new Wide().set(multiplier);
        if (factorial > 0) {
            factor.multiplyFactorial(factorial);
        }
        return sum.times(factor);
    }

    /** multiplier · m! · W_n(c; x1, x2) in arbitrary precision (x1, x2 exact). */
    static BigDecimal preciseSum(int n, BigDecimal c, BigDecimal x1, BigDecimal x2, int factorial,
                                 BigDecimal multiplier, MathContext mc) {
        BigDecimal x = x1.multiply(x2);
        BigDecimal sum = PreciseSupport.guardedSum(mc, w -> {
            BigDecimal[] terms = new BigDecimal[n / 2 + 1];
            BigInteger multinomial = BigInteger.ONE;
            BigDecimal quarter = new BigDecimal("0.25");
            for (int j = 0; 2 * j <= n; j++) {
                if (j > 0) {
                    multinomial = multinomial.multiply(BigInteger.valueOf((long) (n - 2 * j + 2) * (n - 2 * j + 1)))
                            .divide(BigInteger.valueOf((long) j * j));
                }
                BigDecimal weight = new BigDecimal(multinomial).multiply(quarter.pow(j));
                terms[j] = weight.multiply(power(c, n - 2 * j, w), w).multiply(power(x, j, w), w);
            }
            return terms;
        });
        BigDecimal f = multiplier;
        for (int k = 2; k <= factorial; k++) {
            f = f.multiply(BigDecimal.valueOf(k));
        }
        return sum.multiply(f, mc);
    }

    /** x^k with 0^0 = 1. */
    static BigDecimal power(BigDecimal x, int k, MathContext mc) {
        return k == 0 ? BigDecimal.ONE : x.pow(k, mc);
    }
}
