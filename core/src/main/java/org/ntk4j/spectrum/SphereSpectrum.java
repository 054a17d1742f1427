package org.ntk4j.spectrum;

import ch.obermuhlner.math.big.BigDecimalMath;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.stream.IntStream;
import org.ntk4j.kernel.PreciseDotProductKernel;
import org.ntk4j.network.Network;

/**
 * The spectrum of a network's NNGP and NTK for inputs uniform on the sphere √d·S^{d−1} (d ≥ 2), by Funk–Hecke:
 * the degree-k spherical harmonics are eigenfunctions with
 * μ_k = ∫_{−1}^{1} Φ(t) P_k(t) (1 − t²)^{(d−3)/2} dt / ∫_{−1}^{1} (1 − t²)^{(d−3)/2} dt,
 * P_k the Gegenbauer (Legendre) polynomial of dimension d normalised to P_k(1) = 1
 * ((k + d − 2) P_{k+1} = (2k + d − 2) t P_k − k P_{k−1}), multiplicity N(d, k) = C(k+d−1, k) − C(k+d−3, k−2),
 * and Σ_k N(d, k) μ_k = Φ(1).
 *
 * <p>With t = cos θ both integrals become ∫_0^π g(θ) sin^{d−2}θ dθ. For even d, g(θ) sin^{d−2}θ is a smooth even
 * 2π-periodic function, for which the trapezoid rule converges faster than any power of the node count once it
 * exceeds d + k (the factor sin^{d−2}θ smooths the kinks of Φ(cos θ) at θ = 0, π); for odd d, |sin θ|^{d−2}
 * has a kink, so the rule is Clenshaw–Curtis on the smooth g(θ) sin^{d−3}θ against sin θ dθ. Kernel values come from {@link PreciseDotProductKernel}
 * at T + log10 N(d, K) + 20 digits. Each μ_k is computed twice, with M₁ nodes at the working precision and with
 * M₂ = 3M₁/2 nodes 6 digits lower; a degree is certified when the two agree to T + 1 digits relative to μ_k
 * (both the quadrature and the rounding error are then below that), otherwise it is unresolved.
 */
public final class SphereSpectrum {

    private SphereSpectrum() {
    }

    /** N(d, k) = C(k+d−1, k) − C(k+d−3, k−2), for k = 0..maxDegree. */
    public static BigInteger[] multiplicities(int d, int maxDegree) {
        BigInteger[] out = new BigInteger[maxDegree + 1];
        for (int k = 0; k <= maxDegree; k++) {
            BigInteger n = binomial(k + d - 1, k);
            if (k >= 2) {
                n = n.subtract(binomial(k + d - 3, k - 2));
            }
            out[k] = n;
        }
        return out;
    }

    static BigInteger binomial(int n, int r) {
        BigInteger c = BigInteger.ONE;
        for (int i = 0; i < r; i++) {
            c = c.multiply(BigInteger.valueOf(n - (long) i)).divide(BigInteger.valueOf(i + 1L));
        }
        return c;
    }

    public static CubeSpectrum.Result compute(Network network, int d, int maxDegree, int digits, Progress progress) {
        if (d < 2) {
            throw new IllegalArgumentException("the sphere needs dimension >= 2, got " + d);
        }
        if (!PreciseDotProductKernel.supports(network)) {
            throw new IllegalArgumentException("the sphere spectrum needs activations with arbitrary-precision duals");
        }
        BigInteger[] mult = multiplicities(d, maxDegree);
        double log10N = 0;
        for (BigInteger m : mult) {
            log10N = Math.max(log10N, m.bitLength() * 0.30103);
        }
        int m1 = 2 * (d + maxDegree) + 64 + 2048 / d;
        m1 += m1 % 2;
        int m2 = m1 + m1 / 2;
        m2 += m2 % 2;
        int wp = digits + (int) Math.ceil(log10N) + 20 + (int) Math.ceil(Math.log10(m2));
        PreciseDotProductKernel kernel = new PreciseDotProductKernel(network, d);
        progress.start("sphere quadrature", (long) m1 + m2 + 2);
        BigDecimal[][] a = quadrature(kernel, d, maxDegree, m1, new MathContext(wp, RoundingMode.HALF_EVEN), progress);
        BigDecimal[][] b = quadrature(kernel, d, maxDegree, m2,
                new MathContext(wp - CubeSpectrum.LOW_GAP, RoundingMode.HALF_EVEN), progress);
        progress.finish();
        KernelParity.Pair parity = KernelParity.of(network);
        String reason = "the quadrature rules with " + m1 + " and " + m2 + " nodes disagree in the first "
                + (digits + 1) + " digits (kinks of the kernel at t = ±1 in low dimension)";
        return new CubeSpectrum.Result(
                certify(Spectrum.Domain.SPHERE, "nngp", d, a[0], b[0], a[2][0], mult, digits, parity.nngp(), reason, wp),
                certify(Spectrum.Domain.SPHERE, "ntk", d, a[1], b[1], a[2][1], mult, digits, parity.ntk(), reason, wp));
    }

