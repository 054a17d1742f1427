package org.ntk4j.spectrum;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.stream.IntStream;
import org.ntk4j.kernel.PreciseDotProductKernel;
import org.ntk4j.network.Network;

/**
 * The d → ∞ limit of the degree-k fractional variance, on the cube and on the sphere alike: a_k/Φ(1) with
 * Φ(ρ) = Σ_k a_k ρ^k the Taylor series at 0 (Yang &amp; Salman 2019).
 *
 * <p>NNGP and NTK are positive definite dot-product kernels in every dimension, so (Schoenberg) a_k ≥ 0 and
 * Σ a_k = Φ(1): Φ is analytic in the unit disk with |Φ| ≤ Φ(1). The coefficients are read off the Chebyshev
 * interpolant of Φ on [−r, r], r = 1/4, at N Chebyshev nodes: with y = ρ/r, Φ = Σ_n c_n T_n(y) where
 * |c_n| ≤ Φ(1) r^n (the Chebyshev coefficients of y^m are ≥ 0 and sum to 1), the interpolant's coefficients
 * differ from c_n by the aliased ones (≤ 2Φ(1) r^{2N−n}/(1−r)), and the coefficient of y^k in T_n is at most
 * (1+√2)^n. Hence the rigorous bound
 * |ã_k − a_k| ≤ Φ(1) r^{−k} [Σ_{n&lt;N} 2 r^{2N−n} (1+√2)^n/(1−r) + (r(1+√2))^N / (1 − r(1+√2))],
 * and N is doubled until it is below 10^{−(T+1)} ã_k for every degree. The rounding error is confirmed by
 * repeating the computation 6 digits lower (the results must agree to T + 1 digits).
 */
public final class LimitSpectrum {

    /** Degrees above this are reported unresolved (the interpolation grows as (4(1+√2))^k). */
    public static final int MAX_DEGREE = 100;
    private static final BigDecimal R = new BigDecimal("0.25");

    private LimitSpectrum() {
    }

    public static CubeSpectrum.Result compute(Network network, int maxDegree, int digits, Progress progress) {
        if (!PreciseDotProductKernel.supports(network)) {
            throw new IllegalArgumentException("the d -> infinity limit needs activations with arbitrary-precision duals");
        }
        int degrees = Math.min(maxDegree, MAX_DEGREE);
        KernelParity.Pair parity = KernelParity.of(network);
        PreciseDotProductKernel kernel = new PreciseDotProductKernel(network, 1);
        int n = 2 * degrees + 40;
        BigDecimal[][] a = null;
        BigDecimal[][] b = null;
        for (int round = 0; round < 6; round++) {
            int wp = digits + 30 + (int) Math.ceil(n * Math.log10(1 + Math.sqrt(2)) + degrees * Math.log10(4));
            progress.start("Taylor coefficients with " + n + " nodes", 2L * n);
            a = coefficients(kernel, degrees, n, new MathContext(wp, RoundingMode.HALF_EVEN), progress);
            b = coefficients(kernel, degrees, n, new MathContext(wp - CubeSpectrum.LOW_GAP, RoundingMode.HALF_EVEN),
                    progress);
            progress.finish();
            if (truncationOk(a, n, degrees, digits, parity)) {
                break;
            }
            n *= 2;
        }
        String reason = "Taylor coefficient not certified to " + digits + " digits";
        Spectrum sk = SphereSpectrum.certify(Spectrum.Domain.LIMIT, "nngp", 0, a[0], b[0], a[2][0], null, digits,
                parity.nngp(), reason, 0);
        Spectrum st = SphereSpectrum.certify(Spectrum.Domain.LIMIT, "ntk", 0, a[1], b[1], a[2][1], null, digits,
                parity.ntk(), reason, 0);
        if (maxDegree > degrees) {
            sk = extend(sk, maxDegree, digits);
            st = extend(st, maxDegree, digits);
        }
        return new CubeSpectrum.Result(sk, st);
    }

    /** Marks degrees above MAX_DEGREE unresolved. */
    private static Spectrum extend(Spectrum s, int maxDegree, int digits) {
        BigDecimal[] mu = java.util.Arrays.copyOf(s.mu(), maxDegree + 1);
        int from = s.unresolvedFrom() >= 0 ? s.unresolvedFrom() : MAX_DEGREE + 1;
        String reason = s.unresolvedFrom() >= 0 ? s.unresolvedReason()
                : "the d -> infinity limit is computed up to degree " + MAX_DEGREE;
        return new Spectrum(s.domain(), s.kernel(), s.dimension(), s.kernelAtOne(), mu, null, digits, from, reason, 0,
                java.util.Arrays.copyOf(s.muWorking(), maxDegree + 1));
    }

