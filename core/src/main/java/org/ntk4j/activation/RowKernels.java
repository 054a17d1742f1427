package org.ntk4j.activation;

/**
 * The row forms of the closed-form duals ({@link Activation#dualRow}) that the Gram-matrix recursion spends its
 * time in. Two implementations with bit-identical results: {@link Scalar}, and {@code VectorRowKernels} (the
 * incubating Vector API, SIMD over 4 or 8 entries), which is used when the JVM runs with
 * {@code --add-modules jdk.incubator.vector} (the {@code ntk4j} launcher and the benchmarks do) unless the system
 * property {@code ntk4j.vector=false}; plain JDK 17 without the flag uses {@link Scalar}.
 */
interface RowKernels {

    RowKernels INSTANCE = choose();

    /** ReLU: Σ' = (s sin θ + (π − θ) c)/(2π), Σ̇ = (π − θ)/(2π), see {@link Relu}. */
    void relu(double q1, double[] q2, double[] c, double[] dual, double[] derivativeDual, int from, int to);

    /**
     * erf: Σ' = (2/π) atan2(2c, R) = (4/π) atan(c/(R/2 + √(q1 + 1/2)·√(q2 + 1/2))) and Σ̇ = 4/(πR), see
     * {@link Erf}.
     */
    void erf(double q1, double[] q2, double[] c, double[] dual, double[] derivativeDual, int from, int to);

    /**
     * GELU (φ(x) = xΦ(x), see {@link Gelu}): with p = 1 + q, R = √(p1 p2 − c²) and π − ψ = atan2(R, −c),
     * Σ' = [c(π − ψ) + (q1/p1)(q2/p2) R + c²/(p1 p2 R)]/(2π) and Σ̇ = [(π − ψ) + (c/R)(1/p1 + 1/p2 + 1/R²)]/(2π).
     */
    void gelu(double q1, double[] q2, double[] c, double[] dual, double[] derivativeDual, int from, int to);

    /**
     * abrelu(a, b) (φ = a·min(x, 0) + b·max(x, 0), see {@link AbRelu}): Σ̇ = [(a² + b²)(π − θ) + 2ab θ]/(2π) and
     * Σ' = [(a − b)² s sin θ + c·2πΣ̇]/(2π), with θ = atan2(s sin θ, c) and π − θ = atan2(s sin θ, −c) from one
     * octant reduction and one polynomial (−0 read as +0). For a = −b (|x| up to scale) Σ̇ = (a − b)² ψ/(2π) with
     * ψ = π/2 − θ = asin ρ = atan2(c, s sin θ), from the same reduction: no cancellation where Σ̇ crosses zero at
     * ρ = 0. {@link AbRelu} uses it when ab ≥ 0 (the two angle terms add) and when a = −b.
     */
    void abRelu(double a, double b, double q1, double[] q2, double[] c, double[] dual, double[] derivativeDual,
                int from, int to);

    /**
     * θ_j = atan2(√(q1 q2[j] − c[j]²), c[j]) ∈ [0, π], the angle between the Gaussians, to {@code theta[j]}
     * (accurate to a few ulps of π; θ = 0 exactly for c = q1 = q2).
     */
    void angles(double q1, double[] q2, double[] c, double[] theta, int from, int to);

    /**
     * ReLU followed by an NTK-parameterised dense layer, in place along a row: with (Σ', Σ̇) the duals of
     * {@link #relu} at (q1, q2[j], k[j]), k[j] ← w Σ' + b and t[j] ← k[j] + w (t[j] Σ̇) (Θ of the NTK recursion),
     * each with exactly the operations of {@link #relu} followed by that pass, so the results are theirs bit for
     * bit. Only for variances already checked: q1 and every q2[j] in [1e-100, 1e100], and to − from a multiple of
     * {@link #lanes} (see {@link DualStack}).
     */
    void reluDense(double q1, double[] q2, double w, double b, double[] k, double[] t, int from, int to);

    /**
     * As {@link #reluDense} for erf ({@link #erf}), given the column variances halved, halfQ2[j] = q2[j]/2 (exact,
     * which lets the vector kernel work at half scale without changing a rounding), and the roots of the half-angle
     * form, shiftedRoots[j] = √(q2[j] + 1/2).
     */
    void erfDense(double q1, double[] halfQ2, double[] shiftedRoots, double w, double b, double[] k, double[] t,
                  int from, int to);

    /**
     * As {@link #reluDense} for abrelu(a, b) ({@link #abRelu}), with σ_w² = sw and σ_b² = sb; for ab ≥ 0 or a = −b,
     * where {@link AbRelu} uses {@link #abRelu}.
     */
    void abReluDense(double a, double b, double q1, double[] q2, double sw, double sb, double[] k, double[] t,
                     int from, int to);

