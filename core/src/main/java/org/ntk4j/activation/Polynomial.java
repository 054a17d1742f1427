package org.ntk4j.activation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * φ(x) = Σ_k a_k x^k (neural-tangents' Polynomial(coef)), any number of coefficients a_0, a_1, …. The duals are
 * Σ' = Σ_{i,j} a_i a_j E[u^i v^j] and Σ̇ = Σ_{i,j} i a_i j a_j E[u^{i−1} v^{j−1}], with the mixed moments of Isserlis'
 * theorem: for i ≡ j (mod 2),
 * E[u^i v^j] = Σ_{k ≡ i (mod 2), k ≤ min(i, j)} i! j! / (k! (i − k)!! (j − k)!!) · c^k q1^{(i−k)/2} q2^{(j−k)/2}
 * (k cross pairs), and 0 otherwise. The sum is in double when no term overflows, else with wide exponents.
 */
public record Polynomial(double[] coefficients) implements ClosedFormActivation {

    public Polynomial {
        if (coefficients.length == 0) {
            throw new IllegalArgumentException("activation 'polynomial' needs at least one coefficient");
        }
        if (coefficients.length > 1001) {
            throw new IllegalArgumentException("activation 'polynomial': degree must be at most 1000, got "
                    + (coefficients.length - 1));
        }
        for (double a : coefficients) {
            if (!Double.isFinite(a)) {
                throw new IllegalArgumentException("activation 'polynomial': coefficients must be finite, got " + a);
            }
        }
        coefficients = coefficients.clone();
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Polynomial p && Arrays.equals(coefficients, p.coefficients);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(coefficients);
    }

    @Override
    public String toString() {
        return "Polynomial" + Arrays.toString(coefficients);
    }

    @Override
    public String spec() {
        return SpecFormat.of("polynomial", coefficients);
    }

    @Override
    public double value(double x) {
        double v = 0;
        for (int k = coefficients.length - 1; k >= 0; k--) {
            v = v * x + coefficients[k];
        }
        return v;
    }

    @Override
    public double derivative(double x) {
        double v = 0;
        for (int k = coefficients.length - 1; k >= 1; k--) {
            v = v * x + k * coefficients[k];
        }
        return v;
    }

    private double[] derivativeCoefficients() {
        double[] d = new double[Math.max(1, coefficients.length - 1)];
        for (int k = 1; k < coefficients.length; k++) {
            d[k - 1] = k * coefficients[k];
        }
        return d;
    }

    @Override
    public double dual(double q1, double q2, double c) {
        return mixed(coefficients, q1, q2, c);
    }

    @Override
    public double derivativeDual(double q1, double q2, double c) {
        return mixed(derivativeCoefficients(), q1, q2, c);
    }

    /** Σ_{i,j} a_i a_j E[u^i v^j]. */
    static double mixed(double[] a, double q1, double q2, double c) {
        int m = a.length;
        double[] cPower = new double[m];
        double[] q1Power = new double[m / 2 + 1];
        double[] q2Power = new double[m / 2 + 1];
        cPower[0] = 1;
        q1Power[0] = 1;
        q2Power[0] = 1;
        for (int k = 1; k < m; k++) {
            cPower[k] = cPower[k - 1] * c;
        }
        for (int k = 1; k <= m / 2; k++) {
            q1Power[k] = q1Power[k - 1] * q1;
            q2Power[k] = q2Power[k - 1] * q2;
        }
        double plain = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == 0) {
                continue;
            }
            for (int j = i % 2; j < a.length; j += 2) {
                if (a[j] == 0) {
                    continue;
                }
                double count = i % 2 == 0 ? doubleFactorial(i - 1) * doubleFactorial(j - 1)
                        : doubleFactorial(i) * doubleFactorial(j);
                for (int k = i % 2; k <= Math.min(i, j); k += 2) {
                    if (k > i % 2) {
                        count *= (double) (i - k + 2) * (j - k + 2) / ((double) (k - 1) * k);
                    }
                    double term = a[i] * a[j] * count * cPower[k] * q1Power[(i - k) / 2] * q2Power[(j - k) / 2];
                    if (!Double.isFinite(term)) {
                        return wideMixed(a, q1, q2, c);
                    }
                    plain += term;
                }
            }
        }
        return plain;
    }

    private static double doubleFactorial(int n) {
        double f = 1;
        for (int k = n; k > 1; k -= 2) {
            f *= k;
        }
        return f;
    }

    /** The same sum with every term carried with a wide exponent. */
    private static double wideMixed(double[] a, double q1, double q2, double c) {
        Wide count = new Wide();
        Wide term = new Wide();
        Wide.Sum sum = new Wide.Sum();
        for (int i = 0; i < a.length; i++) {
            for (int j = i % 2; j < a.length; j += 2) {
                if (a[i] == 0 || a[j] == 0) {
                    continue;
                }
                count.set(1.0);
                int odd = i % 2;
                for (int f = odd == 0 ? i - 1 : i; f > 1; f -= 2) {
                    count.multiply(f);
                }
                for (int f = odd == 0 ? j - 1 : j; f > 1; f -= 2) {
                    count.multiply(f);
                }
                for (int k = odd; k <= Math.min(i, j); k += 2) {
                    if (k > odd) {
                        count.multiply((double) (i - k + 2) * (j - k + 2) / ((double) (k - 1) * k));
                    }
                    term.set(a[i]).multiply(a[j]).multiply(count).multiplyPower(c, k)
                            .multiplyPower(q1, (i - k) / 2).multiplyPower(q2, (j - k) / 2);
                    sum.add(term);
                }
            }
        }
        return sum.value();
    }

    @Override
    public Parity parity() {
        boolean even = true;
        boolean odd = true;
        for (int k = 0; k < coefficients.length; k++) {
            if (coefficients[k] != 0) {
                if (k % 2 == 0) {
                    odd = false;
                } else {
                    even = false;
                }
            }
        }
        return even ? Parity.EVEN : odd ? Parity.ODD : Parity.NEITHER;
    }

    @Override
    public BigDecimal dual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        BigDecimal[] a = new BigDecimal[coefficients.length];
        for (int k = 0; k < a.length; k++) {
            a[k] = new BigDecimal(coefficients[k]);
        }
        return preciseMixed(a, q1, q2, c, mc);
    }

    @Override
    public BigDecimal derivativeDual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        BigDecimal[] a = new BigDecimal[Math.max(1, coefficients.length - 1)];
        a[0] = BigDecimal.ZERO;
        for (int k = 1; k < coefficients.length; k++) {
            a[k - 1] = new BigDecimal(coefficients[k]).multiply(BigDecimal.valueOf(k));
        }
        return preciseMixed(a, q1, q2, c, mc);
    }

    private static BigInteger doubleFactorialExact(int n) {
        BigInteger f = BigInteger.ONE;
        for (int k = n; k > 1; k -= 2) {
            f = f.multiply(BigInteger.valueOf(k));
        }
        return f;
    }

    static BigDecimal preciseMixed(BigDecimal[] a, BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        return PreciseSupport.guardedSum(mc, w -> {
            List<BigDecimal> terms = new ArrayList<>();
            for (int i = 0; i < a.length; i++) {
                for (int j = i % 2; j < a.length; j += 2) {
                    if (a[i].signum() == 0 || a[j].signum() == 0) {
                        continue;
                    }
                    int odd = i % 2;
                    BigInteger count = odd == 0
                            ? doubleFactorialExact(i - 1).multiply(doubleFactorialExact(j - 1))
                            : doubleFactorialExact(i).multiply(doubleFactorialExact(j));
                    for (int k = odd; k <= Math.min(i, j); k += 2) {
                        if (k > odd) {
                            count = count.multiply(BigInteger.valueOf((long) (i - k + 2) * (j - k + 2)))
                                    .divide(BigInteger.valueOf((long) (k - 1) * k));
                        }
                        terms.add(a[i].multiply(a[j]).multiply(new BigDecimal(count))
                                .multiply(Wick.power(c, k, w), w)
                                .multiply(Wick.power(q1, (i - k) / 2, w), w)
                                .multiply(Wick.power(q2, (j - k) / 2, w), w));
                    }
                }
            }
            return terms.toArray(new BigDecimal[0]);
        });
    }
}
