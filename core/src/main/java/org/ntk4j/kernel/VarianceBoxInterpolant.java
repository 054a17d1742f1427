package org.ntk4j.kernel;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.ntk4j.activation.Activation;
import org.ntk4j.activation.GaussianPair;

/**
 * Both duals of an activation over a box of variances, F(q1, q2, θ) = E[φ(u)φ(v)] and G(q1, q2, θ) =
 * E[φ'(u)φ'(v)] at Cov(u, v) = √q1·√q2 cos θ, for q1, q2 ∈ [qmin, qmax] and θ ∈ [0, π]: a tensor-product
 * Chebyshev interpolant (first-kind points) in t1 = ln q1 and t2 = ln q2 on [ln qmin, ln qmax] (M points each),
 * times the piecewise Chebyshev grid in θ of {@link AngleInterpolant} (P equal pieces of N points).
 *
 * <p>Why ln q: the duals of smooth activations are analytic in q > 0 and vary on the scale of q itself, so a
 * data set whose norms span a factor of a few needs only a handful of points per variance. The interpolant is
 * symmetric (F(q1, q2, θ) = F(q2, q1, θ)) and its node values are computed once for a ≤ b. It is accepted only
 * if, along every line of the grid, the last two Chebyshev coefficients in ln q are below 1e-13 of the
 * largest node value and it
 * matches fresh exact duals at {@link #CHECKS} points of the box (corners, centre, θ near 0 and π, and
 * pseudo-random points from a fixed seed) to {@link #VERIFY} × max(|F(q1, q2, 0)|, |F(q1, q2, π)|, |F|) at that
 * point's variances (the same for G); otherwise {@link #build} returns null and the caller evaluates exactly.
 *
 * <p>As {@link AngleInterpolant}, a box may be built only for θ ≤ θ_cut and θ ≥ π − θ_cut (the entries beyond a
 * Mehler series' reach): only the θ pieces that meet those ranges are computed, tested and contracted, and
 * {@link #serves} tells which angles it holds. Deep layers, whose correlations beyond the series lie within
 * ~0.5 of θ = 0, then cost a third of the pieces.
 */
final class VarianceBoxInterpolant {

    /** Tail of the Chebyshev series in each ln q direction, relative to the largest node value. */
    static final double TOLERANCE = 1e-13;
    /** Verification tolerance against fresh exact duals, relative to the duals' scale at those variances. */
    static final double VERIFY = 1e-12;
    static final int CHECKS = 40;
    private static final int N = AngleInterpolant.NODES;

    private final double lo;
    private final double halfWidth;
    final int m;
    final int pieces;
    private final double thetaCut;
    /** built[p]: whether θ piece p was built ({@link AngleInterpolant#active}). */
    private final boolean[] built;
    private final double piecesOverPi;
    /** coefficients[(((p · N + k) · M + a) · M + b) · 2 + 0|1]: Chebyshev coefficient (a, b, k) of F|G on piece p. */
    private final double[] coefficients;

    private VarianceBoxInterpolant(double lo, double hi, int m, int pieces, double thetaCut, double[] coefficients) {
        this.lo = lo;
        this.halfWidth = 0.5 * (hi - lo);
        this.m = m;
        this.pieces = pieces;
        this.thetaCut = thetaCut;
        this.built = AngleInterpolant.built(pieces, thetaCut);
        this.piecesOverPi = pieces / Math.PI;
        this.coefficients = coefficients;
    }

    /** Whether [qmin, qmax] lies inside this interpolant's box of variances. */
    boolean covers(double qmin, double qmax) {
        return Math.log(qmin) >= lo && Math.log(qmax) <= lo + 2 * halfWidth;
    }

    /** Whether this interpolant holds every angle that one built with θ_cut would (see {@link #serves}). */
    boolean coversAngles(double thetaCut) {
        return this.thetaCut >= Math.min(thetaCut, 0.5 * Math.PI);
    }

    /** Whether θ lies on a built piece; NaN does not. */
    boolean serves(double theta) {
        return theta >= 0 && built[AngleInterpolant.piece(theta, pieces)];
    }

    /**
     * The M(M + 1)/2 pairs a ≤ b of M variance points, {a's, b's} in the order (0, 0), (0, 1), …, (M − 1, M − 1):
     * the node values of an interpolant symmetric in its two variances are computed for these and mirrored.
     */
    static int[][] pairs(int m) {
        int[] pa = new int[m * (m + 1) / 2];
        int[] pb = new int[pa.length];
        for (int a = 0, idx = 0; a < m; a++) {
            for (int b = a; b < m; b++, idx++) {
                pa[idx] = a;
                pb[idx] = b;
            }
        }
        return new int[][] {pa, pb};
    }

