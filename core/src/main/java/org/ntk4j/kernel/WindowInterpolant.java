package org.ntk4j.kernel;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.ntk4j.activation.Activation;

/**
 * Both duals of an activation over a box of variances and a window of correlations, F(q1, q2, ρ) = E[φ(u)φ(v)]
 * and G(q1, q2, ρ) = E[φ'(u)φ'(v)] for q1, q2 ∈ [qmin, qmax] and ρ ∈ [ρ_lo, ρ_hi] ⊂ (−1, 1): a tensor-product
 * Chebyshev interpolant (first-kind points) in x1, x2 = ln q1, ln q2 mapped onto [−1, 1] (M points each) and in
 * t = ρ mapped onto [−1, 1] (D points).
 *
 * <p>Why: a deep layer puts nearly all its correlations into a narrow window (ReLU-like networks with σ_w² = 2
 * on Gaussian inputs: ρ ∈ [0.87, 0.91] at depth 10). There a Mehler series needs hundreds of terms, since its
 * powers ρ^k only become small far from the window, and kinked activations have no short series at all, while
 * the duals are analytic on the window (for every φ with Gaussian moments, in the open disc |ρ| &lt; 1) and in
 * ln q (for Re q &gt; 0). Chebyshev coefficients then fall geometrically at rates set by the distance to ρ = ±1
 * and to |Im ln q| = π/2: the tenth layer of softplus (n = 4000 Gaussian inputs, σ_w² = 2, σ_b² = 0.1) needs
 * M × D = 7 × 6 against its series' 407 terms, relu6's 16 × 11 instead of bivariate normal orthant sums at
 * ~650 ns an entry.
 *
 * <p>Evaluation (see {@link WindowRow}): per row the ln q1 direction is contracted ({@link #rowTable}), with
 * the ρ direction stored as ordinary polynomial coefficients in t (converted once at build), so an entry costs
 * 2·R Horner chains of D − 1 fused multiply-adds (R = M rounded up to a multiple of 4, see {@link #rows}) and the
 * three-term recurrence of T_k(x2).
 *
 * <p>A build is accepted only if the grid resolves both duals (in each direction the largest coefficients of
 * the last two degrees are below {@link #TOLERANCE} of the smallest natural scale √(E φ(u)² E φ(v)²) on the box),
 * the monomial form loses at most a few ulps of that scale, and the interpolant matches its source at
 * {@link #CHECKS} points (corners and centre of the box at the window's ends, and pseudo-random points from a
 * fixed seed) to {@link #VERIFY} of the scale at that point; otherwise {@link #build} returns null. After the
 * tests the degrees whose coefficients sum to less than {@link #TOLERANCE} of the scale are dropped (their sum
 * bounds what they could add, |T_k| ≤ 1).
 */
final class WindowInterpolant {

    /** Tail of the Chebyshev series in each direction, relative to the smallest natural scale on the box. */
    static final double TOLERANCE = 1e-13;
    /** Verification against the source, relative to the natural scale at the checked variances. */
    static final double VERIFY = 1e-12;
    static final int CHECKS = 40;
    /** Largest number of points per direction. */
    static final int MAX_POINTS = 32;

    /**
     * Where node values come from: exact duals, or a Mehler series whose reach covers the window (cheap, and
     * within {@link MehlerDual#TOLERANCE} of the scale). P is what a source prepares once per variance.
     */
    interface Source<P> {
        P at(double q);

        /** out = {F, G} at the prepared variances and correlation ρ. */
        void duals(P first, P second, double rho, double[] out);

        /** {E[φ(√q z)²], E[φ'(√q z)²]}. */
        double[] norms(P at);
    }

    /** The activation's own duals (closed form or quadrature), at c = ρ·√q1·√q2. */
    static Source<Double> exact(Activation phi) {
        return new Source<>() {
            @Override
            public Double at(double q) {
                return q;
            }

            @Override
            public void duals(Double q1, Double q2, double rho, double[] out) {
                phi.duals(q1, q2, rho * Math.sqrt(q1) * Math.sqrt(q2), out);
            }

            @Override
            public double[] norms(Double q) {
                double[] out = new double[2];
                phi.duals(q, q, q, out);
                return out;
            }
        };
    }

