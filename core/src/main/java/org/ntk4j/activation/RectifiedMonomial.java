package org.ntk4j.activation;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * φ(x) = max(0, x)^n for an integer n ≥ 0 (φ(0) = 0 also for n = 0, the step), whose duals are the Cho–Saul
 * arc-cosine kernels: Σ' = k_n = (q1 q2)^{n/2} J_n(θ)/(2π) and Σ̇ = n² k_{n−1} (0 for n = 0). rectified_monomial(0)
 * is step and rectified_monomial(1) relu.
 *
 * <p>In polar coordinates J_n(θ) = n! ∫_0^{π−θ} (cos β + cos θ)^n dβ, a positive integral, which gives two stable
 * evaluations (with s = √(q1 q2), s^n (1 + cos θ)^n = (s + c)^n):
 * <ul>
 *   <li>c ≥ 0: J_n = n!(1 + cos θ)^n T_n with T_0 = π − θ, T_1 = (sin θ + (π − θ) cos θ)/(1 + cos θ) and
 *       n T_n = (2n − 1) (cos θ/(1 + cos θ)) T_{n−1} + (n − 1) ((1 − cos θ)/(1 + cos θ)) T_{n−2}: every term is
 *       nonnegative (this is J_n = (2n − 1) cos θ J_{n−1} + (n − 1)² sin²θ J_{n−2} rescaled);</li>
 *   <li>c &lt; 0, where that recurrence would cancel catastrophically near θ = π: with b = 1 + cos θ ∈ [0, 1),
 *       J_n = (2 Π_{k=1}^n 2k²/(2k + 1))·b^n √(b/2)·S, S = Σ_k r_k, r_0 = 1,
 *       r_{k+1} = r_k (b/2)(2k + 1)²/((2k + 2)(2n + 2k + 3)) — positive terms with ratio below 1/2.</li>
 * </ul>
 * Factorials and powers are carried with separate binary exponents ({@link Wide}). At q1 = q2 = 0 the degree-0
 * kernel (used by Σ̇ of degree 1) takes its diagonal limit 1/2, as {@link Relu} does.
 */
public record RectifiedMonomial(int degree) implements ClosedFormActivation {

    private static final double INV_TWO_PI = 1.0 / (2.0 * Math.PI);

    public RectifiedMonomial {
        Activations.integerParameter("rectified_monomial", degree, 0);
    }

    @Override
    public String spec() {
        return "rectified_monomial(" + degree + ")";
    }

    @Override
    public double value(double x) {
        if (x <= 0) {
            return 0.0;
        }
        return degree == 0 ? 1.0 : Math.pow(x, degree);
    }

    @Override
    public double derivative(double x) {
        if (x <= 0 || degree == 0) {
            return 0.0;
        }
        return degree == 1 ? 1.0 : degree * Math.pow(x, degree - 1);
    }

    /** multiplier · k_n(q1, q2, c), the arc-cosine kernel of degree n. */
    static double arcCosine(int n, double q1, double q2, double c, double multiplier) {
        c += 0.0;
        double s = GaussianPair.scale(q1, q2);
        if (s == 0) {
            return n == 0 ? 0.5 * multiplier : 0.0;
        }
        c = Math.max(-s, Math.min(s, c));
        double root = GaussianPair.sinePart(s, c);
        double h = s + c;
        if (h <= 0) {
            return 0.0;
        }
        // (s + c)^n would multiply the rounding of s + c by n: carry its exact error e (TwoSum) as
        // (h + e)^n = h^n·exp(n·log1p(e/h)).
        double err = (s - (h - (h - s))) + (c - (h - s));
        double correction = err == 0 || n == 0 ? 1.0 : Math.exp(n * Math.log1p(err / h));
        boolean recurrence = c >= 0;
        double body;
        if (recurrence) {
            body = angular(n, s, c, root, null);
        } else {
            body = 2.0 * Math.sqrt(0.5 * h / s) * series(n, h / s);
        }
        if (n <= 20 && h >= 1e-9 && h <= 1e9 && Math.abs(multiplier) <= 1e9) {
            // Plain doubles: n!, Π 2k²/(2k + 1) and h^n all stay far inside the double range.
            double f = body * correction * multiplier * INV_TWO_PI;
            for (int k = 1; k <= n; k++) {
                f *= recurrence ? k * h : 2.0 * k * k / (2.0 * k + 1) * h;
            }
            return f;
        }
        Wide factor = new Wide().set(multiplier * INV_TWO_PI).multiply(body * correction);
        if (recurrence) {
            factor.multiplyFactorial(n);
        } else {
            double run = 1.0;
            for (int k = 1; k <= n; k++) {
                run *= 2.0 * k * k / (2.0 * k + 1);
                if (run > 0x1p500) {
                    factor.multiply(run);
                    run = 1.0;
                }
            }
            factor.multiply(run);
        }
        return factor.multiplyPower(h, n).value();
    }