    /** Certifies each degree by the agreement of two computations a (printed) and b. */
    static Spectrum certify(Spectrum.Domain domain, String name, int d, BigDecimal[] a, BigDecimal[] b,
                            BigDecimal atOne, BigInteger[] mult, int digits, KernelParity parity, String reason,
                            int workingDigits) {
        MathContext out = new MathContext(digits, RoundingMode.HALF_EVEN);
        BigDecimal factor = BigDecimal.ONE.scaleByPowerOfTen(-(digits + 1));
        BigDecimal[] mu = new BigDecimal[a.length];
        int unresolved = -1;
        for (int k = 0; k < a.length; k++) {
            if (parity.vanishes(k)) {
                mu[k] = BigDecimal.ZERO;
                continue;
            }
            boolean ok = a[k].signum() != 0 && a[k].subtract(b[k]).abs().compareTo(a[k].abs().multiply(factor)) <= 0;
            if (!ok) {
                unresolved = k;
                break;
            }
            mu[k] = a[k].round(out);
        }
        if (unresolved >= 0) {
            for (int k = unresolved; k < a.length; k++) {
                mu[k] = null;
            }
        }
        BigDecimal[] working = new BigDecimal[a.length];
        MathContext keep = new MathContext(digits + 1, RoundingMode.HALF_EVEN);
        for (int k = 0; k < a.length; k++) {
            working[k] = mu[k] == null ? null : mu[k].signum() == 0 ? BigDecimal.ZERO : a[k].round(keep);
        }
        return new Spectrum(domain, name, d, atOne.round(out), mu, mult, digits, unresolved,
                unresolved < 0 ? null : reason, workingDigits, working);
    }

