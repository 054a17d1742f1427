package org.ntk4j.activation.expression;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.hipparchus.special.Erf;

/**
 * The functions an expression may call, each with its exact derivative for the chain rule of {@link Node#forward}.
 */
final class Functions {

    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);

    /** f'(a) of a function of one argument, given a and v = f(a) (so that exp and tanh reuse v). */
    @FunctionalInterface
    interface Slope {
        double at(double a, double v);
    }

    /** For max and min: whether f(a, b) takes the value of a at (a, b), so that its derivative is a's. */
    @FunctionalInterface
    interface Follows {
        boolean first(double a, double b);
    }

    /** A function of one or two arguments. */
    record Function(String name, int arity, DoubleUnaryOperator unary, DoubleBinaryOperator binary, Slope slope,
                    Follows follows, Node.Kind kind, String switchRule) {

        double value(double a) {
            return unary.applyAsDouble(a);
        }

        double value(double a, double b) {
            return binary.applyAsDouble(a, b);
        }

        double slope(double a, double v) {
            return slope.at(a, v);
        }

        boolean followsFirst(double a, double b) {
            return follows.first(a, b);
        }

        /** The node whose sign changes mark this call's point of interest, or null. */
        Node switchFunction(int position, Node[] args) {
            if (switchRule == null) {
                return null;
            }
            return switch (switchRule) {
                case "arg" -> args[0];
                case "difference" -> new Nodes.Binary(position, '-', args[0], args[1]);
                case "onePlus" -> new Nodes.Binary(position, '+', new Nodes.Constant(position, 1.0, "1"), args[0]);
                case "cos" -> new Nodes.Call(position, FUNCTIONS.get("cos"), new Node[] {args[0]});
                default -> throw new IllegalStateException(switchRule);
            };
        }
    }

    static final Map<String, Function> FUNCTIONS = new LinkedHashMap<>();

    private static void unary(String name, DoubleUnaryOperator f, Slope d, Node.Kind kind, String rule) {
        FUNCTIONS.put(name, new Function(name, 1, f, null, d, null, kind, rule));
    }

    private static void binary(String name, DoubleBinaryOperator f, Follows d, Node.Kind kind, String rule) {
        FUNCTIONS.put(name, new Function(name, 2, null, f, null, d, kind, rule));
    }

    static double sigmoid(double a) {
        double e = Math.exp(-Math.abs(a));
        return a >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
    }

    static double softplus(double a) {
        return Math.max(a, 0.0) + Math.log1p(Math.exp(-Math.abs(a)));
    }

    static {
        unary("exp", Math::exp, (a, v) -> v, Node.Kind.FEATURE, "arg");
        unary("log", Math::log, (a, v) -> 1.0 / a, Node.Kind.DOMAIN, "arg");
        unary("log1p", Math::log1p, (a, v) -> 1.0 / (1.0 + a), Node.Kind.DOMAIN, "onePlus");
        unary("expm1", Math::expm1, (a, v) -> Math.exp(a), Node.Kind.FEATURE, "arg");
        unary("sqrt", Math::sqrt, (a, v) -> 0.5 / v, Node.Kind.DOMAIN, "arg");
        // by the sign bit, so that abs(-0.0) has slope −1 like every other negative argument
        unary("abs", Math::abs, (a, v) -> Double.doubleToRawLongBits(a) < 0 ? -1.0 : 1.0, Node.Kind.KINK, "arg");
        unary("sin", Math::sin, (a, v) -> Math.cos(a), null, null);
        unary("cos", Math::cos, (a, v) -> -Math.sin(a), null, null);
        unary("tan", Math::tan, (a, v) -> 1.0 + v * v, Node.Kind.POLE, "cos");
        unary("tanh", Math::tanh, (a, v) -> 1.0 - v * v, Node.Kind.FEATURE, "arg");
        unary("sinh", Math::sinh, (a, v) -> Math.cosh(a), null, null);
        unary("cosh", Math::cosh, (a, v) -> Math.sinh(a), null, null);
        unary("atan", Math::atan, (a, v) -> 1.0 / (1.0 + a * a), Node.Kind.FEATURE, "arg");
        unary("asinh", a -> org.hipparchus.util.FastMath.asinh(a), (a, v) -> 1.0 / Math.sqrt(1.0 + a * a),
                Node.Kind.FEATURE, "arg");
        unary("erf", Erf::erf, (a, v) -> TWO_OVER_SQRT_PI * Math.exp(-a * a), Node.Kind.FEATURE, "arg");
        unary("erfc", Erf::erfc, (a, v) -> -TWO_OVER_SQRT_PI * Math.exp(-a * a), Node.Kind.FEATURE, "arg");
        unary("sigmoid", Functions::sigmoid, (a, v) -> {
            double e = Math.exp(-Math.abs(a));
            return e / ((1.0 + e) * (1.0 + e));
        }, Node.Kind.FEATURE, "arg");
        unary("softplus", Functions::softplus, (a, v) -> sigmoid(a), Node.Kind.FEATURE, "arg");
        unary("relu", a -> a > 0 ? a : 0.0, (a, v) -> a >= 0 ? 1.0 : 0.0, Node.Kind.KINK, "arg");
        binary("max", Math::max, (a, b) -> a >= b, Node.Kind.KINK, "difference");
        binary("min", Math::min, (a, b) -> a <= b, Node.Kind.KINK, "difference");
    }

    private Functions() {
    }
}
