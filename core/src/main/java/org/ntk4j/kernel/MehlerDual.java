package org.ntk4j.kernel;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.ntk4j.activation.Activation;
import org.ntk4j.activation.QuadratureActivation;
import org.ntk4j.activation.QuadratureDual;

/**
 * The duals of an activation without closed form as Mehler (Hermite) series, over a box of variances
 * [q_min, q_max].
 *
 * <p>With h_k = He_k/√(k!) the orthonormal probabilists' Hermite polynomials, z ~ N(0, 1) and
 * a_k(q) = E[φ(√q z) h_k(z)], b_k(q) = E[φ'(√q z) h_k(z)], Mehler's formula gives, for a centred Gaussian pair
 * (u, v) with variances q1, q2 and correlation ρ,
 * <pre>
 *   E[φ(u)φ(v)]   = Σ_k a_k(q1) a_k(q2) ρ^k,
 *   E[φ'(u)φ'(v)] = Σ_k b_k(q1) b_k(q2) ρ^k.
 * </pre>
 * Cut after the K-th term the series errs by at most |ρ|^{K+1} √(T_K(q1) T_K(q2)), where by Parseval
 * T_K(q) = E[φ(√q z)²] − Σ_{k≤K} a_k(q)² (Cauchy–Schwarz on the tail). K is chosen so that this bound is below
 * {@link #TOLERANCE} of the duals' natural scale √(E[φ(u)²] E[φ(v)²]) for |ρ| ≤ {@link #rhoCut()}; entries with
 * larger |ρ| must be evaluated another way. An odd φ has a_k = 0 for even k and b_k = 0 for odd k (an even φ the
 * other way round), so only every other term is kept and the series run in ρ².
 *
 * <p>The coefficients are one-dimensional integrals, computed by Gauss–Legendre panels split at the kinks of φ
 * (so both smooth and piecewise activations converge geometrically), at Chebyshev–Lobatto points in ln q and
 * interpolated in between; the Chebyshev degree doubles until its last coefficients are negligible. A build is
 * then verified against fresh two-dimensional quadrature ({@link QuadratureDual}) at corners and centre of the
 * box and at angles up to ρ_cut, and refused (null) when any check misses.
 */
final class MehlerDual {

    /** Truncation target, relative to √(E[φ(u)²] E[φ(v)²]) (and the same for φ'). */
    static final double TOLERANCE = 1e-13;
    /** Verification against fresh quadrature, relative to the same scale. */
    static final double VERIFY = 2e-12;
    /**
     * Hermite degrees computed, in turn until the series comfortably reach the correlations wanted: few for smooth
     * activations at small variances, many for ReLU-like ones at variances large against their smoothing scale.
     * The series stop earlier when the tails allow.
     */
    static final int[] DEGREES = {64, 160, 480};
    static final int MAX_DEGREE = 480;
    /** Accepted reach: the correlations wanted plus this margin (entries beyond the reach are integrated). */
    static final double MARGIN = 0.1;
    /** The correlation up to which the series should hold; fewer terms if the tail reaches it earlier. */
    static final double RHO_TARGET = 0.97;
    /** Largest number of Chebyshev–Lobatto points in ln q. */
    private static final int MAX_POINTS = 65;
    private static final int GAUSS_POINTS = 16;
    private static final double[] NODES = new double[GAUSS_POINTS];
    private static final double[] WEIGHTS = new double[GAUSS_POINTS];
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    static {
        GaussIntegrator rule = new GaussIntegratorFactory().legendreHighPrecision(GAUSS_POINTS, -1.0, 1.0);
        for (int i = 0; i < GAUSS_POINTS; i++) {
            NODES[i] = rule.getPoint(i);
            WEIGHTS[i] = rule.getWeight(i);
        }
    }

