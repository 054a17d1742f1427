package org.ntk4j.spectrum;

import java.util.Locale;
import org.ntk4j.activation.Activation;
import org.ntk4j.activation.Identity;
import org.ntk4j.network.Dense;
import org.ntk4j.network.Layer;
import org.ntk4j.network.Network;
import org.ntk4j.network.Nonlinearity;
import org.ntk4j.network.Parameterization;

/**
 * Which degrees of a dot-product kernel Φ(ρ) vanish exactly, proved by symmetry rather than seen in numbers.
 * Split Φ = Φ_e + Φ_o into its even and odd parts in ρ. On the cube, the sphere and in the d → ∞ limit the
 * degree-k eigenfunctions have parity (−1)^k and ρ itself lives in degree 1 only, so
 * <ul>
 *   <li>Φ_o = 0 ⇒ every odd degree vanishes; Φ_e = 0 ⇒ every even degree vanishes;</li>
 *   <li>Φ_o linear (c ρ) ⇒ odd degrees ≥ 3 vanish; Φ_e constant ⇒ even degrees ≥ 2 vanish.</li>
 * </ul>
 * The four facts are propagated through the layers of the network. The dual E[φ(u)φ(v)], as a function of the
 * covariance c at fixed variances, is odd in c for odd φ and even for even φ ((u, v) → (u, −v)); for
 * φ = αx + ψ with ψ even (relu, leaky_relu, abrelu: piecewise linear with a kink at 0) it is α²c + even, and
 * E[φ'φ'] = α² + odd. Sums, products and compositions combine these facts; anything not proved is "neither".
 */
public record KernelParity(boolean evenPartZero, boolean oddPartZero, boolean oddPartLinear, boolean evenPartConstant) {

    static final KernelParity ZERO = new KernelParity(true, true, true, true);
    static final KernelParity NEITHER = new KernelParity(false, false, false, false);
    static final KernelParity CONSTANT = new KernelParity(false, true, true, true);
    static final KernelParity IDENTITY = new KernelParity(true, false, true, true);
    static final KernelParity EVEN = new KernelParity(false, true, true, false);
    static final KernelParity ODD = new KernelParity(true, false, false, true);

    /** The parities of the NNGP and the NTK of a network. */
    public record Pair(KernelParity nngp, KernelParity ntk) {
    }

    /** True when the degree-k component is zero by this parity. */
    public boolean vanishes(int k) {
        if (k % 2 == 1) {
            return oddPartZero || (oddPartLinear && k >= 3);
        }
        return evenPartZero || (evenPartConstant && k >= 2);
    }

    /** The parities of Σ(ρ) and Θ(ρ) of the network (docs/conventions.md layer semantics). */
    public static Pair of(Network network) {
        KernelParity k = IDENTITY;
        KernelParity t = ZERO;
        boolean standard = network.parameterization() == Parameterization.STANDARD;
        for (Layer layer : network.layers()) {
            if (layer instanceof Dense dense) {
                double w = dense.weightVariance();
                double b = dense.biasVariance();
                if (!standard) {
                    k = k.affine(w, b);
                    t = k.plus(w == 0 ? ZERO : t);
                } else {
                    KernelParity bias = dense.hasBias() ? CONSTANT : ZERO;
                    t = k.plus(bias).plus(w == 0 ? ZERO : t);
                    k = k.affine(w, b);
                }
            } else {
                Activation phi = ((Nonlinearity) layer).activation();
                if (phi instanceof Identity) {
                    // E[uv] = c and E[1·1] = 1: the layer passes Σ and Θ through unchanged.
                    continue;
                }
                KernelParity[] g = dualParities(phi);
                KernelParity newK = g[0].compose(k);
                t = g[1].compose(k).times(t);
                k = newK;
            }
        }
        return new Pair(k, t);
    }

    /** {parity of E[φ(u)φ(v)] in c, parity of E[φ'(u)φ'(v)] in c}. */
    static KernelParity[] dualParities(Activation phi) {
        return switch (phi.parity()) {
            case ODD -> new KernelParity[] {ODD, EVEN};
            case EVEN -> new KernelParity[] {EVEN, ODD};
            case NEITHER -> linearPlusEven(phi)
                    ? new KernelParity[] {new KernelParity(false, false, true, false), new KernelParity(false, false, false, true)}
                    : new KernelParity[] {NEITHER, NEITHER};
        };
    }

    /** φ = αx + even: the piecewise-linear activations with their only kink at 0. */
    static boolean linearPlusEven(Activation phi) {
        String name = phi.spec().toLowerCase(Locale.ROOT);
        int open = name.indexOf('(');
        String family = open < 0 ? name : name.substring(0, open);
        return family.equals("relu") || family.equals("leaky_relu") || family.equals("abrelu");
    }

    private KernelParity affine(double w, double b) {
        KernelParity scaled = w == 0 ? ZERO : this;
        return b == 0 ? scaled : scaled.plus(CONSTANT);
    }

    KernelParity plus(KernelParity o) {
        return new KernelParity(evenPartZero && o.evenPartZero, oddPartZero && o.oddPartZero,
                oddPartLinear && o.oddPartLinear, evenPartConstant && o.evenPartConstant);
    }

    KernelParity times(KernelParity o) {
        // (Ae + Ao)(Be + Bo): even part Ae Be + Ao Bo, odd part Ae Bo + Ao Be.
        boolean aeBeZero = evenPartZero || o.evenPartZero;
        boolean aoBoZero = oddPartZero || o.oddPartZero;
        boolean aeBoZero = evenPartZero || o.oddPartZero;
        boolean aoBeZero = oddPartZero || o.evenPartZero;
        boolean aeBoLinear = aeBoZero || (evenPartConstant && o.oddPartLinear);
        boolean aoBeLinear = aoBeZero || (oddPartLinear && o.evenPartConstant);
        boolean aeBeConstant = aeBeZero || (evenPartConstant && o.evenPartConstant);
        return new KernelParity(aeBeZero && aoBoZero, aeBoZero && aoBeZero, aeBoLinear && aoBeLinear,
                aeBeConstant && aoBoZero);
    }

    /** The parity of g(A(ρ)) where this is the parity of g in its argument. */
    KernelParity compose(KernelParity a) {
        if (a.oddPartZero && a.evenPartConstant) {
            return CONSTANT;
        }
        if (a.oddPartZero) {
            return EVEN;
        }
        if (a.evenPartZero) {
            return new KernelParity(evenPartZero, oddPartZero, oddPartZero || (oddPartLinear && a.oddPartLinear),
                    evenPartConstant);
        }
        return NEITHER;
    }
}
