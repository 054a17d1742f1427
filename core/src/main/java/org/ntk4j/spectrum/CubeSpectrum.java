package org.ntk4j.spectrum;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.function.DoubleFunction;
import java.util.stream.IntStream;
import org.ntk4j.kernel.InfiniteWidthKernel;
import org.ntk4j.kernel.KernelValue;
import org.ntk4j.kernel.PreciseDotProductKernel;
import org.ntk4j.network.Layer;
import org.ntk4j.network.Network;
import org.ntk4j.network.Nonlinearity;

/**
 * The certified spectrum of a network's NNGP and NTK on the boolean cube {±1}^d with the uniform measure.
 *
 * <p>Both kernels are functions Φ(ρ) of ρ = ⟨x, x'⟩/d, the parities χ_S are the eigenfunctions, and the
 * eigenvalue of every |S| = k parity is μ_k = 2^{−d} Σ_j Φ(1 − 2j/d) c_{k,j} with
 * c_{k,j} = Σ_i (−1)^i C(k, i) C(d−k, j−i) (multiplicity C(d, k); Σ_k C(d, k) μ_k = Φ(1)). The sum cancels up to
 * d·log10 2 digits, so:
 * <ol>
 *   <li>the d + 1 kernel values are evaluated in {@link PreciseDotProductKernel} at a working precision of
 *       T + max_k log10 C(d, k) + 16 digits (T the requested digits), in parallel over j, and again at a precision
 *       6 digits lower; the largest difference δ of the normalised values Φ(ρ_j)/Φ(1) between the two bounds the
 *       error of the lower one;</li>
 *   <li>the combination stage is exact ({@link KrawtchoukTransform#exact} on the values rounded to 2^{−B}), so,
 *       since 2^{−d} Σ_j |c_{k,j}| ≤ 1, the μ_k/Φ(1) that the lower-precision values would give differ from the
 *       printed ones by at most δ + 2^{−B}: a degree is certified when that is below 10^{−(T+1)} |μ_k|/Φ(1), i.e.
 *       the two precisions agree to T + 1 digits (and the printed value comes from the higher one);</li>
 *   <li>degrees that are not certified raise the working precision by the digits they miss and the computation
 *       is repeated; past a cap they are reported as unresolved, never printed;</li>
 *   <li>degrees that vanish by symmetry ({@link KernelParity}) are exact zeros.</li>
 * </ol>
 * For a few low degrees at very large d ({@link #useDirect}) the binomial weights 2^{−d}C(d, j) outside
 * |j − d/2| ≤ t with 2 exp(−2t²/d) ≤ 10^{−wp} are dropped (Hoeffding; |c_{k,j}| ≤ C(d, j) makes the dropped
 * part of μ_k/Φ(1) smaller than that) and {@link KrawtchoukTransform#direct} is used.
 *
 * <p>Activations without an arbitrary-precision dual use the double-precision kernel of
 * {@link InfiniteWidthKernel}, whose normalised values are taken to be accurate to
 * 1e−13·(L+1) (closed forms) or 1e−11·(L+1) (quadrature); the combination is still exact, and every degree with
 * |μ_k|/Φ(1) below 10^{T+1} times that is unresolved.
 */
public final class CubeSpectrum {

    /** The precision gap between the two evaluations that confirm each other. */
    static final int LOW_GAP = 6;
    static final int GUARD = 16;
    private static final int MAX_ROUNDS = 5;

    /** The spectra of both kernels. */
    public record Result(Spectrum nngp, Spectrum ntk) {
    }

    private CubeSpectrum() {
    }

    /** Both spectra for k = 0..min(maxDegree, d) to {@code digits} significant digits. */
    public static Result compute(Network network, int dimension, int maxDegree, int digits, Progress progress) {
        if (dimension < 1) {
            throw new IllegalArgumentException("the dimension must be >= 1, got " + dimension);
        }
        if (maxDegree < 0) {
            throw new IllegalArgumentException("the maximal degree must be >= 0, got " + maxDegree);
        }
        if (digits < 1 || digits > 1000) {
            throw new IllegalArgumentException("digits must be between 1 and 1000, got " + digits);
        }
        int k = Math.min(maxDegree, dimension);
        KernelParity.Pair parity = KernelParity.of(network);
        return PreciseDotProductKernel.supports(network)
                ? precise(network, dimension, k, digits, parity, progress)
                : fromDoubles(network, dimension, k, digits, parity, progress);
    }

