package org.ntk4j.spectrum;

import ch.obermuhlner.math.big.BigDecimalMath;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Binary fixed-point arithmetic for the spectra's bulk kernel evaluations: a real x is the BigInteger
 * X = ⌊x·2^P⌋ for a fixed number P of fraction bits. Products and quotients shift instead of rounding in
 * decimal, which makes them 10 to 100 times faster than {@link BigDecimal} with a {@link MathContext}
 * (big-math's {@code atan2} costs about 8 ms at 340 digits, {@link #atan2} here a few tens of µs).
 * Every operation is exact up to one unit of 2^{−P} (truncation); {@link #atan2} works with extra guard bits so
 * that its result is accurate to a few units of 2^{−P}.
 */
public final class PreciseMath {

    private static final ConcurrentHashMap<Integer, BigInteger> PI = new ConcurrentHashMap<>();
    private static final double LOG2_10 = 3.3219280948873623;

    private PreciseMath() {
    }

    /** The fraction bits that carry {@code digits} decimal digits plus 32 guard bits. */
    public static int bitsFor(int digits) {
        return (int) Math.ceil(digits * LOG2_10) + 32;
    }

    public static BigInteger one(int bits) {
        return BigInteger.ONE.shiftLeft(bits);
    }

    /** ⌊x 2^P⌉ for a decimal x. */
    public static BigInteger fromDecimal(BigDecimal x, int bits) {
        return x.multiply(new BigDecimal(one(bits))).setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
    }

    /** X 2^{−P} rounded to mc. */
    public static BigDecimal toDecimal(BigInteger x, int bits, MathContext mc) {
        return new BigDecimal(x).divide(new BigDecimal(one(bits)), mc);
    }

    public static BigInteger multiply(BigInteger a, BigInteger b, int bits) {
        return a.multiply(b).shiftRight(bits);
    }

    public static BigInteger divide(BigInteger a, BigInteger b, int bits) {
        return a.shiftLeft(bits).divide(b);
    }

    /** √x (0 for x ≤ 0). */
    public static BigInteger sqrt(BigInteger x, int bits) {
        return x.signum() <= 0 ? BigInteger.ZERO : isqrt(x.shiftLeft(bits));
    }

    /**
     * ⌊√n⌋ for n ≥ 0 by recursion on the top half of the bits and Newton steps from above (x ← (x + n/x)/2
     * while it decreases): two full-size divisions, where the JDK's BigInteger.sqrt takes many.
     */
    static BigInteger isqrt(BigInteger n) {
        int len = n.bitLength();
        if (len <= 120) {
            return n.sqrt();
        }
        int k = len / 4;
        BigInteger x = isqrt(n.shiftRight(2 * k)).add(BigInteger.ONE).shiftLeft(k);
        while (true) {
            BigInteger next = x.add(n.divide(x)).shiftRight(1);
            if (next.compareTo(x) >= 0) {
                return x;
            }
            x = next;
        }
    }

    /** π in fixed point (cached per P). */
    public static BigInteger pi(int bits) {
        return PI.computeIfAbsent(bits, b -> fromDecimal(
                BigDecimalMath.pi(new MathContext((int) Math.ceil(b / LOG2_10) + 10)), b));
    }

    /** θ = atan2(y, x) ∈ (−π, π]; 0 for x = y = 0. */
    public static BigInteger atan2(BigInteger y, BigInteger x, int bits) {
        if (y.signum() == 0) {
            return x.signum() >= 0 ? BigInteger.ZERO : pi(bits);
        }
        if (x.signum() == 0) {
            BigInteger half = pi(bits).shiftRight(1);
            return y.signum() > 0 ? half : half.negate();
        }
        BigInteger ay = y.abs();
        BigInteger ax = x.abs();
        int guard = 24 + (int) Math.round(Math.sqrt(bits) / 3.0);
        int wb = bits + guard;
        BigInteger base;
        if (ay.compareTo(ax) <= 0) {
            base = atanUnit(ay.shiftLeft(wb).divide(ax), wb);
        } else {
            base = pi(wb).shiftRight(1).subtract(atanUnit(ax.shiftLeft(wb).divide(ay), wb));
        }
        BigInteger angle = x.signum() > 0 ? base : pi(wb).subtract(base);
        angle = angle.shiftRight(guard);
        return y.signum() > 0 ? angle : angle.negate();
    }

    private static final int TABLE = 64;
    private static final ConcurrentHashMap<Integer, BigInteger[]> ATAN_TABLE = new ConcurrentHashMap<>();

    /**
     * atan t for 0 ≤ t ≤ 1 by a table: with c = m/64 the nearest table point, atan t = atan c + atan u,
     * u = (t − c)/(1 + t c), |u| ≤ 1/128, so the Taylor series of atan u needs about P/14 terms. The table
     * (65 values per precision, cached) comes from {@link #atanSeries}.
     */
    static BigInteger atanUnit(BigInteger t, int bits) {
        BigInteger[] table = ATAN_TABLE.computeIfAbsent(bits, b -> {
            BigInteger[] v = new BigInteger[TABLE + 1];
            for (int m = 0; m <= TABLE; m++) {
                v[m] = atanSeries(BigInteger.valueOf(m).shiftLeft(b).divide(BigInteger.valueOf(TABLE)), b);
            }
            return v;
        });
        int shift = bits - 6;
        int m = t.add(BigInteger.ONE.shiftLeft(shift - 1)).shiftRight(shift).intValueExact();
        BigInteger c = BigInteger.valueOf(m).shiftLeft(shift);
        BigInteger u = divide(t.subtract(c), one(bits).add(multiply(t, c, bits)), bits);
        return table[m].add(taylor(u, bits));
    }

    /**
     * y − y³/3 + y⁵/5 − … for |y| &lt; 2^{−z}. The n-th power is below 2^{−z(2n+1)}, so only its top
     * P − z(2n+1) bits matter: y² is truncated by z(2n+1) bits before each product (error ≤ 1 unit of 2^{−P} per
     * term), which makes the late, tiny terms cheap — about a third of the work of full-width products.
     */
    private static BigInteger taylor(BigInteger y, int bits) {
        int z = Math.max(1, bits - y.abs().bitLength());
        BigInteger y2 = multiply(y, y, bits);
        BigInteger power = y;
        BigInteger sum = y;
        for (long n = 1; ; n++) {
            long shift = z * (2 * n - 1);
            if (shift >= bits) {
                break;
            }
            int sh = (int) shift;
            power = power.multiply(y2.shiftRight(sh)).shiftRight(bits - sh);
            BigInteger term = power.divide(BigInteger.valueOf(2 * n + 1));
            if (term.signum() == 0) {
                break;
            }
            sum = (n & 1) == 1 ? sum.subtract(term) : sum.add(term);
        }
        return sum;
    }

    /**
     * atan t for 0 ≤ t ≤ 1: r halvings t ← t/(1 + √(1 + t²)) (atan t = 2 atan of the new t), r ≈ √P/3, then the
     * Taylor series t − t³/3 + t⁵/5 − … until the terms vanish, times 2^r.
     */
    static BigInteger atanSeries(BigInteger t, int bits) {
        BigInteger one = one(bits);
        int halvings = Math.max(2, (int) Math.round(Math.sqrt(bits) / 3.0));
        BigInteger y = t;
        for (int i = 0; i < halvings; i++) {
            BigInteger root = sqrt(one.add(multiply(y, y, bits)), bits);
            y = divide(y, one.add(root), bits);
        }
        BigInteger sum = taylor(y, bits);
        return sum.shiftLeft(halvings);
    }

    /** log10 |x| (approximately, from the digits; enough to size precisions). −∞ for 0. */
    public static double log10Abs(BigDecimal x) {
        if (x.signum() == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        int exponent = x.precision() - x.scale() - 1;
        BigDecimal mantissa = x.abs().movePointLeft(exponent);
        return exponent + Math.log10(mantissa.doubleValue());
    }
}