    /** A Mehler series with all its terms (to be used only for |ρ| ≤ its ρ_cut). */
    static Source<double[][]> mehler(MehlerDual f) {
        return new Source<>() {
            @Override
            public double[][] at(double q) {
                return f.coefficientsAt(q);
            }

            @Override
            public void duals(double[][] first, double[][] second, double rho, double[] out) {
                f.series(first, second, rho, out);
            }

            @Override
            public double[] norms(double[][] at) {
                return at[2];
            }
        };
    }

    final double lnLo;
    final double lnHi;
    final double rhoLo;
    final double rhoHi;
    /** Points kept per ln q direction (1 when the box is a single variance) and per ρ direction. */
    final int m;
    final int d;
    /** M rounded up to a multiple of 4: the k2 per power and dual of a {@link #rowTable} (zeros beyond M). */
    final int rows;
    /**
     * coefficients[((k1 · D + p) · 2 + f) · R + k2], R = {@link #rows}: for dual f (0: F, 1: G) the coefficient
     * of T_k1(x1) T_k2(x2) t^p (0 for k2 ≥ M), so that a row table is a sum of contiguous stretches.
     */
    private final double[] coefficients;

    private WindowInterpolant(double lnLo, double lnHi, double rhoLo, double rhoHi, int m, int d,
                              double[] coefficients) {
        this.lnLo = lnLo;
        this.lnHi = lnHi;
        this.rhoLo = rhoLo;
        this.rhoHi = rhoHi;
        this.m = m;
        this.d = d;
        this.rows = (m + 3) / 4 * 4;
        // From the build's layout [((f · M + k1) · M + k2) · D + p] to the row tables' (see the field).
        this.coefficients = new double[m * d * 2 * rows];
        for (int f = 0; f < 2; f++) {
            for (int k1 = 0; k1 < m; k1++) {
                for (int k2 = 0; k2 < m; k2++) {
                    for (int p = 0; p < d; p++) {
                        this.coefficients[((k1 * d + p) * 2 + f) * rows + k2] =
                                coefficients[((f * m + k1) * m + k2) * d + p];
                    }
                }
            }
        }
    }

    /**
     * An interpolant from given coefficients in the build's layout, coefficients[((f · M + k1) · M + k2) · D + p]
     * (for warming the row kernels up and for tests).
     */
    static WindowInterpolant of(double lnLo, double lnHi, double rhoLo, double rhoHi, int m, int d,
                                double[] coefficients) {
        return new WindowInterpolant(lnLo, lnHi, rhoLo, rhoHi, m, d, coefficients);
    }

    /** x = ln q mapped onto [−1, 1] (clamped, so that rounding at the box's edges stays inside); 0 for one variance. */
    double position(double q) {
        if (m == 1) {
            return 0.0;
        }
        double x = (2 * Math.log(q) - lnLo - lnHi) / (lnHi - lnLo);
        return Math.max(-1.0, Math.min(1.0, x));
    }

    /** Whether q lies in the box of variances (up to a relative 1e-12 at its edges). */
    boolean covers(double q) {
        double ln = Math.log(q);
        double slack = 1e-12 * (1 + Math.abs(lnLo) + Math.abs(lnHi));
        return ln >= lnLo - slack && ln <= lnHi + slack;
    }

    /** t = α·ρ + β maps the window onto [−1, 1]. */
    double alpha() {
        return 2.0 / (rhoHi - rhoLo);
    }

    double beta() {
        return -(rhoHi + rhoLo) / (rhoHi - rhoLo);
    }

    /** Length of a {@link #rowTable}. */
    int rowTableLength() {
        return 2 * rows * d;
    }

