package org.ntk4j.activation.expression;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.hipparchus.analysis.differentiation.UnivariateDerivative1;
import org.hipparchus.special.Erf;

/**
 * The functions an expression may call. Derivatives come from Hipparchus's {@link UnivariateDerivative1}
 * arithmetic; for the functions Hipparchus does not provide on it (erf, erfc, sigmoid, softplus) the chain rule
 * is applied through {@link UnivariateDerivative1#compose(double, double)} with the exact derivative.
 */
final class Functions {

    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);

    /** A function of one or two arguments. */
    record Function(String name, int arity, DoubleUnaryOperator unary, DoubleBinaryOperator binary,
                    UnaryOperator<UnivariateDerivative1> unaryDerivative,
                    BinaryOperator<UnivariateDerivative1> binaryDerivative, Node.Kind kind, String switchRule) {

        double value(double a) {
            return unary.applyAsDouble(a);
        }

        double value(double a, double b) {
            return binary.applyAsDouble(a, b);
        }

        UnivariateDerivative1 differentiate(UnivariateDerivative1 a) {
            return unaryDerivative.apply(a);
        }

        UnivariateDerivative1 differentiate(UnivariateDerivative1 a, UnivariateDerivative1 b) {
            return binaryDerivative.apply(a, b);
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

    private static void unary(String name, DoubleUnaryOperator f, UnaryOperator<UnivariateDerivative1> d,
                              Node.Kind kind, String rule) {
        FUNCTIONS.put(name, new Function(name, 1, f, null, d, null, kind, rule));
    }

    private static void binary(String name, DoubleBinaryOperator f, BinaryOperator<UnivariateDerivative1> d,
                               Node.Kind kind, String rule) {
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
        unary("exp", Math::exp, UnivariateDerivative1::exp, Node.Kind.FEATURE, "arg");
        unary("log", Math::log, UnivariateDerivative1::log, Node.Kind.DOMAIN, "arg");
        unary("log1p", Math::log1p, UnivariateDerivative1::log1p, Node.Kind.DOMAIN, "onePlus");
        unary("expm1", Math::expm1, UnivariateDerivative1::expm1, Node.Kind.FEATURE, "arg");
        unary("sqrt", Math::sqrt, UnivariateDerivative1::sqrt, Node.Kind.DOMAIN, "arg");
        unary("abs", Math::abs, UnivariateDerivative1::abs, Node.Kind.KINK, "arg");
        unary("sin", Math::sin, UnivariateDerivative1::sin, null, null);
        unary("cos", Math::cos, UnivariateDerivative1::cos, null, null);
        unary("tan", Math::tan, UnivariateDerivative1::tan, Node.Kind.POLE, "cos");
        unary("tanh", Math::tanh, UnivariateDerivative1::tanh, Node.Kind.FEATURE, "arg");
        unary("sinh", Math::sinh, UnivariateDerivative1::sinh, null, null);
        unary("cosh", Math::cosh, UnivariateDerivative1::cosh, null, null);
        unary("atan", Math::atan, UnivariateDerivative1::atan, Node.Kind.FEATURE, "arg");
        unary("asinh", a -> org.hipparchus.util.FastMath.asinh(a), UnivariateDerivative1::asinh,
                Node.Kind.FEATURE, "arg");
        unary("erf", Erf::erf, a -> a.compose(Erf.erf(a.getValue()),
                TWO_OVER_SQRT_PI * Math.exp(-a.getValue() * a.getValue())), Node.Kind.FEATURE, "arg");
        unary("erfc", Erf::erfc, a -> a.compose(Erf.erfc(a.getValue()),
                -TWO_OVER_SQRT_PI * Math.exp(-a.getValue() * a.getValue())), Node.Kind.FEATURE, "arg");
        unary("sigmoid", Functions::sigmoid, a -> {
            double v = a.getValue();
            double e = Math.exp(-Math.abs(v));
            return a.compose(sigmoid(v), e / ((1.0 + e) * (1.0 + e)));
        }, Node.Kind.FEATURE, "arg");
        unary("softplus", Functions::softplus, a -> a.compose(softplus(a.getValue()), sigmoid(a.getValue())),
                Node.Kind.FEATURE, "arg");
        unary("relu", a -> a > 0 ? a : 0.0, a -> a.getValue() >= 0 ? a : a.multiply(0.0), Node.Kind.KINK, "arg");
        binary("max", Math::max, (a, b) -> a.getValue() >= b.getValue() ? a : b, Node.Kind.KINK, "difference");
        binary("min", Math::min, (a, b) -> a.getValue() <= b.getValue() ? a : b, Node.Kind.KINK, "difference");
    }

    private Functions() {
    }
}