    /** Exact dual evaluations (pairs F, G) that a build with M points and P pieces costs. */
    static long cost(int m, int pieces) {
        return cost(m, pieces, Math.PI);
    }

    /** Exact dual evaluations (pairs F, G) that a build with M points, P pieces and θ_cut costs. */
    static long cost(int m, int pieces, double thetaCut) {
        return (long) m * (m + 1) / 2 * activePieces(pieces, thetaCut).length * N + 3L * CHECKS;
    }

    /** The pieces that a build with θ_cut computes, in increasing order. */
    private static int[] activePieces(int pieces, double thetaCut) {
        return IntStream.range(0, pieces).filter(p -> AngleInterpolant.active(p, pieces, thetaCut)).toArray();
    }

    /**
     * The verified interpolant on [qmin, qmax]² × [0, π] with M points per variance and P pieces in θ, or null
     * (non-finite duals, no convergence, or failed verification). Node evaluations run on all cores; the result
     * does not depend on their number.
     */
    static VarianceBoxInterpolant build(Activation phi, double qmin, double qmax, int m, int pieces) {
        return build(phi, qmin, qmax, m, pieces, Math.PI);
    }

    /**
     * As {@link #build(Activation, double, double, int, int)}, for θ ≤ θ_cut and θ ≥ π − θ_cut only (all of
     * [0, π] when θ_cut ≥ π/2).
     */
    static VarianceBoxInterpolant build(Activation phi, double qmin, double qmax, int m, int pieces,
                                        double thetaCut) {
        if (!(qmin > 0) || !(qmax >= qmin) || !Double.isFinite(qmax)) {
            return null;
        }
        double lo = Math.log(qmin);
        double hi = Math.log(qmax);
        if (!(hi > lo)) {
            return null;
        }
        double[] q = new double[m];
        for (int a = 0; a < m; a++) {
            double u = Math.cos(Math.PI * (a + 0.5) / m);
            q[a] = Math.exp(lo + 0.5 * (u + 1) * (hi - lo));
        }
        int[][] ab = pairs(m);
        int[] pa = ab[0];
        int[] pb = ab[1];
        int pairs = pa.length;
        // values[(((p · N + k) · M + a) · M + b) · 2 + 0|1], filled for a ≤ b and mirrored.
        double[] v = new double[pieces * N * m * m * 2];
        double[] cosNodes = new double[N];
        for (int k = 0; k < N; k++) {
            cosNodes[k] = Math.cos(Math.PI * (k + 0.5) / N);
        }
        int[] active = activePieces(pieces, thetaCut);
        IntStream.range(0, pairs * active.length).parallel().forEach(task -> {
            int idx = task / active.length;
            int p = active[task % active.length];
            int a = pa[idx];
            int b = pb[idx];
            double s = GaussianPair.scale(q[a], q[b]);
            double[] pair = new double[2];
            for (int k = 0; k < N; k++) {
                double c = s * Math.cos(angle(p, pieces, cosNodes[k]));
                phi.duals(q[a], q[b], c, pair);
                double f = pair[0];
                double g = pair[1];
                int i1 = (((p * N + k) * m + a) * m + b) * 2;
                int i2 = (((p * N + k) * m + b) * m + a) * 2;
                v[i1] = f;
                v[i1 + 1] = g;
                v[i2] = f;
                v[i2 + 1] = g;
            }
        });
        double maxF = 0;
        double maxG = 0;
        for (int i = 0; i < v.length; i += 2) {
            if (!Double.isFinite(v[i]) || !Double.isFinite(v[i + 1])) {
                return null;
            }
            maxF = Math.max(maxF, Math.abs(v[i]));
            maxG = Math.max(maxG, Math.abs(v[i + 1]));
        }
        double[] coef = transform(v, pieces, m);
        // The series tail in ln q1 (by symmetry the same holds in ln q2) along every line of fixed (b, k, p).
        for (int pk = 0; pk < pieces * N; pk++) {
            for (int b = 0; b < m; b++) {
                int i1 = ((pk * m + m - 1) * m + b) * 2;
                int i2 = ((pk * m + m - 2) * m + b) * 2;
                if (Math.abs(coef[i1]) + Math.abs(coef[i2]) > TOLERANCE * maxF
                        || Math.abs(coef[i1 + 1]) + Math.abs(coef[i2 + 1]) > TOLERANCE * maxG) {
                    return null;
                }
            }
        }
        VarianceBoxInterpolant f = new VarianceBoxInterpolant(lo, hi, m, pieces, thetaCut, coef);
        return f.verify(phi, qmin, qmax) ? f : null;
    }