    /** max over k ≤ K of log10 C(d, k). */
    static double maxLog10Binomial(int d, int maxDegree) {
        int k = Math.min(maxDegree, d / 2);
        return log10Binomial(d, k);
    }

    static double log10Binomial(int n, int k) {
        double s = 0;
        for (int i = 0; i < k; i++) {
            s += Math.log10((double) (n - i) / (i + 1));
        }
        return s;
    }

    /** The direct, windowed sum pays off for a few degrees at large d. */
    static boolean useDirect(int d, int maxDegree) {
        return maxDegree <= 40 && 8L * (maxDegree + 1) <= d;
    }

    private static Result precise(Network network, int d, int maxDegree, int digits, KernelParity.Pair parity,
                                  Progress progress) {
        PreciseDotProductKernel kernel = new PreciseDotProductKernel(network, d);
        int wp = digits + (int) Math.ceil(maxLog10Binomial(d, maxDegree)) + GUARD;
        int cap = Math.min(200_000, 3 * wp + 200);
        Round round = null;
        for (int r = 0; r < MAX_ROUNDS; r++) {
            round = preciseRound(kernel, d, maxDegree, wp, digits, parity, progress);
            int needed = Math.max(round.nngp.neededDigits, round.ntk.neededDigits);
            if (needed <= 0) {
                break;
            }
            int next = wp + needed + 10;
            if (next > cap || r == MAX_ROUNDS - 1) {
                break;
            }
            wp = next;
        }
        String reason = "needs more than " + round.wp + " working digits (|mu_k| too small relative to K(1))";
        return new Result(round.nngp.toSpectrum("nngp", d, digits, reason, round.wp),
                round.ntk.toSpectrum("ntk", d, digits, reason, round.wp));
    }

    /** One kernel's raw result at one working precision. */
    private static final class Raw {
        BigDecimal atOne;
        BigDecimal[] mu;
        BigDecimal error;
        KernelParity parity;
        int neededDigits;
        int firstUnresolved = -1;

        /** Certifies each degree; sets firstUnresolved and the digits still missing. */
        void certify(int digits) {
            BigDecimal scale = BigDecimal.ONE.scaleByPowerOfTen(digits + 1);
            BigDecimal threshold = error.multiply(scale);
            double worst = 0;
            for (int k = 0; k < mu.length; k++) {
                if (parity.vanishes(k)) {
                    continue;
                }
                if (mu[k].abs().compareTo(threshold) < 0) {
                    if (firstUnresolved < 0) {
                        firstUnresolved = k;
                    }
                    double missing = mu[k].signum() == 0 ? 30
                            : PreciseMath.log10Abs(threshold) - PreciseMath.log10Abs(mu[k]);
                    worst = Math.max(worst, missing);
                }
            }
            neededDigits = firstUnresolved < 0 ? 0 : (int) Math.ceil(worst) + 1;
        }

        Spectrum toSpectrum(String name, int d, int digits, String reason, int workingDigits) {
            MathContext out = new MathContext(digits, RoundingMode.HALF_EVEN);
            BigDecimal[] values = new BigDecimal[mu.length];
            for (int k = 0; k < mu.length; k++) {
                if (firstUnresolved >= 0 && k >= firstUnresolved) {
                    values[k] = null;
                } else if (parity.vanishes(k)) {
                    values[k] = BigDecimal.ZERO;
                } else {
                    values[k] = mu[k].round(out);
                }
            }
            BigDecimal[] working = new BigDecimal[mu.length];
            MathContext keep = new MathContext(digits + 2, RoundingMode.HALF_EVEN);
            for (int k = 0; k < mu.length; k++) {
                working[k] = values[k] == null ? null : values[k].signum() == 0 ? BigDecimal.ZERO : mu[k].round(keep);
            }
            return new Spectrum(Spectrum.Domain.CUBE, name, d, atOne.round(out), values, binomials(d, mu.length - 1),
                    digits, firstUnresolved, firstUnresolved < 0 ? null : reason, workingDigits, working);
        }
    }

