package org.ntk4j.activation;

import java.util.Arrays;
import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * The duals (E[φ(u)φ(v)], E[φ'(u)φ'(v)]) of a {@link QuadratureActivation} by nested Gauss–Legendre quadrature,
 * both in one pass over the same nodes.
 *
 * <p>With s₁ = √q₁, s₂ = √q₂, ρ = c/(s₁s₂), σ = √(1 − ρ²) and independent z₁, z₂ ~ N(0, 1),
 * u = s₁z₁ and v = s₂(ρz₁ + σz₂), so
 * <pre>
 *   E[φ(u)φ(v)] = E_{z₁}[ φ(s₁z₁) ψ(ρz₁) ],   ψ(m) = E_{z₂}[ φ(s₂(m + σz₂)) ]
 * </pre>
 * and likewise for φ'. Each one-dimensional integral runs over |z| ≤ 9.5 (further for exponentially growing φ)
 * on 16-point Gauss–Legendre panels: split exactly at every kink of φ; no wider than 2.5 (the Gaussian alone);
 * within the extent X of a smooth transition no wider than 1.6ℓ/s (ℓ the analyticity length, so the error
 * per panel is below (2.85)^−32 ≈ 3e−15 of the local integrand); and in the outer integral, refined to panels
 * of width 2σ/|ρ| over ±9σ/|ρ| around the points where a kink of the inner φ crosses the conditional mean —
 * there ψ is an entire function of (m − kink)/σ (Φ and φ times polynomials). As ρ → ±1 these zones shrink with
 * σ, so the rule stays accurate at any ρ; at σ &lt; 2⁻⁵⁶ the exact one-dimensional limit
 * E[φ(s₁z)φ(±s₂z)] is used, and at q = 0 the factorised φ(0)·E[φ(s z)].
 *
 * <p>Values of φ are divided by a power of two of their typical size (φ at 0, ±s, ±3s) before products are
 * formed and the scale is restored at the end, so q from 1e−300 to 1e300 neither underflows nor overflows
 * where the true dual is representable.
 */
public final class QuadratureDual {

    static final int POINTS = 16;
    private static final double[] NODES = new double[POINTS];
    private static final double[] WEIGHTS = new double[POINTS];
    /** Half-range of the standard normal variable: P(|Z| &gt; 9.5) ≈ 2e−21. */
    static final double RANGE = 9.5;
    /** Largest panel half-width for the Gaussian weight alone. */
    static final double GAUSS_HALF_WIDTH = 1.25;
    /** Panel half-width / analyticity length (Bernstein ellipse ≥ 2.85). */
    static final double SHRINK = 0.8;
    /** Half-extent, in units of σ, of the zone where a crossing kink makes ψ change: Φ(−9) ≈ 1e−19. */
    static final double CROSSING_EXTENT = 9.0;
    /** Panel half-width in units of σ inside a crossing zone. */
    static final double CROSSING_HALF_WIDTH = 1.0;
    /** From this σ on, the inner integrals are kernel sums over one mesh ({@link #kernelSum}). */
    static final double KERNEL_SUM_SIGMA = 1.0 / 32;
    /** Below this σ the pair is treated as perfectly (anti)correlated. */
    static final double SIGMA_DEGENERATE = 0x1p-56;
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    static {
        GaussIntegrator rule = new GaussIntegratorFactory().legendreHighPrecision(POINTS, -1.0, 1.0);
        for (int i = 0; i < POINTS; i++) {
            NODES[i] = rule.getPoint(i);
            WEIGHTS[i] = rule.getWeight(i);
        }
    }

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private QuadratureDual() {
    }

    /** E[φ(u)φ(v)]. */
    public static double dual(QuadratureActivation phi, double q1, double q2, double c) {
        Workspace w = WORKSPACE.get();
        compute(phi, q1, q2, c, w);
        return w.dual;
    }

