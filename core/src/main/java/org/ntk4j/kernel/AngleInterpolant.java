package org.ntk4j.kernel;

import org.ntk4j.activation.Activation;
import org.ntk4j.activation.ArcTangent;
import org.ntk4j.activation.GaussianPair;

/**
 * Both duals of an activation at fixed variances (q1, q2) as functions of the angle θ ∈ [0, π] between the two
 * Gaussians: F(θ) = E[φ(u)φ(v)] and G(θ) = E[φ'(u)φ'(v)] at Cov(u, v) = c = s cos θ, s = √q1·√q2.
 *
 * <p>Why θ and not c: for a kinked φ the duals have square-root singularities in their derivatives at c = ±s
 * (ReLU's Σ̇ = (π − θ)/(2π) is linear in θ but ∝ √(s − c) near ρ = 1), while they are analytic in θ on the
 * closed interval; for smooth φ both variables work. The interval is cut into P equal pieces, each interpolated at
 * N Chebyshev points (first kind); P doubles until, on every piece, the last two Chebyshev coefficients are below
 * {@link #TOLERANCE} × max|F| (resp. max|G|) and the interpolant matches fresh exact evaluations at two
 * off-node points per piece to the same tolerance. If P = {@link #MAX_PIECES} does not reach it (noisy or
 * non-smooth duals), {@link #build} returns null and the caller evaluates the duals exactly.
 *
 * <p>An interpolant may be wanted only near the ends, θ ≤ θ_cut or θ ≥ π − θ_cut (the entries beyond a Mehler
 * series' reach |ρ| ≤ cos θ_cut): then only the pieces that meet those ranges are built and tested
 * ({@link #active}), and {@link #serves} tells which angles it holds. The pieces are the same as for [0, π], so
 * the P that the hardest end needs (the kink at θ = 0) is found at a fraction of the cost.
 */
final class AngleInterpolant {

    /** Error bound relative to the largest |value| of each dual on [0, π]. */
    static final double TOLERANCE = 1e-13;
    static final int NODES = 10;
    /** The DCT-II weights of the NODES first-kind points ({@link WindowInterpolant#cosines}). */
    private static final double[] WEIGHTS = WindowInterpolant.cosines(NODES);
    static final int MAX_PIECES = 1024;

    /** Slack of {@link #active}: an angle that rounding puts just past θ_cut still lands on a built piece. */
    private static final double CUT_SLACK = 1e-12;

    /** s = √q1·√q2, formed exactly as the closed forms do, so that c = s gives θ = 0 exactly. */
    final double scale;
    private final int pieces;
    private final double thetaCut;
    /** built[p]: whether piece p was built ({@link #active}), looked up per entry by {@link #serves}. */
    private final boolean[] built;
    private final double piecesOverPi;
    /** coefficients[(p · NODES + k) · 2 + 0|1]: Chebyshev coefficient k of F|G on piece p (c₀ already halved). */
    private final double[] coefficients;

    private AngleInterpolant(double scale, int pieces, double thetaCut, double[] coefficients) {
        this.scale = scale;
        this.pieces = pieces;
        this.thetaCut = thetaCut;
        this.built = built(pieces, thetaCut);
        this.piecesOverPi = pieces / Math.PI;
        this.coefficients = coefficients;
    }

    /** The interpolant of φ's duals at variances (q1, q2) on [0, π], or null if it cannot meet the tolerance. */
    static AngleInterpolant build(Activation phi, double q1, double q2) {
        return build(phi, q1, q2, Math.PI);
    }