    /** 1 for an activation of definite parity (every other coefficient vanishes), else 0. */
    private final int skip;
    /** Degree of the first kept term of the φ series (1 for odd φ) and of the φ' series (0 for odd φ). */
    final int offsetA;
    final int offsetB;
    /** Kept terms of each series: degrees offset, offset + step, …; step = 1 + skip. */
    final int termsA;
    final int termsB;
    private final double rhoCut;
    private final double lnMin;
    private final double lnMax;
    /**
     * Chebyshev coefficients in t = (2 ln q − ln q_min − ln q_max)/(ln q_max − ln q_min) of, in this order, a_k of the
     * kept degrees, b_k of the kept degrees, E[φ(√q z)²], E[φ'(√q z)²]; cheb[s][m].
     */
    private final double[][] cheb;
    /**
     * The same coefficients Chebyshev-degree-major, byDegree[m·S + s] = cheb[s][m] (S = termsA + termsB + 2), so that
     * all quantities at one variance are sums over contiguous stretches.
     */
    private final double[] byDegree;

    private final Cut cutA;
    private final Cut cutB;
    /** The activation and the box of variances the series were built for. */
    private final QuadratureActivation phi;
    private final double boxMin;
    private final double boxMax;
    /** Whether these series have all {@link #MAX_DEGREE} degrees (more cannot be had). */
    private final boolean exhausted;

    /**
     * Whether these series serve φ over [qmin, qmax] up to |ρ| = wanted as well as a new build would: built for φ
     * over a box containing [qmin, qmax], and reaching what {@link #build(QuadratureActivation, double, double,
     * double)} accepts for {@code wanted} or built with every degree there is.
     */
    boolean serves(QuadratureActivation phi, double qmin, double qmax, double wanted) {
        return phi.equals(this.phi) && qmin >= boxMin && qmax <= boxMax && (exhausted || reaches(wanted));
    }

    /** Whether q lies in the box of variances the series were built for (outside it their coefficients are not). */
    boolean covers(double q) {
        return q >= boxMin && q <= boxMax;
    }

    private boolean reaches(double wanted) {
        return rhoCut >= Math.min(RHO_TARGET, wanted + MARGIN) && rhoCut >= Math.min(1.0, wanted);
    }

    private MehlerDual(QuadratureActivation phi, double boxMin, double boxMax, boolean exhausted, int skip,
                       int offsetA, int offsetB, Cut cutA, Cut cutB, double rhoCut, double lnMin, double lnMax,
                       double[][] cheb) {
        this.phi = phi;
        this.boxMin = boxMin;
        this.boxMax = boxMax;
        this.exhausted = exhausted;
        this.skip = skip;
        this.offsetA = offsetA;
        this.offsetB = offsetB;
        this.cutA = cutA;
        this.cutB = cutB;
        this.termsA = cutA.terms();
        this.termsB = cutB.terms();
        this.rhoCut = rhoCut;
        this.lnMin = lnMin;
        this.lnMax = lnMax;
        this.cheb = cheb;
        int quantities = cheb.length;
        this.byDegree = new double[quantities * cheb[0].length];
        for (int q = 0; q < quantities; q++) {
            for (int m = 0; m < cheb[q].length; m++) {
                byDegree[m * quantities + q] = cheb[q][m];
            }
        }
    }

    /** The series hold (to {@link #TOLERANCE}) for |ρ| ≤ ρ_cut ≤ 1. */
    double rhoCut() {
        return rhoCut;
    }

    /** The fewest terms of the φ and φ' series that hold for |ρ| ≤ rho (all of them beyond ρ_cut): {termsA, termsB}. */
    int[] termsFor(double rho) {
        return new int[] {cutA.termsFor(rho), cutB.termsFor(rho)};
    }

    /** The |ρ| up to which the first termsA and termsB terms both hold. */
    double reach(int termsA, int termsB) {
        double a = termsA == 0 ? (this.termsA == 0 ? 1.0 : 0.0) : cutA.reach()[termsA - 1];
        double b = termsB == 0 ? (this.termsB == 0 ? 1.0 : 0.0) : cutB.reach()[termsB - 1];
        return Math.min(a, b);
    }

    /** 2 for an activation of definite parity (the series run in ρ²), else 1. */
    int step() {
        return 1 + skip;
    }

