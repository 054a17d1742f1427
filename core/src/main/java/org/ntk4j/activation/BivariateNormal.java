package org.ntk4j.activation;

import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * The standard bivariate normal pair (Z₁, Z₂) with correlation ρ = cos θ and σ = √(1 − ρ²) = sin θ: the
 * upper-orthant probability L(h, k; ρ) = P(Z₁ ≥ h, Z₂ ≥ k) and the orthant moments
 * E[Z₁^a Z₂^b; Z₁ ≥ h, Z₂ ≥ k], a, b ∈ {0, 1}, from which the duals of piecewise-linear activations are sums
 * ({@link PiecewiseLinear}).
 *
 * <p>σ is always passed in together with ρ, computed by the caller from the covariance without cancellation
 * ({@link GaussianPair#sinePart}); near ρ = ±1 every formula here uses σ and never 1 − ρ².
 *
 * <p>L follows the method of Drezner and Wesolowsky (1990) as refined for double precision by Genz (2004,
 * Statistics and Computing 14, 251–260), each written out from the integral it evaluates:
 * <ul>
 *   <li>|ρ| &lt; 0.925 (Sheppard's formula in the angle from independence):
 *       L = Φ̄(h)Φ̄(k) + (1/2π) ∫₀^{asin ρ} exp(−(h² + k² − 2hk sin t) / (2cos² t)) dt, by Gauss–Legendre
 *       with 6, 12 or 20 points for |ρ| below 0.3, 0.75 and 0.925 (the integrand is analytic, and its nearest
 *       singularity, at t = ±π/2, is far enough from the interval for these orders to reach double precision);</li>
 *   <li>|ρ| ≥ 0.925 (the angle from perfect correlation, in x = sin t): for ρ &gt; 0,
 *       L = Φ̄(max(h, k)) − (1/2π) I with I = ∫₀^σ exp(−b²/(2x²) − hk/(1 + r)) / r dx, b = |h − k|,
 *       r = √(1 − x²). The factor exp(−b²/(2x²)) is smooth but not analytic at x = 0; so the second-order Taylor
 *       polynomial of the rest in x², e^{−hk/2}(1 + c x² + c d x⁴) with c = (4 − hk)/8 and
 *       cd = (48 − 16hk + h²k²)/128, is integrated against it in closed form (F₀, F₁, F₂ below) and Gauss–Legendre
 *       with 20 points takes only the difference, which vanishes like x⁶ at 0. For ρ &lt; 0,
 *       L(h, k; ρ) = Φ̄(h) − L(h, −k; −ρ).</li>
 * </ul>
 * With E(x) = exp(−b²/(2x²)), the closed forms are F₀ = ∫₀^σ E = σE(σ) − b√(2π)Φ̄(b/σ),
 * F₁ = ∫₀^σ x²E = (σ³E(σ) − b²F₀)/3 and F₂ = ∫₀^σ x⁴E = (σ⁵E(σ) − b²F₁)/5 (integration by parts of
 * d(x^{2m+1}E)/dx = (2m + 1)x^{2m}E + b²x^{2m−2}E). The absolute error of L is about 1e−16.
 */
public final class BivariateNormal {

    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);
    private static final double SQRT_2PI = Math.sqrt(2.0 * Math.PI);
    private static final double INV_SQRT_2 = 1.0 / Math.sqrt(2.0);
    private static final double INV_TWO_PI = 1.0 / (2.0 * Math.PI);
    private static final double INV_FOUR_PI = 1.0 / (4.0 * Math.PI);
    /** From this |ρ| on, the formula in the angle from perfect correlation. */
    static final double HIGH_CORRELATION = 0.925;

    /** (−1)^k/(2k + 1)!, k = 0..10: the Taylor coefficients of sin. */
    private static final double[] SINE = new double[11];

    static {
        double factorial = 1;
        for (int k = 0; k < SINE.length; k++) {
            if (k > 0) {
                factorial *= (2.0 * k) * (2.0 * k + 1);
            }
            SINE[k] = (k % 2 == 0 ? 1 : -1) / factorial;
        }
    }

    /**
     * sin t for |t| ≤ 1.2 (Sheppard's nodes α·x with |α| = |asin ρ| &lt; asin 0.925 ≈ 1.18 and x ∈ (0, 1)): the
     * Taylor polynomial of degree 21, whose truncation error is below 1e-18 there, in Horner's form; within 1 ulp
     * of StrictMath.sin (tested). Math.sin costs ~11 ns here against ~3.3, and an entry of a piecewise-linear dual
     * with |ρ| in [0.75, 0.925) needs twenty of them.
     */
    static double sine(double t) {
        double w = t * t;
        double p = SINE[10];
        for (int k = 9; k >= 1; k--) {
            p = Math.fma(p, w, SINE[k]);
        }
        return Math.fma(t * w, p, t);
    }

    /** Gauss–Legendre rules on [0, 1] (nodes, weights) with 6, 12 and 20 points. */
    private static final double[][] NODES = new double[3][];
    private static final double[][] WEIGHTS = new double[3][];

    static {
        int[] points = {6, 12, 20};
        for (int r = 0; r < points.length; r++) {
            GaussIntegrator rule = new GaussIntegratorFactory().legendreHighPrecision(points[r], 0.0, 1.0);
            NODES[r] = new double[points[r]];
            WEIGHTS[r] = new double[points[r]];
            for (int i = 0; i < points[r]; i++) {
                NODES[r][i] = rule.getPoint(i);
                WEIGHTS[r][i] = rule.getWeight(i);
            }
        }
    }

    private BivariateNormal() {
    }

    /** φ(x) = exp(−x²/2)/√(2π), the standard normal density. */
    public static double density(double x) {
        return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    /**
     * Φ̄(x) = P(Z ≥ x) = erfc(x/√2)/2, for x ≥ 0 as φ(x)·R(x) with Mills' ratio R = Φ̄/φ (analytic and slowly
     * varying) interpolated on Chebyshev pieces ({@link #MILLS}), for x &lt; 0 as 1 − Φ̄(−x). About 1e−15 relative
     * for x ≥ 0 (the rounding of x²/2 in φ adds ~x²·1e−16) and 1e−16 absolute for x &lt; 0; 0 from x = 38.5 on,
     * where Φ̄ is below the smallest double.
     */
    public static double tail(double x) {
        if (x < 0) {
            return 1.0 - tail(-x);
        }
        if (!(x < MILLS_END)) {
            return x == x ? 0.0 : Double.NaN;
        }
        int p = x < MILLS_SPLIT ? (int) (x * (1.0 / MILLS_NARROW)) : MILLS_NARROW_PIECES
                + (int) ((x - MILLS_SPLIT) * (1.0 / MILLS_WIDE));
        double lo = p < MILLS_NARROW_PIECES ? p * MILLS_NARROW : MILLS_SPLIT + (p - MILLS_NARROW_PIECES) * MILLS_WIDE;
        double width = p < MILLS_NARROW_PIECES ? MILLS_NARROW : MILLS_WIDE;
        double u = 2.0 * (x - lo) / width - 1.0;
        int base = p * MILLS_DEGREE;
        double b1 = 0;
        double b2 = 0;
        for (int j = MILLS_DEGREE - 1; j >= 1; j--) {
            double b0 = Math.fma(2.0 * u, b1, MILLS[base + j] - b2);
            b2 = b1;
            b1 = b0;
        }
        double r = Math.fma(u, b1, MILLS[base] - b2);
        return density(x) * r;
    }

    /** Mills' ratio pieces: width 1/2 on [0, 8), width 2 on [8, 38.5], degree 18 each. */
    private static final double MILLS_NARROW = 0.5;
    private static final double MILLS_SPLIT = 8.0;
    private static final double MILLS_WIDE = 2.0;
    private static final double MILLS_END = 38.5;
    private static final int MILLS_NARROW_PIECES = 16;
    private static final int MILLS_DEGREE = 18;
    /** Chebyshev coefficients of R on each piece (c₀ halved), from {@link #millsReference} at Chebyshev points. */
    private static final double[] MILLS = millsTable();

    private static double[] millsTable() {
        int pieces = MILLS_NARROW_PIECES + (int) Math.ceil((MILLS_END - MILLS_SPLIT) / MILLS_WIDE);
        int n = MILLS_DEGREE;
        double[] table = new double[pieces * n];
        double[] values = new double[n];
        for (int p = 0; p < pieces; p++) {
            double lo = p < MILLS_NARROW_PIECES ? p * MILLS_NARROW : MILLS_SPLIT + (p - MILLS_NARROW_PIECES) * MILLS_WIDE;
            double width = p < MILLS_NARROW_PIECES ? MILLS_NARROW : MILLS_WIDE;
            for (int k = 0; k < n; k++) {
                double u = Math.cos(Math.PI * (k + 0.5) / n);
                values[k] = millsReference(lo + 0.5 * (u + 1.0) * width);
            }
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += values[k] * Math.cos(Math.PI * j * (k + 0.5) / n);
                }
                // c₀ enters the sum halved, which the factor 1/n instead of 2/n does.
                table[p * n + j] = (j == 0 ? 1.0 : 2.0) * sum / n;
            }
        }
        return table;
    }

    /**
     * R(x) = Φ̄(x)/φ(x) for x ≥ 0: Laplace's continued fraction R = 1/(x + 1/(x + 2/(x + 3/(x + …)))) from x = 1.5
     * on (summed from 4000 levels down, far beyond its convergence there), and below 1.5 the series
     * R = (1/2)/φ(x) − Σ_{n≥0} x^{2n+1}/(2n+1)!!, whose positive terms lose less than one digit to the
     * subtraction (0.5/φ(x) ≤ 7.5 R(x) there).
     */
    static double millsReference(double x) {
        if (x >= 1.5) {
            double f = x;
            for (int level = 4000; level >= 1; level--) {
                f = x + level / f;
            }
            return 1.0 / f;
        }
        double term = x;
        double sum = x;
        for (int n = 1; n < 200 && term > 1e-18 * sum; n++) {
            term *= x * x / (2 * n + 1);
            sum += term;
        }
        return 0.5 / density(x) - sum;
    }

    private static final ThreadLocal<Correlation> CORRELATION = ThreadLocal.withInitial(Correlation::new);

    /**
     * L(h, k; ρ) = P(Z₁ ≥ h, Z₂ ≥ k) for correlation ρ ∈ [−1, 1] with σ = √(1 − ρ²) (σ = 0: Z₂ = ±Z₁). h and k
     * may be ±∞.
     */
    public static double upperOrthant(double h, double k, double rho, double sigma) {
        if (h == Double.POSITIVE_INFINITY || k == Double.POSITIVE_INFINITY) {
            return 0.0;
        }
        if (h == Double.NEGATIVE_INFINITY) {
            return tail(k);
        }
        if (k == Double.NEGATIVE_INFINITY) {
            return tail(h);
        }
        Correlation correlation = CORRELATION.get();
        correlation.set(rho, sigma);
        return correlation.upperOrthant(h, k, tail(h), tail(k));
    }

    /**
     * What every orthant at one correlation shares: the quadrature nodes of the rule that ρ selects and the
     * functions of them that do not involve h and k (sin t and 1/cos² t of Sheppard's formula; x², 1/r and
     * 1/(1 + r) of the near-perfect one), so that the several orthants of a piecewise-linear dual at one entry cost
     * one exponential per node each. Mutable: one per thread.
     */
    static final class Correlation {
        private static final int DEGENERATE = -1;
        private static final int NEAR_PERFECT = 3;
        double rho;
        double sigma;
        private int rule;
        private double alphaOverTwoPi;
        private final double[] sine = new double[20];
        private final double[] secantSquared = new double[20];
        private final double[] squared = new double[20];
        private final double[] invSquared = new double[20];
        private final double[] invRadius = new double[20];
        private final double[] invOnePlusRadius = new double[20];

        /** Sets ρ and σ = √(1 − ρ²) (computed by the caller without cancellation). */
        void set(double rho, double sigma) {
            this.rho = rho;
            this.sigma = sigma;
            double a = Math.abs(rho);
            if (sigma == 0) {
                rule = DEGENERATE;
            } else if (a < HIGH_CORRELATION) {
                rule = a < 0.3 ? 0 : a < 0.75 ? 1 : 2;
                double alpha = Math.atan2(rho, sigma);   // asin ρ, accurate for every ρ
                alphaOverTwoPi = alpha * INV_TWO_PI;
                double[] x = NODES[rule];
                for (int i = 0; i < x.length; i++) {
                    double sn = sine(alpha * x[i]);
                    sine[i] = sn;
                    secantSquared[i] = 1.0 / ((1.0 - sn) * (1.0 + sn));
                }
            } else {
                rule = NEAR_PERFECT;
                double[] x = NODES[2];
                for (int i = 0; i < x.length; i++) {
                    double xi = sigma * x[i];
                    double r = Math.sqrt((1.0 - xi) * (1.0 + xi));
                    squared[i] = xi * xi;
                    invSquared[i] = 1.0 / (xi * xi);
                    invRadius[i] = 1.0 / r;
                    invOnePlusRadius[i] = 1.0 / (1.0 + r);
                }
            }
        }

        /** L(h, k; ρ) at finite h, k, given Φ̄(h) and Φ̄(k). */
        double upperOrthant(double h, double k, double tailH, double tailK) {
            if (rule == DEGENERATE) {
                if (rho > 0) {
                    return Math.min(tailH, tailK);   // Φ̄(max(h, k))
                }
                // Z₂ = −Z₁: h ≤ Z₁ ≤ −k.
                return h < -k ? Math.max(0.0, tailH - tail(-k)) : 0.0;
            }
            if (h == 0 && k == 0) {
                // P(Z₁ ≥ 0, Z₂ ≥ 0) = (π − θ)/(2π), θ = atan2(σ, ρ).
                return Math.atan2(sigma, -rho) * INV_TWO_PI;
            }
            if (rule != NEAR_PERFECT) {
                return sheppard(h, k, tailH, tailK);
            }
            if (rho > 0) {
                return Math.max(0.0, nearPerfect(h, k, Math.min(tailH, tailK)));
            }
            double tailMinusK = tail(-k);
            return Math.max(0.0, tailH - nearPerfect(h, -k, h >= -k ? tailH : tailMinusK));
        }

        /** Φ̄(h)Φ̄(k) + (1/2π)∫₀^{asin ρ} exp(−(h² + k² − 2hk sin t)/(2cos² t)) dt on this ρ's rule. */
        private double sheppard(double h, double k, double tailH, double tailK) {
            double hs = 0.5 * (h * h + k * k);
            double hk = h * k;
            double[] w = WEIGHTS[rule];
            double sum = 0;
            for (int i = 0; i < w.length; i++) {
                sum += w[i] * Math.exp((sine[i] * hk - hs) * secantSquared[i]);
            }
            return tailH * tailK + alphaOverTwoPi * sum;
        }

        /** P(Z₁ ≥ h, Z₂ ≥ k) at ρ ≥ 0.925, by the split integral of the class comment; tailMax = Φ̄(max(h, k)). */
        private double nearPerfect(double h, double k, double tailMax) {
            double hk = h * k;
            double b = Math.abs(h - k);
            double bs = b * b;
            double c = (4.0 - hk) / 8.0;
            double cd = (48.0 - 16.0 * hk + hk * hk) / 128.0;
            double s2 = sigma * sigma;
            // e^{−hk/2}·J with J = F₀ + cF₁ + cdF₂; e^{−hk/2} enters each term inside its exponential so that
            // nothing overflows when hk ≪ 0 (then b² ≥ −4hk and the exponent stays negative).
            double edge = sigma * Math.exp(-0.5 * (ratio(bs, s2) + hk));   // e^{−hk/2} σE(σ)
            double tailTerm = 0;                                          // e^{−hk/2} b√(2π)Φ̄(b/σ)
            if (b > 0 && hk > -160) {
                // Below hk = −160, b ≥ 2√160 and the term is below e^{−160} of the scale.
                tailTerm = Math.exp(-0.5 * hk) * b * SQRT_2PI * tail(b / sigma);
            }
            double f0 = edge - tailTerm;
            double f1 = (s2 * edge - bs * f0) / 3.0;
            double f2 = (s2 * s2 * edge - bs * f1) / 5.0;
            double closed = f0 + c * f1 + cd * f2;
            double[] w = WEIGHTS[2];
            double rest = 0;
            for (int i = 0; i < w.length; i++) {
                double xs = squared[i];
                double e = bs == 0 ? 0.0 : bs * invSquared[i];
                double exact = Math.exp(-0.5 * e - hk * invOnePlusRadius[i]) * invRadius[i];
                double taylor = Math.exp(-0.5 * (e + hk)) * (1.0 + xs * (c + cd * xs));
                rest += w[i] * (exact - taylor);
            }
            double integral = closed + sigma * rest;
            return tailMax - INV_TWO_PI * integral;
        }
    }

    /** b²/x², which is 0 when b = 0 even where x² underflows (σ below 1e−154). */
    private static double ratio(double bs, double xs) {
        return bs == 0 ? 0.0 : bs / xs;
    }

    /**
     * The orthant moments at finite h, k: into {@code out[0..3]} L = P(Z₁ ≥ h, Z₂ ≥ k), M₁₀ = E[Z₁; ·],
     * M₀₁ = E[Z₂; ·] and M₁₁ = E[Z₁Z₂; ·]. With A = (k − ρh)/σ and B = (h − ρk)/σ (Rosenbaum 1961):
     * <pre>
     *   M₁₀ = φ(h)Φ̄(A) + ρφ(k)Φ̄(B),   M₀₁ = φ(k)Φ̄(B) + ρφ(h)Φ̄(A),
     *   M₁₁ = ρL + ρhφ(h)Φ̄(A) + ρkφ(k)Φ̄(B) + σφ(h)φ(A)     (φ(h)φ(A) = φ(k)φ(B) = φ₂(h, k; ρ)·σ)
     * </pre>
     * A and B are formed as (k − h)/σ + hσ/(1 + ρ) (ρ ≥ 0) or (k + h)/σ − hσ/(1 − ρ) (ρ &lt; 0), which stay
     * accurate as σ → 0; at σ = 0 (Z₂ = ±Z₁) Φ̄(A) and Φ̄(B) take their limits 0, ½ or 1.
     *
     * @param phiH φ(h), passed in (with φ(k), Φ̄(h) and Φ̄(k)) because callers reuse it across many pairs
     */
    static void moments(double h, double k, double phiH, double phiK, double tailH, double tailK,
                        Correlation correlation, double[] out) {
        double rho = correlation.rho;
        double sigma = correlation.sigma;
        double l = correlation.upperOrthant(h, k, tailH, tailK);
        double qa;
        double qb;
        double cross;   // σφ(h)φ(A)
        if (sigma == 0) {
            double da = rho > 0 ? k - h : k + h;
            double db = rho > 0 ? h - k : h + k;
            qa = da > 0 ? 0.0 : da < 0 ? 1.0 : 0.5;
            qb = db > 0 ? 0.0 : db < 0 ? 1.0 : 0.5;
            cross = 0.0;
        } else {
            double a;
            double b;
            if (rho >= 0) {
                double t = sigma / (1.0 + rho);
                a = (k - h) / sigma + h * t;
                b = (h - k) / sigma + k * t;
            } else {
                double t = sigma / (1.0 - rho);
                a = (k + h) / sigma - h * t;
                b = (h + k) / sigma - k * t;
            }
            qa = tail(a);
            qb = tail(b);
            cross = sigma * phiH * density(a);
        }
        double ha = phiH * qa;
        double kb = phiK * qb;
        out[0] = l;
        out[1] = ha + rho * kb;
        out[2] = kb + rho * ha;
        out[3] = rho * (l + h * ha + k * kb) + cross;
    }
}
