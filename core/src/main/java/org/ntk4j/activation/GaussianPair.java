package org.ntk4j.activation;

/**
 * Conditioned geometry of a centred Gaussian pair (u, v) with variances q1, q2 and covariance c, shared by the
 * closed-form duals.
 *
 * <p>The angle θ = arccos(c / √(q1 q2)) is computed as atan2(√((s − c)(s + c)), c) with s = √(q1 q2): this is
 * accurate near ρ = ±1 where acos of a ratio loses half the digits, never overflows or underflows for
 * q in [1e-300, 1e300] (s = √q1·√q2 where q1 q2 would leave the double range), and tolerates |c| rounding past s
 * (the root is clamped to zero, which is the limit value).
 */
public final class GaussianPair {

    private GaussianPair() {
    }

    /**
     * s = √(q1 q2), the geometric mean of the variances (as √q1·√q2 when the product would leave the normal range,
     * so it cannot overflow).
     * Exactly q1 when q1 = q2: on the diagonal c = q1 = q2, and a one-ulp error in s would turn θ = 0 into
     * θ ≈ √ulp ≈ 1e-8, which the derivative duals (π − θ)/(2π) and the like would show at 1e-9.
     */
    public static double scale(double q1, double q2) {
        if (q1 == q2) {
            return q1;
        }
        // One rounding (and exact when q1 q2 is a square, e.g. q1 = 2, q2 = 0.5) while the product is in range;
        // √q1·√q2 rounds three times, which at ρ = ±1 shows as θ ≈ 1e-8 instead of 0.
        double product = q1 * q2;
        return product > 0x1p-1000 && product < 0x1p1000 ? Math.sqrt(product) : Math.sqrt(q1) * Math.sqrt(q2);
    }

    /** √(s² − c²) = s·sin θ computed as √(s − c)·√(s + c), clamped at 0 when |c| rounds past s. */
    public static double sinePart(double s, double c) {
        double a = s - c;
        double b = s + c;
        if (a <= 0 || b <= 0) {
            return 0.0;
        }
        return Math.sqrt(a) * Math.sqrt(b);
    }

    /** θ ∈ [0, π] with cos θ = c / s, as atan2(s sin θ, c); θ = 0 when s = c = 0. */
    public static double angle(double sinePart, double c) {
        return Math.atan2(sinePart, c);
    }
}
