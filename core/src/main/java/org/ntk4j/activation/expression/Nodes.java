package org.ntk4j.activation.expression;

import java.util.List;
import org.hipparchus.analysis.differentiation.UnivariateDerivative1;

/** The node types: numbers, x, unary minus, binary operators and function calls. */
final class Nodes {

    private Nodes() {
    }

    static final class Constant extends Node {
        final double value;
        private final String text;

        Constant(int position, double value, String text) {
            super(position);
            this.value = value;
            this.text = text;
        }

        @Override
        double value(double x) {
            return value;
        }

        @Override
        UnivariateDerivative1 differentiate(UnivariateDerivative1 x) {
            return new UnivariateDerivative1(value, 0.0);
        }

        @Override
        boolean isConstant() {
            return true;
        }

        @Override
        List<Node> children() {
            return List.of();
        }

        @Override
        String describe() {
            return text;
        }
    }

    static final class Variable extends Node {
        Variable(int position) {
            super(position);
        }

        @Override
        double value(double x) {
            return x;
        }

        @Override
        UnivariateDerivative1 differentiate(UnivariateDerivative1 x) {
            return x;
        }

        @Override
        boolean isConstant() {
            return false;
        }

        @Override
        List<Node> children() {
            return List.of();
        }

        @Override
        String describe() {
            return "x";
        }
    }

    static final class Negation extends Node {
        final Node operand;

        Negation(int position, Node operand) {
            super(position);
            this.operand = operand;
        }

        @Override
        double value(double x) {
            return -operand.value(x);
        }

        @Override
        UnivariateDerivative1 differentiate(UnivariateDerivative1 x) {
            return operand.differentiate(x).negate();
        }

        @Override
        boolean isConstant() {
            return operand.isConstant();
        }

        @Override
        List<Node> children() {
            return List.of(operand);
        }

        @Override
        String describe() {
            return "-(...)";
        }
    }

    static final class Binary extends Node {
        final char op;
        final Node left;
        final Node right;
        /** For a^p with constant integer p: p, else Integer.MIN_VALUE. */
        private final int integerPower;
        private final double constantPower;

        Binary(int position, char op, Node left, Node right) {
            super(position);
            this.op = op;
            this.left = left;
            this.right = right;
            if (op == '^' && right.isConstant()) {
                double p = right.value(0.0);
                constantPower = p;
                integerPower = p == Math.rint(p) && Math.abs(p) <= 1 << 20 ? (int) p : Integer.MIN_VALUE;
            } else {
                constantPower = Double.NaN;
                integerPower = Integer.MIN_VALUE;
            }
        }

        @Override
        double value(double x) {
            double a = left.value(x);
            double b = right.value(x);
            return switch (op) {
                case '+' -> a + b;
                case '-' -> a - b;
                case '*' -> a * b;
                case '/' -> a / b;
                default -> Math.pow(a, b);
            };
        }

        @Override
        UnivariateDerivative1 differentiate(UnivariateDerivative1 x) {
            UnivariateDerivative1 a = left.differentiate(x);
            if (op == '^' && integerPower != Integer.MIN_VALUE) {
                return a.pow(integerPower);
            }
            if (op == '^' && !Double.isNaN(constantPower)) {
                return a.pow(constantPower);
            }
            UnivariateDerivative1 b = right.differentiate(x);
            return switch (op) {
                case '+' -> a.add(b);
                case '-' -> a.subtract(b);
                case '*' -> a.multiply(b);
                case '/' -> a.divide(b);
                default -> a.pow(b);
            };
        }

        @Override
        boolean isConstant() {
            return left.isConstant() && right.isConstant();
        }

        @Override
        List<Node> children() {
            return List.of(left, right);
        }

        @Override
        String describe() {
            return switch (op) {
                case '/' -> "division";
                case '^' -> "power";
                default -> "'" + op + "'";
            };
        }

        @Override
        void switches(List<Switch> out) {
            if (op == '/' && !right.isConstant()) {
                out.add(new Switch(right, Kind.POLE, this));
            } else if (op == '^' && !left.isConstant()) {
                if (integerPower == Integer.MIN_VALUE) {
                    out.add(new Switch(left, Kind.DOMAIN, this));
                } else if (integerPower < 0) {
                    out.add(new Switch(left, Kind.POLE, this));
                }
            }
        }
    }

    static final class Call extends Node {
        final Functions.Function function;
        final Node[] arguments;
        private final Node switchFunction;

        Call(int position, Functions.Function function, Node[] arguments) {
            super(position);
            this.function = function;
            this.arguments = arguments;
            this.switchFunction = function.switchFunction(position, arguments);
        }

        @Override
        double value(double x) {
            if (arguments.length == 1) {
                return function.value(arguments[0].value(x));
            }
            return function.value(arguments[0].value(x), arguments[1].value(x));
        }

        @Override
        UnivariateDerivative1 differentiate(UnivariateDerivative1 x) {
            if (arguments.length == 1) {
                return function.differentiate(arguments[0].differentiate(x));
            }
            return function.differentiate(arguments[0].differentiate(x), arguments[1].differentiate(x));
        }

        @Override
        boolean isConstant() {
            for (Node a : arguments) {
                if (!a.isConstant()) {
                    return false;
                }
            }
            return true;
        }

        @Override
        List<Node> children() {
            return List.of(arguments);
        }

        @Override
        String describe() {
            return function.name() + "(...)";
        }

        @Override
        void switches(List<Switch> out) {
            if (switchFunction != null && !switchFunction.isConstant()) {
                out.add(new Switch(switchFunction, function.kind(), this));
            }
        }
    }
}