    /**
     * The row's table for the row variance at position x1: table[(p · 2 + f) · R + k2] = Σ_k1 coefficient(f, k1,
     * k2, p) T_k1(x1) (0 for M ≤ k2 &lt; R = {@link #rows}), so that F = Σ_k2 T_k2(x2) Σ_p table[2p · R + k2] t^p
     * and G likewise from table[(2p + 1) · R + k2]: a Horner step of four consecutive k2 of both duals reads
     * two contiguous stretches.
     */
    void rowTable(double x1, double[] table) {
        int length = rowTableLength();
        java.util.Arrays.fill(table, 0, length, 0.0);
        double previous = 1;
        double current = 1;
        double twoX = 2 * x1;
        for (int k1 = 0; k1 < m; k1++) {
            double tk = k1 == 0 ? 1.0 : k1 == 1 ? x1 : Math.fma(twoX, current, -previous);
            if (k1 >= 1) {
                previous = current;
            }
            current = tk;
            int from = k1 * length;
            for (int s = 0; s < length; s++) {
                table[s] = Math.fma(tk, coefficients[from + s], table[s]);
            }
        }
    }

    /**
     * The verified interpolant of {@code source} over [qmin, qmax]² × [ρ_lo, ρ_hi] with M points per variance (1
     * when qmin = qmax) and D in ρ, or null (non-finite values, unresolved, or failed verification). Node values
     * are computed on all cores; the result does not depend on their number.
     */
    static <P> WindowInterpolant build(Source<P> source, double qmin, double qmax, double rhoLo, double rhoHi,
                                       int m, int d) {
        Grid grid = grid(source, qmin, qmax, rhoLo, rhoHi, m, d);
        return grid == null || !grid.resolvedM || !grid.resolvedD ? null : grid.finish(source, qmin, qmax);
    }

    /**
     * The cheapest verified interpolant found by growing the grid from M = 5 (1 for one variance) and D = 6, by
     * half in whichever direction is not resolved, while M·D stays at most {@code maxTerms} and the node values
     * computed so far at most {@code maxEvaluations}; null if none.
     */
    static <P> WindowInterpolant fit(Source<P> source, double qmin, double qmax, double rhoLo, double rhoHi,
                                     int maxTerms, long maxEvaluations) {
        return fit(source, qmin, qmax, rhoLo, rhoHi, maxTerms, maxEvaluations, new int[] {5, 6});
    }

    /**
     * As {@link #fit(Source, double, double, double, double, int, long)}, growing from grid = {M, D} (at least 5
     * and 6, M = 1 for one variance; from 5 and 6 if that is over the limit), and on success leaving the grid that
     * resolved the duals there: a matrix's
     * consecutive layers have similar windows, and each grid that fails costs all its node values (exact duals by
     * quadrature: ~0.5 ms each).
     */
    static <P> WindowInterpolant fit(Source<P> source, double qmin, double qmax, double rhoLo, double rhoHi,
                                     int maxTerms, long maxEvaluations, int[] grid) {
        int m = qmax > qmin ? Math.max(5, grid[0]) : 1;
        int d = Math.max(6, grid[1]);
        if (m * d > maxTerms) {
            m = qmax > qmin ? 5 : 1;
            d = 6;
        }
        long spent = 0;
        while (m <= MAX_POINTS && d <= MAX_POINTS && m * d <= maxTerms) {
            spent += (long) m * (m + 1) / 2 * d;
            if (spent > maxEvaluations) {
                return null;
            }
            Grid nodes = grid(source, qmin, qmax, rhoLo, rhoHi, m, d);
            if (nodes == null) {
                return null;
            }
            if (nodes.resolvedM && nodes.resolvedD) {
                if (m > 1) {
                    grid[0] = m;
                }
                grid[1] = d;
                return nodes.finish(source, qmin, qmax);
            }
            if (!nodes.resolvedM) {
                m += (m + 1) / 2;
            }
            if (!nodes.resolvedD) {
                d += d / 2;
            }
        }
        return null;
    }