    private record Round(Raw nngp, Raw ntk, int wp) {
    }

    private static Round preciseRound(PreciseDotProductKernel kernel, int d, int maxDegree, int wp, int digits,
                                      KernelParity.Pair parity, Progress progress) {
        MathContext high = new MathContext(wp, RoundingMode.HALF_EVEN);
        MathContext low = new MathContext(wp - LOW_GAP, RoundingMode.HALF_EVEN);
        boolean direct = useDirect(d, maxDegree);
        int from = 0;
        int to = d;
        if (direct) {
            double t = Math.ceil(Math.sqrt(d * (wp * Math.log(10) + Math.log(2)) / 2.0));
            from = (int) Math.max(0, Math.floor(d / 2.0 - t));
            to = (int) Math.min(d, Math.ceil(d / 2.0 + t));
        }
        int count = to - from + 1;
        PreciseDotProductKernel.Evaluator hi = kernel.at(high);
        PreciseDotProductKernel.Evaluator lo = kernel.at(low);
        requirePositive(hi.atOne().nngp(), hi.atOne().ntk());
        Normalised n = hi.isFixedPoint()
                ? normaliseFixed(hi, lo, d, from, count, progress)
                : normaliseDecimal(hi, lo, d, from, count, wp, progress);
        Raw rk = combine(n.fk, n.bits, n.deltaK, hi.atOne().nngp(), from, d, maxDegree, wp, direct, parity.nngp());
        Raw rt = combine(n.ft, n.bits, n.deltaT, hi.atOne().ntk(), from, d, maxDegree, wp, direct, parity.ntk());
        rk.certify(digits);
        rt.certify(digits);
        return new Round(rk, rt, wp);
    }

    /**
     * Kernel values normalised by Φ(1) as fixed-point integers F_j ≈ 2^bits Φ(ρ_j)/Φ(1), with δ the largest
     * difference between the two precisions (a bound on the error of the lower one, in units of Φ(1)).
     */
    private record Normalised(BigInteger[] fk, BigInteger[] ft, int bits, BigDecimal deltaK, BigDecimal deltaT) {
    }

    private static Normalised normaliseFixed(PreciseDotProductKernel.Evaluator hi, PreciseDotProductKernel.Evaluator lo,
                                             int d, int from, int count, Progress progress) {
        int bh = hi.bits();
        int bl = lo.bits();
        BigInteger[] oneH = hi.evaluateFixed(PreciseMath.one(bh));
        BigInteger[] oneL = lo.evaluateFixed(PreciseMath.one(bl));
        BigInteger[] fk = new BigInteger[count];
        BigInteger[] ft = new BigInteger[count];
        BigInteger[] ek = new BigInteger[count];
        BigInteger[] et = new BigInteger[count];
        BigInteger dd = BigInteger.valueOf(d);
        progress.start("kernel values at " + hi.mathContext().getPrecision() + " digits", count);
        IntStream.range(0, count).parallel().forEach(i -> {
            BigInteger num = BigInteger.valueOf(d - 2L * (from + i));
            BigInteger[] vh = hi.evaluateFixed(num.shiftLeft(bh).divide(dd));
            BigInteger[] vl = lo.evaluateFixed(num.shiftLeft(bl).divide(dd));
            fk[i] = vh[0].shiftLeft(bh).divide(oneH[0]);
            ft[i] = vh[1].shiftLeft(bh).divide(oneH[1]);
            ek[i] = fk[i].shiftRight(bh - bl).subtract(vl[0].shiftLeft(bl).divide(oneL[0])).abs();
            et[i] = ft[i].shiftRight(bh - bl).subtract(vl[1].shiftLeft(bl).divide(oneL[1])).abs();
            progress.advance(1);
        });
        progress.finish();
        BigDecimal unit = BigDecimal.ONE.divide(new BigDecimal(PreciseMath.one(bl)), new MathContext(6, RoundingMode.UP));
        return new Normalised(fk, ft, bh, unit.multiply(new BigDecimal(maxPlusTwo(ek))),
                unit.multiply(new BigDecimal(maxPlusTwo(et))));
    }

