package org.ntk4j.activation.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.ntk4j.activation.AbRelu;
import org.ntk4j.activation.DualStack;
import org.ntk4j.activation.PiecewiseLinear;
import org.ntk4j.activation.PreciseDual;
import org.ntk4j.activation.QuadratureActivation;
import org.ntk4j.activation.QuadratureDual;

/**
 * An activation given by an expression in x ({@code expr:x*tanh(log(1+exp(x)))}): φ is evaluated in double,
 * φ' exactly by forward-mode automatic differentiation on primitives ({@link Node#forward}), never by
 * finite differences. The duals come from {@link QuadratureDual}, except for piecewise-linear expressions (x and
 * constants combined by +, −, scaling, abs, relu, max and min), whose duals are the exact sums of
 * {@link PiecewiseLinear}. Among those, a two-slope ReLU through the origin, φ(x) = a·min(x, 0) + b·max(x, 0)
 * (at most one kink, at 0, and zero intercepts: {@code max(0,x)}, {@code abs(x)}, {@code max(x,0.2*x)},
 * {@code 2*x}; see {@link PiecewiseLinear#twoSlopeRelu}), takes the closed forms of {@link AbRelu abrelu(a, b)}
 * for every dual, row and arbitrary-precision dual, its parity, and its convention at variance 0 (Σ̇ = (a² + b²)/2
 * at q1 = q2 = 0, the limit along the diagonal, where the orthant sums would give φ'(0)²); φ, φ', the shape and the
 * spec stay the expression's.
 *
 * <p>At parse time the expression is analysed on a grid of x (step 1/64 on [−64, 64] plus a logarithmic grid
 * from 1e−12 to 1e4 on both sides):
 * <ul>
 *   <li>kinks: the roots of the arguments of abs and relu and of a − b in max(a, b), min(a, b), and the domain
 *       edges of sqrt, log, log1p and fractional powers, each located by bisection to the last bit; the
 *       quadrature splits there;</li>
 *   <li>transition centres: the roots of the arguments of exp, expm1, tanh, sigmoid, softplus, erf, erfc,
 *       atan and asinh (and 0), where the quadrature refines;</li>
 *   <li>finiteness: φ and φ' must be finite at every grid point with |x| ≤ 64 and at every kink, and the
 *       expression must stay bounded at the roots of denominators, of bases with negative powers and of cos
 *       inside tan; otherwise a one-line {@link IllegalArgumentException} names the sub-expression, its
 *       position and the x where it fails;</li>
 *   <li>the analyticity length ℓ of the transitions is calibrated: the duals at a few test covariances are
 *       computed with ℓ = 2, 1, 1/2, … until two successive lengths agree to 1e−13 (one-dimensional
 *       expectations E[φ(sZ)²], E[φ'(sZ)²] at s = 0.5, 2, 10).</li>
 * </ul>
 * Transitions are assumed to settle within |x − centre| ≤ 60 (true of every expression built from the
 * sigmoid-like functions above); an expression that oscillates without end (sin(x)) is integrated accurately
 * only while the Gaussian's mass stays within that zone (√q ≲ 6).
 */
public final class ExpressionActivation implements QuadratureActivation {

    private static final double EXTENT = 60.0;
    private static final double[] GRID = grid();
    /** Standard deviations at which ℓ is calibrated. */
    private static final double[] CALIBRATION = {0.5, 2, 10};

    private final String source;
    private final Node root;
    private final Shape shape;
    /** The exact pieces of a piecewise-linear expression (see {@link #piecewiseLinear}), else null. */
    private final PiecewiseLinear pieces;
    /** The same φ as a two-slope ReLU ({@link PiecewiseLinear#twoSlopeRelu}) when it is one, else null. */
    private final AbRelu closedForm;

    private ExpressionActivation(String source, Node root, Shape shape) {
        this.source = source;
        this.root = root;
        this.shape = shape;
        this.pieces = piecewiseLinear(root) ? PiecewiseLinear.fit(this::value, this::derivative, shape.kinks()) : null;
        this.closedForm = pieces == null ? null : pieces.twoSlopeRelu().orElse(null);
    }