    /** E[φ'(u)φ'(v)]. */
    public static double derivativeDual(QuadratureActivation phi, double q1, double q2, double c) {
        Workspace w = WORKSPACE.get();
        compute(phi, q1, q2, c, w);
        return w.derivativeDual;
    }

    /** Both duals along a row (see {@link Activation#dualRow}); reads c[j] before writing dual[j]. */
    public static void row(QuadratureActivation phi, double q1, double[] q2, double[] c, double[] dual,
                           double[] derivativeDual, int from, int to) {
        Workspace w = WORKSPACE.get();
        for (int j = from; j < to; j++) {
            compute(phi, q1, q2[j], c[j], w);
            derivativeDual[j] = w.derivativeDual;
            dual[j] = w.dual;
        }
    }

    /** Both duals into {@code w.dual} and {@code w.derivativeDual}. */
    static void compute(QuadratureActivation phi, double q1, double q2, double c, Workspace w) {
        QuadratureActivation.Shape shape = phi.shape();
        double s1 = q1 > 0 ? Math.sqrt(q1) : 0.0;
        double s2 = q2 > 0 ? Math.sqrt(q2) : 0.0;
        if (s1 == 0 && s2 == 0) {
            phi.evaluate(new double[] {0.0}, 0, 1, w.one, w.oneD);
            w.dual = w.one[0] * w.one[0];
            w.derivativeDual = w.oneD[0] * w.oneD[0];
            return;
        }
        if (s1 == 0 || s2 == 0) {
            double s = Math.max(s1, s2);
            w.zero[0] = 0.0;
            phi.evaluate(w.zero, 0, 1, w.one, w.oneD);
            double p0 = w.one[0];
            double d0 = w.oneD[0];
            oneDimensional(phi, shape, s, 0.0, w);
            w.dual = p0 * w.dual;
            w.derivativeDual = d0 * w.derivativeDual;
            return;
        }
        double s = GaussianPair.scale(q1, q2);
        double rho = Math.max(-1.0, Math.min(1.0, c / s));
        double sigma = GaussianPair.sinePart(s, c) / s;
        if (!(sigma >= SIGMA_DEGENERATE) || !Double.isFinite(rho)) {
            oneDimensional(phi, shape, s1, rho >= 0 ? s2 : -s2, w);
            return;
        }
        twoDimensional(phi, shape, s1, s2, rho, sigma, w);
    }

    /**
     * E[φ(a z)φ(b z)] (b ≠ 0) or, with b = 0, E[φ(a z)] and E[φ'(a z)]; into w.dual and w.derivativeDual.
     */
    private static void oneDimensional(QuadratureActivation phi, QuadratureActivation.Shape shape, double a, double b,
                                       Workspace w) {
        Mesh mesh = w.outerMesh;
        mesh.reset();
        addShape(mesh, shape, 0.0, a);
        if (b != 0) {
            addShape(mesh, shape, 0.0, b);
        }
        double range = range(phi, Math.max(Math.abs(a), Math.abs(b)), w);
        int n = mesh.nodes(-range, range, w.outer());
        double[] z = w.outer.z;
        double[] x = w.outer.x;
        for (int i = 0; i < n; i++) {
            x[i] = a * z[i];
        }
        phi.evaluate(x, 0, n, w.outer.phi, w.outer.dphi);
        typicalScale(phi, a, w);
        double pa = w.valueScale;
        double da = w.derivativeScale;
        if (b == 0) {
            double sum = 0;
            double sumD = 0;
            for (int i = 0; i < n; i++) {
                double wt = w.outer.w[i];
                sum += wt * (w.outer.phi[i] / pa);
                sumD += wt * (w.outer.dphi[i] / da);
            }
            w.dual = sum * pa;
            w.derivativeDual = sumD * da;
            return;
        }
        Nodes second = w.inner(n);
        for (int i = 0; i < n; i++) {
            second.x[i] = b * z[i];
        }
        phi.evaluate(second.x, 0, n, second.phi, second.dphi);
        typicalScale(phi, b, w);
        double pb = w.valueScale;
        double db = w.derivativeScale;
        double sum = 0;
        double sumD = 0;
        for (int i = 0; i < n; i++) {
            double wt = w.outer.w[i];
            sum += wt * (w.outer.phi[i] / pa) * (second.phi[i] / pb);
            sumD += wt * (w.outer.dphi[i] / da) * (second.dphi[i] / db);
        }
        w.dual = sum * pa * pb;
        w.derivativeDual = sumD * da * db;
    }