    /**
     * The interpolant of φ's duals at variances (q1, q2) for θ ≤ θ_cut and θ ≥ π − θ_cut (all of [0, π] when
     * θ_cut ≥ π/2), or null if it cannot meet the tolerance there; the tolerance is relative to the largest |value|
     * on those ranges.
     */
    static AngleInterpolant build(Activation phi, double q1, double q2, double thetaCut) {
        double s = GaussianPair.scale(q1, q2);
        for (int pieces = 2; pieces <= MAX_PIECES; pieces *= 2) {
            double[] coef = new double[pieces * NODES * 2];
            double maxF = 0;
            double maxG = 0;
            double[] f = new double[NODES];
            double[] g = new double[NODES];
            double[] pair = new double[2];
            boolean finite = true;
            for (int p = 0; p < pieces; p++) {
                if (!active(p, pieces, thetaCut)) {
                    continue;
                }
                for (int k = 0; k < NODES; k++) {
                    double theta = angle(p, pieces, Math.cos(Math.PI * (k + 0.5) / NODES));
                    double c = s * Math.cos(theta);
                    phi.duals(q1, q2, c, pair);
                    f[k] = pair[0];
                    g[k] = pair[1];
                    finite &= Double.isFinite(f[k]) && Double.isFinite(g[k]);
                    maxF = Math.max(maxF, Math.abs(f[k]));
                    maxG = Math.max(maxG, Math.abs(g[k]));
                }
                for (int j = 0; j < NODES; j++) {
                    double sf = 0;
                    double sg = 0;
                    for (int k = 0; k < NODES; k++) {
                        double w = WEIGHTS[j * NODES + k];
                        sf += f[k] * w;
                        sg += g[k] * w;
                    }
                    double norm = (j == 0 ? 1.0 : 2.0) / NODES;
                    coef[(p * NODES + j) * 2] = sf * norm;
                    coef[(p * NODES + j) * 2 + 1] = sg * norm;
                }
            }
            if (!finite) {
                return null;
            }
            double tolF = TOLERANCE * maxF;
            double tolG = TOLERANCE * maxG;
            boolean converged = true;
            for (int p = 0; p < pieces && converged; p++) {
                int last = (p * NODES + NODES - 1) * 2;
                converged = Math.abs(coef[last]) + Math.abs(coef[last - 2]) <= tolF
                        && Math.abs(coef[last + 1]) + Math.abs(coef[last - 1]) <= tolG;
            }
            if (!converged) {
                continue;
            }
            AngleInterpolant candidate = new AngleInterpolant(s, pieces, thetaCut, coef);
            double[] out = new double[2];
            for (int p = 0; p < pieces && converged; p++) {
                if (!active(p, pieces, thetaCut)) {
                    continue;
                }
                for (double t : new double[] {-0.6180339887498949, 0.41421356237309503}) {
                    double theta = angle(p, pieces, t);
                    double c = s * Math.cos(theta);
                    candidate.evaluate(theta, out);
                    phi.duals(q1, q2, c, pair);
                    converged &= Math.abs(out[0] - pair[0]) <= tolF && Math.abs(out[1] - pair[1]) <= tolG;
                }
            }
            if (converged) {
                return candidate;
            }
        }
        return null;
    }

    /** The number of equal pieces of [0, π] this interpolant needed. */
    int pieces() {
        return pieces;
    }

    /** θ_cut of {@link #build(Activation, double, double, double)}: π for an interpolant of all of [0, π]. */
    double thetaCut() {
        return thetaCut;
    }

    /**
     * Whether piece p of P equal pieces of [0, π] meets θ ≤ θ_cut or θ ≥ π − θ_cut (every piece when
     * θ_cut ≥ π/2), up to {@link #CUT_SLACK}.
     */
    static boolean active(int p, int pieces, double thetaCut) {
        if (thetaCut >= 0.5 * Math.PI) {
            return true;
        }
        double h = Math.PI / pieces;
        return p * h <= thetaCut + CUT_SLACK || (p + 1) * h >= Math.PI - thetaCut - CUT_SLACK;
    }

    /** {@link #active} for every piece p of P. */
    static boolean[] built(int pieces, double thetaCut) {
        boolean[] built = new boolean[pieces];
        for (int p = 0; p < pieces; p++) {
            built[p] = active(p, pieces, thetaCut);
        }
        return built;
    }

