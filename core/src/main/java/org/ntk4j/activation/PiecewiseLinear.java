package org.ntk4j.activation;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * A piecewise-linear φ and its exact duals. With kinks t₁ &lt; … &lt; t_m and φ(x) = α_p + β_p x on the p-th piece
 * [t_p, t_{p+1}) (t₀ = −∞, t_{m+1} = +∞), φ is written as a sum of one-sided ramps,
 * <pre>
 *   φ(x) = Σ_{i=0..m} (a_i + b_i x)·1[x ≥ t_i],   a_i = α_i − α_{i−1},  b_i = β_i − β_{i−1}  (α₋₁ = β₋₁ = 0),
 * </pre>
 * and φ' = Σ b_i 1[x ≥ t_i] (the a.e. derivative; jumps of φ, as in step-like functions, contribute nothing to
 * φ', as in neural-tangents). For (u, v) = (s₁Z₁, s₂Z₂) with Cov = c, ρ = c/(s₁s₂), h_i = t_i/s₁ and k_j = t_j/s₂,
 * <pre>
 *   E[φ(u)φ(v)]   = Σ_{i,j} a_i a_j L + a_i b_j s₂ M₀₁ + b_i a_j s₁ M₁₀ + b_i b_j s₁s₂ M₁₁,
 *   E[φ'(u)φ'(v)] = Σ_{i,j} b_i b_j L,
 * </pre>
 * with the orthant moments L, M of {@link BivariateNormal} at (h_i, k_j; ρ): a bivariate normal probability per
 * pair of finite kinks and closed forms otherwise, so no quadrature error. The terms can be larger than the dual
 * (a clipped φ at large variance), which bounds the error by about 1e−16 of Σ|terms| rather than of the dual.
 */
public final class PiecewiseLinear {

    private final double[] kinks;
    private final double[] intercepts;
    private final double[] slopes;
    /** t_i (t₀ = −∞) and the ramp coefficients a_i, b_i of the pieces whose coefficients are not both 0. */
    private final double[] t;
    private final double[] a;
    private final double[] b;
    private final double valueAtZero;
    private final double derivativeAtZero;

    /**
     * φ = intercepts[p] + slopes[p]·x on the p-th piece between sorted finite {@code kinks}; φ(0) and φ'(0) as the
     * activation defines them at a kink (they matter only at variance 0).
     */
    public PiecewiseLinear(double[] kinks, double[] intercepts, double[] slopes, double valueAtZero,
                           double derivativeAtZero) {
        if (intercepts.length != kinks.length + 1 || slopes.length != kinks.length + 1) {
            throw new IllegalArgumentException("a piecewise-linear function with " + kinks.length + " kinks has "
                    + (kinks.length + 1) + " pieces");
        }
        for (int i = 0; i < kinks.length; i++) {
            if (!Double.isFinite(kinks[i]) || (i > 0 && !(kinks[i] > kinks[i - 1]))) {
                throw new IllegalArgumentException("kinks must be finite and increasing: " + Arrays.toString(kinks));
            }
        }
        for (int p = 0; p <= kinks.length; p++) {
            if (!Double.isFinite(intercepts[p]) || !Double.isFinite(slopes[p])) {
                throw new IllegalArgumentException("piece " + p + " is not finite");
            }
        }
        this.kinks = kinks.clone();
        this.intercepts = intercepts.clone();
        this.slopes = slopes.clone();
        this.valueAtZero = valueAtZero;
        this.derivativeAtZero = derivativeAtZero;
        int m = kinks.length;
        double[] tt = new double[m + 1];
        double[] aa = new double[m + 1];
        double[] bb = new double[m + 1];
        int n = 0;
        for (int i = 0; i <= m; i++) {
            double da = i == 0 ? intercepts[0] : intercepts[i] - intercepts[i - 1];
            double db = i == 0 ? slopes[0] : slopes[i] - slopes[i - 1];
            if (da != 0 || db != 0) {
                tt[n] = i == 0 ? Double.NEGATIVE_INFINITY : kinks[i - 1];
                aa[n] = da;
                bb[n] = db;
                n++;
            }
        }
        this.t = Arrays.copyOf(tt, n);
        this.a = Arrays.copyOf(aa, n);
        this.b = Arrays.copyOf(bb, n);
    }