    private static void twoDimensional(QuadratureActivation phi, QuadratureActivation.Shape shape, double s1,
                                       double s2, double rho, double sigma, Workspace w) {
        Mesh mesh = w.outerMesh;
        mesh.reset();
        addShape(mesh, shape, 0.0, s1);
        double absRho = Math.abs(rho);
        if (rho != 0) {
            // ψ(ρ z₁) changes on the scale σ/|ρ| where the inner kinks cross the conditional mean
            for (double k : shape.kinks()) {
                double centre = k / s2 / rho;
                double half = CROSSING_EXTENT * sigma / absRho;
                mesh.addBreak(centre);
                mesh.addZone(centre - half, centre + half, CROSSING_HALF_WIDTH * sigma / absRho);
            }
            double length = shape.length();
            if (length < Double.POSITIVE_INFINITY) {
                double h = SHRINK * Math.max(length / s2, sigma) / absRho;
                double ext = (shape.extent() / s2 + CROSSING_EXTENT * sigma) / absRho;
                for (double centre : shape.centres()) {
                    double zc = centre / s2 / rho;
                    mesh.addBreak(zc);
                    mesh.addZone(zc - ext, zc + ext, h);
                }
            }
        }
        double range = range(phi, Math.max(s1, s2), w);
        int n = mesh.nodes(-range, range, w.outer());
        Nodes outer = w.outer;
        for (int i = 0; i < n; i++) {
            outer.x[i] = s1 * outer.z[i];
        }
        phi.evaluate(outer.x, 0, n, outer.phi, outer.dphi);
        typicalScale(phi, s1, w);
        double p1 = w.valueScale;
        double d1 = w.derivativeScale;
        typicalScale(phi, s2, w);
        double p2 = w.valueScale;
        double d2 = w.derivativeScale;
        double b = s2 * sigma;
        double innerRange = range(phi, b, w);
        if (sigma >= KERNEL_SUM_SIGMA) {
            kernelSum(phi, shape, s2, rho, sigma, n, range, innerRange, p1, d1, p2, d2, w);
            return;
        }
        double sum = 0;
        double sumD = 0;
        Mesh innerMesh = w.innerMesh;
        for (int i = 0; i < n; i++) {
            double wi = outer.w[i];
            double fi = outer.phi[i];
            double gi = outer.dphi[i];
            double m = s2 * rho * outer.z[i];
            innerMesh.reset();
            addShape(innerMesh, shape, m, b);
            Nodes inner = w.inner(0);
            int k = innerMesh.nodes(-innerRange, innerRange, inner);
            inner = w.inner;
            double[] x = inner.x;
            double[] z = inner.z;
            for (int j = 0; j < k; j++) {
                x[j] = m + b * z[j];
            }
            phi.evaluate(x, 0, k, inner.phi, inner.dphi);
            double psi = 0;
            double psiD = 0;
            double[] wt = inner.w;
            for (int j = 0; j < k; j++) {
                psi += wt[j] * inner.phi[j];
                psiD += wt[j] * inner.dphi[j];
            }
            sum += wi * (fi / p1) * (psi / p2);
            sumD += wi * (gi / d1) * (psiD / d2);
        }
        w.dual = sum * p1 * p2;
        w.derivativeDual = sumD * d1 * d2;
    }

