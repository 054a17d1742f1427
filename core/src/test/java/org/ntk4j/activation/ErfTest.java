package org.ntk4j.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ntk4j.testing.GaussianExpectation;

class ErfTest {

    private final Erf erf = new Erf();

    @ParameterizedTest
    @CsvSource({"1,1,0", "1,1,0.5", "1,1,-0.5", "1,1,0.9", "1,1,0.999", "2,0.5,0.7", "3,0.1,-0.3", "1,1,1", "1,1,-1",
            "0.01,0.02,0.01"})
    void dualsAgreeWithNumericalIntegration(double q1, double q2, double c) {
        double e = GaussianExpectation.smooth(erf::value, erf::value, q1, q2, c);
        double ed = GaussianExpectation.smooth(erf::derivative, erf::derivative, q1, q2, c);
        assertThat(erf.dual(q1, q2, c)).isCloseTo(e, within(1e-13));
        assertThat(erf.derivativeDual(q1, q2, c)).isCloseTo(ed, within(1e-13));
    }

    @ParameterizedTest
    @CsvSource({"0,0,0", "1e-300,1e-300,1e-300", "1e300,1e300,1e300", "1e300,1e300,-1e300", "1,1,1.0000000000000002"})
    void finiteOnDegenerateArguments(double q1, double q2, double c) {
        assertThat(erf.dual(q1, q2, c)).isFinite();
        assertThat(erf.derivativeDual(q1, q2, c)).isFinite();
    }

    @ParameterizedTest
    @CsvSource({"1,1,0.3", "2,0.5,0.7", "1,1,1", "1,1,-1"})
    void preciseDualAgreesWithDouble(double q1, double q2, double c) {
        MathContext mc = new MathContext(40);
        BigDecimal b1 = new BigDecimal(q1);
        BigDecimal b2 = new BigDecimal(q2);
        BigDecimal bc = new BigDecimal(c);
        assertThat(erf.dual(b1, b2, bc, mc).doubleValue()).isCloseTo(erf.dual(q1, q2, c), within(1e-15));
        assertThat(erf.derivativeDual(b1, b2, bc, mc).doubleValue())
                .isCloseTo(erf.derivativeDual(q1, q2, c), within(1e-15));
    }

    /**
     * At variances far beyond the working precision's 10^40 and ρ = 1 (and an ulp beyond), the precise duals keep
     * the 1 of 1 + 2q: Σ' = (2/π) asin(2q/(1 + 2q)) and Σ̇ = (4/π)/√(1 + 4q), here from BigDecimal asin, against
     * the hypot route of the double closed form.
     */
    @ParameterizedTest
    @CsvSource({"1e60,1e60", "3e97,3e97", "1e60,1.0000000000000002e60"})
    void preciseDualKeepsItsDigitsAtHugeVariances(double q, double c) {
        MathContext mc = new MathContext(40);
        BigDecimal bq = new BigDecimal(q);
        BigDecimal pi = ch.obermuhlner.math.big.BigDecimalMath.pi(mc);
        BigDecimal twoQ = bq.multiply(BigDecimal.valueOf(2));
        double expected = BigDecimal.valueOf(2).multiply(ch.obermuhlner.math.big.BigDecimalMath.asin(
                twoQ.divide(BigDecimal.ONE.add(twoQ), mc), mc)).divide(pi, mc).doubleValue();
        double expectedDerivative = BigDecimal.valueOf(4).divide(pi.multiply(ch.obermuhlner.math.big.BigDecimalMath
                .sqrt(BigDecimal.ONE.add(twoQ.multiply(BigDecimal.valueOf(2))), mc)), mc).doubleValue();
        BigDecimal bc = new BigDecimal(c);
        assertThat(erf.dual(bq, bq, bc, mc).doubleValue()).isCloseTo(expected, within(1e-15));
        assertThat(erf.derivativeDual(bq, bq, bc, mc).doubleValue() / expectedDerivative).isCloseTo(1.0, within(1e-14));
        assertThat(erf.derivativeDual(q, q, c) / expectedDerivative).isCloseTo(1.0, within(1e-14));
    }
}