    /**
     * As {@link #reluDense} for GELU ({@link #gelu}), with the column quantities ip2[j] = 1/(1 + q2[j]) and
     * h2[j] = q2[j]·ip2[j] given (computed once per matrix and layer, as {@link #gelu} computes them per entry).
     */
    void geluDense(double q1, double[] q2, double[] ip2, double[] h2, double w, double b, double[] k, double[] t,
                   int from, int to);

    /** The entries the kernels compute at once (the SIMD width; 1 for the scalar kernels). */
    int lanes();

    /** Whether this is the SIMD implementation. */
    boolean vectorized();

    private static RowKernels choose() {
        return VectorApi.choose(RowKernels.class, "org.ntk4j.activation.VectorRowKernels", Scalar::new);
    }

    /** The scalar kernels; the vector kernels mirror every operation, lane by lane. */
    final class Scalar implements RowKernels {

        private static final double INV_TWO_PI = 1.0 / (2.0 * Math.PI);
        private static final double TWO_OVER_PI = 2.0 / Math.PI;
        private static final double FOUR_OVER_PI = 4.0 / Math.PI;
        /**
         * The fast paths need q1 and q2 in [LOW, HIGH]: then q1 q2 and its rounding error are normal doubles, so
         * q1 q2 − c² is formed to a few ulps without square roots of the variances (see {@link #sine2}).
         */
        static final double LOW = 1e-100;
        static final double HIGH = 1e100;

        @Override
        public boolean vectorized() {
            return false;
        }

        static boolean inRange(double q) {
            return q >= LOW && q <= HIGH;
        }

        @Override
        public int lanes() {
            return 1;
        }

        /**
         * q1 q2 − c² = s² sin²θ, formed as fma(−c, c, p) + e with p = fl(q1 q2) and e = q1 q2 − p exact (an
         * error-free product): no cancellation is lost near ρ = ±1, it is exactly 0 for c = q1 = q2, and it needs no
         * √q1, √q2. Negative values (|c| rounded past s) mean 0.
         */
        static double sine2(double q1, double qj, double cj) {
            double p = q1 * qj;
            double e = Math.fma(q1, qj, -p);
            return Math.fma(-cj, cj, p) + e;
        }

        /**
         * s sin θ = √(q1 q2 − c²) by {@link #sine2}, or by the conditioned {@link GaussianPair} route when a variance
         * is outside [1e-100, 1e100] ({@code q1InRange} says whether q1 is inside).
         */
        static double sinePart(boolean q1InRange, double q1, double qj, double cj) {
            if (q1InRange && inRange(qj)) {
                double d = sine2(q1, qj, cj);
                return d > 0 ? Math.sqrt(d) : 0.0;
            }
            return GaussianPair.sinePart(GaussianPair.scale(q1, qj), cj);
        }

        /**
         * The sine part s sin θ = √(q1 q2 − c²) by {@link #sinePart}, and π − θ = atan2(s sin θ, −c) by the fast
         * {@link ArcTangent}, accurate relative to π − θ itself (also for nearly antiparallel pairs). Variances
         * outside [1e-100, 1e100] take the conditioned {@link GaussianPair} route.
         */
        @Override
        public void relu(double q1, double[] q2, double[] c, double[] dual, double[] derivativeDual, int from, int to) {
            boolean q1InRange = inRange(q1);
            for (int j = from; j < to; j++) {
                double cj = c[j];
                double qj = q2[j];
                double root = sinePart(q1InRange, q1, qj, cj);
                double piMinusTheta = ArcTangent.atan2(root, -cj);
                derivativeDual[j] = piMinusTheta * INV_TWO_PI;
                dual[j] = Math.fma(piMinusTheta, cj, root) * INV_TWO_PI;
            }
        }