    /**
     * The kept coefficients at variance q: a[t] = a_{offsetA + t·step}(q) for t &lt; termsA, b[t] likewise, and
     * norms = {E[φ(√q z)²], E[φ'(√q z)²]}.
     */
    void coefficients(double q, double[] a, double[] b, double[] norms) {
        // Σ_m c_m T_m(t) for every quantity, with T_m by its three-term recurrence (|T_m| ≤ 1 on [−1, 1], so
        // the sums are as well conditioned as Clenshaw's, and each degree is one pass over contiguous memory).
        double t = position(q);
        int quantities = termsA + termsB + 2;
        int points = cheb[0].length;
        java.util.Arrays.fill(a, 0, termsA, 0.0);
        java.util.Arrays.fill(b, 0, termsB, 0.0);
        double previous = 1;
        double current = 1;
        for (int m = 0; m < points; m++) {
            double tm = m == 0 ? 1.0 : m == 1 ? t : Math.fma(2 * t, current, -previous);
            if (m >= 1) {
                previous = current;
            }
            current = tm;
            int base = m * quantities;
            for (int s = 0; s < termsA; s++) {
                a[s] = Math.fma(tm, byDegree[base + s], a[s]);
            }
            base += termsA;
            for (int s = 0; s < termsB; s++) {
                b[s] = Math.fma(tm, byDegree[base + s], b[s]);
            }
        }
        norms(q, norms);
    }

    /**
     * {@link #coefficients} of the inputs of block {@code block} (inputs 8·block … 8·block + 7 of q, as many as
     * there are) into the blocked layouts of {@link MehlerRow#index}: a[index(i, s, termsA)] = a_s(q_i), b likewise;
     * the slots of inputs past the end of q are zero. The same arithmetic as {@link #coefficients}, bit for bit.
     */
    void blockCoefficients(double[] q, int block, double[] a, double[] b) {
        int w = MehlerRow.BLOCK;
        int first = block * w;
        int inputs = Math.min(w, q.length - first);
        double[] t = new double[w];
        for (int lane = 0; lane < inputs; lane++) {
            t[lane] = position(q[first + lane]);
        }
        int quantities = termsA + termsB + 2;
        int points = cheb[0].length;
        MehlerLoops.INSTANCE.chebyshevBlock(t, byDegree, quantities, 0, termsA, points, a, block * w * termsA);
        MehlerLoops.INSTANCE.chebyshevBlock(t, byDegree, quantities, termsA, termsB, points, b, block * w * termsB);
        for (int lane = inputs; lane < w; lane++) {
            for (int s = 0; s < termsA; s++) {
                a[block * w * termsA + s * w + lane] = 0.0;
            }
            for (int s = 0; s < termsB; s++) {
                b[block * w * termsB + s * w + lane] = 0.0;
            }
        }
    }

    /**
     * norms = {E[φ(√q z)²], E[φ'(√q z)²]} alone (what {@link #coefficients} gives with them): a few dozen operations
     * instead of the series' hundreds of coefficients.
     */
    void norms(double q, double[] norms) {
        double t = position(q);
        int quantities = termsA + termsB + 2;
        int points = cheb[0].length;
        double n0 = 0;
        double n1 = 0;
        double previous = 1;
        double current = 1;
        for (int m = 0; m < points; m++) {
            double tm = m == 0 ? 1.0 : m == 1 ? t : Math.fma(2 * t, current, -previous);
            if (m >= 1) {
                previous = current;
            }
            current = tm;
            int base = m * quantities + termsA + termsB;
            n0 = Math.fma(tm, byDegree[base], n0);
            n1 = Math.fma(tm, byDegree[base + 1], n1);
        }
        norms[0] = n0;
        norms[1] = n1;
    }

    /**
     * Both series at one point (for tests and verification): {E[φ(u)φ(v)], E[φ'(u)φ'(v)]} and their scales
     * √(E φ(u)² E φ(v)²), √(E φ'(u)² E φ'(v)²).
     */
    double[] evaluate(double q1, double q2, double rho) {
        double[][] first = coefficientsAt(q1);
        double[][] second = coefficientsAt(q2);
        double[] out = new double[2];
        series(first, second, rho, out);
        return new double[] {out[0], out[1], Math.sqrt(first[2][0] * second[2][0]),
            Math.sqrt(first[2][1] * second[2][1])};
    }