    /**
     * The inner integrals as Gaussian-kernel sums over one fixed mesh in y = v/s₂:
     * ψ(ρz₁) = ∫ φ(s₂y) exp(−(y − ρz₁)²/(2σ²)) dy/(σ√(2π)). The mesh is split at the kinks k/s₂, refined in the
     * transition zones, and has panels no wider than 2.5σ (the kernel's own resolution, as in the per-node
     * rule); φ is evaluated once per y-node instead of once per pair of nodes, and each outer node sums only the
     * y-nodes within innerRange·σ of its conditional mean.
     */
    private static void kernelSum(QuadratureActivation phi, QuadratureActivation.Shape shape, double s2, double rho,
                                  double sigma, int n, double range, double innerRange, double p1, double d1,
                                  double p2, double d2, Workspace w) {
        Mesh mesh = w.innerMesh;
        mesh.reset();
        mesh.baseHalfWidth = GAUSS_HALF_WIDTH * sigma;
        mesh.gaussianWeight = false;
        addShape(mesh, shape, 0.0, s2);
        double reach = innerRange * sigma;
        double extent = range * Math.abs(rho) + reach;
        Nodes y = w.inner(0);
        int k = mesh.nodes(-extent, extent, y);
        y = w.inner;
        for (int j = 0; j < k; j++) {
            y.x[j] = s2 * y.z[j];
        }
        phi.evaluate(y.x, 0, k, y.phi, y.dphi);
        for (int j = 0; j < k; j++) {
            y.phi[j] = y.w[j] * (y.phi[j] / p2);
            y.dphi[j] = y.w[j] * (y.dphi[j] / d2);
        }
        double inv = 1.0 / (sigma * Math.sqrt(2.0 * Math.PI));
        double halfInvVar = 0.5 / (sigma * sigma);
        Nodes outer = w.outer;
        double sum = 0;
        double sumD = 0;
        double[] yz = y.z;
        double[] psis = w.psis;
        int lo = 0;
        int hi = 0;
        double previous = Double.NaN;
        for (int i = 0; i < n; i++) {
            double m = rho * outer.z[i];
            // m is monotone in i (the outer nodes are sorted): search on from the last bounds when it grows.
            lo = i > 0 && m >= previous ? scanFrom(yz, k, m - reach, lo) : lowerBound(yz, k, m - reach);
            hi = i > 0 && m >= previous ? scanFrom(yz, k, m + reach, hi) : lowerBound(yz, k, m + reach);
            previous = m;
            GaussianSums.INSTANCE.sums(yz, y.phi, y.dphi, lo, hi, m, halfInvVar, psis);
            double psi = psis[0];
            double psiD = psis[1];
            double wi = outer.w[i] * inv;
            sum += wi * (outer.phi[i] / p1) * psi;
            sumD += wi * (outer.dphi[i] / d1) * psiD;
        }
        w.dual = sum * p1 * p2;
        w.derivativeDual = sumD * d1 * d2;
    }

    /**
     * {@link #lowerBound} given a start below it (a[start − 1] &lt; v or start = 0): a forward scan, which over a
     * monotone sequence of v costs O(1) each.
     */
    private static int scanFrom(double[] a, int n, double v, int start) {
        int j = start;
        while (j < n && a[j] < v) {
            j++;
        }
        return j;
    }

    /** The first index j in [0, n) with a[j] ≥ v (n if none); a is sorted. */
    private static int lowerBound(double[] a, int n, double v) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Adds the kinks and transition zones of z ↦ φ(offset + scale·z) to the mesh (scale ≠ 0). */
    private static void addShape(Mesh mesh, QuadratureActivation.Shape shape, double offset, double scale) {
        for (double k : shape.kinks()) {
            mesh.addBreak((k - offset) / scale);
        }
        double length = shape.length();
        if (length < Double.POSITIVE_INFINITY) {
            double a = Math.abs(scale);
            double h = SHRINK * length / a;
            double ext = shape.extent() / a;
            for (double centre : shape.centres()) {
                double zc = (centre - offset) / scale;
                // a transition narrower than the spacing of doubles near zc is a jump: the break splits it
                mesh.addBreak(zc);
                mesh.addZone(zc - ext, zc + ext, h);
            }
        }
    }

