package org.ntk4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ntk4j.activation.Activation;
import org.ntk4j.activation.Erf;
import org.ntk4j.activation.Identity;
import org.ntk4j.activation.PreciseDual;
import org.ntk4j.activation.Relu;
import org.ntk4j.network.Network;
import org.ntk4j.network.Parameterization;

class PreciseDotProductKernelTest {

    /**
     * Delegates to an activation, hiding its type so that the kernel takes the generic PreciseDual route; its
     * arbitrary-precision duals are {@code precise} (the activation's own unless given).
     */
    private record Wrapped(Activation inner, PreciseDual precise) implements Activation {
        Wrapped(Activation inner) {
            this(inner, inner.preciseDual().orElse(null));
        }

        @Override
        public String spec() {
            return "wrapped";
        }

        @Override
        public double value(double x) {
            return inner.value(x);
        }

        @Override
        public double derivative(double x) {
            return inner.derivative(x);
        }

        @Override
        public double dual(double q1, double q2, double c) {
            return inner.dual(q1, q2, c);
        }

        @Override
        public double derivativeDual(double q1, double q2, double c) {
            return inner.derivativeDual(q1, q2, c);
        }

        @Override
        public Optional<PreciseDual> preciseDual() {
            return Optional.ofNullable(precise);
        }
    }

    @Test
    void fixedPointRouteAgreesWithTheActivationsPreciseDuals() {
        MathContext mc = new MathContext(80);
        for (Activation phi : List.of(new Relu(), new Erf(), new Identity())) {
            for (Network net : List.of(Network.mlp(phi, 3, 2.0, 0.1), Network.mlp(phi, 2, 1.5, 0.0))) {
                Network wrapped = Network.mlp(new Wrapped(phi), 0, 1, 0);
                wrapped = new Network(net.layers().stream().map(l -> l instanceof org.ntk4j.network.Nonlinearity
                        ? (org.ntk4j.network.Layer) new org.ntk4j.network.Nonlinearity(new Wrapped(phi)) : l).toList(),
                        net.parameterization());
                PreciseDotProductKernel.Evaluator fast = new PreciseDotProductKernel(net, 16).at(mc);
                PreciseDotProductKernel.Evaluator generic = new PreciseDotProductKernel(wrapped, 16).at(mc);
                assertThat(fast.isFixedPoint()).isTrue();
                assertThat(generic.isFixedPoint()).isFalse();
                for (String rho : new String[] {"1", "0.875", "0.3", "0", "-0.6", "-1"}) {
                    PreciseDotProductKernel.Value a = fast.evaluate(new BigDecimal(rho));
                    PreciseDotProductKernel.Value b = generic.evaluate(new BigDecimal(rho));
                    assertThat(a.nngp().subtract(b.nngp()).abs()).as("%s %s", phi, rho).isLessThan(new BigDecimal("1e-70"));
                    assertThat(a.ntk().subtract(b.ntk()).abs()).as("%s %s", phi, rho).isLessThan(new BigDecimal("1e-70"));
                }
            }
        }
    }

    /**
     * Activations whose arbitrary-precision duals are relu's or the identity's through abrelu (the expression
     * {@code expr:max(0,x)}, {@code abrelu(0,1)}, {@code expr:x}) take the fixed-point route, and agree with
     * abrelu's own BigDecimal duals taken through the generic route (the same duals behind a PreciseDual that
     * is not an AbRelu).
     */
    @Test
    void twoSlopeRelusOfReluOrIdentityTakeTheFixedPointRoute() {
        MathContext mc = new MathContext(60);
        for (String spec : new String[] {"expr:max(0,x)", "abrelu(0,1)", "expr:x"}) {
            Activation phi = org.ntk4j.activation.Activations.parse(spec);
            PreciseDual inner = phi.preciseDual().orElseThrow();
            PreciseDual opaque = new PreciseDual() {
                @Override
                public BigDecimal dual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext m) {
                    return inner.dual(q1, q2, c, m);
                }

                @Override
                public BigDecimal derivativeDual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext m) {
                    return inner.derivativeDual(q1, q2, c, m);
                }
            };
            Network net = Network.mlp(phi, 3, 2.0, 0.1);
            Network generic = new Network(net.layers().stream().map(l -> l instanceof org.ntk4j.network.Nonlinearity
                    ? (org.ntk4j.network.Layer) new org.ntk4j.network.Nonlinearity(new Wrapped(phi, opaque)) : l)
                    .toList(), net.parameterization());
            PreciseDotProductKernel.Evaluator fast = new PreciseDotProductKernel(net, 16).at(mc);
            PreciseDotProductKernel.Evaluator slow = new PreciseDotProductKernel(generic, 16).at(mc);
            assertThat(fast.isFixedPoint()).as(spec).isTrue();
            assertThat(slow.isFixedPoint()).as(spec).isFalse();
            for (String rho : new String[] {"1", "0.875", "0.3", "0", "-0.6", "-1"}) {
                PreciseDotProductKernel.Value a = fast.evaluate(new BigDecimal(rho));
                PreciseDotProductKernel.Value b = slow.evaluate(new BigDecimal(rho));
                assertThat(a.nngp().subtract(b.nngp()).abs()).as("%s %s", spec, rho).isLessThan(new BigDecimal("1e-50"));
                assertThat(a.ntk().subtract(b.ntk()).abs()).as("%s %s", spec, rho).isLessThan(new BigDecimal("1e-50"));
            }
        }
        assertThat(new PreciseDotProductKernel(Network.mlp(org.ntk4j.activation.Activations.parse("leaky_relu(0.2)"),
                2, 2.0, 0.1), 16).at(mc).isFixedPoint()).as("other two-slope ReLUs keep the generic route").isFalse();
    }

    @Test
    void agreesWithTheDoubleRecursionIncludingTheStandardParameterization() {
        MathContext mc = new MathContext(40);
        for (Network net : List.of(Network.mlp(new Relu(), 3, 2.0, 0.1),
                Network.mlp(new Erf(), 2, 1.5, 0.2).withHiddenWidth(32).withParameterization(Parameterization.STANDARD))) {
            PreciseDotProductKernel precise = new PreciseDotProductKernel(net, 10);
            java.util.function.DoubleFunction<KernelValue> plain = new InfiniteWidthKernel(net).dotProduct(1.0, 10);
            for (double rho : new double[] {1, 0.8, 0.25, -0.5, -1}) {
                PreciseDotProductKernel.Value v = precise.evaluate(BigDecimal.valueOf(rho), mc);
                KernelValue d = plain.apply(rho);
                assertThat(v.nngp().doubleValue()).isCloseTo(d.nngp(), within(1e-13 * Math.abs(d.nngp()) + 1e-15));
                assertThat(v.ntk().doubleValue()).isCloseTo(d.ntk(), within(1e-13 * Math.abs(d.ntk()) + 1e-15));
            }
        }
    }
}