    /** The kept coefficients at variance q as {a, b, norms} (see {@link #coefficients}). */
    double[][] coefficientsAt(double q) {
        double[][] at = {new double[termsA], new double[termsB], new double[2]};
        coefficients(q, at[0], at[1], at[2]);
        return at;
    }

    /** out = {E[φ(u)φ(v)], E[φ'(u)φ'(v)]} by all kept terms, from two {@link #coefficientsAt} results. */
    void series(double[][] first, double[][] second, double rho, double[] out) {
        out[0] = series(first[0], second[0], termsA, offsetA, rho);
        out[1] = series(first[1], second[1], termsB, offsetB, rho);
    }

    /** Σ_t x_t y_t r^{offset + t·step} by Horner's rule in r^step. */
    private double series(double[] x, double[] y, int terms, int offset, double rho) {
        double r = skip == 1 ? rho * rho : rho;
        double s = 0;
        for (int t = terms - 1; t >= 0; t--) {
            s = Math.fma(s, r, x[t] * y[t]);
        }
        return offset == 1 ? s * rho : s;
    }

    private double position(double q) {
        if (lnMax == lnMin) {
            return 0;
        }
        double t = (2 * Math.log(q) - lnMin - lnMax) / (lnMax - lnMin);
        return Math.max(-1.0, Math.min(1.0, t));
    }

    /**
     * The series for φ over [qmin, qmax], or null when their coefficients cannot be resolved in ln q, the
     * Gaussian moments are not finite, or a verification against fresh quadrature misses.
     */
    static MehlerDual build(QuadratureActivation phi, double qmin, double qmax) {
        return build(phi, qmin, qmax, RHO_TARGET);
    }

    /**
     * The series over [qmin, qmax] with the fewest {@link #DEGREES} that reach min({@link #RHO_TARGET}, wanted +
     * {@link #MARGIN}), kept up to {@link #RHO_TARGET}; with {@link #MAX_DEGREE} degrees kept up to wanted +
     * {@link #MARGIN} (all of them if they fall short) when fewer fall short, and taken only if they reach further
     * than the fewer did. Null as for {@link #build(QuadratureActivation, double, double)}.
     *
     * <p>Why the margin at the last degree: kept only up to {@code wanted}, those series reached less than the
     * fewer degrees had (relu6 at depth 10: 0.79 against 0.84), were thrown away, and the next layers, whose
     * correlations grow, built everything again; with it the first build with every degree serves the rest of the
     * matrix (half the Gaussian moments of a relu6 or elu(0.5) Gram matrix).
     */
    static MehlerDual build(QuadratureActivation phi, double qmin, double qmax, double wanted) {
        MehlerDual f = null;
        for (int degrees : DEGREES) {
            MehlerDual next = build(phi, qmin, qmax, degrees, degrees == MAX_DEGREE
                    ? Math.min(1.0, wanted + MARGIN) : RHO_TARGET);
            if (next == null) {
                break;
            }
            if (f == null || next.rhoCut > f.rhoCut) {
                f = next;
            }
            if (f.reaches(wanted)) {
                break;
            }
        }
        return f;
    }

