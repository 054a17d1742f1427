package org.ntk4j.testing;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * Test reference: E[f(u) g(v)] for (u, v) ~ N(0, [[q1, c], [c, q2]]) by nested composite Gauss–Legendre
 * quadrature, written independently of the production duals. With u = √q1 z1 and
 * v = √q2 (ρ z1 + √(1 − ρ²) z2), the inner integral over z2 is split at the kinks of g and the outer one over z1
 * at the kinks of f and at the places where a kink of g crosses the inner mean, with panels graded towards those
 * places; ρ = ±1 and q = 0 are handled as the degenerate one-dimensional cases. Accurate to about 1e-13
 * relative for the activations of ntk4j at |ρ| ≤ 0.999.
 */
public final class GaussianExpectation {

    private static final double RANGE = 13.0;
    private static final double PANEL = 0.25;
    private static final int POINTS = 24;
    private static final double[] NODES;
    private static final double[] WEIGHTS;
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    static {
        GaussIntegrator rule = new GaussIntegratorFactory().legendreHighPrecision(POINTS, -1.0, 1.0);
        NODES = new double[POINTS];
        WEIGHTS = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            NODES[i] = rule.getPoint(i);
            WEIGHTS[i] = rule.getWeight(i);
        }
    }

    /** Nodes and weights of the smooth route: 24-point Gauss–Legendre on unit panels of [−13, 13], times the density. */
    private static final double[] SMOOTH_NODES;
    private static final double[] SMOOTH_WEIGHTS;

    static {
        int panels = (int) Math.round(2 * RANGE);
        SMOOTH_NODES = new double[panels * POINTS];
        SMOOTH_WEIGHTS = new double[panels * POINTS];
        for (int p = 0; p < panels; p++) {
            double mid = -RANGE + p + 0.5;
            for (int i = 0; i < POINTS; i++) {
                double z = mid + 0.5 * NODES[i];
                SMOOTH_NODES[p * POINTS + i] = z;
                SMOOTH_WEIGHTS[p * POINTS + i] = 0.5 * WEIGHTS[i] * Math.exp(-0.5 * z * z) * INV_SQRT_2PI;
            }
        }
    }

    private GaussianExpectation() {
    }

    /**
     * E[f(u) g(v)] for smooth f and g (no kinks), with u = √q1 z1 and v = √q2 (ρ z1 + √(1 − ρ²) z2), by a tensor
     * 24-point Gauss–Legendre rule on unit panels of [−13, 13]² (624² nodes): about twenty times cheaper than
     * {@link #of}, and as accurate for functions that vary on scales above ~0.2 in z (checked against {@link #of}
     * and closed forms in GaussianExpectationTest). Not for functions with kinks or jumps.
     */
    public static double smooth(DoubleUnaryOperator f, DoubleUnaryOperator g, double q1, double q2, double c) {
        double s1 = Math.sqrt(q1);
        double s2 = Math.sqrt(q2);
        double rho = s1 == 0 || s2 == 0 ? 0.0 : Math.max(-1.0, Math.min(1.0, c / (s1 * s2)));
        double sigma = Math.sqrt(Math.max(0.0, (1.0 - rho) * (1.0 + rho)));
        int n = SMOOTH_NODES.length;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double z1 = SMOOTH_NODES[i];
            double fi = f.applyAsDouble(s1 * z1);
            double inner = 0;
            for (int j = 0; j < n; j++) {
                inner += SMOOTH_WEIGHTS[j] * g.applyAsDouble(s2 * (rho * z1 + sigma * SMOOTH_NODES[j]));
            }
            sum += SMOOTH_WEIGHTS[i] * fi * inner;
        }
        return sum;
    }

    /** E[f(u) g(v)]; {@code kinksF}, {@code kinksG} list the points where f and g are not smooth. */
    public static double of(DoubleUnaryOperator f, double[] kinksF, DoubleUnaryOperator g, double[] kinksG,
                            double q1, double q2, double c) {
        double s1 = Math.sqrt(q1);
        double s2 = Math.sqrt(q2);
        if (s1 == 0 && s2 == 0) {
            return f.applyAsDouble(0) * g.applyAsDouble(0);
        }
        if (s1 == 0) {
            return f.applyAsDouble(0) * oneDimensional(z -> g.applyAsDouble(s2 * z), scaled(kinksG, s2));
        }
        if (s2 == 0) {
            return g.applyAsDouble(0) * oneDimensional(z -> f.applyAsDouble(s1 * z), scaled(kinksF, s1));
        }
        double rho = Math.max(-1.0, Math.min(1.0, c / (s1 * s2)));
        double sigma = Math.sqrt(Math.max(0.0, 1.0 - rho * rho));
        double[] outerKinks = concat(scaled(kinksF, s1), rho == 0 ? new double[0] : scaled(kinksG, s2 * rho));
        if (sigma == 0) {
            return oneDimensional(z -> f.applyAsDouble(s1 * z) * g.applyAsDouble(s2 * rho * z), outerKinks);
        }
        double[] grade = rho == 0 ? new double[0] : scaled(kinksG, s2 * rho);
        DoubleUnaryOperator inner = z1 -> {
            double mean = rho * z1;
            double[] innerKinks = new double[kinksG.length];
            for (int k = 0; k < kinksG.length; k++) {
                innerKinks[k] = (kinksG[k] / s2 - mean) / sigma;
            }
            return oneDimensional(z2 -> g.applyAsDouble(s2 * (mean + sigma * z2)), innerKinks);
        };
        return oneDimensionalGraded(z1 -> f.applyAsDouble(s1 * z1) * inner.applyAsDouble(z1), outerKinks, grade, sigma / Math.abs(rho));
    }

    /** E[h(Z)] for Z ~ N(0, 1), splitting at {@code kinks}. */
    public static double oneDimensional(DoubleUnaryOperator h, double[] kinks) {
        return oneDimensionalGraded(h, kinks, new double[0], 1.0);
    }

    /**
     * E[h(Z)] for Z ~ N(0, 1): panels of width ≤ 0.25 on [−13, 13], edges at {@code kinks}, and around each point of
     * {@code grade} extra edges at distances width·2^k (k = −4..5) where h changes on the scale {@code width}.
     */
    static double oneDimensionalGraded(DoubleUnaryOperator h, double[] kinks, double[] grade, double width) {
        double[] edges = edges(kinks, grade, width);
        double sum = 0;
        for (int p = 0; p + 1 < edges.length; p++) {
            double a = edges[p];
            double b = edges[p + 1];
            double half = 0.5 * (b - a);
            double mid = 0.5 * (a + b);
            double panel = 0;
            for (int i = 0; i < POINTS; i++) {
                double z = mid + half * NODES[i];
                panel += WEIGHTS[i] * h.applyAsDouble(z) * Math.exp(-0.5 * z * z);
            }
            sum += panel * half;
        }
        return sum * INV_SQRT_2PI;
    }

    private static double[] edges(double[] kinks, double[] grade, double width) {
        int uniform = (int) Math.round(2 * RANGE / PANEL);
        double[] e = new double[uniform + 1 + kinks.length + grade.length * 20];
        int n = 0;
        for (int i = 0; i <= uniform; i++) {
            e[n++] = -RANGE + i * PANEL;
        }
        for (double k : kinks) {
            if (Math.abs(k) < RANGE) {
                e[n++] = k;
            }
        }
        for (double g : grade) {
            for (int k = -4; k <= 5; k++) {
                double off = width * Math.pow(2, k);
                if (off < PANEL) {
                    if (Math.abs(g + off) < RANGE) {
                        e[n++] = g + off;
                    }
                    if (Math.abs(g - off) < RANGE) {
                        e[n++] = g - off;
                    }
                }
            }
        }
        double[] sorted = Arrays.copyOf(e, n);
        Arrays.sort(sorted);
        double[] out = new double[n];
        int m = 0;
        for (double v : sorted) {
            if (m == 0 || v - out[m - 1] > 1e-12) {
                out[m++] = v;
            }
        }
        return Arrays.copyOf(out, m);
    }

    private static double[] scaled(double[] kinks, double scale) {
        double[] out = new double[kinks.length];
        for (int i = 0; i < kinks.length; i++) {
            out[i] = kinks[i] / scale;
        }
        return out;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