    private static BigInteger maxPlusTwo(BigInteger[] a) {
        BigInteger m = BigInteger.ZERO;
        for (BigInteger x : a) {
            m = m.max(x);
        }
        return m.add(BigInteger.TWO);
    }

    private static Normalised normaliseDecimal(PreciseDotProductKernel.Evaluator hi, PreciseDotProductKernel.Evaluator lo,
                                               int d, int from, int count, int wp, Progress progress) {
        MathContext high = hi.mathContext();
        MathContext low = lo.mathContext();
        BigDecimal oneK = hi.atOne().nngp();
        BigDecimal oneT = hi.atOne().ntk();
        int bits = PreciseMath.bitsFor(wp);
        BigInteger[] fk = new BigInteger[count];
        BigInteger[] ft = new BigInteger[count];
        BigDecimal[] errK = new BigDecimal[count];
        BigDecimal[] errT = new BigDecimal[count];
        BigDecimal dd = BigDecimal.valueOf(d);
        progress.start("kernel values at " + wp + " digits", count);
        IntStream.range(0, count).parallel().forEach(i -> {
            BigDecimal rhoNum = BigDecimal.valueOf(d - 2L * (from + i));
            PreciseDotProductKernel.Value vh = hi.evaluate(rhoNum.divide(dd, high));
            PreciseDotProductKernel.Value vl = lo.evaluate(rhoNum.divide(dd, low));
            BigDecimal nk = vh.nngp().divide(oneK, high);
            BigDecimal nt = vh.ntk().divide(oneT, high);
            fk[i] = PreciseMath.fromDecimal(nk, bits);
            ft[i] = PreciseMath.fromDecimal(nt, bits);
            errK[i] = nk.subtract(vl.nngp().divide(lo.atOne().nngp(), low)).abs();
            errT[i] = nt.subtract(vl.ntk().divide(lo.atOne().ntk(), low)).abs();
            progress.advance(1);
        });
        progress.finish();
        BigDecimal floor = BigDecimal.ONE.scaleByPowerOfTen(-(wp - LOW_GAP));
        return new Normalised(fk, ft, bits, max(errK).max(floor), max(errT).max(floor));
    }

    private static Raw combine(BigInteger[] f, int bits, BigDecimal delta, BigDecimal atOne, int from, int d,
                               int maxDegree, int wp, boolean direct, KernelParity parity) {
        Raw raw = new Raw();
        raw.atOne = atOne;
        raw.parity = parity;
        BigDecimal ulp = BigDecimal.ONE.divide(new BigDecimal(PreciseMath.one(bits - 1)), new MathContext(4, RoundingMode.UP));
        if (direct) {
            int guard = (int) Math.ceil(Math.log10(d + 2.0)) + 4;
            MathContext mc = new MathContext(wp + guard, RoundingMode.HALF_EVEN);
            BigDecimal[] values = new BigDecimal[f.length];
            for (int i = 0; i < f.length; i++) {
                values[i] = PreciseMath.toDecimal(f[i], bits, mc);
            }
            raw.mu = KrawtchoukTransform.direct(values, from, d, maxDegree, mc);
            // Dropped binomial tail (≤ 10^{-wp}), the products' rounding and the fixed-point rounding.
            raw.error = delta.add(BigDecimal.ONE.scaleByPowerOfTen(-wp).multiply(BigDecimal.valueOf(2))).add(ulp);
        } else {
            raw.mu = integerTransform(f, d, maxDegree, bits, wp);
            raw.error = delta.add(ulp);
        }
        return raw;
    }

    /** μ_k/Φ(1) = 2^{−d−B} R_k with R the exact transform of round(f_j 2^B). */
    static BigDecimal[] integerTransform(BigInteger[] fixed, int d, int maxDegree, int bits, int wp) {
        BigInteger[] r = KrawtchoukTransform.exact(fixed, maxDegree);
        BigDecimal denominator = new BigDecimal(BigInteger.ONE.shiftLeft(bits + d));
        MathContext mc = new MathContext(wp, RoundingMode.HALF_EVEN);
        BigDecimal[] mu = new BigDecimal[r.length];
        for (int k = 0; k < r.length; k++) {
            mu[k] = new BigDecimal(r[k]).divide(denominator, mc);
        }
        return mu;
    }

