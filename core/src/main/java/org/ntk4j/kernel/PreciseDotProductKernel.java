package org.ntk4j.kernel;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.ntk4j.activation.AbRelu;
import org.ntk4j.activation.Activation;
import org.ntk4j.activation.Erf;
import org.ntk4j.activation.Identity;
import org.ntk4j.activation.PreciseDual;
import org.ntk4j.activation.Relu;
import org.ntk4j.network.Dense;
import org.ntk4j.network.Layer;
import org.ntk4j.network.Network;
import org.ntk4j.network.Nonlinearity;
import org.ntk4j.network.Parameterization;
import org.ntk4j.spectrum.PreciseMath;

/**
 * The dot-product form of a network's NNGP Σ(ρ) and NTK Θ(ρ) in arbitrary precision, for inputs with
 * ⟨x, x⟩/d = ⟨x', x'⟩/d = 1 (the sphere √d·S^{d−1} and the cube {±1}^d) and ρ = ⟨x, x'⟩/d. It interprets the
 * layers exactly as {@link InfiniteWidthKernel} does (docs/conventions.md), with every number a {@link BigDecimal}:
 * starting from Σ = ρ, Θ = 0,
 * <ul>
 *   <li>Dense, NTK parameterization: Σ ← σ_w² Σ + σ_b², Θ ← Σ + σ_w² Θ;</li>
 *   <li>Dense, standard parameterization with input width n_in: Θ ← n_in Σ + [bias] + σ_w² Θ, Σ ← σ_w² Σ + σ_b²;</li>
 *   <li>φ: Σ ← E[φ(u)φ(v)], Θ ← E[φ'(u)φ'(v)] Θ with (u, v) of variances q (the diagonal) and covariance Σ.</li>
 * </ul>
 * The variances σ² are taken as the decimals they print as ({@code BigDecimal.valueOf(double)}), i.e. the values
 * the user typed. Duals come from {@link Activation#preciseDual()} in {@link BigDecimal}; when every activation is
 * relu, erf or identity the same closed forms are evaluated instead in binary fixed point ({@link PreciseMath}),
 * sharing one arctangent between Σ' and Σ̇, about 100 times faster than big-math at a few hundred digits. Both
 * routes are accurate to the requested precision up to the conditioning of the recursion (a few digits), which
 * callers confirm by evaluating at two precisions.
 */
public final class PreciseDotProductKernel {

    /** Σ and Θ at one ρ. */
    public record Value(BigDecimal nngp, BigDecimal ntk) {
    }

    private final Network network;
    private final int dimension;
    private final List<Layer> layers;

    /** @throws IllegalArgumentException when an activation of the network has no arbitrary-precision dual */
    public PreciseDotProductKernel(Network network, int dimension) {
        if (!supports(network)) {
            throw new IllegalArgumentException("an activation of the network has no arbitrary-precision dual");
        }
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        this.network = network;
        this.dimension = dimension;
        this.layers = network.layers();
    }