    /** The 3-D Chebyshev coefficients (c₀ halved in each direction) of node values v, one direction at a time. */
    private static double[] transform(double[] v, int pieces, int m) {
        double[] out = v.clone();
        double[] tmp = new double[Math.max(m, N) * 2];
        double[] cosN = WindowInterpolant.cosines(N);
        // θ (k) direction.
        for (int p = 0; p < pieces; p++) {
            for (int ab = 0; ab < m * m; ab++) {
                for (int j = 0; j < N; j++) {
                    double sf = 0;
                    double sg = 0;
                    for (int k = 0; k < N; k++) {
                        double w = cosN[j * N + k];
                        int i = ((p * N + k) * m * m + ab) * 2;
                        sf += v[i] * w;
                        sg += v[i + 1] * w;
                    }
                    double norm = (j == 0 ? 1.0 : 2.0) / N;
                    tmp[2 * j] = sf * norm;
                    tmp[2 * j + 1] = sg * norm;
                }
                for (int j = 0; j < N; j++) {
                    int i = ((p * N + j) * m * m + ab) * 2;
                    out[i] = tmp[2 * j];
                    out[i + 1] = tmp[2 * j + 1];
                }
            }
        }
        double[] cosTable = WindowInterpolant.cosines(m);
        // b direction (stride 1), then a direction (stride m).
        for (int stride : new int[] {1, m}) {
            int outerStride = stride == 1 ? m : 1;
            for (int pk = 0; pk < pieces * N; pk++) {
                for (int o = 0; o < m; o++) {
                    int base = pk * m * m + o * outerStride;
                    for (int j = 0; j < m; j++) {
                        double sf = 0;
                        double sg = 0;
                        for (int k = 0; k < m; k++) {
                            double w = cosTable[j * m + k];
                            int i = (base + k * stride) * 2;
                            sf += out[i] * w;
                            sg += out[i + 1] * w;
                        }
                        double norm = (j == 0 ? 1.0 : 2.0) / m;
                        tmp[2 * j] = sf * norm;
                        tmp[2 * j + 1] = sg * norm;
                    }
                    for (int j = 0; j < m; j++) {
                        int i = (base + j * stride) * 2;
                        out[i] = tmp[2 * j];
                        out[i + 1] = tmp[2 * j + 1];
                    }
                }
            }
        }
        return out;
    }

    private boolean verify(Activation phi, double qmin, double qmax) {
        double[][] points = new double[CHECKS][3];
        double[] corners = {qmin, qmax};
        int n = 0;
        for (double q1 : corners) {
            for (double q2 : corners) {
                points[n++] = new double[] {q1, q2, 1e-3};
                points[n++] = new double[] {q1, q2, Math.PI - 1e-3};
            }
        }
        double qc = Math.sqrt(qmin) * Math.sqrt(qmax);
        points[n++] = new double[] {qc, qc, 0.0};
        points[n++] = new double[] {qmin, qmax, Math.PI};
        SplittableRandom random = new SplittableRandom(0x5eed_b0c5L);
        while (n < CHECKS) {
            double q1 = Math.exp(lo + random.nextDouble() * 2 * halfWidth);
            double q2 = Math.exp(lo + random.nextDouble() * 2 * halfWidth);
            double theta = random.nextDouble() * Math.PI;
            if (thetaCut < 0.5 * Math.PI) {
                // within the built ranges, near 0 and near π
                double u = random.nextDouble() * 2 * thetaCut;
                theta = u <= thetaCut ? u : Math.PI - (u - thetaCut);
            }
            points[n++] = new double[] {q1, q2, theta};
        }
        boolean[] ok = new boolean[CHECKS];
        IntStream.range(0, CHECKS).parallel().forEach(i -> {
            double q1 = points[i][0];
            double q2 = points[i][1];
            double theta = points[i][2];
            double s = GaussianPair.scale(q1, q2);
            double c = s * Math.cos(theta);
            double[] at = new double[2];
            double[] up = new double[2];
            double[] down = new double[2];
            phi.duals(q1, q2, c, at);
            phi.duals(q1, q2, s, up);
            phi.duals(q1, q2, -s, down);
            double f = at[0];
            double g = at[1];
            double scaleF = Math.max(Math.abs(f), Math.max(Math.abs(up[0]), Math.abs(down[0])));
            double scaleG = Math.max(Math.abs(g), Math.max(Math.abs(up[1]), Math.abs(down[1])));
            double[] out = new double[2];
            double[] basis1 = new double[m];
            double[] basis2 = new double[m];
            basis(q1, basis1, 0);
            basis(q2, basis2, 0);
            evaluate(basis1, 0, basis2, 0, theta, out);
            ok[i] = Math.abs(out[0] - f) <= VERIFY * scaleF && Math.abs(out[1] - g) <= VERIFY * scaleG;
        });
        for (boolean b : ok) {
            if (!b) {
                return false;
            }
        }
        return true;
    }