    @Override
    public double dual(double q1, double q2, double c) {
        if (degree == 0 && (q1 == 0 || q2 == 0)) {
            return 0.0;
        }
        return arcCosine(degree, q1, q2, c, 1.0);
    }

    @Override
    public double derivativeDual(double q1, double q2, double c) {
        return degree == 0 ? 0.0 : arcCosine(degree - 1, q1, q2, c, (double) degree * degree);
    }

    @Override
    public Parity parity() {
        return Parity.NEITHER;
    }

    /** k_n in arbitrary precision, by the same two evaluations (all terms nonnegative). */
    static BigDecimal preciseArcCosine(int n, BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        MathContext w = PreciseSupport.widen(mc, 10 + String.valueOf(n).length());
        BigDecimal r2 = PreciseSupport.sinePartSquared(q1, q2, c);
        BigDecimal root = r2.signum() == 0 ? BigDecimal.ZERO : ch.obermuhlner.math.big.BigDecimalMath.sqrt(r2, w);
        BigDecimal h;
        if (c.signum() >= 0) {
            BigDecimal previous = PreciseSupport.piMinusAngle(root, c, w);
            BigDecimal current = n == 0 ? previous : root.add(previous.multiply(c, w), w);
            for (int k = 2; k <= n; k++) {
                BigDecimal next = BigDecimal.valueOf(2L * k - 1).multiply(c).multiply(current, w)
                        .add(BigDecimal.valueOf((long) (k - 1) * (k - 1)).multiply(r2).multiply(previous, w), w);
                previous = current;
                current = next;
            }
            h = current;
        } else {
            if (r2.signum() == 0) {
                return BigDecimal.ZERO;
            }
            BigDecimal s = ch.obermuhlner.math.big.BigDecimalMath.sqrt(q1.multiply(q2), w);
            BigDecimal sPlusC = r2.divide(s.subtract(c), w);
            BigDecimal halfB = sPlusC.divide(s, w).divide(PreciseSupport.TWO, w);
            BigDecimal sum = BigDecimal.ONE;
            BigDecimal r = BigDecimal.ONE;
            BigDecimal tiny = BigDecimal.ONE.movePointLeft(w.getPrecision() + 2);
            for (int k = 0; r.compareTo(tiny.multiply(sum)) > 0; k++) {
                long odd = 2L * k + 1;
                r = r.multiply(halfB, w).multiply(BigDecimal.valueOf(odd * odd), w)
                        .divide(BigDecimal.valueOf((2L * k + 2) * (2L * n + 2L * k + 3)), w);
                sum = sum.add(r, w);
            }
            BigDecimal front = PreciseSupport.TWO.multiply(ch.obermuhlner.math.big.BigDecimalMath.sqrt(halfB, w), w);
            for (int k = 1; k <= n; k++) {
                front = front.multiply(BigDecimal.valueOf(2L * k * k), w).divide(BigDecimal.valueOf(2L * k + 1), w);
            }
            h = front.multiply(sum, w).multiply(Wick.power(sPlusC, n, w), w);
        }
        return h.divide(PreciseSupport.twoPi(w), mc);
    }