    /** The piece of P equal pieces of [0, π] that holds θ (the last one for θ = π). */
    static int piece(double theta, int pieces) {
        return Math.min((int) (theta * (pieces / Math.PI)), pieces - 1);
    }

    /** Whether θ lies on a built piece (see {@link #active}); NaN does not. */
    boolean serves(double theta) {
        return theta >= 0 && built[piece(theta, pieces)];
    }

    /** The angle at local coordinate t ∈ [−1, 1] of piece p. */
    private static double angle(int p, int pieces, double t) {
        double h = Math.PI / pieces;
        return h * (p + 0.5 * (t + 1));
    }

    /** F(θ) to out[0] and G(θ) to out[1]. */
    void evaluate(double theta, double[] out) {
        int p = Math.min((int) (theta * piecesOverPi), pieces - 1);
        double t = 2 * (theta * piecesOverPi - p) - 1;
        double twoT = 2 * t;
        int base = p * NODES * 2;
        double f1 = 0;
        double f2 = 0;
        double g1 = 0;
        double g2 = 0;
        for (int k = NODES - 1; k >= 1; k--) {
            double f0 = twoT * f1 - f2 + coefficients[base + 2 * k];
            double g0 = twoT * g1 - g2 + coefficients[base + 2 * k + 1];
            f2 = f1;
            f1 = f0;
            g2 = g1;
            g1 = g0;
        }
        out[0] = t * f1 - f2 + coefficients[base];
        out[1] = t * g1 - g2 + coefficients[base + 1];
    }

    /**
     * Both duals along a row, as {@link Activation#dualRow} but from the interpolant; every entry must have
     * (nearly, see {@link #theta}) this interpolant's variances.
     */
    void dualRow(double q1, double[] q2, double[] c, double[] dual, double[] derivativeDual, int from, int to,
                 double[] theta, double[] out) {
        ArcTangent.angleRow(q1, q2, c, theta, from, to);
        for (int j = from; j < to; j++) {
            evaluate(theta[j], out);
            derivativeDual[j] = out[1];
            dual[j] = out[0];
        }
    }

    /**
     * Entry j of a row whose angles {@link ArcTangent#angleRow} put in theta: from this interpolant, or from
     * {@code exact}'s own duals when θ_j lies on a piece that was not built ({@link #serves}). dual may be c.
     */
    void entry(Activation exact, double q1, double[] q2, double[] c, double[] dual, double[] derivativeDual,
               double[] theta, int j, double[] out) {
        if (!serves(theta[j])) {
            exact.dualRow(q1, q2, c, dual, derivativeDual, j, j + 1);
            return;
        }
        evaluate(theta[j], out);
        derivativeDual[j] = out[1];
        dual[j] = out[0];
    }

    /**
     * θ = atan2(√(q1 q2 − c²), c) of the entry's own variances, with q1 q2 − c² formed by an error-free product
     * (exactly 0 for c = q1 = q2) for variances in [1e-100, 1e100], else as in {@link GaussianPair}. Interpolants
     * serve variances equal to theirs to ~1e-13 (a normalised data set's norms differ in the last bits), and
     * taking θ from the exact variances keeps the kinks at ρ = ±1 exact; the remaining error is that of the dual's
     * smooth dependence on q, ~1e-13 relative.
     */
    static double theta(double q1, double q2, double c) {
        double root;
        if (q1 >= 1e-100 && q1 <= 1e100 && q2 >= 1e-100 && q2 <= 1e100) {
            double p = q1 * q2;
            double e = Math.fma(q1, q2, -p);
            double d = Math.fma(-c, c, p) + e;
            root = d > 0 ? Math.sqrt(d) : 0.0;
        } else {
            root = GaussianPair.sinePart(GaussianPair.scale(q1, q2), c);
        }
        return ArcTangent.atan2(root, c + 0.0);   // as ArcTangent.angleRow, bit for bit
    }
}