    private static MehlerDual build(QuadratureActivation phi, double qmin, double qmax, int maxDegree, double target) {
        if (!(qmin > 0) || !(qmax >= qmin) || !Double.isFinite(qmax)) {
            return null;
        }
        Activation.Parity parity = phi.parity();
        int skip = parity == Activation.Parity.NEITHER ? 0 : 1;
        int offsetA = parity == Activation.Parity.ODD ? 1 : 0;
        int offsetB = parity == Activation.Parity.EVEN ? 1 : 0;
        double lnMin = Math.log(qmin);
        double lnMax = Math.log(qmax);
        boolean single = qmax <= qmin * (1 + 1e-13);
        if (single) {
            lnMax = lnMin;
        }
        // raw[p] = {a_0..a_MAX, b_0..b_MAX, E φ², E φ'²} at the p-th Chebyshev–Lobatto point of ln q.
        int points = single ? 1 : 5;
        double[][] raw = null;
        double[][] chebFull = null;
        while (true) {
            double[][] previous = raw;
            int count = points;
            double lo = lnMin;
            double hi = lnMax;
            double[][] next = new double[count][];
            IntStream.range(0, count).parallel().forEach(p -> {
                // Points of 2m − 1 contain those of m: reuse them.
                if (previous != null && p % 2 == 0) {
                    next[p] = previous[p / 2];
                } else {
                    double t = count == 1 ? 0 : Math.cos(Math.PI * p / (count - 1));
                    next[p] = raw(phi, Math.exp(0.5 * (lo + hi) + 0.5 * (hi - lo) * t), maxDegree);
                }
            });
            raw = next;
            for (double[] r : raw) {
                for (double v : r) {
                    if (!Double.isFinite(v)) {
                        return null;
                    }
                }
            }
            chebFull = chebyshev(raw);
            if (count == 1 || resolved(chebFull, maxDegree)) {
                break;
            }
            if (count >= MAX_POINTS) {
                return null;
            }
            points = 2 * count - 1;
        }
        int k = maxDegree + 1;
        double minA = Double.POSITIVE_INFINITY;
        double minB = Double.POSITIVE_INFINITY;
        for (double[] r : raw) {
            minA = Math.min(minA, r[2 * k]);
            minB = Math.min(minB, r[2 * k + 1]);
        }
        if (!(minA > 0)) {
            return null;  // φ = 0 almost surely at some variance: nothing to expand
        }
        Cut cutA = cut(raw, 0, offsetA, 1 + skip, minA, 2 * k, maxDegree, target);
        // φ' = 0 almost everywhere (a step): no series needed, Σ̇ = 0 everywhere.
        Cut cutB = minB > 0 ? cut(raw, k, offsetB, 1 + skip, minB, 2 * k + 1, maxDegree, target)
                : new Cut(new double[0]);
        int termsA = cutA.terms();
        int termsB = cutB.terms();
        double rhoCut = Math.min(cutA.last(), cutB.last());
        double[][] cheb = new double[termsA + termsB + 2][];
        int step = 1 + skip;
        for (int s = 0; s < termsA; s++) {
            cheb[s] = chebFull[offsetA + s * step];
        }
        for (int s = 0; s < termsB; s++) {
            cheb[termsA + s] = chebFull[k + offsetB + s * step];
        }
        cheb[termsA + termsB] = chebFull[2 * k];
        cheb[termsA + termsB + 1] = chebFull[2 * k + 1];
        MehlerDual f = new MehlerDual(phi, qmin, single ? qmin : qmax, maxDegree == MAX_DEGREE, skip, offsetA, offsetB,
                cutA, cutB, rhoCut, lnMin, lnMax, cheb);
        try {
            return f.verified(phi, Math.exp(lnMin), Math.exp(lnMax)) ? f : null;
        } catch (ArithmeticException e) {
            return null;   // the exact duals fail here too; the caller's exact route reports it
        }
    }

    /** The kept terms of a series: reach[t] is the |ρ| up to which its first t + 1 terms hold. */
    private record Cut(double[] reach) {
        int terms() {
            return reach.length;
        }

        double last() {
            return reach.length == 0 ? 1.0 : reach[reach.length - 1];
        }

        /** The fewest terms holding up to |ρ| = rho (all of them if none do). */
        int termsFor(double rho) {
            for (int t = 0; t < reach.length; t++) {
                if (reach[t] >= rho) {
                    return t + 1;
                }
            }
            return reach.length;
        }
    }

