package org.ntk4j.activation;

/**
 * A fast two-argument arc tangent for the hot loops of the closed-form duals, accurate to a few units in the last
 * place (relative error below 1e-15, tested against {@link StrictMath#atan2} and BigDecimal arithmetic).
 *
 * <p>JDK 17's {@code Math.atan2} is the fdlibm routine behind a native call and costs tens of nanoseconds; the
 * Gram-matrix recursion evaluates it once per entry and layer. Here the octant reduction takes t = min/max of
 * |x| and |y| to [0, 1]; for t &gt; tan(π/8) it uses atan t = π/4 + atan((t − 1)/(t + 1)), formed as
 * (lo − hi)/(lo + hi) so that the whole reduction costs one division. On |u| ≤ tan(π/8) the odd series
 * atan u = u + u·w·P(w), w = u², uses a degree-10 polynomial P fitted (Chebyshev interpolation in w, 60-digit
 * arithmetic) to (atan(√w)/√w − 1)/w; its truncation error is below 1e-17 relative to atan u, so only the
 * rounding of the few operations remains. The result is exact at t = 0 (atan2(0, x) = 0 or π).
 */
public final class ArcTangent {

    static final double TAN_PI_8 = 0.41421356237309503;  // √2 − 1
    static final double PI = Math.PI;
    static final double PI_2 = Math.PI / 2;
    static final double PI_4 = Math.PI / 4;

    static final double P0 = -0.3333333333333333;
    static final double P1 = 0.1999999999999552;
    static final double P2 = -0.14285714284666542;
    static final double P3 = 0.11111111015256361;
    static final double P4 = -0.09090904578123903;
    static final double P5 = 0.07692183190826087;
    static final double P6 = -0.06664511447381948;
    static final double P7 = 0.0585814891280221;
    static final double P8 = -0.0508544973794026;
    static final double P9 = 0.03923165829558719;
    static final double P10 = -0.01917688711906226;

    private ArcTangent() {
    }

    /**
     * The angles θ_j = arccos(c_j / √(q1 q2_j)) ∈ [0, π] of a row of Gaussian pairs (variances q1, q2[j],
     * covariance c[j]), as atan2(√(q1 q2 − c²), c) with q1 q2 − c² formed from an error-free product (exactly 0
     * for c = q1 = q2; variances outside [1e-100, 1e100] take the {@link GaussianPair} route); SIMD when the
     * Vector API is available, with bit-identical results. Accurate to a few ulps of π.
     */
    public static void angleRow(double q1, double[] q2, double[] c, double[] theta, int from, int to) {
        RowKernels.INSTANCE.angles(q1, q2, c, theta, from, to);
    }

    /**
     * atan2(y, x) ∈ [−π, π], the angle of the point (x, y); y = 0 and the infinite and NaN cases are handed to
     * {@link Math#atan2} (same signed-zero conventions).
     *
     * <p>The operation sequence (abs, min, max, one division, fused multiply-adds, selections) is mirrored lane
     * by lane by the Vector API kernels, so both give bit-identical results.
     */
    public static double atan2(double y, double x) {
        double ax = Math.abs(x);
        double ay = Math.abs(y);
        double hi = Math.max(ax, ay);
        double lo = Math.min(ax, ay);
        if (y == 0 || !(hi > 0 && hi < Double.POSITIVE_INFINITY)) {
            // Zero y (either sign: the vector kernels never pass −0, and for +0 the main path gives the same 0 or
            // π), x = y = 0, infinities and NaN.
            return Math.atan2(y, x);
        }
        boolean upper = lo > TAN_PI_8 * hi;
        double u = (upper ? lo - hi : lo) / (upper ? lo + hi : hi);
        double r = series(u);
        double a = upper ? PI_4 + r : r;
        a = ay > ax ? PI_2 - a : a;
        a = x < 0 ? PI - a : a;
        return y < 0 ? -a : a;
    }

    /**
     * atan u for |u| ≤ 1, the range where one reduction suffices (beyond it the quotient below leaves the
     * polynomial's interval): for |u| &gt; tan(π/8), atan u = ±(π/4 + atan((|u| − 1)/(|u| + 1))) with the quotient
     * in [−tan(π/8), 0], else the series of {@link #atan2} directly (odd, so the sign of u carries through;
     * atan(±0) = +0, since the last step adds (−0)·(−0) to −0). There is no octant selection, which a caller that
     * brings its angle into [−π/2, π/2] by a half-angle identity saves (erf's row kernels); the vector kernels
     * perform the same operations lane by lane.
     */
    public static double atan(double u) {
        double au = Math.abs(u);
        boolean upper = au > TAN_PI_8;
        double v = upper ? (au - 1.0) / (au + 1.0) : u;
        double r = series(v);
        if (!upper) {
            return r;
        }
        double a = r + PI_4;
        return u < 0 ? -a : a;
    }

    /** atan u = u + u·w·P(w), w = u², for |u| ≤ tan(π/8): the operations the vector kernels repeat lane by lane. */
    private static double series(double u) {
        double w = u * u;
        double p = Math.fma(P10, w, P9);
        p = Math.fma(p, w, P8);
        p = Math.fma(p, w, P7);
        p = Math.fma(p, w, P6);
        p = Math.fma(p, w, P5);
        p = Math.fma(p, w, P4);
        p = Math.fma(p, w, P3);
        p = Math.fma(p, w, P2);
        p = Math.fma(p, w, P1);
        p = Math.fma(p, w, P0);
        return Math.fma(u, w * p, u);
    }
}
