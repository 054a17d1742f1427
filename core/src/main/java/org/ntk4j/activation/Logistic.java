package org.ntk4j.activation;

/** The logistic function and its relatives, evaluated without overflow or loss of relative precision. */
final class Logistic {

    private Logistic() {
    }

    /** σ(x) = 1/(1 + e^{−x}), as e^{x}/(1 + e^{x}) for x &lt; 0. */
    static double sigmoid(double x) {
        double e = Math.exp(-Math.abs(x));
        return x >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
    }

    /** σ'(x) = σ(x)(1 − σ(x)) = e^{−|x|}/(1 + e^{−|x|})². */
    static double sigmoidDerivative(double x) {
        double e = Math.exp(-Math.abs(x));
        double d = 1.0 + e;
        return e / (d * d);
    }

    /** log(1 + e^{x}) = max(x, 0) + log1p(e^{−|x|}). */
    static double softplus(double x) {
        return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    }
}
