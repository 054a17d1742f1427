package org.ntk4j.activation.expression;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser of expressions in x:
 * <pre>
 *   sum     := product (('+' | '-') product)*
 *   product := unary (('*' | '/') unary)*
 *   unary   := ('-' | '+') unary | power
 *   power   := primary ('^' unary)?            (right-associative: 2^3^2 = 2^9; -x^2 = -(x^2); 2^-1 = 0.5)
 *   primary := number | 'x' | 'pi' | 'e' | name '(' sum (',' sum)* ')' | '(' sum ')'
 * </pre>
 * Numbers are decimal with an optional exponent (1e-3, .5, 2.). Every error is one line naming the problem and
 * its 1-based position.
 */
final class ExpressionParser {

    private final String source;
    private int pos;

    private ExpressionParser(String source) {
        this.source = source;
    }

    static Node parse(String source) {
        ExpressionParser p = new ExpressionParser(source);
        p.skipSpaces();
        if (p.pos >= source.length()) {
            throw p.error("empty expression", 0);
        }
        Node n = p.sum();
        p.skipSpaces();
        if (p.pos < source.length()) {
            throw p.error("unexpected '" + source.charAt(p.pos) + "'", p.pos);
        }
        return n;
    }

    private IllegalArgumentException error(String problem, int at) {
        return new IllegalArgumentException("expression '" + source + "': " + problem + " at position " + (at + 1));
    }

    private void skipSpaces() {
        while (pos < source.length() && Character.isWhitespace(source.charAt(pos))) {
            pos++;
        }
    }

    private boolean peek(char c) {
        skipSpaces();
        return pos < source.length() && source.charAt(pos) == c;
    }

    private Node sum() {
        Node left = product();
        while (peek('+') || peek('-')) {
            int at = pos;
            char op = source.charAt(pos++);
            left = new Nodes.Binary(at + 1, op, left, product());
        }
        return left;
    }

    private Node product() {
        Node left = unary();
        while (peek('*') || peek('/')) {
            int at = pos;
            char op = source.charAt(pos++);
            left = new Nodes.Binary(at + 1, op, left, unary());
        }
        return left;
    }

    private Node unary() {
        if (peek('-')) {
            int at = pos++;
            return new Nodes.Negation(at + 1, unary());
        }
        if (peek('+')) {
            pos++;
            return unary();
        }
        return power();
    }

    private Node power() {
        Node base = primary();
        if (peek('^')) {
            int at = pos++;
            return new Nodes.Binary(at + 1, '^', base, unary());
        }
        return base;
    }

    private Node primary() {
        skipSpaces();
        if (pos >= source.length()) {
            throw error("unexpected end of expression", pos);
        }
        char c = source.charAt(pos);
        int start = pos;
        if (c == '(') {
            pos++;
            Node inner = sum();
            expect(')', start);
            return inner;
        }
        if (Character.isDigit(c) || c == '.') {
            return number();
        }
        if (Character.isLetter(c) || c == '_') {
            while (pos < source.length() && (Character.isLetterOrDigit(source.charAt(pos)) || source.charAt(pos) == '_')) {
                pos++;
            }
            String name = source.substring(start, pos);
            if (peek('(')) {
                int open = pos++;
                Functions.Function f = Functions.FUNCTIONS.get(name);
                if (f == null) {
                    throw new IllegalArgumentException("expression '" + source + "': unknown function '" + name
                            + "' at position " + (start + 1) + " (known: "
                            + String.join(", ", Functions.FUNCTIONS.keySet()) + ")");
                }
                List<Node> args = new ArrayList<>();
                if (!peek(')')) {
                    args.add(sum());
                    while (peek(',')) {
                        pos++;
                        args.add(sum());
                    }
                }
                expect(')', open);
                if (args.size() != f.arity()) {
                    throw error(name + " takes " + f.arity() + " argument" + (f.arity() == 1 ? "" : "s")
                            + ", got " + args.size(), start);
                }
                return new Nodes.Call(start + 1, f, args.toArray(new Node[0]));
            }
            return switch (name) {
                case "x" -> new Nodes.Variable(start + 1);
                case "pi" -> new Nodes.Constant(start + 1, Math.PI, "pi");
                case "e" -> new Nodes.Constant(start + 1, Math.E, "e");
                default -> throw Functions.FUNCTIONS.containsKey(name)
                        ? error("function '" + name + "' needs parentheses", start)
                        : new IllegalArgumentException("expression '" + source + "': unknown identifier '" + name
                        + "' at position " + (start + 1) + " (the variable is x; constants pi, e)");
            };
        }
        throw error("unexpected '" + c + "'", pos);
    }

    private void expect(char c, int openedAt) {
        if (!peek(c)) {
            if (pos >= source.length()) {
                throw new IllegalArgumentException("expression '" + source + "': missing '" + c + "' at position "
                        + (pos + 1) + " (for the '(' at position " + (openedAt + 1) + ")");
            }
            throw error("expected '" + c + "' but found '" + source.charAt(pos) + "'", pos);
        }
        pos++;
    }

    private Node number() {
        int start = pos;
        while (pos < source.length() && Character.isDigit(source.charAt(pos))) {
            pos++;
        }
        if (pos < source.length() && source.charAt(pos) == '.') {
            pos++;
            while (pos < source.length() && Character.isDigit(source.charAt(pos))) {
                pos++;
            }
        }
        if (pos < source.length() && (source.charAt(pos) == 'e' || source.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < source.length() && (source.charAt(pos) == '+' || source.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < source.length() && Character.isDigit(source.charAt(pos))) {
                while (pos < source.length() && Character.isDigit(source.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save; // "2e" is 2 followed by the identifier e: reported as an unexpected token later
            }
        }
        String text = source.substring(start, pos);
        if (text.equals(".")) {
            throw error("malformed number '.'", start);
        }
        double v = Double.parseDouble(text);
        if (!Double.isFinite(v)) {
            throw error("number '" + text + "' is out of range", start);
        }
        return new Nodes.Constant(start + 1, v, text);
    }
}
