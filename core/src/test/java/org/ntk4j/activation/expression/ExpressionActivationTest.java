package org.ntk4j.activation.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ntk4j.activation.AbRelu;
import org.ntk4j.activation.Activation;
import org.ntk4j.activation.Activations;
import org.ntk4j.activation.Erf;
import org.ntk4j.activation.Mish;
import org.ntk4j.activation.PiecewiseLinear;
import org.ntk4j.activation.PreciseDual;
import org.ntk4j.activation.QuadratureDual;
import org.ntk4j.activation.Relu;
import org.ntk4j.activation.Relu6;
import org.ntk4j.testing.GaussianExpectation;

class ExpressionActivationTest {

    private static double eval(String src, double x) {
        return ExpressionParser.parse(src).value(x);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "1+2*3; 0; 7", "(1+2)*3; 0; 9", "2^3^2; 0; 512", "-x^2; 3; -9", "2^-1; 0; 0.5", "-2^2; 0; -4",
            "8-3-2; 0; 3", "x/2/2; 8; 2", "1e-3*x; 2; 0.002", "2.5E+1 + .5; 0; 25.5", "pi; 0; 3.141592653589793",
            "e; 0; 2.718281828459045", "--x; 4; 4", "+x*-x; 3; -9", "max(x, 0.2*x); -5; -1", "min(x,1-x); 0.25; 0.25",
            "relu(x-1); 0.5; 0", "x^2^0.5; 4; 7.102993301316016", " 2 * ( x + 1 ) ; 1 ; 4", "exp(log(x)); 7; 7"})
    void precedenceAndAssociativity(String src, double x, double expected) {
        assertThat(eval(src, x)).isCloseTo(expected, within(1e-15 * Math.max(1, Math.abs(expected))));
    }

    /** φ' by automatic differentiation against derivatives written out by hand. */
    @ParameterizedTest
    @CsvSource({"-6", "-1.3", "-0.2", "0.35", "1", "2.7", "9"})
    void derivativesMatchHandWrittenDerivatives(double x) {
        check("x*tanh(log(1+exp(x)))", x, t -> {
            double sp = Math.log1p(Math.exp(t));
            double th = Math.tanh(sp);
            return th + t * (1 - th * th) / (1 + Math.exp(-t));
        });
        check("sin(x)^2", x, t -> 2 * Math.sin(t) * Math.cos(t));
        check("exp(-x^2/2)", x, t -> -t * Math.exp(-t * t / 2));
        check("sqrt(x^2+1)", x, t -> t / Math.sqrt(t * t + 1));
        check("max(x,0.2*x)+abs(x-1)", x, t -> (t > 0 ? 1 : 0.2) + (t >= 1 ? 1 : -1));
        check("atan(2*x) + erf(x/sqrt(2))", x, t -> 2 / (1 + 4 * t * t) + Math.sqrt(2 / Math.PI) * Math.exp(-t * t / 2));
        check("sigmoid(x) * softplus(x)", x, t -> {
            double s = 1 / (1 + Math.exp(-t));
            return s * (1 - s) * Math.log1p(Math.exp(t)) + s * s;
        });
        check("x^3 - 2/x^2 + cosh(x)/3", x, t -> 3 * t * t + 4 / (t * t * t) + Math.sinh(t) / 3);
        check("relu(x)^2 + min(x, 0.5)", x, t -> 2 * Math.max(t, 0) + (t <= 0.5 ? 1 : 0));
        check("2^x + x^(2^0) + log1p(x^2) + expm1(x)", x, t -> Math.log(2) * Math.pow(2, t) + 1 + 2 * t / (1 + t * t)
                + Math.exp(t));
        check("tanh(x) + sinh(x) - tan(x/10) + asinh(x) + erfc(x)", x, t -> 1 - Math.tanh(t) * Math.tanh(t)
                + Math.cosh(t) - 0.1 / (Math.cos(t / 10) * Math.cos(t / 10)) + 1 / Math.sqrt(1 + t * t)
                - 2 / Math.sqrt(Math.PI) * Math.exp(-t * t));
    }

    private static void check(String src, double x, DoubleUnaryOperator derivative) {
        Node n = ExpressionParser.parse(src);
        double expected = derivative.applyAsDouble(x);
        double[] slope = new double[1];
        n.forward(x, slope);
        double actual = slope[0];
        assertThat(actual).as("d/dx %s at %s", src, x).isCloseTo(expected, within(1e-13 * Math.max(1, Math.abs(expected))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "x+; unexpected end of expression at position 3",
            "foo(x); unknown function 'foo' at position 1",
            "2*y; unknown identifier 'y' at position 3",
            "(x+1; missing ')' at position 5 (for the '(' at position 1)",
            "x**2; unexpected '*' at position 3",
            "tanh x; function 'tanh' needs parentheses at position 1",
            "max(x); max takes 2 arguments, got 1 at position 1",
            "1 + log(x); log(...) at position 5 is not finite at x = ",
            "1/x; division at position 2 is not finite",
            "x/(x-0.3); division at position 2 is not finite near x = 0.3",
            "sqrt(x); sqrt(...) at position 1 is not finite at x = -",
            "tan(x); tan(...) at position 1 is not finite near x = ",
            "x^-1; power at position 2 is not finite",
            "exp(x^2); exp(...) at position 1 is not finite",
            "; empty expression",
            "2 3; unexpected '3' at position 3",
            "x,; unexpected ',' at position 2",
            "1e999; number '1e999' is out of range at position 1"})
    void malformedOrNonFiniteExpressionsAreOneLineErrors(String src, String message) {
        String s = src == null ? "" : src;
        assertThatThrownBy(() -> Activations.parse("expr:" + s))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .hasMessageNotContaining("\n");
    }

    @Test
    void kinksAreFoundToTheLastBit() {
        assertThat(ExpressionActivation.parse("max(x,0.2*x)+abs(x-1)").kinks()).containsExactly(0.0, 1.0);
        assertThat(ExpressionActivation.parse("abs(x-0.1)").kinks()).containsExactly(0.1);
        double[] k = ExpressionActivation.parse("relu(x^2-2)").kinks();
        assertThat(k).hasSize(2);
        assertThat(k[0]).isCloseTo(-Math.sqrt(2), within(Math.ulp(Math.sqrt(2))));
        assertThat(k[1]).isCloseTo(Math.sqrt(2), within(Math.ulp(Math.sqrt(2))));
        double[] third = ExpressionActivation.parse("min(x, 1-x) + max(3*x, 1)").kinks();
        assertThat(third).hasSize(2);
        assertThat(third[0]).isCloseTo(1.0 / 3, within(2 * Math.ulp(1.0 / 3)));
        assertThat(third[1]).isEqualTo(0.5);
        assertThat(ExpressionActivation.parse("abs(x - 1e-7) + abs(x + 3000)").kinks()).containsExactly(-3000.0, 1e-7);
        assertThat(ExpressionActivation.parse("x*tanh(log(1+exp(x)))").kinks()).isEmpty();
        assertThat(ExpressionActivation.parse("tanh(x-2.5)").centres()).containsExactly(0.0, 2.5);
    }

    @Test
    void specIsExprAndSource() {
        Activation a = Activations.parse("expr:x*tanh(log(1+exp(x)))");
        assertThat(a.spec()).isEqualTo("expr:x*tanh(log(1+exp(x)))");
        assertThat(Activations.parse(a.spec())).isEqualTo(a);
    }

    /** max(x, 0) integrated through its found kink against the arc-cosine closed form, ρ near ±1 included. */
    @ParameterizedTest
    @CsvSource({"1,1,0.5", "2,0.5,-0.7", "1,1,0.999999", "1,1,-0.9999999999", "1e-150,1e150,0.3", "9,9,9"})
    void reluExpressionMatchesClosedForm(double q1, double q2, double c) {
        Activation r = Activations.parse("expr:max(x,0)");
        Relu relu = new Relu();
        double s = Math.sqrt(q1) * Math.sqrt(q2);
        assertThat(r.dual(q1, q2, c)).isCloseTo(relu.dual(q1, q2, c), within(1e-10 * relu.dual(q1, q2, c) + 1e-13 * s));
        assertThat(r.derivativeDual(q1, q2, c)).isCloseTo(relu.derivativeDual(q1, q2, c),
                within(1e-10 * relu.derivativeDual(q1, q2, c) + 1e-13));
    }

    @ParameterizedTest
    @CsvSource({"1,1,0.5", "2,0.5,0.7", "1,1,-0.999999", "1e4,1e4,9.99e3"})
    void erfExpressionMatchesWilliams(double q1, double q2, double c) {
        Activation r = Activations.parse("expr:erf(x)");
        Erf erf = new Erf();
        assertThat(r.dual(q1, q2, c)).isCloseTo(erf.dual(q1, q2, c), within(1e-10 * Math.abs(erf.dual(q1, q2, c))));
        assertThat(r.derivativeDual(q1, q2, c)).isCloseTo(erf.derivativeDual(q1, q2, c),
                within(1e-10 * erf.derivativeDual(q1, q2, c)));
    }

    @Test
    void mishExpressionMatchesTheMishRecord() {
        Activation e = Activations.parse("expr:x*tanh(log(1+exp(x)))");
        Mish m = new Mish();
        for (double[] t : new double[][] {{1, 1, 0.3}, {5, 0.2, -0.9}, {400, 400, 399}}) {
            assertThat(e.dual(t[0], t[1], t[2])).isCloseTo(m.dual(t[0], t[1], t[2]),
                    within(1e-12 * Math.abs(m.dual(t[0], t[1], t[2]))));
            assertThat(e.derivativeDual(t[0], t[1], t[2])).isCloseTo(m.derivativeDual(t[0], t[1], t[2]),
                    within(1e-12 * Math.abs(m.derivativeDual(t[0], t[1], t[2]))));
        }
    }

    @Test
    void dualsAreFiniteOnExtremeArguments() {
        for (String src : new String[] {"expr:x*tanh(log(1+exp(x)))", "expr:max(x,0.2*x)+abs(x-1)"}) {
            Activation a = Activations.parse(src);
            for (double[] t : new double[][] {{0, 0, 0}, {0, 1, 0}, {1e-150, 1e-150, 1e-150}, {1e150, 1e150, -1e150},
                    {1e150, 1e-150, 0.5}, {1e-300, 1e300, -0.9}, {1, 1, 1.0000000000000002}, {1e150, 1e150, 0.5e150}}) {
                double[] d = new double[1];
                double[] dd = new double[1];
                try {
                    a.dualRow(t[0], new double[] {t[1]}, new double[] {t[2]}, d, dd, 0, 1);
                } catch (ArithmeticException e) {
                    // x·tanh(log(1 + e^x)) at x ~ 1e75: e^x = ∞ and φ' = ∞/∞ — reported, never NaN
                    assertThat(e.getMessage()).contains(src.substring(5)).doesNotContain("\n");
                    assertThat(Math.max(t[0], t[1])).isGreaterThanOrEqualTo(1e150);
                    continue;
                }
                assertThat(d[0]).as("%s dual at (%s, %s, %s)", src, t[0], t[1], t[2]).isFinite();
                assertThat(dd[0]).as("%s derivative dual at (%s, %s, %s)", src, t[0], t[1], t[2]).isFinite();
            }
        }
    }

    /**
     * GELU x·Φ(x) as an expression against its closed-form NNGP dual (neural-tangents' formula: with
     * P = (1 + q1)(1 + q2) and Δ² = P − c², Σ' = c/4 + ((c² + q1 q2 Δ²)/(P Δ) + c·atan2(c, Δ))/(2π)), and against
     * the derivative duals of the shared neural-tangents reference values (12 and 10 digits).
     */
    @Test
    void geluExpressionMatchesClosedForm() {
        Activation g = Activations.parse("expr:x*(1+erf(x/sqrt(2)))/2");
        double[][] cases = {{1, 1, 0.5, 0.3422672425}, {2, 0.5, 0.7, 0.373030265528}};
        for (double[] t : cases) {
            double q1 = t[0];
            double q2 = t[1];
            double c = t[2];
            double prodPlusOne = (1 + q1) * (1 + q2);
            double deltaSquared = prodPlusOne - c * c;
            double delta = Math.sqrt(deltaSquared);
            double angle = Math.atan2(c, delta);
            double nngp = ((c * c + q1 * q2 * deltaSquared) / (prodPlusOne * delta) + c * angle) / (2 * Math.PI)
                    + 0.25 * c;
            assertThat(g.dual(q1, q2, c)).isCloseTo(nngp, within(1e-10 * Math.abs(nngp)));
            assertThat(g.derivativeDual(q1, q2, c)).isCloseTo(t[3], within(2e-10 * t[3]));
        }
    }

    /** Two-slope ReLUs through the origin written as expressions, with the slopes (a, b) they stand for. */
    private static final Object[][] TWO_SLOPE = {
        {"max(0,x)", 0.0, 1.0}, {"relu(x)", 0.0, 1.0}, {"abs(x)", -1.0, 1.0}, {"max(x,0.2*x)", 0.2, 1.0},
        {"2*x", 2.0, 2.0}, {"x/3", 1.0 / 3, 1.0 / 3}, {"-3*min(x,0)", -3.0, 0.0}, {"3*max(x,0)-2*min(x,0)", -2.0, 3.0},
        {"0.5*x-1.5*abs(x)", 2.0, -1.0}};

    @Test
    void twoSlopeRelusAreRecognisedAndOthersAreNot() {
        for (Object[] t : TWO_SLOPE) {
            String src = (String) t[0];
            AbRelu expected = new AbRelu((double) t[1], (double) t[2]);
            ExpressionActivation e = ExpressionActivation.parse(src);
            PiecewiseLinear pieces = PiecewiseLinear.fit(e::value, e::derivative, e.kinks());
            assertThat(pieces).as(src).isNotNull();
            // exactly these slopes: the fit reads a homogeneous φ without rounding
            assertThat(pieces.twoSlopeRelu()).as(src).contains(expected);
            assertThat(e.hasClosedFormDual()).as(src).isTrue();
            assertThat(e.preciseDual()).as(src).contains(expected);
            assertThat(e.isPiecewiseLinear()).as(src).isTrue();
            assertThat(e.spec()).isEqualTo("expr:" + src);
            assertThat(Activations.parse(e.spec())).isEqualTo(e);
        }
        // an offset, a kink off 0, a clipped ramp two ways (relu6), two kinks, and curved φ
        for (String src : new String[] {"max(0,x)+1", "max(0,x-1)", "min(max(x,0),6)", "max(0,x)-max(0,x-6)",
            "abs(x)+abs(x-1e-3)", "max(x,0.2*x)+abs(x-1)", "abs(x-1)/2+0.5*x-relu(-x)*3", "x+1"}) {
            ExpressionActivation e = ExpressionActivation.parse(src);
            assertThat(e.isPiecewiseLinear()).as(src).isTrue();
            assertThat(PiecewiseLinear.fit(e::value, e::derivative, e.kinks()).twoSlopeRelu()).as(src).isEmpty();
            assertThat(e.hasClosedFormDual()).as(src).isFalse();
            assertThat(e.preciseDual()).as(src).isEmpty();
            assertThat(e.parity()).as(src).isEqualTo(Activation.Parity.NEITHER);
        }
        for (String src : new String[] {"tanh(x)", "max(0,x)*x", "relu(x)^1.5"}) {
            assertThat(ExpressionActivation.parse(src).hasClosedFormDual()).as(src).isFalse();
        }
        assertThat(ExpressionActivation.parse("abs(x)").parity()).isEqualTo(Activation.Parity.EVEN);
        assertThat(ExpressionActivation.parse("2*x").parity()).isEqualTo(Activation.Parity.ODD);
        assertThat(ExpressionActivation.parse("max(x,0.2*x)").parity()).isEqualTo(Activation.Parity.NEITHER);
    }

    private static final double[] VARIANCES = {1e-6, 0.3, 1, 2.1, 40};
    private static final double[] CORRELATIONS = {-1, -0.9999999999, -0.999, -0.5, 0, 0.3, 0.9, 0.999, 1 - 1e-14, 1};

    /**
     * The duals of the two-slope expressions (ab ≥ 0, a = −b and ab &lt; 0 with a ≠ −b, whose rows take different
     * kernels) against the orthant sums of {@link PiecewiseLinear} for pieces written here from (a, b), scalar and
     * row forms, at unequal variances and ρ from −1 to 1; and against the two-dimensional quadrature of
     * {@link GaussianExpectation} with φ, φ' written here. At variance 0 the closed form's convention, Σ' = 0 and
     * Σ̇ = (a² + b²)/2.
     */
    @Test
    void twoSlopeDualsAgreeWithOrthantSumsAndQuadrature() {
        for (Object[] t : TWO_SLOPE) {
            String src = (String) t[0];
            double a = (double) t[1];
            double b = (double) t[2];
            ExpressionActivation e = ExpressionActivation.parse(src);
            PiecewiseLinear orthants = new PiecewiseLinear(new double[] {0}, new double[] {0, 0},
                    new double[] {a, b}, 0, b);
            double squares = (a * a + b * b) / 2;   // E[φ(√q Z)²]/q and E[φ'(Z)²]
            double[] out = new double[2];
            for (double q1 : VARIANCES) {
                int n = VARIANCES.length * CORRELATIONS.length;
                double[] q2 = new double[n];
                double[] c = new double[n];
                int j = 0;
                double[] sigma = new double[n];
                for (double q : VARIANCES) {
                    for (double rho : CORRELATIONS) {
                        q2[j] = q;
                        sigma[j] = Math.sqrt((1 - rho) * (1 + rho));
                        c[j++] = rho * Math.sqrt(q1) * Math.sqrt(q);
                    }
                }
                double[] row = c.clone();
                double[] rowDerivative = new double[n];
                e.dualRow(q1, q2, row, row, rowDerivative, 0, n);   // in place, as the Gram path calls it
                for (j = 0; j < n; j++) {
                    orthants.duals(e, q1, q2[j], c[j], out);
                    double scale = squares * Math.sqrt(q1) * Math.sqrt(q2[j]);
                    String at = src + " at (" + q1 + ", " + q2[j] + ", " + c[j] + ")";
                    assertThat(e.dual(q1, q2[j], c[j])).as("Σ' " + at).isCloseTo(out[0], within(4e-15 * scale));
                    assertThat(row[j]).as("row Σ' " + at).isCloseTo(out[0], within(4e-15 * scale));
                    // Σ̇ has ∂Σ̇/∂ρ = (a − b)²/(2πσ): the routes' different roundings of ρ (a few ulps) count 1/σ
                    // times, and an ulp of ρ leaves σ uncertain below 2^-26, so ρ = ±1 is held to that.
                    double toleranceD = 4e-15 * squares + 1e-15 * (a - b) * (a - b) / Math.max(sigma[j], 0x1p-26);
                    assertThat(e.derivativeDual(q1, q2[j], c[j])).as("Σ̇ " + at).isCloseTo(out[1], within(toleranceD));
                    assertThat(rowDerivative[j]).as("row Σ̇ " + at).isCloseTo(out[1], within(toleranceD));
                }
            }
            DoubleUnaryOperator phi = x -> x > 0 ? b * x : a * x;
            DoubleUnaryOperator dphi = x -> x > 0 ? b : a;
            double[] kink = {0};
            for (double[] p : new double[][] {{1, 1, 0.5}, {1, 1, -0.999}, {1, 1, 1}, {1, 1, -1}, {2, 0.5, 0.7},
                {3, 0.1, -0.3}, {40, 0.3, 3.4}, {0.3, 0.3, 0.3}}) {
                double q1 = p[0];
                double q2 = p[1];
                double c = p[2];
                String at = src + " at (" + q1 + ", " + q2 + ", " + c + ")";
                double expected = GaussianExpectation.of(phi, kink, phi, kink, q1, q2, c);
                double expectedDerivative = GaussianExpectation.of(dphi, kink, dphi, kink, q1, q2, c);
                assertThat(e.dual(q1, q2, c)).as("Σ' " + at).isCloseTo(expected,
                        within(1e-12 * Math.abs(expected) + 1e-13 * squares * Math.sqrt(q1 * q2)));
                assertThat(e.derivativeDual(q1, q2, c)).as("Σ̇ " + at).isCloseTo(expectedDerivative,
                        within(1e-12 * Math.abs(expectedDerivative) + 1e-13 * squares));
            }
            for (double[] p : new double[][] {{0, 0, 0}, {0, 0, -0.0}, {0, 2, 0}, {3, 0, -0.0}}) {
                double[] row = {p[2]};
                double[] rowDerivative = new double[1];
                e.dualRow(p[0], new double[] {p[1]}, row, row, rowDerivative, 0, 1);
                String at = src + " at (" + p[0] + ", " + p[1] + ", " + p[2] + ")";
                assertThat(e.dual(p[0], p[1], p[2])).as("Σ' " + at).isZero();
                assertThat(row[0]).as("row Σ' " + at).isZero();
                assertThat(e.derivativeDual(p[0], p[1], p[2])).as("Σ̇ " + at).isCloseTo(squares, within(1e-15 * squares));
                assertThat(rowDerivative[0]).as("row Σ̇ " + at).isCloseTo(squares, within(1e-15 * squares));
            }
        }
        // relu's own convention at variance 0, where the orthant sums of max(0, x) would give φ'(0)·E[φ'(v)] = 0
        ExpressionActivation max = ExpressionActivation.parse("max(0,x)");
        assertThat(max.derivative(0)).isZero();
        assertThat(max.derivativeDual(0, 0, 0)).isEqualTo(new Relu().derivativeDual(0, 0, 0));
        assertThat(max.derivativeDual(0, 2, 0)).isEqualTo(new Relu().derivativeDual(0, 2, 0));
    }

    /**
     * The arbitrary-precision duals are AbRelu's: at 30 digits equal to those of abrelu(a, b) itself, and (an
     * independent check of the delegation) within 1e-14 of the double duals.
     */
    @Test
    void twoSlopePreciseDualsAreAbRelus() {
        MathContext mc = new MathContext(30);
        for (Object[] t : TWO_SLOPE) {
            String src = (String) t[0];
            AbRelu abRelu = new AbRelu((double) t[1], (double) t[2]);
            ExpressionActivation e = ExpressionActivation.parse(src);
            PreciseDual p = e.preciseDual().orElseThrow();
            for (double[] q : new double[][] {{1, 1, 0.3}, {2, 0.5, -0.7}, {1, 1, 1}, {1, 1, -1}, {5, 7, -2},
                {0, 0, 0}, {0, 3, 0}}) {
                BigDecimal q1 = new BigDecimal(q[0]);
                BigDecimal q2 = new BigDecimal(q[1]);
                BigDecimal c = new BigDecimal(q[2]);
                String at = src + " at (" + q[0] + ", " + q[1] + ", " + q[2] + ")";
                BigDecimal dual = p.dual(q1, q2, c, mc);
                BigDecimal derivativeDual = p.derivativeDual(q1, q2, c, mc);
                assertThat(dual).as("Σ' " + at).isEqualByComparingTo(abRelu.dual(q1, q2, c, mc));
                assertThat(derivativeDual).as("Σ̇ " + at).isEqualByComparingTo(abRelu.derivativeDual(q1, q2, c, mc));
                assertThat(dual.precision()).isLessThanOrEqualTo(30);
                double scale = Math.sqrt(q[0] * q[1]) * (abRelu.a() * abRelu.a() + abRelu.b() * abRelu.b());
                assertThat(e.dual(q[0], q[1], q[2])).as("Σ' " + at)
                        .isCloseTo(dual.doubleValue(), within(1e-14 * Math.abs(dual.doubleValue()) + 1e-15 * scale));
                assertThat(e.derivativeDual(q[0], q[1], q[2])).as("Σ̇ " + at).isCloseTo(derivativeDual.doubleValue(),
                        within(1e-14 * Math.abs(derivativeDual.doubleValue()) + 1e-15));
            }
        }
    }

    @Test
    void piecewiseLinearExpressionsGetExactDuals() {
        assertThat(ExpressionActivation.parse("max(0,x)").isPiecewiseLinear()).isTrue();
        assertThat(ExpressionActivation.parse("min(max(x,0),6)").isPiecewiseLinear()).isTrue();
        assertThat(ExpressionActivation.parse("abs(x-1)/2+0.5*x-relu(-x)*3").isPiecewiseLinear()).isTrue();
        for (String curved : new String[] {"tanh(x)", "x*x", "max(0,x)*x", "x^2", "exp(x)-x", "max(0,x)/(1+abs(x))"}) {
            assertThat(ExpressionActivation.parse(curved).isPiecewiseLinear()).as(curved).isFalse();
        }
        // max(0, x) is relu: its duals against the arc-cosine closed form; clip to [0, 6] against relu6's pieces
        // written by hand and, with a third shape, against nested quadrature of the same expression.
        Activation relu = new Relu();
        Activation relu6 = new Relu6();
        ExpressionActivation max = ExpressionActivation.parse("max(0,x)");
        ExpressionActivation clip = ExpressionActivation.parse("min(max(x,0),6)");
        ExpressionActivation mixed = ExpressionActivation.parse("abs(x-1)/2+0.5*x-relu(-x)*3");
        for (double[] t : new double[][] {{1, 1, 0.3}, {2.1, 0.4, -0.9}, {3, 3, 3}, {0.5, 7, 1.87}, {40, 9, -18.9},
            {0, 2, 0}}) {
            double q1 = t[0];
            double q2 = t[1];
            double c = t[2];
            double scale = Math.sqrt(relu.dual(q1, q1, q1) * relu.dual(q2, q2, q2));
            assertThat(max.dual(q1, q2, c)).isCloseTo(relu.dual(q1, q2, c), within(2e-15 * scale));
            // also at variance 0: max(0, x) takes abrelu(0, 1)'s closed form and its diagonal-limit convention
            assertThat(max.derivativeDual(q1, q2, c)).isCloseTo(relu.derivativeDual(q1, q2, c), within(2e-15));
            assertThat(clip.dual(q1, q2, c)).isCloseTo(relu6.dual(q1, q2, c), within(2e-15 * scale));
            assertThat(clip.derivativeDual(q1, q2, c)).isCloseTo(relu6.derivativeDual(q1, q2, c), within(2e-15));
            double mixedScale = Math.sqrt(QuadratureDual.dual(mixed, q1, q1, q1) * QuadratureDual.dual(mixed, q2, q2, q2));
            assertThat(mixed.dual(q1, q2, c)).as("at %s", java.util.Arrays.toString(t))
                    .isCloseTo(QuadratureDual.dual(mixed, q1, q2, c), within(1e-13 * mixedScale));
            assertThat(mixed.derivativeDual(q1, q2, c))
                    .isCloseTo(QuadratureDual.derivativeDual(mixed, q1, q2, c), within(1e-13 * 4));
        }
    }
}