    /**
     * The half-range in z: 9.5, extended while φ(±s R)² ϕ(R) is not negligible against φ's typical size
     * (exponentially growing φ move the Gaussian's mass outwards).
     */
    private static double range(QuadratureActivation phi, double s, Workspace w) {
        double[] probe = w.probe;
        probeNearZero(phi, s, w);
        double typical = 0;
        for (int i = 0; i < 5; i++) {
            typical = Math.max(typical, Math.max(Math.abs(w.probeValue[i]), Math.abs(w.probeDerivative[i])));
        }
        if (!(typical > 0) || !Double.isFinite(typical)) {
            return RANGE;
        }
        double r = RANGE;
        while (r < 60) {
            probe[0] = s * r;
            probe[1] = -s * r;
            phi.evaluate(probe, 0, 2, w.probeValue, w.probeDerivative);
            double edge = 0;
            for (int i = 0; i < 2; i++) {
                edge = Math.max(edge, Math.max(Math.abs(w.probeValue[i]), Math.abs(w.probeDerivative[i])));
            }
            double ratio = edge / typical;
            if (!(ratio * ratio * Math.exp(-0.5 * r * r) > 1e-21)) {
                break;
            }
            r += 2;
        }
        return r;
    }

    /**
     * Powers of two near the typical sizes of φ and φ' on N(0, s²) (their largest magnitude at 0, ±s, ±3s), into
     * w.valueScale and w.derivativeScale (1 where that is 0 or not finite): dividing by them is exact.
     */
    private static void typicalScale(QuadratureActivation phi, double s, Workspace w) {
        probeNearZero(phi, s, w);
        w.valueScale = powerOfTwo(w.probeValue);
        w.derivativeScale = powerOfTwo(w.probeDerivative);
    }

    /** φ and φ' at 0, ±s, ±3s into w.probeValue and w.probeDerivative. */
    private static void probeNearZero(QuadratureActivation phi, double s, Workspace w) {
        double[] probe = w.probe;
        probe[0] = 0;
        probe[1] = s;
        probe[2] = -s;
        probe[3] = 3 * s;
        probe[4] = -3 * s;
        phi.evaluate(probe, 0, 5, w.probeValue, w.probeDerivative);
    }

    private static double powerOfTwo(double[] v) {
        double max = 0;
        for (double x : v) {
            double a = Math.abs(x);
            if (a > max && a < Double.POSITIVE_INFINITY) {
                max = a;
            }
        }
        return max == 0 ? 1.0 : Math.scalb(1.0, Math.getExponent(max));
    }

    /** Quadrature nodes z, Gaussian-weighted weights w (Σ w h(z) ≈ E[h(Z)]) and scratch for x, φ, φ'. */
    static final class Nodes {
        double[] z = new double[512];
        double[] w = new double[512];
        double[] x = new double[512];
        double[] phi = new double[512];
        double[] dphi = new double[512];

        void ensure(int n) {
            if (z.length < n) {
                int m = Math.max(n, 2 * z.length);
                z = Arrays.copyOf(z, m);
                w = Arrays.copyOf(w, m);
                x = new double[m];
                phi = new double[m];
                dphi = new double[m];
            }
        }
    }

    static final class Workspace {
        final Mesh outerMesh = new Mesh();
        final Mesh innerMesh = new Mesh();
        final Nodes outer = new Nodes();
        final Nodes inner = new Nodes();
        final double[] one = new double[1];
        final double[] oneD = new double[1];
        final double[] zero = new double[1];
        final double[] probe = new double[5];
        final double[] probeValue = new double[5];
        final double[] probeDerivative = new double[5];
        /** The two inner sums of one outer node ({@link GaussianSums}). */
        final double[] psis = new double[2];
        double dual;
        double derivativeDual;
        double valueScale;
        double derivativeScale;

        Nodes outer() {
            return outer;
        }

        Nodes inner(int n) {
            inner.ensure(n);
            return inner;
        }
    }