    /** Node values on an M × M × D grid, their Chebyshev coefficients, and which directions they resolve. */
    private record Grid(double lnLo, double lnHi, double rhoLo, double rhoHi, int m, int d, double[] cheb,
                        double[] scale, boolean resolvedM, boolean resolvedD) {

        /** Trimmed, converted to powers of t and verified; null if the monomial form or the verification fails. */
        <P> WindowInterpolant finish(Source<P> source, double qmin, double qmax) {
            int keptM = m == 1 ? 1 : keptDegrees(cheb, m, d, scale, true);
            int keptD = keptDegrees(cheb, m, d, scale, false);
            double[] mono = monomials(cheb, m, d, keptM, keptD, scale);
            if (mono == null) {
                return null;
            }
            WindowInterpolant f = new WindowInterpolant(lnLo, lnHi, rhoLo, rhoHi, keptM, keptD, mono);
            return f.verified(source, qmin, qmax) ? f : null;
        }
    }

    private static <P> Grid grid(Source<P> source, double qmin, double qmax, double rhoLo, double rhoHi, int m,
                                 int d) {
        if (!(qmin > 0) || !(qmax >= qmin) || !Double.isFinite(qmax) || !(rhoLo > -1) || !(rhoHi < 1)
                || !(rhoHi > rhoLo) || d < 3 || d > MAX_POINTS || m > MAX_POINTS) {
            return null;
        }
        double lnLo = Math.log(qmin);
        double lnHi = Math.log(qmax);
        if (!(lnHi > lnLo)) {
            m = 1;
        } else if (m < 3) {
            return null;
        }
        int mm = m;
        double[] q = new double[m];
        for (int a = 0; a < m; a++) {
            q[a] = m == 1 ? qmin : Math.exp(0.5 * (lnLo + lnHi) + 0.5 * (lnHi - lnLo) * node(a, m));
        }
        double[] rho = new double[d];
        for (int k = 0; k < d; k++) {
            rho[k] = 0.5 * (rhoLo + rhoHi) + 0.5 * (rhoHi - rhoLo) * node(k, d);
        }
        java.util.List<P> prepared = IntStream.range(0, m).parallel().mapToObj(a -> source.at(q[a])).toList();
        double[] scaleF = new double[m];
        double[] scaleG = new double[m];
        for (int a = 0; a < m; a++) {
            double[] n = source.norms(prepared.get(a));
            scaleF[a] = Math.sqrt(n[0]);
            scaleG[a] = Math.sqrt(n[1]);
            if (!(scaleF[a] > 0) || !(scaleG[a] > 0) || !Double.isFinite(scaleF[a] + scaleG[a])) {
                return null;
            }
        }
        // values[((f · M + a) · M + b) · D + k], computed for a ≤ b (the duals are symmetric in the two variances).
        double[] values = new double[2 * m * m * d];
        int[][] ab = VarianceBoxInterpolant.pairs(m);
        int[] pa = ab[0];
        int[] pb = ab[1];
        int pairs = pa.length;
        IntStream.range(0, pairs * d).parallel().forEach(task -> {
            int pair = task / d;
            int k = task % d;
            int a = pa[pair];
            int b = pb[pair];
            double[] out = new double[2];
            source.duals(prepared.get(a), prepared.get(b), rho[k], out);
            for (int f = 0; f < 2; f++) {
                values[((f * mm + a) * mm + b) * d + k] = out[f];
                values[((f * mm + b) * mm + a) * d + k] = out[f];
            }
        });
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return null;
            }
        }
        double[] cheb = transform(values, m, d);
        double[] scale = {min(scaleF) * min(scaleF), min(scaleG) * min(scaleG)};
        return new Grid(lnLo, lnHi, rhoLo, rhoHi, m, d, cheb, scale, m == 1 || resolved(cheb, m, d, scale, true),
                resolved(cheb, m, d, scale, false));
    }

    /** Chebyshev point k of n (first kind), cos(π(k + ½)/n), descending. */
    private static double node(int k, int n) {
        return Math.cos(Math.PI * (k + 0.5) / n);
    }

    private static double min(double[] a) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : a) {
            m = Math.min(m, v);
        }
        return m;
    }

    /** Chebyshev coefficients along all three directions, same layout as the values. */
    private static double[] transform(double[] values, int m, int d) {
        double[] out = values.clone();
        // The cosines once per transform, not once per line: JDK 17's Math.cos costs tens of nanoseconds, and the
        // per-line products made the transforms a third of a relu6 Gram matrix's plan.
        double[] cosD = cosines(d);
        double[] cosM = cosines(m);
        double[] line = new double[Math.max(m, d)];
        for (int f = 0; f < 2; f++) {
            int base = f * m * m * d;
            // Along ρ (stride 1), then along b (stride D), then along a (stride M·D).
            for (int ab = 0; ab < m * m; ab++) {
                dct(out, base + ab * d, 1, d, cosD, line);
            }
            for (int a = 0; a < m; a++) {
                for (int k = 0; k < d; k++) {
                    dct(out, base + a * m * d + k, d, m, cosM, line);
                }
            }
            for (int b = 0; b < m; b++) {
                for (int k = 0; k < d; k++) {
                    dct(out, base + b * d + k, m * d, m, cosM, line);
                }
            }
        }
        return out;
    }

    /** cos(π j (k + ½)/n) at [j · n + k]: the DCT-II weights of n first-kind points. */
    static double[] cosines(int n) {
        double[] table = new double[n * n];
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < n; k++) {
                table[j * n + k] = Math.cos(Math.PI * j * (k + 0.5) / n);
            }
        }
        return table;
    }

    /**
     * In place: values at the n first-kind points (stride apart) to Chebyshev coefficients (c₀ halved), with the
     * weights of {@link #cosines}(n) and {@code line} (at least n long) as scratch.
     */
    private static void dct(double[] a, int offset, int stride, int n, double[] cosines, double[] line) {
        if (n == 1) {
            return;
        }
        for (int k = 0; k < n; k++) {
            line[k] = a[offset + k * stride];
        }
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int k = 0; k < n; k++) {
                s += line[k] * cosines[j * n + k];
            }
            a[offset + j * stride] = s * (j == 0 ? 1.0 : 2.0) / n;
        }
    }

    private static int index(int f, int k1, int k2, int k3, int m, int d) {
        return ((f * m + k1) * m + k2) * d + k3;
    }

    /**
     * Whether the last two degrees in ln q (either variance; {@code variance}) or in ρ are below the tolerance for
     * both duals: the grid resolves that direction.
     */
    private static boolean resolved(double[] cheb, int m, int d, double[] scale, boolean variance) {
        for (int f = 0; f < 2; f++) {
            double tail = TOLERANCE * scale[f];
            for (int k1 = 0; k1 < m; k1++) {
                for (int k2 = 0; k2 < m; k2++) {
                    for (int k3 = 0; k3 < d; k3++) {
                        boolean last = variance ? k1 >= m - 2 || k2 >= m - 2 : k3 >= d - 2;
                        if (last && !(Math.abs(cheb[index(f, k1, k2, k3, m, d)]) <= tail)) {
                            return false;
                        }
                    }
                }
            }
        }
        return true;
    }

    /**
     * The fewest leading degrees (in ln q if {@code variance}, else in ρ) such that all dropped coefficients of
     * both duals sum to at most the tolerance.
     */
    private static int keptDegrees(double[] cheb, int m, int d, double[] scale, boolean variance) {
        int n = variance ? m : d;
        double[][] dropped = new double[2][n + 1];
        for (int f = 0; f < 2; f++) {
            for (int k1 = 0; k1 < m; k1++) {
                for (int k2 = 0; k2 < m; k2++) {
                    for (int k3 = 0; k3 < d; k3++) {
                        int degree = variance ? Math.max(k1, k2) : k3;
                        dropped[f][degree] += Math.abs(cheb[index(f, k1, k2, k3, m, d)]);
                    }
                }
            }
        }
        int kept = n;
        double[] sum = new double[2];
        while (kept > 2) {
            double nextF = sum[0] + dropped[0][kept - 1];
            double nextG = sum[1] + dropped[1][kept - 1];
            if (nextF > TOLERANCE * scale[0] || nextG > TOLERANCE * scale[1]) {
                break;
            }
            sum[0] = nextF;
            sum[1] = nextG;
            kept--;
        }
        return kept;
    }

    /**
     * The kept coefficients with the ρ direction as powers of t, or null when that form would lose more than a
     * few ulps of the scale: Σ_p |c_p| over the monomial coefficients of the kept Chebyshev terms bounds Horner's
     * rounding on [−1, 1].
     */
    private static double[] monomials(double[] cheb, int m, int d, int keptM, int keptD, double[] scale) {
        // powers[k][p]: the coefficient of t^p in T_k(t) (integers, exact in double for these degrees).
        double[][] powers = new double[keptD][keptD];
        powers[0][0] = 1;
        if (keptD > 1) {
            powers[1][1] = 1;
        }
        for (int k = 2; k < keptD; k++) {
            for (int p = 0; p < keptD; p++) {
                powers[k][p] = (p > 0 ? 2 * powers[k - 1][p - 1] : 0) - powers[k - 2][p];
            }
        }
        double[] out = new double[2 * keptM * keptM * keptD];
        for (int f = 0; f < 2; f++) {
            double amplified = 0;
            for (int k1 = 0; k1 < keptM; k1++) {
                for (int k2 = 0; k2 < keptM; k2++) {
                    for (int k3 = 0; k3 < keptD; k3++) {
                        double c = cheb[index(f, k1, k2, k3, m, d)];
                        for (int p = 0; p <= k3; p++) {
                            out[index(f, k1, k2, p, keptM, keptD)] += c * powers[k3][p];
                            amplified += Math.abs(c * powers[k3][p]);
                        }
                    }
                }
            }
            if (!(amplified <= 16 * scale[f])) {
                return null;
            }
        }
        return out;
    }

    /** Both duals at one point by the row-table route of {@link WindowRow} (for verification and tests). */
    double[] evaluate(double q1, double q2, double rho) {
        double[] table = new double[rowTableLength()];
        rowTable(position(q1), table);
        double[] out = new double[2];
        WindowRow.Scalar.point(this, table, position(q2), Math.fma(rho, alpha(), beta()), out);
        return out;
    }

    private <P> boolean verified(Source<P> source, double qmin, double qmax) {
        double[][] points = new double[CHECKS][3];
        double[] qs = {qmin, qmax, Math.sqrt(qmin) * Math.sqrt(qmax)};
        double[] rs = {rhoLo, rhoHi, 0.5 * (rhoLo + rhoHi)};
        int count = 0;
        for (double q1 : qs) {
            for (double q2 : qs) {
                for (double r : new double[] {rs[0], rs[1]}) {
                    if (count < CHECKS) {
                        points[count++] = new double[] {q1, q2, r};
                    }
                }
            }
        }
        SplittableRandom random = new SplittableRandom(0x5eed_c0de_0f00dL);
        while (count < CHECKS) {
            double q1 = Math.exp(lnLo + (lnHi - lnLo) * random.nextDouble());
            double q2 = Math.exp(lnLo + (lnHi - lnLo) * random.nextDouble());
            points[count++] = new double[] {q1, q2, rhoLo + (rhoHi - rhoLo) * random.nextDouble()};
        }
        return IntStream.range(0, CHECKS).parallel().allMatch(s -> {
            double[] p = points[s];
            P first = source.at(p[0]);
            P second = source.at(p[1]);
            double[] want = new double[2];
            source.duals(first, second, p[2], want);
            double[] n1 = source.norms(first);
            double[] n2 = source.norms(second);
            double[] got = evaluate(p[0], p[1], p[2]);
            return Math.abs(got[0] - want[0]) <= VERIFY * Math.sqrt(n1[0] * n2[0])
                    && Math.abs(got[1] - want[1]) <= VERIFY * Math.sqrt(n1[1] * n2[1]);
        });
    }
}