    /** T_0..T_{M−1} at the box coordinate of q, written to out[offset..offset+M). */
    void basis(double q, double[] out, int offset) {
        double u = (Math.log(q) - lo) / halfWidth - 1;
        u = Math.max(-1.0, Math.min(1.0, u));
        out[offset] = 1;
        if (m > 1) {
            out[offset + 1] = u;
        }
        for (int a = 2; a < m; a++) {
            out[offset + a] = 2 * u * out[offset + a - 1] - out[offset + a - 2];
        }
    }

    /** Length of the per-row table of {@link #contract}. */
    int rowTableLength() {
        return pieces * N * m * 2;
    }

    /**
     * row[((p · N + k) · M + b) · 2 + 0|1] = Σ_a T_a(t1) · coefficient(a, b, k) on piece p: the interpolant at fixed
     * q1 (zero on the pieces that were not built).
     */
    void contract(double[] basis1, int offset1, double[] row) {
        int blocks = pieces * N;
        int mm = m * m;
        for (int pk = 0; pk < blocks; pk++) {
            int out = pk * m * 2;
            java.util.Arrays.fill(row, out, out + 2 * m, 0.0);
            if (!built[pk / N]) {
                continue;
            }
            for (int a = 0; a < m; a++) {
                double w = basis1[offset1 + a];
                int in = (pk * mm + a * m) * 2;
                for (int b = 0; b < 2 * m; b++) {
                    row[out + b] += w * coefficients[in + b];
                }
            }
        }
    }

    /** F and G at (q2 with basis basis2[offset2..], θ) from a row table of {@link #contract}. */
    void evaluateRow(double[] row, double[] basis2, int offset2, double theta, double[] out) {
        int p = Math.min((int) (theta * piecesOverPi), pieces - 1);
        double t = 2 * (theta * piecesOverPi - p) - 1;
        double twoT = 2 * t;
        double f1 = 0;
        double f2 = 0;
        double g1 = 0;
        double g2 = 0;
        double cf0 = 0;
        double cg0 = 0;
        for (int k = N - 1; k >= 0; k--) {
            int base = (p * N + k) * m * 2;
            double cf = 0;
            double cg = 0;
            for (int b = 0; b < m; b++) {
                double w = basis2[offset2 + b];
                cf += w * row[base + 2 * b];
                cg += w * row[base + 2 * b + 1];
            }
            if (k == 0) {
                cf0 = cf;
                cg0 = cg;
                break;
            }
            double f0 = twoT * f1 - f2 + cf;
            double g0 = twoT * g1 - g2 + cg;
            f2 = f1;
            f1 = f0;
            g2 = g1;
            g1 = g0;
        }
        out[0] = t * f1 - f2 + cf0;
        out[1] = t * g1 - g2 + cg0;
    }

    /**
     * Both duals of row entries [from, to) at row variance q1, from a row table of {@link #contract} (for q1) and
     * the columns' bases basis2 (M per column, column j at j·M), or from {@code exact}'s own duals for an entry
     * whose θ lies on a piece that was not built ({@link #serves}). dual may be c; theta is scratch.
     */
    void dualRow(Activation exact, double q1, double[] row, double[] basis2, double[] q2, double[] c, double[] dual,
                 double[] derivativeDual, int from, int to, double[] theta, double[] out) {
        org.ntk4j.activation.ArcTangent.angleRow(q1, q2, c, theta, from, to);
        for (int j = from; j < to; j++) {
            if (!serves(theta[j])) {
                exact.dualRow(q1, q2, c, dual, derivativeDual, j, j + 1);
                continue;
            }
            evaluateRow(row, basis2, j * m, theta[j], out);
            derivativeDual[j] = out[1];
            dual[j] = out[0];
        }
    }

    /** F and G at a point (slow path, for verification). */
    private void evaluate(double[] basis1, int offset1, double[] basis2, int offset2, double theta, double[] out) {
        double[] row = new double[rowTableLength()];
        contract(basis1, offset1, row);
        evaluateRow(row, basis2, offset2, theta, out);
    }

    /** The angle at local coordinate t ∈ [−1, 1] of piece p (as {@link AngleInterpolant}). */
    private static double angle(int p, int pieces, double t) {
        double h = Math.PI / pieces;
        return h * (p + 0.5 * (t + 1));
    }
}