    /** The rigorous truncation bound (in units of Φ(1)) is below 10^{−(T+1)} |ã_k| for every nonzero degree. */
    private static boolean truncationOk(BigDecimal[][] a, int n, int degrees, int digits, KernelParity.Pair parity) {
        double r = 0.25;
        double g = 1 + Math.sqrt(2);
        // log10 of the bracket: both terms are dominated by their largest summand.
        double aliased = Math.log10(2 / (1 - r)) + Math.log10(n) + n * Math.log10(r) + Math.max(n * Math.log10(r), n * Math.log10(g));
        double tail = n * Math.log10(r * g) - Math.log10(1 - r * g);
        double bracket = Math.max(aliased, tail) + Math.log10(2);
        for (int q = 0; q < 2; q++) {
            KernelParity p = q == 0 ? parity.nngp() : parity.ntk();
            for (int k = 0; k <= degrees; k++) {
                if (p.vanishes(k)) {
                    continue;
                }
                double bound = bracket - k * Math.log10(r);
                if (a[q][k].signum() <= 0 || bound > PreciseMath.log10Abs(a[q][k]) - digits - 1) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {ã_k/Φ(1) of the NNGP, of the NTK, {Φ_nngp(1), Φ_ntk(1)}} from the interpolant at n Chebyshev nodes. */
    private static BigDecimal[][] coefficients(PreciseDotProductKernel kernel, int degrees, int n, MathContext mc,
                                               Progress progress) {
        PreciseDotProductKernel.Evaluator ev = kernel.at(mc);
        BigDecimal pi = PreciseMath.toDecimal(PreciseMath.pi(PreciseMath.bitsFor(mc.getPrecision())),
                PreciseMath.bitsFor(mc.getPrecision()), mc);
        BigDecimal[] x = new BigDecimal[n];
        for (int m = 0; m < n; m++) {
            BigDecimal angle = pi.multiply(BigDecimal.valueOf(2L * m + 1), mc).divide(BigDecimal.valueOf(2L * n), mc);
            x[m] = ch.obermuhlner.math.big.BigDecimalMath.cos(angle, mc);
        }
        BigDecimal[][] f = new BigDecimal[n][];
        IntStream.range(0, n).parallel().forEach(m -> {
            PreciseDotProductKernel.Value v = ev.evaluate(R.multiply(x[m], mc));
            f[m] = new BigDecimal[] {v.nngp(), v.ntk()};
            progress.advance(1);
        });
        // c_j = (2/n) Σ_m f(x_m) T_j(x_m) (c_0 halved), T_j by the three-term recurrence at each node.
        BigDecimal[][] c = new BigDecimal[2][n];
        for (BigDecimal[] row : c) {
            java.util.Arrays.fill(row, BigDecimal.ZERO);
        }
        for (int m = 0; m < n; m++) {
            BigDecimal prev = BigDecimal.ONE;
            BigDecimal cur = x[m];
            for (int j = 0; j < n; j++) {
                BigDecimal t = j == 0 ? BigDecimal.ONE : cur;
                for (int q = 0; q < 2; q++) {
                    c[q][j] = c[q][j].add(f[m][q].multiply(t, mc), mc);
                }
                if (j >= 1) {
                    BigDecimal next = x[m].multiply(cur, mc).multiply(BigDecimal.valueOf(2)).subtract(prev, mc);
                    prev = cur;
                    cur = next;
                }
            }
        }
        BigDecimal scale = BigDecimal.valueOf(2).divide(BigDecimal.valueOf(n), mc);
        for (int q = 0; q < 2; q++) {
            for (int j = 0; j < n; j++) {
                c[q][j] = c[q][j].multiply(scale, mc);
            }
            c[q][0] = c[q][0].divide(BigDecimal.valueOf(2), mc);
        }
        // Monomial coefficients of T_j: T_{j+1} = 2y T_j − T_{j−1}.
        BigInteger[][] t = new BigInteger[n][];
        t[0] = new BigInteger[] {BigInteger.ONE};
        if (n > 1) {
            t[1] = new BigInteger[] {BigInteger.ZERO, BigInteger.ONE};
        }
        for (int j = 2; j < n; j++) {
            t[j] = new BigInteger[j + 1];
            for (int k = 0; k <= j; k++) {
                BigInteger v = k >= 1 && k - 1 < t[j - 1].length ? t[j - 1][k - 1].shiftLeft(1) : BigInteger.ZERO;
                if (k < t[j - 2].length) {
                    v = v.subtract(t[j - 2][k]);
                }
                t[j][k] = v;
            }
        }
        BigDecimal[] atOne = {ev.atOne().nngp(), ev.atOne().ntk()};
        CubeSpectrum.requirePositive(atOne[0], atOne[1]);
        BigDecimal[][] out = new BigDecimal[3][];
        for (int q = 0; q < 2; q++) {
            out[q] = new BigDecimal[degrees + 1];
            for (int k = 0; k <= degrees; k++) {
                BigDecimal s = BigDecimal.ZERO;
                for (int j = k; j < n; j++) {
                    if (t[j][k].signum() != 0) {
                        s = s.add(c[q][j].multiply(new BigDecimal(t[j][k]), mc), mc);
                    }
                }
                // a_k = s / r^k = s 4^k
                out[q][k] = s.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(2 * k)), mc).divide(atOne[q], mc);
            }
        }
        out[2] = atOne;
        return out;
    }
}
