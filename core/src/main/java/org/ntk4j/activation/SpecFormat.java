package org.ntk4j.activation;

import java.util.StringJoiner;

/** Writes activation parameters so that {@link Activations#parse} reads back the same doubles. */
final class SpecFormat {

    private SpecFormat() {
    }

    /** Shortest round-trip form: integers without ".0", others as {@link Double#toString}. */
    static String number(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return Double.toString(x);
    }

    static String of(String name, double... parameters) {
        StringJoiner j = new StringJoiner(",", name + "(", ")");
        for (double p : parameters) {
            j.add(number(p));
        }
        return j.toString();
    }
}