    /**
     * The pieces of φ read off φ itself between the given kinks (the line through two points of each piece: its
     * quarter points between two kinks, the points 1 and 2 units beyond an outermost kink, ±1/2 without kinks), or
     * null unless φ then agrees with that piecewise-linear function to 1e−13 of its size at 0, ±kinks, and points
     * inside and far outside every piece.
     *
     * <p>Why 1 and 2: with the kink at 0 they are ±1 and ±2, and a φ homogeneous in x such as
     * a·min(x, 0) + b·max(x, 0) evaluated in floating point has φ(±2) = 2φ(±1) exactly (scaling by 2 commutes with
     * rounding), so its slopes come out as b = φ(1), a = −φ(−1) and its intercepts as exactly 0, which
     * {@link #twoSlopeRelu} needs; quarter points (±0.5, ±1.5) would round them.
     */
    public static PiecewiseLinear fit(DoubleUnaryOperator phi, DoubleUnaryOperator derivative, double[] kinks) {
        int m = kinks.length;
        double[] alpha = new double[m + 1];
        double[] beta = new double[m + 1];
        for (int p = 0; p <= m; p++) {
            double x1;
            double x2;
            if (m == 0) {
                x1 = -0.5;
                x2 = 0.5;
            } else if (p == 0) {
                x1 = kinks[0] - 2.0;
                x2 = kinks[0] - 1.0;
            } else if (p == m) {
                x1 = kinks[m - 1] + 1.0;
                x2 = kinks[m - 1] + 2.0;
            } else {
                double lo = kinks[p - 1];
                double hi = kinks[p];
                x1 = lo + 0.25 * (hi - lo);
                x2 = lo + 0.75 * (hi - lo);
            }
            double y1 = phi.applyAsDouble(x1);
            double y2 = phi.applyAsDouble(x2);
            beta[p] = (y2 - y1) / (x2 - x1);
            alpha[p] = 0.5 * (y1 + y2) - beta[p] * 0.5 * (x1 + x2);
        }
        PiecewiseLinear f;
        try {
            f = new PiecewiseLinear(kinks, alpha, beta, phi.applyAsDouble(0.0), derivative.applyAsDouble(0.0));
        } catch (IllegalArgumentException e) {
            return null;
        }
        double size = 1.0;
        for (int p = 0; p <= m; p++) {
            size = Math.max(size, Math.abs(alpha[p]) + Math.abs(beta[p]));
        }
        double span = m == 0 ? 1.0 : Math.max(1.0, kinks[m - 1] - kinks[0]);
        for (int p = 0; p <= m; p++) {
            double lo = p == 0 ? (m == 0 ? 0.0 : kinks[0]) - 1e3 * span : kinks[p - 1];
            double hi = p == m ? (m == 0 ? 0.0 : kinks[m - 1]) + 1e3 * span : kinks[p];
            for (double u : new double[] {0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99}) {
                double x = lo + u * (hi - lo);
                double scale = size * Math.max(1.0, Math.abs(x));
                if (!(Math.abs(phi.applyAsDouble(x) - f.value(x)) <= 1e-13 * scale)
                        || !(Math.abs(derivative.applyAsDouble(x) - f.derivative(x)) <= 1e-13 * size)) {
                    return null;
                }
            }
        }
        return f;
    }

    /**
     * This φ as the two-slope ReLU {@link AbRelu abrelu(a, b)}, φ(x) = a·min(x, 0) + b·max(x, 0), when it is one:
     * when it has no kink other than 0 (none, or the single kink t₁ = 0), every piece has intercept exactly 0 (so no
     * jump, and no offset) and φ(0) = 0. Then a is the slope of the piece left of 0 and b that of the piece right
     * of it (a = b without a kink). Otherwise empty.
     *
     * <p>The duals of such a φ are AbRelu's closed forms, which agree with this class's orthant sums except at
     * variance 0, where AbRelu takes the limit along the diagonal (Σ̇ = (a² + b²)/2) and the sums φ'(0)·E[φ'(v)].
     */
    public Optional<AbRelu> twoSlopeRelu() {
        if (kinks.length > 1 || (kinks.length == 1 && kinks[0] != 0) || valueAtZero != 0) {
            return Optional.empty();
        }
        for (double intercept : intercepts) {
            if (intercept != 0) {
                return Optional.empty();
            }
        }
        return Optional.of(new AbRelu(slopes[0] + 0.0, slopes[slopes.length - 1] + 0.0));
    }

    /** φ(x) from the pieces (right-continuous at the kinks). */
    public double value(double x) {
        int p = piece(x);
        return intercepts[p] + slopes[p] * x;
    }

    /** φ'(x) from the pieces (the right derivative at the kinks). */
    public double derivative(double x) {
        return slopes[piece(x)];
    }

    private int piece(double x) {
        int p = 0;
        while (p < kinks.length && x >= kinks[p]) {
            p++;
        }
        return p;
    }