    /**
     * The terms of one series: the fewest whose tail bound reaches {@code target}, or up to twice as many if that
     * reaches ρ = 1, or all maxDegree degrees if none reach the target.
     */
    private static Cut cut(double[][] raw, int first, int offset, int step, double minNorm, int normIndex,
                           int maxDegree, double target) {
        int degrees = maxDegree + 1;
        // tail[d] = max over points of E[g²] − Σ_{k ≤ d} c_k², floored at the rounding of the sums.
        double[] tail = new double[degrees];
        for (double[] r : raw) {
            double norm = r[normIndex];
            double sum = 0;
            for (int d = 0; d < degrees; d++) {
                double c = r[first + d];
                sum += c * c;
                double t = Math.max(norm - sum, 0) + 1e-15 * norm;
                tail[d] = Math.max(tail[d], t);
            }
        }
        double[] reach = new double[(degrees - offset + step - 1) / step];
        int enough = -1;
        int terms = 0;
        for (int d = offset; d < degrees; d += step) {
            // |Σ_{k>d} c_k(q1)c_k(q2)ρ^k| ≤ |ρ|^{d+1} · 4·tail: the ρ where that bound meets the tolerance.
            reach[terms++] = Math.min(1.0, Math.pow(TOLERANCE * minNorm / (4 * tail[d]), 1.0 / (d + 1)));
            if (enough < 0 && reach[terms - 1] >= target) {
                enough = terms;
            }
            // Reaching ρ = 1 (no entry left for slower routes) is worth up to twice the terms.
            if (reach[terms - 1] == 1.0 || (enough > 0 && terms >= 2 * enough)) {
                break;
            }
        }
        int kept = reach[terms - 1] == 1.0 || enough < 0 ? terms : enough;
        return new Cut(Arrays.copyOf(reach, kept));
    }

    /** Whether every interpolated quantity's last two Chebyshev coefficients are negligible. */
    private static boolean resolved(double[][] cheb, int maxDegree) {
        int k = maxDegree + 1;
        double scaleA = Math.sqrt(Math.abs(cheb[2 * k][0]));
        double scaleB = Math.sqrt(Math.abs(cheb[2 * k + 1][0]));
        for (int s = 0; s < cheb.length; s++) {
            double scale = s < k ? scaleA : s < 2 * k ? scaleB : Math.abs(cheb[s][0]);
            double[] c = cheb[s];
            int m = c.length;
            if (Math.abs(c[m - 1]) + Math.abs(c[m - 2]) > 1e-15 * scale) {
                return false;
            }
        }
        return true;
    }

    /** Chebyshev coefficients (DCT-I) of every quantity from its values at the Lobatto points cos(πp/(m−1)). */
    private static double[][] chebyshev(double[][] raw) {
        int m = raw.length;
        int quantities = raw[0].length;
        double[][] out = new double[quantities][m];
        if (m == 1) {
            for (int s = 0; s < quantities; s++) {
                out[s][0] = raw[0][s];
            }
            return out;
        }
        int n = m - 1;
        double[][] cos = new double[m][m];
        for (int j = 0; j < m; j++) {
            for (int p = 0; p < m; p++) {
                cos[j][p] = Math.cos(Math.PI * (((long) j * p) % (2L * n)) / n);
            }
        }
        // Row j of the transform for all quantities at once (contiguous, so the loop vectorises): the terms
        // (w_p cos) · raw[p][s] are those of w_p · raw[p][s] · cos, w_p being 1/2 or 1, summed in the order of p.
        double[] sum = new double[quantities];
        for (int j = 0; j < m; j++) {
            java.util.Arrays.fill(sum, 0.0);
            for (int p = 0; p < m; p++) {
                double wc = ((p == 0 || p == n) ? 0.5 : 1.0) * cos[j][p];
                double[] rp = raw[p];
                for (int s = 0; s < quantities; s++) {
                    sum[s] += rp[s] * wc;
                }
            }
            double half = (j == 0 || j == n) ? 0.5 : 1.0;
            for (int s = 0; s < quantities; s++) {
                out[s][j] = sum[s] * 2.0 / n * half;
            }
        }
        return out;
    }