    /** True when every activation of the network has an arbitrary-precision dual. */
    public static boolean supports(Network network) {
        for (Layer l : network.layers()) {
            if (l instanceof Nonlinearity n && n.activation().preciseDual().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    public Network network() {
        return network;
    }

    /** An evaluator at the precision of mc (holds the diagonal trajectory; thread-safe). */
    public Evaluator at(MathContext mc) {
        return new Evaluator(new MathContext(mc.getPrecision(), RoundingMode.HALF_EVEN));
    }

    /** Σ(ρ) and Θ(ρ) at the precision of mc. */
    public Value evaluate(BigDecimal rho, MathContext mc) {
        return at(mc).evaluate(rho);
    }

    /** Evaluates Σ(ρ), Θ(ρ) at one precision. */
    public final class Evaluator {
        private final MathContext mc;
        private final boolean fixed;
        private final int bits;
        private final List<BigDecimal> diagonal = new ArrayList<>();
        private final List<BigInteger> fixedDiagonal = new ArrayList<>();
        private final BigInteger[] fixedWeight;
        private final BigInteger[] fixedBias;
        private final BigInteger one;
        private final BigInteger pi;
        private final BigInteger twoPi;
        private final Value atOne;

        Evaluator(MathContext mc) {
            this.mc = mc;
            this.fixed = layers.stream().allMatch(l -> l instanceof Dense || fused(((Nonlinearity) l).activation()));
            this.bits = PreciseMath.bitsFor(mc.getPrecision());
            this.one = PreciseMath.one(bits);
            this.pi = PreciseMath.pi(bits);
            this.twoPi = pi.shiftLeft(1);
            fixedWeight = new BigInteger[layers.size()];
            fixedBias = new BigInteger[layers.size()];
            for (int i = 0; i < layers.size(); i++) {
                if (layers.get(i) instanceof Dense dense) {
                    fixedWeight[i] = PreciseMath.fromDecimal(BigDecimal.valueOf(dense.weightVariance()), bits);
                    fixedBias[i] = PreciseMath.fromDecimal(BigDecimal.valueOf(dense.biasVariance()), bits);
                }
            }
            BigDecimal q = BigDecimal.ONE;
            BigInteger fq = one;
            for (int i = 0; i < layers.size(); i++) {
                Layer layer = layers.get(i);
                if (layer instanceof Dense dense) {
                    q = BigDecimal.valueOf(dense.weightVariance()).multiply(q, mc)
                            .add(BigDecimal.valueOf(dense.biasVariance()), mc);
                    fq = PreciseMath.multiply(fixedWeight[i], fq, bits).add(fixedBias[i]);
                } else {
                    Activation phi = ((Nonlinearity) layer).activation();
                    if (fixed) {
                        fixedDiagonal.add(fq);
                        fq = fixedDuals(phi, fq, fq)[0];
                    } else {
                        diagonal.add(q);
                        q = duals(phi, q, q)[0];
                    }
                }
            }
            this.atOne = evaluate(BigDecimal.ONE);
        }

        public MathContext mathContext() {
            return mc;
        }

        /** Σ(1) and Θ(1). */
        public Value atOne() {
            return atOne;
        }

        public Value evaluate(BigDecimal rho) {
            if (!fixed) {
                return evaluateDecimal(rho);
            }
            BigInteger[] v = evaluateFixed(PreciseMath.fromDecimal(rho, bits));
            return new Value(PreciseMath.toDecimal(v[0], bits, mc), PreciseMath.toDecimal(v[1], bits, mc));
        }

        /** True when {@link #evaluateFixed} is available (every activation is relu, erf or identity). */
        public boolean isFixedPoint() {
            return fixed;
        }

        /** The fraction bits P of the fixed-point route. */
        public int bits() {
            return bits;
        }

        /** {Σ(ρ), Θ(ρ)} in fixed point with {@link #bits()} fraction bits, from ρ in the same format. */
        public BigInteger[] evaluateFixed(BigInteger rho) {
            if (!fixed) {
                throw new IllegalStateException("the fixed-point route needs relu, erf or identity activations");
            }
            BigInteger k = rho;
            BigInteger t = BigInteger.ZERO;
            int h = 0;
            long inputWidth = dimension;
            for (int i = 0; i < layers.size(); i++) {
                Layer layer = layers.get(i);
                if (layer instanceof Dense dense) {
                    BigInteger w = fixedWeight[i];
                    if (network.parameterization() == Parameterization.NTK) {
                        k = PreciseMath.multiply(w, k, bits).add(fixedBias[i]);
                        t = k.add(PreciseMath.multiply(w, t, bits));
                    } else {
                        BigInteger bias = dense.hasBias() ? one : BigInteger.ZERO;
                        t = k.multiply(BigInteger.valueOf(inputWidth)).add(bias).add(PreciseMath.multiply(w, t, bits));
                        k = PreciseMath.multiply(w, k, bits).add(fixedBias[i]);
                        inputWidth = dense.width();
                    }
                } else {
                    BigInteger[] d = fixedDuals(((Nonlinearity) layer).activation(), fixedDiagonal.get(h), k);
                    k = d[0];
                    t = PreciseMath.multiply(d[1], t, bits);
                    h++;
                }
            }
            return new BigInteger[] {k, t};
        }

        private Value evaluateDecimal(BigDecimal rho) {
            BigDecimal k = rho.round(mc);
            BigDecimal t = BigDecimal.ZERO;
            int h = 0;
            long inputWidth = dimension;
            for (Layer layer : layers) {
                if (layer instanceof Dense dense) {
                    BigDecimal w = BigDecimal.valueOf(dense.weightVariance());
                    BigDecimal b = BigDecimal.valueOf(dense.biasVariance());
                    if (network.parameterization() == Parameterization.NTK) {
                        k = w.multiply(k, mc).add(b, mc);
                        t = k.add(w.multiply(t, mc), mc);
                    } else {
                        BigDecimal bias = dense.hasBias() ? BigDecimal.ONE : BigDecimal.ZERO;
                        t = BigDecimal.valueOf(inputWidth).multiply(k, mc).add(bias, mc).add(w.multiply(t, mc), mc);
                        k = w.multiply(k, mc).add(b, mc);
                        inputWidth = dense.width();
                    }
                } else {
                    BigDecimal[] d = duals(((Nonlinearity) layer).activation(), diagonal.get(h), k);
                    k = d[0];
                    t = d[1].multiply(t, mc);
                    h++;
                }
            }
            return new Value(k, t);
        }

        /** {E[φ(u)φ(v)], E[φ'(u)φ'(v)]} for Var u = Var v = q, Cov = c, through the activation's precise dual. */
        private BigDecimal[] duals(Activation phi, BigDecimal q, BigDecimal c) {
            PreciseDual p = phi.preciseDual().orElseThrow();
            return new BigDecimal[] {p.dual(q, q, c, mc), p.derivativeDual(q, q, c, mc)};
        }

        /** The same closed forms as Relu, Erf and Identity, in fixed point, sharing one arctangent. */
        private BigInteger[] fixedDuals(Activation activation, BigInteger q, BigInteger c) {
            Activation phi = fusedForm(activation);
            if (phi instanceof Relu) {
                // θ = atan2(√((q − c)(q + c)), c); Σ' = (√(q² − c²) + (π − θ) c)/(2π), Σ̇ = (π − θ)/(2π).
                BigInteger root = PreciseMath.sqrt(PreciseMath.multiply(q.subtract(c), q.add(c), bits), bits);
                BigInteger piMinusTheta = pi.subtract(PreciseMath.atan2(root, c, bits));
                return new BigInteger[] {
                        PreciseMath.divide(root.add(PreciseMath.multiply(piMinusTheta, c, bits)), twoPi, bits),
                        PreciseMath.divide(piMinusTheta, twoPi, bits)};
            }
            if (phi instanceof Erf) {
                // R = √((1 + 2q − 2c)(1 + 2q + 2c)); Σ' = (2/π) atan2(2c, R), Σ̇ = 4/(π R).
                BigInteger a = one.add(q.shiftLeft(1));
                BigInteger twoC = c.shiftLeft(1);
                BigInteger r = PreciseMath.sqrt(PreciseMath.multiply(a.subtract(twoC), a.add(twoC), bits), bits);
                return new BigInteger[] {
                        PreciseMath.divide(PreciseMath.atan2(twoC, r, bits).shiftLeft(1), pi, bits),
                        PreciseMath.divide(one.shiftLeft(2), PreciseMath.multiply(pi, r, bits), bits)};
            }
            return new BigInteger[] {c, one};
        }
    }

    private static boolean fused(Activation phi) {
        return fusedForm(phi) != null;
    }

    private static final Relu RELU = new Relu();
    private static final Identity IDENTITY = new Identity();

    /**
     * Relu, Erf or Identity when φ's arbitrary-precision duals are theirs, else null: φ itself, or the closed form
     * behind {@link Activation#preciseDual()} when that is abrelu(0, 1) (relu: an expression such as
     * {@code expr:max(0,x)}, or {@code abrelu(0,1)}) or abrelu(1, 1) (the identity), so that those take the
     * fixed-point route too.
     */
    private static Activation fusedForm(Activation phi) {
        if (phi instanceof Relu || phi instanceof Erf || phi instanceof Identity) {
            return phi;
        }
        if (phi.preciseDual().orElse(null) instanceof AbRelu ab && ab.b() == 1) {
            return ab.a() == 0 ? RELU : ab.a() == 1 ? IDENTITY : null;
        }
        return null;
    }
}