    /**
     * Whether the tree only combines x and constants by sums, differences, products and quotients by constants,
     * abs, relu, max and min: then φ is linear between its kinks, and its duals are the exact sums of
     * {@link PiecewiseLinear} (which also checks the pieces against φ).
     */
    private static boolean piecewiseLinear(Node n) {
        if (n.isConstant() || n instanceof Nodes.Variable) {
            return true;
        }
        if (n instanceof Nodes.Negation negation) {
            return piecewiseLinear(negation.operand);
        }
        if (n instanceof Nodes.Binary b) {
            return switch (b.op) {
                case '+', '-' -> piecewiseLinear(b.left) && piecewiseLinear(b.right);
                case '*' -> (b.left.isConstant() && piecewiseLinear(b.right))
                        || (b.right.isConstant() && piecewiseLinear(b.left));
                case '/' -> b.right.isConstant() && piecewiseLinear(b.left);
                default -> false;
            };
        }
        if (n instanceof Nodes.Call call) {
            String name = call.function.name();
            if (!name.equals("abs") && !name.equals("relu") && !name.equals("max") && !name.equals("min")) {
                return false;
            }
            for (Node a : call.arguments) {
                if (!piecewiseLinear(a)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * True for every piecewise-linear expression, the two-slope ReLUs included (those also report
     * {@link #hasClosedFormDual}, and their duals are {@link AbRelu}'s rather than the orthant sums).
     */
    @Override
    public boolean isPiecewiseLinear() {
        return pieces != null;
    }

    /** True when the expression is a two-slope ReLU a·min(x, 0) + b·max(x, 0) and its duals are AbRelu's. */
    @Override
    public boolean hasClosedFormDual() {
        return closedForm != null;
    }

    /** AbRelu's arbitrary-precision duals for a two-slope ReLU (so certified spectra accept it), else empty. */
    @Override
    public Optional<PreciseDual> preciseDual() {
        return closedForm == null ? Optional.empty() : Optional.of(closedForm);
    }

    /** AbRelu's parity for a two-slope ReLU (abs: even, a·x: odd), else {@link Parity#NEITHER}. */
    @Override
    public Parity parity() {
        return closedForm == null ? Parity.NEITHER : closedForm.parity();
    }

    /**
     * Parses and analyses an expression (the text after {@code expr:}).
     *
     * @throws IllegalArgumentException with a one-line message naming the problem and its position
     */
    public static ExpressionActivation parse(String source) {
        String src = source.strip();
        Node root = ExpressionParser.parse(src);
        List<Node.Switch> switches = new ArrayList<>();
        root.allSwitches(switches);
        TreeSet<Double> kinks = new TreeSet<>();
        TreeSet<Double> centres = new TreeSet<>();
        centres.add(0.0);
        for (Node.Switch s : switches) {
            double[] roots = roots(s.function());
            for (double r : roots) {
                switch (s.kind()) {
                    case KINK, DOMAIN -> kinks.add(r);
                    case FEATURE -> centres.add(r);
                    case POLE -> {
                        checkBounded(src, root, s, r);
                        kinks.add(r);
                    }
                }
            }
        }
        for (double x : GRID) {
            if (Math.abs(x) <= 64) {
                checkFinite(src, root, x);
            }
        }
        for (double k : kinks) {
            checkFinite(src, root, k);
        }
        double[] k = kinks.stream().mapToDouble(Double::doubleValue).toArray();
        double[] c = centres.stream().mapToDouble(Double::doubleValue).toArray();
        return calibrate(src, root, k, c);
    }

    /**
     * Chooses ℓ: the largest of 2, 1, 1/2, ..., 1/16 at which the one-dimensional expectations E[φ(sZ)²] and
     * E[φ'(sZ)²] at s = 0.5, 2 and 10 agree with those at ℓ/2 to 1e−13.
     */
    private static ExpressionActivation calibrate(String src, Node root, double[] kinks, double[] centres) {
        double length = 2.0;
        double[] previous = null;
        for (int level = 0; level < 7; level++) {
            ExpressionActivation a = new ExpressionActivation(src, root, new Shape(kinks, centres, length, EXTENT));
            double[] values = new double[2 * CALIBRATION.length];
            double[] dual = new double[1];
            double[] dot = new double[1];
            for (int i = 0; i < CALIBRATION.length; i++) {
                double q = CALIBRATION[i] * CALIBRATION[i];
                a.dualRow(q, new double[] {q}, new double[] {q}, dual, dot, 0, 1);
                values[2 * i] = dual[0];
                values[2 * i + 1] = dot[0];
            }
            if (previous != null && agree(previous, values)) {
                return new ExpressionActivation(src, root, new Shape(kinks, centres, 2 * length, EXTENT));
            }
            previous = values;
            length /= 2;
        }
        throw new IllegalArgumentException("expression '" + src + "': its Gaussian expectations do not converge "
                + "under refinement (it varies on scales below 1/16, or grows too fast)");
    }

    private static boolean agree(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            double scale = Math.max(Math.abs(a[i]), Math.abs(b[i]));
            if (!Double.isFinite(a[i]) || !Double.isFinite(b[i])) {
                if (Double.compare(a[i], b[i]) != 0) {
                    return false;
                }
                continue;
            }
            if (Math.abs(a[i] - b[i]) > 1e-13 * scale + 1e-300) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sorted roots of a sub-expression on the grid: isolated zeros at grid points (a zero whose neighbours are
     * both zero lies on a plateau, e.g. log(1 + e^x) = 0 for x &lt; −37, and is no root; the plateau's edge is)
     * and sign changes, bisected to the last bit.
     */
    static double[] roots(Node g) {
        TreeSet<Double> out = new TreeSet<>();
        int n = GRID.length;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = g.value(GRID[i]);
        }
        for (int i = 0; i < n; i++) {
            if (v[i] == 0) {
                boolean left = i == 0 || v[i - 1] == 0;
                boolean right = i + 1 == n || v[i + 1] == 0;
                if (!(left && right)) {
                    out.add(GRID[i]);
                }
            } else if (i > 0 && v[i - 1] != 0) {
                double ga = v[i - 1];
                double gb = v[i];
                if (!Double.isNaN(ga) && !Double.isNaN(gb) && (ga < 0) != (gb < 0)) {
                    out.add(bisect(g, GRID[i - 1], ga, GRID[i]));
                } else if (Double.isNaN(ga) != Double.isNaN(gb)) {
                    // a domain edge inside the cell (an inner sqrt or log stops being defined)
                    out.add(bisectNaN(g, GRID[i - 1], GRID[i]));
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Bisection to the last bit: the returned point is where the sign of g changes (to within one ulp). */
    private static double bisect(Node g, double a, double ga, double b) {
        for (int i = 0; i < 2100; i++) {
            double m = 0.5 * (a + b);
            if (m <= a || m >= b) {
                break;
            }
            double gm = g.value(m);
            if (gm == 0) {
                return m;
            }
            if ((gm < 0) == (ga < 0)) {
                a = m;
                ga = gm;
            } else {
                b = m;
            }
        }
        return Math.abs(g.value(a)) <= Math.abs(g.value(b)) ? a : b;
    }

    private static double bisectNaN(Node g, double a, double b) {
        boolean nanA = Double.isNaN(g.value(a));
        for (int i = 0; i < 2100; i++) {
            double m = 0.5 * (a + b);
            if (m <= a || m >= b) {
                break;
            }
            if (Double.isNaN(g.value(m)) == nanA) {
                a = m;
            } else {
                b = m;
            }
        }
        return nanA ? b : a;
    }

    private static void checkFinite(String src, Node root, double x) {
        double[] slope = new double[1];
        if (Double.isFinite(root.forward(x, slope)) && Double.isFinite(slope[0])) {
            return;
        }
        Node bad = root.blame(x);
        if (bad == null) {
            bad = root;
        }
        if (bad != null) {
            throw new IllegalArgumentException("expression '" + src + "': " + bad.describe() + " at position "
                    + bad.position + " is not finite at x = " + x + " (where the Gaussian puts mass)");
        }
    }

    /** At a root r of a denominator, φ must not blow up: compare |φ| just beside r with |φ| a little further. */
    private static void checkBounded(String src, Node root, Node.Switch s, double r) {
        double scale = Math.max(1.0, Math.abs(r));
        double near = Math.max(Math.abs(root.value(r + 1e-9 * scale)), Math.abs(root.value(r - 1e-9 * scale)));
        double far = Math.max(Math.abs(root.value(r + 1e-3 * scale)), Math.abs(root.value(r - 1e-3 * scale)));
        double at = root.value(r);
        if (!Double.isFinite(at) || !Double.isFinite(near) || near > 1e3 * (far + 1.0)) {
            throw new IllegalArgumentException("expression '" + src + "': " + s.owner().describe() + " at position "
                    + s.owner().position + " is not finite near x = " + r + " (where the Gaussian puts mass)");
        }
    }

    private static double[] grid() {
        TreeSet<Double> g = new TreeSet<>();
        for (int i = -64 * 64; i <= 64 * 64; i++) {
            g.add(i / 64.0);
        }
        for (int t = -12 * 16; t <= 4 * 16; t++) {
            double v = Math.pow(10.0, t / 16.0);
            g.add(v);
            g.add(-v);
        }
        return g.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The source of the expression (after {@code expr:}). */
    public String source() {
        return source;
    }

    @Override
    public String spec() {
        return "expr:" + source;
    }

    @Override
    public double value(double x) {
        return root.value(x);
    }

    @Override
    public double derivative(double x) {
        double[] slope = new double[1];
        root.forward(x, slope);
        return slope[0];
    }

    @Override
    public void evaluate(double[] x, int from, int to, double[] value, double[] derivative) {
        double[] slope = new double[1];
        for (int i = from; i < to; i++) {
            value[i] = root.forward(x[i], slope);
            derivative[i] = slope[0];
        }
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public double dual(double q1, double q2, double c) {
        if (closedForm != null) {
            return closedForm.dual(q1, q2, c);
        }
        double[] d = new double[1];
        dualRow(q1, new double[] {q2}, new double[] {c}, d, new double[1], 0, 1);
        return d[0];
    }

    @Override
    public double derivativeDual(double q1, double q2, double c) {
        if (closedForm != null) {
            return closedForm.derivativeDual(q1, q2, c);
        }
        double[] dd = new double[1];
        dualRow(q1, new double[] {q2}, new double[] {c}, new double[1], dd, 0, 1);
        return dd[0];
    }

    /**
     * {@link AbRelu}'s row kernels for a two-slope ReLU, {@link PiecewiseLinear#row} for the other piecewise-linear
     * expressions; otherwise as {@link QuadratureDual#row}, but an expression whose double evaluation breaks down
     * where the Gaussian puts mass (exp overflowing to ∞ and ∞/∞ in its derivative, at |x| ~ √q) gives an
     * {@link ArithmeticException} naming the expression instead of NaN.
     */
    /** A two-slope ReLU's fused stack ({@link AbRelu#dualStack}); empty for the other expressions. */
    @Override
    public Optional<DualStack> dualStack(double[][] q2, double[] weightVariances, double[] biasVariances) {
        return closedForm == null ? Optional.empty() : closedForm.dualStack(q2, weightVariances, biasVariances);
    }

    @Override
    public void dualRow(double q1, double[] q2, double[] c, double[] dual, double[] derivativeDual, int from, int to) {
        if (closedForm != null) {
            closedForm.dualRow(q1, q2, c, dual, derivativeDual, from, to);
            return;
        }
        if (pieces != null) {
            pieces.row(this, q1, q2, c, dual, derivativeDual, from, to);
            return;
        }
        for (int j = from; j < to; j++) {
            double qj = q2[j];
            double cj = c[j];
            QuadratureDual.row(this, q1, q2, c, dual, derivativeDual, j, j + 1);
            if (Double.isNaN(dual[j]) || Double.isNaN(derivativeDual[j])) {
                throw new ArithmeticException("expression '" + source + "': φ or φ' is not a number somewhere in "
                        + "|x| <= 9.5·√q for the variances " + q1 + " and " + qj + " (covariance " + cj
                        + "); rewrite it to avoid overflow there");
            }
        }
    }

    /** The kinks found (where φ or φ' is not smooth), sorted. */
    public double[] kinks() {
        return shape.kinks().clone();
    }

    /** The centres of smooth transitions found (always including 0), sorted. */
    public double[] centres() {
        return shape.centres().clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExpressionActivation e && e.source.equals(source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    @Override
    public String toString() {
        return spec();
    }
}
