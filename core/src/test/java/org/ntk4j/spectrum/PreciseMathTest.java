package org.ntk4j.spectrum;

import static org.assertj.core.api.Assertions.assertThat;

import ch.obermuhlner.math.big.BigDecimalMath;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PreciseMathTest {

    @Test
    void atan2AgreesWithBigMathInEveryQuadrant() {
        int digits = 200;
        int bits = PreciseMath.bitsFor(digits);
        MathContext mc = new MathContext(digits + 20);
        String[][] points = {{"0.3", "0.7"}, {"0.7", "0.3"}, {"1", "1"}, {"-0.2", "0.9"}, {"0.25", "-0.5"},
                {"-0.9", "-0.1"}, {"1e-30", "1"}, {"1", "1e-30"}, {"0.999999", "-0.000001"}};
        for (String[] p : points) {
            BigDecimal y = new BigDecimal(p[0]);
            BigDecimal x = new BigDecimal(p[1]);
            BigDecimal expected = BigDecimalMath.atan2(y, x, mc);
            BigDecimal actual = PreciseMath.toDecimal(PreciseMath.atan2(PreciseMath.fromDecimal(y, bits),
                    PreciseMath.fromDecimal(x, bits), bits), bits, mc);
            assertThat(actual.subtract(expected).abs()).as("atan2(%s, %s)", p[0], p[1])
                    .isLessThan(BigDecimal.ONE.scaleByPowerOfTen(-digits));
        }
        assertThat(PreciseMath.atan2(BigInteger.ZERO, PreciseMath.one(bits).negate(), bits))
                .isEqualTo(PreciseMath.pi(bits));
        assertThat(PreciseMath.atan2(BigInteger.ZERO, BigInteger.ZERO, bits)).isEqualTo(BigInteger.ZERO);
    }

    @Test
    void integerSquareRootIsTheFloor() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200; i++) {
            BigInteger n = new BigInteger(1 + random.nextInt(5000), new java.util.Random(random.nextLong()));
            BigInteger r = PreciseMath.isqrt(n);
            assertThat(r).isEqualTo(n.sqrt());
        }
        BigInteger square = BigInteger.TEN.pow(300);
        assertThat(PreciseMath.isqrt(square.multiply(square))).isEqualTo(square);
        assertThat(PreciseMath.isqrt(square.multiply(square).subtract(BigInteger.ONE))).isEqualTo(square.subtract(BigInteger.ONE));
    }

    @Test
    void piAndFixedPointConversions() {
        int bits = PreciseMath.bitsFor(100);
        MathContext mc = new MathContext(100);
        assertThat(PreciseMath.toDecimal(PreciseMath.pi(bits), bits, mc)).isEqualTo(BigDecimalMath.pi(mc));
        assertThat(PreciseMath.log10Abs(new BigDecimal("2.5e-311"))).isCloseTo(Math.log10(2.5) - 311,
                org.assertj.core.api.Assertions.within(1e-12));
    }
}
