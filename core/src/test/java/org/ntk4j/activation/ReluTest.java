package org.ntk4j.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ntk4j.testing.GaussianExpectation;

class ReluTest {

    private final Relu relu = new Relu();
    private static final double[] KINK = {0.0};

    @ParameterizedTest
    @CsvSource({"1,1,0", "1,1,0.5", "1,1,-0.5", "1,1,0.9", "1,1,0.999", "1,1,-0.999", "2,0.5,0.7", "1.5,0.8,0",
            "3,0.1,-0.3", "1,1,1", "1,1,-1", "4,4,4"})
    void dualsAgreeWithNumericalIntegration(double q1, double q2, double c) {
        double e = GaussianExpectation.of(relu::value, KINK, relu::value, KINK, q1, q2, c);
        double ed = GaussianExpectation.of(relu::derivative, KINK, relu::derivative, KINK, q1, q2, c);
        assertThat(relu.dual(q1, q2, c)).isCloseTo(e, within(1e-12 * Math.max(1, Math.abs(e))));
        assertThat(relu.derivativeDual(q1, q2, c)).isCloseTo(ed, within(1e-12));
    }

    @ParameterizedTest
    @CsvSource({"0,0,0", "0,1,0", "1e-300,1e-300,1e-300", "1e300,1e300,1e300", "1e300,1e300,-1e300",
            "1,1,1.0000000000000002", "1,1,-1.0000000000000002"})
    void finiteOnDegenerateArguments(double q1, double q2, double c) {
        double[] dual = new double[1];
        double[] derivative = new double[1];
        relu.dualRow(q1, new double[] {q2}, new double[] {c}, dual, derivative, 0, 1);
        assertThat(dual[0]).isFinite().isEqualTo(relu.dual(q1, q2, c));
        assertThat(derivative[0]).isFinite().isBetween(0.0, 0.5);
        assertThat(relu.dual(q1, q2, c)).isFinite();
    }

    @ParameterizedTest
    @CsvSource({"1,1,0.3", "2,0.5,0.7", "1,1,1", "1,1,-1", "5,7,-2"})
    void preciseDualAgreesWithDouble(double q1, double q2, double c) {
        java.math.MathContext mc = new java.math.MathContext(40);
        java.math.BigDecimal b1 = new java.math.BigDecimal(q1);
        java.math.BigDecimal b2 = new java.math.BigDecimal(q2);
        java.math.BigDecimal bc = new java.math.BigDecimal(c);
        assertThat(relu.dual(b1, b2, bc, mc).doubleValue()).isCloseTo(relu.dual(q1, q2, c), within(1e-15));
        assertThat(relu.derivativeDual(b1, b2, bc, mc).doubleValue())
                .isCloseTo(relu.derivativeDual(q1, q2, c), within(1e-15));
    }

    @org.junit.jupiter.api.Test
    void preciseDualKeepsItsDigitsNearRhoPlusMinusOne() {
        // c = ±(1 − 1e-30) at q = 1: q1 q2 − c² must be formed exactly, or 30 of the 40 digits are lost.
        java.math.MathContext mc40 = new java.math.MathContext(40);
        java.math.MathContext mc120 = new java.math.MathContext(120);
        java.math.BigDecimal one = java.math.BigDecimal.ONE;
        for (String c : new String[] {"0.999999999999999999999999999999", "-0.999999999999999999999999999999"}) {
            java.math.BigDecimal bc = new java.math.BigDecimal(c);
            java.math.BigDecimal lo = relu.dual(one, one, bc, mc40);
            java.math.BigDecimal hi = relu.dual(one, one, bc, mc120);
            assertThat(lo.subtract(hi).abs().divide(hi.abs(), mc40).doubleValue()).as(c).isLessThan(1e-37);
            java.math.BigDecimal dlo = relu.derivativeDual(one, one, bc, mc40);
            java.math.BigDecimal dhi = relu.derivativeDual(one, one, bc, mc120);
            assertThat(dlo.subtract(dhi).abs().divide(dhi.abs(), mc40).doubleValue()).as(c).isLessThan(1e-37);
        }
    }
}
