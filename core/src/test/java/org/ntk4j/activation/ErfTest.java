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
}