        /**
         * θ, π − θ and ψ = asin ρ by {@link ArcTangent#atan2} of (root, c), (root, −c) and (c, root), which perform
         * the same operations up to the final selections (what the vector kernel shares, so both agree bit for
         * bit). Variances outside [1e-100, 1e100] take the {@link GaussianPair} route.
         */
        @Override
        public void abRelu(double a, double b, double q1, double[] q2, double[] c, double[] dual,
                           double[] derivativeDual, int from, int to) {
            boolean q1InRange = inRange(q1);
            boolean even = a == -b;
            double squares = even ? 0.0 : a * a + b * b;
            double cross = even ? 0.0 : 2 * a * b;
            double d2 = (a - b) * (a - b);
            double arcsine = even ? d2 : 0.0;
            for (int j = from; j < to; j++) {
                double cj = c[j] + 0.0;   // −0 → +0, so that q = 0 gives θ = 0 like the diagonal
                double qj = q2[j];
                double root = sinePart(q1InRange, q1, qj, cj);
                // ψ = π/2 − θ; at root = c = 0 (a zero variance) θ = 0 by convention, the diagonal limit
                double psi = root == 0 && cj == 0 ? ArcTangent.PI_2 : ArcTangent.atan2(cj, root);
                double slope = squares * ArcTangent.atan2(root, -cj) + cross * ArcTangent.atan2(root, cj)
                        + arcsine * psi;
                derivativeDual[j] = slope * INV_TWO_PI;
                dual[j] = Math.fma(slope, cj, root * d2) * INV_TWO_PI;
            }
        }

        @Override
        public void angles(double q1, double[] q2, double[] c, double[] theta, int from, int to) {
            boolean q1InRange = inRange(q1);
            for (int j = from; j < to; j++) {
                double cj = c[j];
                double qj = q2[j];
                double root = sinePart(q1InRange, q1, qj, cj);
                theta[j] = ArcTangent.atan2(root, cj + 0.0);   // + 0.0: no −0 (see ArcTangent)
            }
        }

        /**
         * R² = 1 + q1 + q2 + (q1 q2 − c²) is a sum of non-negative terms (no cancellation), so R is one square root
         * instead of {@code hypot}, and the quotients are 1/R and 1/p per input: three divisions in all, one of
         * them inside the fast {@link ArcTangent}. Every formula is symmetric in (q1, q2) bit for bit. Variances
         * outside [1e-100, 1e100] take the scalar closed form of {@link Gelu}.
         */
        @Override
        public void gelu(double q1, double[] q2, double[] c, double[] dual, double[] derivativeDual, int from, int to) {
            boolean q1InRange = inRange(q1);
            double ip1 = 1.0 / (1.0 + q1);
            double h1 = q1 * ip1;
            for (int j = from; j < to; j++) {
                double cj = c[j];
                double qj = q2[j];
                if (!(q1InRange && inRange(qj))) {
                    derivativeDual[j] = Gelu.derivativeDualByHypot(q1, qj, cj);
                    dual[j] = Gelu.dualByHypot(q1, qj, cj);
                    continue;
                }
                double d = sine2(q1, qj, cj);
                double r = Math.sqrt(((q1 + qj) + 1.0) + (d > 0 ? d : 0.0));
                double angle = ArcTangent.atan2(r, -cj);
                double ir = 1.0 / r;
                double ip2 = 1.0 / (1.0 + qj);
                double h2 = qj * ip2;
                double cr = cj * ir;
                derivativeDual[j] = (angle + cr * ((ip1 + ip2) + ir * ir)) * INV_TWO_PI;
                dual[j] = ((cj * angle + (h1 * h2) * r) + (cj * cr) * (ip1 * ip2)) * INV_TWO_PI;
            }
        }

        /**
         * R² = 1 + 2q1 + 2q2 + 4(q1 q2 − c²) is a sum of non-negative terms (no cancellation), so R is one square
         * root instead of {@code hypot}. The angle ψ = atan2(2c, R) = asin(2c/√((1 + 2q1)(1 + 2q2))) is halved:
         * with s = √(q + 1/2), (R/2)² + c² = s1² s2², so ψ = 2 atan(c / (R/2 + s1 s2)), whose argument lies in
         * (−1, 1) with a positive denominator (no cancellation, no octant selection; |ψ/2| &gt; π/8 only for
         * |2c|/√((1 + 2q1)(1 + 2q2)) &gt; 1/√2). Variances outside [1e-100, 1e100] take the hypot form of
         * {@link Erf}. Every formula here is symmetric in (q1, q2) bit for bit (q1 + q2, q1·q2, s1·s2), so
         * Σ(x, z) = Σ(z, x) exactly whichever input is the row.
         */
        @Override
        public void erf(double q1, double[] q2, double[] c, double[] dual, double[] derivativeDual, int from, int to) {
            boolean q1InRange = inRange(q1);
            double s1 = Math.sqrt(q1 + 0.5);
            for (int j = from; j < to; j++) {
                double cj = c[j];
                double qj = q2[j];
                if (q1InRange && inRange(qj)) {
                    double d = sine2(q1, qj, cj);
                    double rr = Math.sqrt(Math.fma(4.0, d > 0 ? d : 0.0, 2.0 * (q1 + qj) + 1.0));
                    derivativeDual[j] = FOUR_OVER_PI / rr;
                    // c = −0 gives Σ' = +0: atan(−0) is +0 (see ArcTangent#atan)
                    double u = cj / Math.fma(s1, Math.sqrt(qj + 0.5), 0.5 * rr);
                    // |u| > 1 only for a covariance beyond s1 s2 > √(q1 q2), which no Gaussian pair has; for such
                    // input the arctangent of the (clamped) R keeps the result finite and within [−1, 1]
                    dual[j] = Math.abs(u) <= 1 ? FOUR_OVER_PI * ArcTangent.atan(u)
                            : TWO_OVER_PI * ArcTangent.atan2(2.0 * cj, rr);
                } else {
                    double sine = GaussianPair.sinePart(GaussianPair.scale(q1, qj), cj);
                    double rr = Math.hypot(Math.sqrt(2.0 * (q1 + qj) + 1.0), 2.0 * sine);
                    derivativeDual[j] = FOUR_OVER_PI / rr;
                    dual[j] = TWO_OVER_PI * ArcTangent.atan2(2.0 * cj + 0.0, rr);  // + 0.0: no −0 (see ArcTangent)
                }
            }
        }

