package org.ntk4j.testing;

import org.ntk4j.activation.Activation;
import org.ntk4j.activation.Erf;
import org.ntk4j.activation.QuadratureActivation;
import org.ntk4j.activation.Relu;

/**
 * A closed-form activation seen only through φ, φ' and an integration shape, so that the quadrature machinery
 * (and everything built on it) integrates it; its closed-form duals are then an independent reference.
 */
public record Integrated(Activation closedForm, QuadratureActivation.Shape shape) implements QuadratureActivation {

    /** ReLU, kinked at 0. */
    public static final Integrated RELU = new Integrated(new Relu(),
            new QuadratureActivation.Shape(new double[] {0.0}, new double[0], Double.POSITIVE_INFINITY, 0));
    /** erf, entire; treated as analytic within distance 1 of its transition at 0. */
    public static final Integrated ERF = new Integrated(new Erf(),
            new QuadratureActivation.Shape(new double[0], new double[] {0.0}, 1.0, 7.0));

    @Override
    public String spec() {
        return "integrated " + closedForm.spec();
    }

    @Override
    public double value(double x) {
        return closedForm.value(x);
    }

    @Override
    public double derivative(double x) {
        return closedForm.derivative(x);
    }

    @Override
    public Parity parity() {
        return closedForm.parity();
    }
}