    /** The kinks t₁ &lt; … &lt; t_m. */
    public double[] kinks() {
        return kinks.clone();
    }

    /**
     * Both duals, E[φ(u)φ(v)] into {@code out[0]} and E[φ'(u)φ'(v)] into {@code out[1]}; by quadrature of
     * {@code integrated} (the same φ) where the sum would cancel (see {@link #row}).
     */
    public void duals(QuadratureActivation integrated, double q1, double q2, double c, double[] out) {
        double[] dual = new double[1];
        double[] derivativeDual = new double[1];
        row(integrated, q1, new double[] {q2}, new double[] {c}, dual, derivativeDual, 0, 1);
        out[0] = dual[0];
        out[1] = derivativeDual[0];
    }

    /**
     * Both duals along a row (see {@link Activation#dualRow}); reads c[j] before writing dual[j].
     *
     * <p>Conditioning: by Cauchy–Schwarz each term is at most N_i(q₁)N_j(q₂) with
     * N_i(q) = ‖(a_i + b_i u)·1[u ≥ t_i]‖₂ ≤ |a_i|√Φ̄(h_i) + |b_i|√q·√(Φ̄(h_i) + h_iφ(h_i)), so the rounding error is
     * about 1e−16·κ(q₁)κ(q₂) of the scale √(E[φ(u)²]E[φ(v)²]), κ(q) = Σ_i N_i(q) / √E[φ(√q Z)²]. κ is near 1
     * unless the variance dwarfs the spread of the kinks of a bounded φ (relu6 at q = 10⁴: κ ≈ 33); entries with
     * κ(q₁)κ(q₂) &gt; {@value #KAPPA_MAX} are integrated by {@link QuadratureDual} of {@code integrated} instead.
     */
    public void row(QuadratureActivation integrated, double q1, double[] q2, double[] c, double[] dual,
                    double[] derivativeDual, int from, int to) {
        Workspace w = WORKSPACE.get();
        w.row(this, q1);
        for (int j = from; j < to; j++) {
            double cj = c[j];
            if (w.entry(this, q1, q2[j], cj)) {
                dual[j] = w.dual;
                derivativeDual[j] = w.derivativeDual;
            } else {
                QuadratureDual.row(integrated, q1, q2, c, dual, derivativeDual, j, j + 1);
            }
        }
    }

    /** Largest κ(q₁)κ(q₂) summed in closed form: an error bound of about 1e−13 of the scale. */
    static final double KAPPA_MAX = 1e3;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    /** Per-thread scratch: the row's standardised kinks, their densities and tails, and the moments. */
    private static final class Workspace {
        double[] h = new double[0];
        double[] phiH = new double[0];
        double[] tailH = new double[0];
        double[] k = new double[0];
        double[] phiK = new double[0];
        double[] tailK = new double[0];
        final double[] moments = new double[4];
        final BivariateNormal.Correlation correlation = new BivariateNormal.Correlation();
        double dual;
        double derivativeDual;
        /** κ(q₁) of the row (see {@link PiecewiseLinear#row}). */
        double kappaRow;
        /** The activation and q₁ that h, phiH, tailH and kappaRow belong to. */
        private PiecewiseLinear rowOf;
        private double rowQ = Double.NaN;

        void row(PiecewiseLinear f, double q1) {
            if (f == rowOf && Double.doubleToRawLongBits(q1) == Double.doubleToRawLongBits(rowQ)) {
                return;   // the entries a Mehler series leaves over come one at a time, mostly from one row
            }
            rowOf = f;
            rowQ = q1;
            int n = f.t.length;
            if (h.length < n) {
                h = new double[n];
                phiH = new double[n];
                tailH = new double[n];
                k = new double[n];
                phiK = new double[n];
                tailK = new double[n];
            }
            standardise(f.t, q1, h, phiH, tailH);
            kappaRow = kappa(f, q1, h, phiH, tailH);
        }

