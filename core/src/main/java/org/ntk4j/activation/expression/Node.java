package org.ntk4j.activation.expression;

import java.util.List;

/**
 * A node of a parsed expression in x: evaluated in double for φ, and by forward-mode automatic differentiation
 * (value and derivative carried together through the tree, on primitives: quadrature evaluates φ and φ' at
 * millions of points) for φ and φ' together.
 */
abstract class Node {

    /** 1-based position of the node's text in the source, for error messages. */
    final int position;

    Node(int position) {
        this.position = position;
    }

    abstract double value(double x);

    /**
     * The node's value at x, which is {@link #value(double)} bit for bit, and its derivative d/dx in
     * {@code slope[0]} (the chain rule applied node by node: exact up to the rounding of each step).
     */
    abstract double forward(double x, double[] slope);

    /** True when the node does not depend on x. */
    abstract boolean isConstant();

    /** The sub-nodes. */
    abstract List<Node> children();

    /** A short description for messages, e.g. {@code log(...)}. */
    abstract String describe();

    /** Adds the points of interest of this node (not of its children): kinks, domain edges, poles, centres. */
    void switches(List<Switch> out) {
    }

    /** Collects the switches of the whole subtree. */
    final void allSwitches(List<Switch> out) {
        for (Node c : children()) {
            c.allSwitches(out);
        }
        switches(out);
    }

    /**
     * The innermost node whose value or derivative is not finite at x although its children's are, or null.
     */
    final Node blame(double x) {
        for (Node c : children()) {
            Node b = c.blame(x);
            if (b != null) {
                return b;
            }
        }
        double[] slope = new double[1];
        boolean finite = Double.isFinite(forward(x, slope)) && Double.isFinite(slope[0]);
        return finite ? null : this;
    }

    /** A point of interest: where {@code function} (a node of the expression) changes sign. */
    record Switch(Node function, Kind kind, Node owner) {
    }

    enum Kind {
        /** φ or φ' is not smooth at the root (abs, relu, max, min): the quadrature splits there. */
        KINK,
        /** a domain edge (sqrt, log, fractional powers): split, and φ must be finite there. */
        DOMAIN,
        /** a denominator or tangent pole: φ must stay bounded there. */
        POLE,
        /** the centre of a smooth transition (tanh, sigmoid, erf...): refined around. */
        FEATURE
    }
}