    /**
     * {a_0..a_K, b_0..b_K, E[φ(√q z)²], E[φ'(√q z)²]} at one variance (K = maxDegree): Gauss–Legendre panels over
     * |z| ≤ 2√(K + 1) + 12 (beyond it h_k(z)² e^{−z²/2} is negligible for every kept k), split at the kinks of φ
     * and no wider than the analyticity length of φ in units of z.
     */
    static double[] raw(QuadratureActivation phi, double q, int maxDegree) {
        QuadratureActivation.Shape shape = phi.shape();
        double s = Math.sqrt(q);
        int k = maxDegree + 1;
        double range = 2 * Math.sqrt(k) + 12;
        // No wider than φ's analyticity length, nor than about two wavelengths of h_k near z = 0 (2π/√k each).
        double width = Math.min(Math.min(1.0, 12.0 / Math.sqrt(k)), shape.length() / s);
        double[] breaks = new double[shape.kinks().length + 2];
        int nb = 0;
        breaks[nb++] = -range;
        for (double kink : shape.kinks()) {
            double z = kink / s;
            if (z > -range && z < range) {
                breaks[nb++] = z;
            }
        }
        breaks[nb++] = range;
        Arrays.sort(breaks, 0, nb);
        int panels = 0;
        for (int b = 0; b + 1 < nb; b++) {
            panels += Math.max(1, (int) Math.ceil((breaks[b + 1] - breaks[b]) / width));
        }
        int nodes = panels * GAUSS_POINTS;
        double[] z = new double[nodes];
        double[] w = new double[nodes];
        int at = 0;
        for (int b = 0; b + 1 < nb; b++) {
            double lo = breaks[b];
            double len = breaks[b + 1] - lo;
            int pieces = Math.max(1, (int) Math.ceil(len / width));
            double h = len / pieces;
            for (int p = 0; p < pieces; p++) {
                double mid = lo + (p + 0.5) * h;
                for (int g = 0; g < GAUSS_POINTS; g++) {
                    double zz = mid + 0.5 * h * NODES[g];
                    z[at] = zz;
                    w[at] = 0.5 * h * WEIGHTS[g] * INV_SQRT_2PI * Math.exp(-0.5 * zz * zz);
                    at++;
                }
            }
        }
        double[] x = new double[nodes];
        for (int i = 0; i < nodes; i++) {
            x[i] = s * z[i];
        }
        double[] f = new double[nodes];
        double[] g = new double[nodes];
        phi.evaluate(x, 0, nodes, f, g);
        double[] out = new double[2 * k + 2];
        double[] sqrt = new double[k + 1];
        double[] inverse = new double[k + 1];
        for (int d = 0; d <= k; d++) {
            sqrt[d] = Math.sqrt(d);
            inverse[d] = 1.0 / sqrt[d];
        }
        double[] wf = new double[nodes];
        double[] wg = new double[nodes];
        for (int i = 0; i < nodes; i++) {
            wf[i] = w[i] * f[i];
            wg[i] = w[i] * g[i];
            out[2 * k] = Math.fma(wf[i], f[i], out[2 * k]);
            out[2 * k + 1] = Math.fma(wg[i], g[i], out[2 * k + 1]);
        }
        MehlerLoops.INSTANCE.hermiteMoments(z, wf, wg, nodes, k, sqrt, inverse, out);
        return out;
    }

    /**
     * Checks the series against fresh two-dimensional quadrature at the corners and centre of the box and at
     * correlations from −ρ_cut to ρ_cut, relative to the duals' scale.
     */
    private boolean verified(QuadratureActivation phi, double qmin, double qmax) {
        double qc = Math.sqrt(qmin * qmax);
        double[][] pairs = qmax == qmin ? new double[][] {{qmin, qmin}}
                : new double[][] {{qmin, qmin}, {qmin, qmax}, {qmax, qmax}, {qc, qmax * 0.93 + qmin * 0.07}};
        double[] fractions = {-1.0, -0.37, 0.61, 1.0};
        int checks = pairs.length * fractions.length;
        return IntStream.range(0, checks).parallel().allMatch(index -> {
            double q1 = pairs[index / fractions.length][0];
            double q2 = pairs[index / fractions.length][1];
            double rho = fractions[index % fractions.length] * rhoCut;
            double[] series = evaluate(q1, q2, rho);
            double c = rho * Math.sqrt(q1) * Math.sqrt(q2);
            double dual = QuadratureDual.dual(phi, q1, q2, c);
            double derivative = QuadratureDual.derivativeDual(phi, q1, q2, c);
            return Math.abs(series[0] - dual) <= VERIFY * series[2]
                    && Math.abs(series[1] - derivative) <= VERIFY * Math.max(series[3], Double.MIN_NORMAL);
        });
    }
}