    @Override
    public BigDecimal dual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        if (degree == 0 && (q1.signum() == 0 || q2.signum() == 0)) {
            return BigDecimal.ZERO;
        }
        return preciseArcCosine(degree, q1, q2, c, mc);
    }

    @Override
    public BigDecimal derivativeDual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        if (degree == 0) {
            return BigDecimal.ZERO;
        }
        return BigDecimal.valueOf((long) degree * degree).multiply(preciseArcCosine(degree - 1, q1, q2, c, mc), mc);
    }

    /**
     * k_{n−1} and k_n together (n ≥ 1), sharing the angle, the recurrence (c ≥ 0) or the product Π 2k²/(2k + 1)
     * (c &lt; 0) and the powers: writes n²·k_{n−1} to {@code out[0]} and k_n to {@code out[1]}.
     */
    static void pair(int n, double q1, double q2, double c, double[] out) {
        c += 0.0;
        double s = GaussianPair.scale(q1, q2);
        double square = (double) n * n;
        if (s == 0) {
            out[0] = n == 1 ? 0.5 * square : 0.0;
            out[1] = 0.0;
            return;
        }
        c = Math.max(-s, Math.min(s, c));
        double root = GaussianPair.sinePart(s, c);
        double h = s + c;
        if (h <= 0) {
            out[0] = 0.0;
            out[1] = 0.0;
            return;
        }
        double err = (s - (h - (h - s))) + (c - (h - s));
        if (n <= 20 && h >= 1e-9 && h <= 1e9) {
            plainPair(n, s, c, root, h, err, out);
            return;
        }
        double correction = err == 0 ? 1.0 : Math.exp(Math.log1p(err / h));
        // common = (n − 1)!·(s + c)^{n−1}/(2π) (recurrence) or the series prefactor up to n − 1.
        Wide common = new Wide().set(INV_TWO_PI);
        if (err != 0 && n > 1) {
            common.multiply(Math.exp((n - 1) * Math.log1p(err / h)));
        }
        double lower;
        double upper;
        if (c >= 0) {
            upper = n * angular(n, s, c, root, out);
            common.multiplyFactorial(n - 1);
            lower = out[0];
        } else {
            double b = h / s;
            double run = 2.0 * Math.sqrt(0.5 * b);
            for (int k = 1; k < n; k++) {
                run *= 2.0 * k * k / (2.0 * k + 1);
                if (run > 0x1p500) {
                    common.multiply(run);
                    run = 1.0;
                }
            }
            common.multiply(run);
            lower = series(n - 1, b);
            upper = series(n, b) * (2.0 * n * n / (2.0 * n + 1));
        }
        common.multiplyPower(h, n - 1);
        out[0] = new Wide().set(square * lower).multiply(common).value();
        out[1] = new Wide().set(upper * h * correction).multiply(common).value();
    }

    /**
     * J_n for c ≥ 0 by the angular recurrence J_0 = π − θ, J_1 = (sin θ + (π − θ)ρ)/(1 + ρ),
     * J_k = ((2k − 1) a J_{k−1} + (k − 1) b J_{k−2})/k, a = ρ/(1 + ρ), b = sin²θ/(1 + ρ)² (shared by the kernel and
     * both branches of its pair); for n ≥ 1 also J_{n−1} into {@code lower[0]} unless {@code lower} is null.
     */
    private static double angular(int n, double s, double c, double root, double[] lower) {
        double previous = Math.atan2(root, -c);
        if (n == 0) {
            return previous;
        }
        double rho = c / s;
        double g = 1.0 + rho;
        double sine = root / s;
        double a = rho / g;
        double b = sine * sine / (g * g);
        double current = (sine + previous * rho) / g;
        for (int k = 2; k <= n; k++) {
            double next = ((2 * k - 1) * a * current + (k - 1) * b * previous) / k;
            previous = current;
            current = next;
        }
        if (lower != null) {
            lower[0] = previous;
        }
        return current;
    }

    /** {@link #pair} in plain doubles, for n ≤ 20 and 1e-9 ≤ s + c ≤ 1e9 (no intermediate leaves the range). */
    private static void plainPair(int n, double s, double c, double root, double h, double err, double[] out) {
        double base = INV_TWO_PI;
        if (err != 0 && n > 1) {
            base *= Math.exp((n - 1) * Math.log1p(err / h));
        }
        double correction = err == 0 ? 1.0 : Math.exp(Math.log1p(err / h));
        double lower;
        double upper;
        if (c >= 0) {
            upper = n * angular(n, s, c, root, out);
            for (int k = 1; k < n; k++) {
                base *= k * h;
            }
            lower = out[0];
        } else {
            double b = h / s;
            base *= 2.0 * Math.sqrt(0.5 * b);
            for (int k = 1; k < n; k++) {
                base *= 2.0 * k * k / (2.0 * k + 1) * h;
            }
            lower = series(n - 1, b);
            upper = series(n, b) * (2.0 * n * n / (2.0 * n + 1));
        }
        out[0] = (double) n * n * lower * base;
        out[1] = upper * h * correction * base;
    }

    /** S = Σ_k r_k of the c &lt; 0 evaluation of J_n. */
    private static double series(int n, double b) {
        double sum = 1.0;
        double r = 1.0;
        for (int k = 0; r > 1e-17 * sum; k++) {
            r *= 0.5 * b * (2.0 * k + 1) * (2.0 * k + 1) / ((2.0 * k + 2) * (2.0 * n + 2 * k + 3));
            sum += r;
        }
        return sum;
    }

    @Override
    public void dualRow(double q1, double[] q2, double[] c, double[] dual, double[] derivativeDual, int from, int to) {
        double[] out = new double[2];
        for (int j = from; j < to; j++) {
            double cj = c[j];
            double qj = q2[j];
            if (degree == 0) {
                derivativeDual[j] = 0.0;
                dual[j] = q1 == 0 || qj == 0 ? 0.0 : arcCosine(0, q1, qj, cj, 1.0);
            } else {
                pair(degree, q1, qj, cj, out);
                derivativeDual[j] = out[0];
                dual[j] = out[1];
            }
        }
    }
}
