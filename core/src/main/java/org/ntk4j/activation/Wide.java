package org.ntk4j.activation;

/**
 * A double with a separate binary exponent, m·2^e with m ∈ [1, 2) (or zero), for the closed forms of high-degree
 * activations whose intermediate factors (n!, (2n−1)!!, q^n) leave the double range although the result does not.
 * Every operation rounds once, so a product of k factors has a relative error of about k units in the last
 * place, and only the final {@link #value()} can overflow or underflow.
 */
final class Wide {

    private double mantissa;
    private int exponent;

    Wide() {
        set(1.0);
    }

    /** The binary exponent of a finite nonzero x, also for subnormals. */
    static int exponentOf(double x) {
        int e = Math.getExponent(x);
        if (e == Double.MIN_EXPONENT - 1) {
            e = Math.getExponent(x * 0x1p54) - 54;
        }
        return e;
    }

    Wide set(double x) {
        exponent = 0;
        mantissa = x;
        normalise();
        return this;
    }

    private void normalise() {
        if (mantissa == 0 || !Double.isFinite(mantissa)) {
            return;
        }
        int e = exponentOf(mantissa);
        mantissa = Math.scalb(mantissa, -e);
        exponent += e;
    }

    Wide multiply(double x) {
        if (x == 0) {
            mantissa = 0;
            return this;
        }
        int e = exponentOf(x);
        mantissa *= Math.scalb(x, -e);
        exponent += e;
        normalise();
        return this;
    }

    Wide multiply(Wide w) {
        mantissa *= w.mantissa;
        exponent += w.exponent;
        normalise();
        return this;
    }

    /** Multiplies by x^k, k ≥ 0 (0^0 = 1); one rounding per 1000 in k. */
    Wide multiplyPower(double x, int k) {
        if (k == 0) {
            return this;
        }
        if (x == 0) {
            mantissa = 0;
            return this;
        }
        int e = exponentOf(x);
        double m = Math.scalb(Math.abs(x), -e);
        int left = k;
        while (left > 0) {
            int step = Math.min(left, 1000);
            mantissa *= Math.pow(m, step);
            normalise();
            left -= step;
        }
        exponent += e * k;
        if (x < 0 && (k & 1) == 1) {
            mantissa = -mantissa;
        }
        return this;
    }

    /** Multiplies by n!. */
    Wide multiplyFactorial(int n) {
        double run = 1;
        for (int k = 2; k <= n; k++) {
            run *= k;
            if (run > 0x1p500) {
                multiply(run);
                run = 1;
            }
        }
        return multiply(run);
    }

    boolean isZero() {
        return mantissa == 0;
    }

    double mantissa() {
        return mantissa;
    }

    int exponent() {
        return exponent;
    }

    /** m·2^e rounded once to a double: ±Infinity above the double range, 0 or a subnormal below. */
    double value() {
        return mantissa == 0 ? 0.0 : Math.scalb(mantissa, exponent);
    }

    /** A running sum of {@link Wide} terms, kept at the exponent of the largest term so far. */
    static final class Sum {
        private double sum;
        private int exponent = Integer.MIN_VALUE;

        void add(Wide term) {
            if (term.mantissa == 0) {
                return;
            }
            if (exponent == Integer.MIN_VALUE) {
                sum = term.mantissa;
                exponent = term.exponent;
            } else if (term.exponent > exponent) {
                sum = scaleDown(sum, term.exponent - exponent) + term.mantissa;
                exponent = term.exponent;
            } else {
                sum += scaleDown(term.mantissa, exponent - term.exponent);
            }
        }

        private static double scaleDown(double x, int by) {
            return by > 1100 ? 0.0 : Math.scalb(x, -by);
        }

        /** The sum, rounded once (the partial sums are exact up to one rounding per term). */
        double value() {
            return exponent == Integer.MIN_VALUE || sum == 0 ? 0.0 : Math.scalb(sum, exponent);
        }

        /** The sum times a {@link Wide} factor, rounded once. */
        double times(Wide factor) {
            if (exponent == Integer.MIN_VALUE || sum == 0 || factor.mantissa == 0) {
                return 0.0;
            }
            return Math.scalb(sum * factor.mantissa, exponent + factor.exponent);
        }
    }
}