    private static Result fromDoubles(Network network, int d, int maxDegree, int digits, KernelParity.Pair parity,
                                      Progress progress) {
        DoubleFunction<KernelValue> phi = new InfiniteWidthKernel(network).dotProduct(1.0, d);
        double[] k = new double[d + 1];
        double[] t = new double[d + 1];
        progress.start("kernel values (double precision)", d + 1L);
        IntStream.rangeClosed(0, d).parallel().forEach(j -> {
            KernelValue v = phi.apply((double) (d - 2 * j) / d);
            k[j] = v.nngp();
            t[j] = v.ntk();
            progress.advance(1);
        });
        progress.finish();
        if (!(k[0] > 0) || !(t[0] > 0) || !allFinite(k) || !allFinite(t)) {
            throw new ArithmeticException("the kernel is not finite and positive at rho = 1 (K(1) = " + k[0]
                    + ", Theta(1) = " + t[0] + ")");
        }
        boolean closed = true;
        int depth = 0;
        String name = "";
        for (Layer l : network.layers()) {
            if (l instanceof Nonlinearity n) {
                depth++;
                closed &= n.activation().hasClosedFormDual();
                if (n.activation().preciseDual().isEmpty()) {
                    name = n.activation().spec();
                }
            }
        }
        double eps = (closed ? 1e-13 : 1e-11) * (depth + 1);
        int bits = 96;
        String reason = "kernel values only in double precision (" + name + " has no arbitrary-precision dual; "
                + "assumed accuracy " + eps + " of K(1)): smaller eigenvalues cannot be certified to "
                + digits + " digits";
        Raw rk = doubleRaw(k, eps, bits, d, maxDegree, parity.nngp());
        Raw rt = doubleRaw(t, eps, bits, d, maxDegree, parity.ntk());
        rk.certify(digits);
        rt.certify(digits);
        return new Result(rk.toSpectrum("nngp", d, digits, reason, 0), rt.toSpectrum("ntk", d, digits, reason, 0));
    }

    private static Raw doubleRaw(double[] values, double eps, int bits, int d, int maxDegree, KernelParity parity) {
        BigDecimal atOne = new BigDecimal(values[0]);
        MathContext mc = new MathContext(40, RoundingMode.HALF_EVEN);
        BigInteger[] f = new BigInteger[values.length];
        for (int j = 0; j < values.length; j++) {
            f[j] = PreciseMath.fromDecimal(new BigDecimal(values[j]).divide(atOne, mc), bits);
        }
        Raw raw = new Raw();
        raw.atOne = atOne;
        raw.parity = parity;
        raw.mu = integerTransform(f, d, maxDegree, bits, 40);
        raw.error = new BigDecimal(eps);
        return raw;
    }

    private static boolean allFinite(double[] a) {
        return Arrays.stream(a).allMatch(Double::isFinite);
    }

    static void requirePositive(BigDecimal nngpAtOne, BigDecimal ntkAtOne) {
        if (nngpAtOne.signum() <= 0 || ntkAtOne.signum() <= 0) {
            throw new ArithmeticException("the kernel vanishes at rho = 1 (all weight and bias variances zero?); "
                    + "its spectrum cannot be normalised");
        }
    }

    private static BigDecimal max(BigDecimal[] a) {
        BigDecimal m = BigDecimal.ZERO;
        for (BigDecimal x : a) {
            if (x.compareTo(m) > 0) {
                m = x;
            }
        }
        return m;
    }

    /** C(d, k) for k = 0..maxDegree. */
    public static BigInteger[] binomials(int d, int maxDegree) {
        BigInteger[] out = new BigInteger[maxDegree + 1];
        BigInteger c = BigInteger.ONE;
        for (int k = 0; k <= maxDegree; k++) {
            out[k] = c;
            c = c.multiply(BigInteger.valueOf(d - k)).divide(BigInteger.valueOf(k + 1L));
        }
        return out;
    }
}
