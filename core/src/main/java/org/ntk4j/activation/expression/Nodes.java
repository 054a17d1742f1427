package org.ntk4j.activation.expression;

import java.util.List;

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
        double forward(double x, double[] slope) {
            slope[0] = 0.0;
            return value;
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
        double forward(double x, double[] slope) {
            slope[0] = 1.0;
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
        double forward(double x, double[] slope) {
            double v = operand.forward(x, slope);
            slope[0] = -slope[0];
            return -v;
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
        double forward(double x, double[] slope) {
            double a = left.forward(x, slope);
            double da = slope[0];
            if (op == '^' && !Double.isNaN(constantPower)) {
                // a^p with constant p: value as value(x) computes it; d = p a^(p−1) a'
                double p = constantPower;
                double v = Math.pow(a, p);
                slope[0] = p == 0 ? 0.0 : p * Math.pow(a, p - 1) * da;
                return v;
            }
            double b = right.forward(x, slope);
            double db = slope[0];
            switch (op) {
                case '+' -> {
                    slope[0] = da + db;
                    return a + b;
                }
                case '-' -> {
                    slope[0] = da - db;
                    return a - b;
                }
                case '*' -> {
                    slope[0] = da * b + a * db;
                    return a * b;
                }
                case '/' -> {
                    double v = a / b;
                    slope[0] = (da - v * db) / b;
                    return v;
                }
                default -> {
                    // a^b = exp(b ln a): d = a^b (b' ln a + b a'/a)
                    double v = Math.pow(a, b);
                    slope[0] = v * (db * Math.log(a) + b * da / a);
                    return v;
                }
            }
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
        double forward(double x, double[] slope) {
            double a = arguments[0].forward(x, slope);
            double da = slope[0];
            if (arguments.length == 1) {
                double v = function.value(a);
                slope[0] = function.slope(a, v) * da;
                return v;
            }
            double b = arguments[1].forward(x, slope);
            double db = slope[0];
            slope[0] = function.followsFirst(a, b) ? da : db;
            return function.value(a, b);
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