        @Override
        public void reluDense(double q1, double[] q2, double w, double b, double[] k, double[] t, int from, int to) {
            for (int j = from; j < to; j++) {
                double cj = k[j];
                double root = sinePart(true, q1, q2[j], cj);
                double piMinusTheta = ArcTangent.atan2(root, -cj);
                double derivative = piMinusTheta * INV_TWO_PI;
                double kj = w * (Math.fma(piMinusTheta, cj, root) * INV_TWO_PI) + b;
                k[j] = kj;
                t[j] = kj + w * (t[j] * derivative);
            }
        }

        @Override
        public void abReluDense(double a, double b, double q1, double[] q2, double sw, double sb, double[] k,
                                double[] t, int from, int to) {
            boolean even = a == -b;
            double squares = even ? 0.0 : a * a + b * b;
            double cross = even ? 0.0 : 2 * a * b;
            double d2 = (a - b) * (a - b);
            double arcsine = even ? d2 : 0.0;
            for (int j = from; j < to; j++) {
                double cj = k[j] + 0.0;
                double root = sinePart(true, q1, q2[j], cj);
                double psi = root == 0 && cj == 0 ? ArcTangent.PI_2 : ArcTangent.atan2(cj, root);
                double slope = squares * ArcTangent.atan2(root, -cj) + cross * ArcTangent.atan2(root, cj)
                        + arcsine * psi;
                double derivative = slope * INV_TWO_PI;
                double kj = sw * (Math.fma(slope, cj, root * d2) * INV_TWO_PI) + sb;
                k[j] = kj;
                t[j] = kj + sw * (t[j] * derivative);
            }
        }

        @Override
        public void geluDense(double q1, double[] q2, double[] ip2, double[] h2, double w, double b, double[] k,
                              double[] t, int from, int to) {
            double ip1 = 1.0 / (1.0 + q1);
            double h1 = q1 * ip1;
            for (int j = from; j < to; j++) {
                double cj = k[j];
                double qj = q2[j];
                double d = sine2(q1, qj, cj);
                double r = Math.sqrt(((q1 + qj) + 1.0) + (d > 0 ? d : 0.0));
                double angle = ArcTangent.atan2(r, -cj);
                double ir = 1.0 / r;
                double cr = cj * ir;
                double derivative = (angle + cr * ((ip1 + ip2[j]) + ir * ir)) * INV_TWO_PI;
                double kj = w * (((cj * angle + (h1 * h2[j]) * r) + (cj * cr) * (ip1 * ip2[j])) * INV_TWO_PI) + b;
                k[j] = kj;
                t[j] = kj + w * (t[j] * derivative);
            }
        }

        @Override
        public void erfDense(double q1, double[] halfQ2, double[] shiftedRoots, double w, double b, double[] k,
                             double[] t, int from, int to) {
            double s1 = Math.sqrt(q1 + 0.5);
            for (int j = from; j < to; j++) {
                double cj = k[j];
                double qj = 2.0 * halfQ2[j];
                double d = sine2(q1, qj, cj);
                double rr = Math.sqrt(Math.fma(4.0, d > 0 ? d : 0.0, 2.0 * (q1 + qj) + 1.0));
                double derivative = FOUR_OVER_PI / rr;
                double kj = w * (FOUR_OVER_PI * ArcTangent.atan(cj / Math.fma(s1, shiftedRoots[j], 0.5 * rr))) + b;
                k[j] = kj;
                t[j] = kj + w * (t[j] * derivative);
            }
        }
    }
}
