package org.ntk4j.activation;

import ch.obermuhlner.math.big.BigDecimalMath;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.function.Function;

/** Shared pieces of the arbitrary-precision duals: exact Gaussian-pair geometry and sums that guard cancellation. */
final class PreciseSupport {

    static final BigDecimal TWO = BigDecimal.valueOf(2);

    private PreciseSupport() {
    }

    /** q1 q2 − c² computed exactly (BigDecimal products of finite decimals are exact), clamped at 0. */
    static BigDecimal sinePartSquared(BigDecimal q1, BigDecimal q2, BigDecimal c) {
        BigDecimal d = q1.multiply(q2).subtract(c.multiply(c));
        return d.signum() <= 0 ? BigDecimal.ZERO : d;
    }

    /** √(q1 q2 − c²) = s sin θ, from the exact square. */
    static BigDecimal sinePart(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc) {
        BigDecimal d = sinePartSquared(q1, q2, c);
        return d.signum() == 0 ? BigDecimal.ZERO : BigDecimalMath.sqrt(d, mc);
    }

    /** atan2(y, x) for y ≥ 0, in [0, π]: 0 when y = 0 and x ≥ 0, π when y = 0 and x &lt; 0. */
    static BigDecimal angle(BigDecimal y, BigDecimal x, MathContext mc) {
        if (y.signum() == 0) {
            return x.signum() < 0 ? BigDecimalMath.pi(mc) : BigDecimal.ZERO;
        }
        return BigDecimalMath.atan2(y, x, mc);
    }

    /**
     * π − θ = atan2(y, −x) for y ≥ 0, in [0, π], accurate as θ → π; at y = x = 0 it is π (θ = 0, the diagonal
     * limit), matching {@link #angle}.
     */
    static BigDecimal piMinusAngle(BigDecimal y, BigDecimal x, MathContext mc) {
        if (y.signum() == 0) {
            return x.signum() < 0 ? BigDecimal.ZERO : BigDecimalMath.pi(mc);
        }
        return BigDecimalMath.atan2(y, x.negate(), mc);
    }

    /**
     * e^x, or 0 when e^x is below BigDecimal's range (x &lt; −4e9); above its range (x &gt; 4e9) an
     * ArithmeticException.
     */
    static BigDecimal exp(BigDecimal x, MathContext mc) {
        if (x.compareTo(EXP_LIMIT.negate()) < 0) {
            return BigDecimal.ZERO;
        }
        if (x.compareTo(EXP_LIMIT) > 0) {
            throw new ArithmeticException("e^" + x.round(new MathContext(6)) + " is beyond BigDecimal's range");
        }
        return x.signum() == 0 ? BigDecimal.ONE : BigDecimalMath.exp(x, mc);
    }

    private static final BigDecimal EXP_LIMIT = BigDecimal.valueOf(4_000_000_000L);

    /** A working context {@code extra} digits wider than {@code mc}. */
    static MathContext widen(MathContext mc, int extra) {
        return new MathContext(mc.getPrecision() + extra, RoundingMode.HALF_EVEN);
    }

    /**
     * Σ terms(w) to the precision of {@code mc}: each term is computed to the working precision w, and when the
     * sum cancels (Σ|t| much larger than |Σ t|) the terms are recomputed with as many more digits as were lost.
     * A sum that stays zero at four times the requested digits is returned as 0 (it is then below
     * 10^(−4p) of its largest term).
     */
    static BigDecimal guardedSum(MathContext mc, Function<MathContext, BigDecimal[]> terms) {
        int digits = mc.getPrecision();
        int p = digits + 10;
        for (int attempt = 0; ; attempt++) {
            MathContext w = new MathContext(p, RoundingMode.HALF_EVEN);
            BigDecimal[] t = terms.apply(w);
            BigDecimal sum = BigDecimal.ZERO;
            BigDecimal abs = BigDecimal.ZERO;
            for (BigDecimal x : t) {
                sum = sum.add(x, w);
                abs = abs.add(x.abs(), w);
            }
            if (abs.signum() == 0) {
                return BigDecimal.ZERO;
            }
            int guard = 4 + String.valueOf(t.length).length();
            if (sum.signum() != 0) {
                int lost = decimalExponent(abs) - decimalExponent(sum);
                if (digits + lost + guard <= p) {
                    return sum.round(mc);
                }
                p = digits + lost + guard + 5;
            } else {
                p = 2 * p;
            }
            if (p > 4 * digits + 100 || attempt > 8) {
                return sum.round(mc);
            }
        }
    }

    /** ⌊log10 |x|⌋ for x ≠ 0. */
    static int decimalExponent(BigDecimal x) {
        return x.precision() - x.scale() - 1;
    }

    static BigDecimal twoPi(MathContext mc) {
        return BigDecimalMath.pi(mc).multiply(TWO, mc);
    }
}