        /**
         * κ(q) from the standardised kinks z, their densities and tails; E[φ(√q Z)²] summed over the ramp pairs,
         * whose product is the ramp of the larger kink. ∞ when that sum has cancelled to nothing.
         */
        private static double kappa(PiecewiseLinear f, double q, double[] z, double[] density, double[] tail) {
            double s = Math.sqrt(q);
            double bound = 0;
            double square = 0;
            for (int i = 0; i < f.a.length; i++) {
                double ai = f.a[i];
                double bi = f.b[i];
                double second = tail[i] + (density[i] == 0 ? 0.0 : z[i] * density[i]);
                bound += Math.abs(ai) * Math.sqrt(tail[i]) + Math.abs(bi) * s * Math.sqrt(second);
                for (int j = 0; j < f.a.length; j++) {
                    int m = Math.max(i, j);   // the ramps are sorted by kink
                    double mSecond = tail[m] + (density[m] == 0 ? 0.0 : z[m] * density[m]);
                    square += ai * f.a[j] * tail[m] + (ai * f.b[j] + bi * f.a[j]) * s * density[m]
                            + bi * f.b[j] * q * mSecond;
                }
            }
            if (bound == 0) {
                return 0.0;   // φ = 0 wherever the Gaussian is
            }
            return square > 0 ? bound / Math.sqrt(square) : Double.POSITIVE_INFINITY;
        }

        private static void standardise(double[] t, double q, double[] z, double[] density, double[] tail) {
            double s = Math.sqrt(q);
            for (int i = 0; i < t.length; i++) {
                z[i] = t[i] == Double.NEGATIVE_INFINITY ? t[i] : t[i] / s;
                density[i] = t[i] == Double.NEGATIVE_INFINITY ? 0.0 : BivariateNormal.density(z[i]);
                tail[i] = BivariateNormal.tail(z[i]);
            }
        }

        /** Both duals into {@link #dual} and {@link #derivativeDual}, or false when they would be ill-conditioned. */
        boolean entry(PiecewiseLinear f, double q1, double q2, double c) {
            if (q1 == 0 || q2 == 0) {
                degenerate(f, q1, q2);
                return true;
            }
            standardise(f.t, q2, k, phiK, tailK);
            if (!(kappaRow * kappa(f, q2, k, phiK, tailK) <= KAPPA_MAX)) {
                return false;
            }
            double s1 = Math.sqrt(q1);
            double s2 = Math.sqrt(q2);
            double s = GaussianPair.scale(q1, q2);
            double rho = Math.max(-1.0, Math.min(1.0, c / s));
            double sigma = GaussianPair.sinePart(s, c) / s;
            correlation.set(rho, sigma);
            double[] ta = f.a;
            double[] tb = f.b;
            double sum = 0;
            double dot = 0;
            for (int i = 0; i < ta.length; i++) {
                for (int j = 0; j < ta.length; j++) {
                    double l;
                    double m10;
                    double m01;
                    double m11;
                    boolean left = h[i] == Double.NEGATIVE_INFINITY;
                    boolean right = k[j] == Double.NEGATIVE_INFINITY;
                    if (left && right) {
                        l = 1.0;
                        m10 = 0.0;
                        m01 = 0.0;
                        m11 = rho;
                    } else if (left) {
                        l = tailK[j];
                        m10 = rho * phiK[j];
                        m01 = phiK[j];
                        m11 = rho * (tailK[j] + k[j] * phiK[j]);
                    } else if (right) {
                        l = tailH[i];
                        m10 = phiH[i];
                        m01 = rho * phiH[i];
                        m11 = rho * (tailH[i] + h[i] * phiH[i]);
                    } else {
                        BivariateNormal.moments(h[i], k[j], phiH[i], phiK[j], tailH[i], tailK[j], correlation, moments);
                        l = moments[0];
                        m10 = moments[1];
                        m01 = moments[2];
                        m11 = moments[3];
                    }
                    sum += ta[i] * ta[j] * l + ta[i] * tb[j] * s2 * m01 + tb[i] * ta[j] * s1 * m10
                            + tb[i] * tb[j] * s * m11;
                    dot += tb[i] * tb[j] * l;
                }
            }
            dual = sum;
            derivativeDual = dot;
            return true;
        }

        /** A variable of variance 0 is identically 0: E[φ(0)φ(v)] = φ(0)·E[φ(v)], likewise for φ'. */
        private void degenerate(PiecewiseLinear f, double q1, double q2) {
            if (q1 == 0 && q2 == 0) {
                dual = f.valueAtZero * f.valueAtZero;
                derivativeDual = f.derivativeAtZero * f.derivativeAtZero;
                return;
            }
            double q = Math.max(q1, q2);
            standardise(f.t, q, k, phiK, tailK);
            double s = Math.sqrt(q);
            double mean = 0;
            double meanDerivative = 0;
            for (int j = 0; j < f.a.length; j++) {
                mean += f.a[j] * tailK[j] + f.b[j] * s * phiK[j];
                meanDerivative += f.b[j] * tailK[j];
            }
            dual = f.valueAtZero * mean;
            derivativeDual = f.derivativeAtZero * meanDerivative;
        }
    }
}