    /** The Clenshaw–Curtis weight of node i of M (M even): (c_i/M)(1 − Σ_{j=1}^{M/2} b_j cos(2jiπ/M)/(4j² − 1)). */
    private static BigDecimal clenshawCurtis(int i, int m, BigDecimal[] cosAll, BigDecimal[] inverse, MathContext mc) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int j = 1; j <= m / 2; j++) {
            BigDecimal term = cosAll[(int) ((2L * j * i) % (2L * m))].multiply(inverse[j], mc);
            sum = sum.add(j == m / 2 ? term : term.add(term), mc);
        }
        BigDecimal w = BigDecimal.ONE.subtract(sum, mc).divide(BigDecimal.valueOf(m), mc);
        return i == 0 || i == m ? w : w.add(w);
    }

    /** {μ/Φ(1) of the NNGP, of the NTK, {Φ_nngp(1), Φ_ntk(1)}} with the M-interval trapezoid rule in θ. */
    private static BigDecimal[][] quadrature(PreciseDotProductKernel kernel, int d, int maxDegree, int m,
                                             MathContext mc, Progress progress) {
        PreciseDotProductKernel.Evaluator ev = kernel.at(mc);
        MathContext wide = new MathContext(mc.getPrecision() + 2 * (int) Math.ceil(Math.log10(m)) + 4,
                RoundingMode.HALF_EVEN);
        // cos(lπ/M) for l = 0..2M by rotation, sin(iπ/M) for i = 0..M.
        BigDecimal[] cosAll = new BigDecimal[2 * m + 1];
        BigDecimal[] sin = new BigDecimal[m + 1];
        BigDecimal step = BigDecimalMath.pi(wide).divide(BigDecimal.valueOf(m), wide);
        BigDecimal c1 = BigDecimalMath.cos(step, wide);
        BigDecimal s1 = BigDecimalMath.sin(step, wide);
        BigDecimal c = BigDecimal.ONE;
        BigDecimal s = BigDecimal.ZERO;
        for (int l = 0; l <= 2 * m; l++) {
            cosAll[l] = c;
            if (l <= m) {
                sin[l] = l == 0 || l == m ? BigDecimal.ZERO : s.max(BigDecimal.ZERO);
            }
            BigDecimal nc = c.multiply(c1, wide).subtract(s.multiply(s1, wide), wide);
            s = s.multiply(c1, wide).add(c.multiply(s1, wide), wide);
            c = nc;
        }
        BigDecimal[] cos = new BigDecimal[m + 1];
        BigDecimal[] weight = new BigDecimal[m + 1];
        BigDecimal[] inverse = new BigDecimal[m / 2 + 1];
        for (int j = 1; j <= m / 2; j++) {
            inverse[j] = BigDecimal.ONE.divide(BigDecimal.valueOf(4L * j * j - 1), wide);
        }
        for (int i = 0; i <= m; i++) {
            cos[i] = cosAll[i].round(mc);
            if (d % 2 == 0) {
                // Trapezoid rule in θ on Φ(cos θ) P_k(cos θ) sin^{d−2}θ (an even power: smooth and periodic).
                weight[i] = sin[i].pow(d - 2, wide);
                if (i == 0 || i == m) {
                    weight[i] = weight[i].divide(BigDecimal.valueOf(2), wide);
                }
            } else {
                // Clenshaw–Curtis in t on Φ(t) P_k(t) (1 − t²)^{(d−3)/2}: the trapezoid rule on the cosine series
                // of the smooth even function of θ, integrated exactly against sin θ.
                weight[i] = clenshawCurtis(i, m, cosAll, inverse, wide).multiply(sin[i].pow(d - 3, wide), wide);
            }
        }
        if (d > 2) {
            cos[0] = BigDecimal.ONE;
            cos[m] = BigDecimal.ONE.negate();
        }
        BigDecimal[][] values = new BigDecimal[m + 1][];
        IntStream.rangeClosed(0, m).parallel().forEach(i -> {
            PreciseDotProductKernel.Value v = ev.evaluate(cos[i].max(BigDecimal.ONE.negate()).min(BigDecimal.ONE));
            values[i] = new BigDecimal[] {v.nngp(), v.ntk()};
            progress.advance(1);
        });
        BigDecimal total = BigDecimal.ZERO;
        for (BigDecimal w : weight) {
            total = total.add(w, wide);
        }
        int degrees = maxDegree + 1;
        BigDecimal[][] sums = new BigDecimal[2][degrees];
        for (BigDecimal[] row : sums) {
            java.util.Arrays.fill(row, BigDecimal.ZERO);
        }
        BigDecimal dm2 = BigDecimal.valueOf(d - 2L);
        for (int i = 0; i <= m; i++) {
            BigDecimal t = cos[i];
            BigDecimal prev = BigDecimal.ONE;
            BigDecimal cur = t;
            for (int k = 0; k < degrees; k++) {
                BigDecimal p = k == 0 ? BigDecimal.ONE : cur;
                for (int q = 0; q < 2; q++) {
                    sums[q][k] = sums[q][k].add(weight[i].multiply(values[i][q], wide).multiply(p, wide), wide);
                }
                if (k >= 1) {
                    // (k + d − 2) P_{k+1} = (2k + d − 2) t P_k − k P_{k−1}
                    BigDecimal next = BigDecimal.valueOf(2L * k).add(dm2).multiply(t, wide).multiply(cur, wide)
                            .subtract(BigDecimal.valueOf(k).multiply(prev, wide), wide)
                            .divide(BigDecimal.valueOf(k).add(dm2), wide);
                    prev = cur;
                    cur = next;
                }
            }
        }
        BigDecimal[] atOne = {ev.atOne().nngp(), ev.atOne().ntk()};
        CubeSpectrum.requirePositive(atOne[0], atOne[1]);
        BigDecimal[][] out = new BigDecimal[3][];
        for (int q = 0; q < 2; q++) {
            out[q] = new BigDecimal[degrees];
            for (int k = 0; k < degrees; k++) {
                out[q][k] = sums[q][k].divide(total, mc).divide(atOne[q], mc);
            }
        }
        out[2] = atOne;
        return out;
    }
}