    /**
     * Panels on [lo, hi]: split at every break and zone boundary, and each gap cut into equal panels no wider
     * than twice the smallest half-width of the zones that cover it (the Gaussian's own limit everywhere).
     */
    static final class Mesh {
        private double[] breaks = new double[32];
        private int nBreaks;
        private double[] zoneLo = new double[16];
        private double[] zoneHi = new double[16];
        private double[] zoneH = new double[16];
        private int nZones;
        private double[] points = new double[64];
        /** The largest panel half-width anywhere. */
        double baseHalfWidth = GAUSS_HALF_WIDTH;
        /** Whether the weights include the standard normal density. */
        boolean gaussianWeight = true;

        void reset() {
            nBreaks = 0;
            nZones = 0;
            baseHalfWidth = GAUSS_HALF_WIDTH;
            gaussianWeight = true;
        }

        void addBreak(double z) {
            if (Double.isFinite(z)) {
                if (nBreaks == breaks.length) {
                    breaks = Arrays.copyOf(breaks, 2 * nBreaks);
                }
                breaks[nBreaks++] = z;
            }
        }

        void addZone(double lo, double hi, double halfWidth) {
            if (!(halfWidth > 0) || !(hi > lo) || halfWidth == Double.POSITIVE_INFINITY) {
                return;
            }
            if (nZones == zoneLo.length) {
                zoneLo = Arrays.copyOf(zoneLo, 2 * nZones);
                zoneHi = Arrays.copyOf(zoneHi, 2 * nZones);
                zoneH = Arrays.copyOf(zoneH, 2 * nZones);
            }
            zoneLo[nZones] = lo;
            zoneHi[nZones] = hi;
            zoneH[nZones] = halfWidth;
            nZones++;
        }

        /** Fills {@code out} with the nodes and weights on [lo, hi]; returns their number. */
        int nodes(double lo, double hi, Nodes out) {
            int np = 0;
            int need = 2 + nBreaks + 2 * nZones;
            if (points.length < need) {
                points = new double[2 * need];
            }
            points[np++] = lo;
            points[np++] = hi;
            for (int i = 0; i < nBreaks; i++) {
                if (breaks[i] > lo && breaks[i] < hi) {
                    points[np++] = breaks[i];
                }
            }
            for (int i = 0; i < nZones; i++) {
                if (zoneLo[i] > lo && zoneLo[i] < hi) {
                    points[np++] = zoneLo[i];
                }
                if (zoneHi[i] > lo && zoneHi[i] < hi) {
                    points[np++] = zoneHi[i];
                }
            }
            Arrays.sort(points, 0, np);
            int n = 0;
            for (int p = 0; p + 1 < np; p++) {
                double a = points[p];
                double b = points[p + 1];
                if (!(b > a)) {
                    continue;
                }
                double h = baseHalfWidth;
                for (int i = 0; i < nZones; i++) {
                    if (zoneLo[i] < b && zoneHi[i] > a && zoneH[i] < h) {
                        h = zoneH[i];
                    }
                }
                double count = Math.ceil((b - a) / (2 * h));
                int panels = (int) Math.min(count, 100_000);
                out.ensure(n + panels * POINTS);
                double step = (b - a) / panels;
                for (int k = 0; k < panels; k++) {
                    double pa = a + k * step;
                    double pb = k == panels - 1 ? b : a + (k + 1) * step;
                    double half = 0.5 * (pb - pa);
                    double mid = 0.5 * (pa + pb);
                    if (!(half > 0)) {
                        continue;
                    }
                    for (int i = 0; i < POINTS; i++) {
                        double z = mid + half * NODES[i];
                        out.z[n] = z;
                        out.w[n] = gaussianWeight ? WEIGHTS[i] * half * Math.exp(-0.5 * z * z) * INV_SQRT_2PI
                                : WEIGHTS[i] * half;
                        n++;
                    }
                }
            }
            return n;
        }
    }
}
