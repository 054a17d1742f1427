package org.ntk4j.spectrum;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.stream.IntStream;

/**
 * The combination stage of the boolean-cube spectrum: from kernel values f_j = Φ(1 − 2j/d), j = 0..d, the sums
 * R_k = Σ_j c_{k,j} f_j with c_{k,j} = [z^j] (1 − z)^k (1 + z)^{d−k} (so μ_k = 2^{−d} R_k), i.e.
 * R_k = ((I − T)^k (I + T)^{d−k} f)(0) with T the shift (T f)(j) = f(j + 1).
 *
 * <p>{@link #exact} works on integers (fixed-point kernel values), so this stage adds no rounding at all. It
 * evaluates every R_k, k ≤ K, with O(d²) additions instead of O(d³) by splitting the degrees in halves: for
 * k ≤ h = ⌊n/2⌋, (I − T)^k (I + T)^{n−k} = (I − T)^k (I + T)^{h−k} · (I + T)^{n−h}, a problem of size h on the
 * vector (I + T)^{n−h} f; for k > h, (I − T)^{h+1} f carries a problem of size n − h − 1. The numbers are
 * fixed-width two's-complement multi-limb integers in one flat {@code long[]} (no allocation in the loops); the
 * two halves run in parallel, and the result is exact, so it does not depend on the number of threads.
 *
 * <p>{@link #direct} is the route for a few low degrees at very large d: R_k C(d,k)^{−1} 2^{−d} =
 * Σ_j p_j K_k(j) f_j / C(d, k) with p_j = 2^{−d} C(d, j) and the Krawtchouk polynomials K_k(j) from their
 * three-term recurrence (k+1) K_{k+1} = (d − 2j) K_k − (d − k + 1) K_{k−1} in exact integers.
 */
public final class KrawtchoukTransform {

    private static final int PARALLEL_THRESHOLD = 96;

    private KrawtchoukTransform() {
    }

    /**
     * R_k = Σ_j c_{k,j} F_j for k = 0..maxDegree, exactly. {@code values} holds F_0..F_d (d = length − 1).
     */
    public static BigInteger[] exact(BigInteger[] values, int maxDegree) {
        int d = values.length - 1;
        int maxBits = 0;
        for (BigInteger v : values) {
            maxBits = Math.max(maxBits, v.bitLength());
        }
        // |(I ± T)^a F| ≤ 2^a max|F|, plus a sign bit and a margin.
        int limbs = (maxBits + d + 3) / 64 + 1;
        long[] g = new long[(d + 1) * limbs];
        for (int j = 0; j <= d; j++) {
            BigInteger v = values[j];
            for (int l = 0; l < limbs; l++) {
                g[j * limbs + l] = v.shiftRight(64 * l).longValue();
            }
        }
        BigInteger[] out = new BigInteger[Math.min(maxDegree, d) + 1];
        Solver solver = new Solver(out, limbs);
        ForkJoinPool.commonPool().invoke(ForkJoinTask.adapt(() -> solver.solve(g, d, 0)));
        return out;
    }

    /** The recursive halving; fills out[off + k] = R_k of the size-n problem held in a. */
    private record Solver(BigInteger[] out, int limbs) {

        void solve(long[] a, int size, int off) {
            if (off >= out.length) {
                return;
            }
            if (size == 0) {
                out[off] = toBigInteger(a, 0, limbs);
                return;
            }
            int h = size / 2;
            boolean right = off + h + 1 < out.length;
            if (!right) {
                leftHalf(a, size, h, off);
                return;
            }
            long[] v = java.util.Arrays.copyOf(a, (size + 1) * limbs);
            if (size >= PARALLEL_THRESHOLD) {
                ForkJoinTask.invokeAll(ForkJoinTask.adapt(() -> leftHalf(a, size, h, off)),
                        ForkJoinTask.adapt(() -> rightHalf(v, size, h, off)));
            } else {
                rightHalf(v, size, h, off);
                leftHalf(a, size, h, off);
            }
        }

        private void leftHalf(long[] a, int size, int h, int off) {
            int len = size + 1;
            for (int s = 0; s < size - h; s++) {
                plus(a, len--, limbs);
            }
            solve(a, h, off);
        }

        private void rightHalf(long[] v, int size, int h, int off) {
            int len = size + 1;
            for (int s = 0; s <= h; s++) {
                minus(v, len--, limbs);
            }
            solve(v, size - h - 1, off + h + 1);
        }
    }

    /** a[j] ← a[j] + a[j+1] for j = 0..len−2 (in place; the vector shortens by one). */
    static void plus(long[] a, int len, int limbs) {
        for (int j = 0, x = 0; j < len - 1; j++, x += limbs) {
            long carry = 0;
            int y = x + limbs;
            for (int l = 0; l < limbs; l++) {
                long p = a[x + l];
                long q = a[y + l];
                long s = p + q + carry;
                carry = ((p & q) | ((p | q) & ~s)) >>> 63;
                a[x + l] = s;
            }
        }
    }

    /** a[j] ← a[j] − a[j+1] = a[j] + ~a[j+1] + 1 for j = 0..len−2. */
    static void minus(long[] a, int len, int limbs) {
        for (int j = 0, x = 0; j < len - 1; j++, x += limbs) {
            long carry = 1;
            int y = x + limbs;
            for (int l = 0; l < limbs; l++) {
                long p = a[x + l];
                long q = ~a[y + l];
                long s = p + q + carry;
                carry = ((p & q) | ((p | q) & ~s)) >>> 63;
                a[x + l] = s;
            }
        }
    }

    private static BigInteger toBigInteger(long[] a, int index, int limbs) {
        byte[] bytes = new byte[limbs * 8];
        int base = index * limbs;
        for (int l = 0; l < limbs; l++) {
            long v = a[base + l];
            int at = (limbs - 1 - l) * 8;
            for (int b = 0; b < 8; b++) {
                bytes[at + 7 - b] = (byte) (v >>> (8 * b));
            }
        }
        return new BigInteger(bytes);
    }

    /**
     * μ_k/Φ(1) for k = 0..maxDegree from normalised kernel values {@code f[i]} = Φ(1 − 2j/d)/Φ(1) at
     * j = from + i (the other j are taken as 0: the caller accounts for the binomial tail it dropped), with every
     * product rounded to mc: the result's absolute error is below (window + 2)·10^{1−precision}.
     */
    public static BigDecimal[] direct(BigDecimal[] f, int from, int d, int maxDegree, MathContext mc) {
        int m = f.length;
        int degrees = Math.min(maxDegree, d) + 1;
        BigDecimal[] p = binomialProbabilities(d, from, m, mc);
        final int chunk = 128;
        int chunks = (m + chunk - 1) / chunk;
        BigDecimal[][] partial = new BigDecimal[chunks][];
        IntStream.range(0, chunks).parallel().forEach(c -> {
            BigDecimal[] s = new BigDecimal[degrees];
            java.util.Arrays.fill(s, BigDecimal.ZERO);
            for (int i = c * chunk; i < Math.min(m, (c + 1) * chunk); i++) {
                int j = from + i;
                BigDecimal w = p[i].multiply(f[i], mc);
                BigInteger kPrev = BigInteger.ZERO;
                BigInteger k = BigInteger.ONE;
                BigInteger dMinus2j = BigInteger.valueOf(d - 2L * j);
                for (int deg = 0; deg < degrees; deg++) {
                    s[deg] = s[deg].add(w.multiply(new BigDecimal(k), mc));
                    // (deg+1) K_{deg+1} = (d − 2j) K_deg − (d − deg + 1) K_{deg−1}
                    BigInteger next = dMinus2j.multiply(k)
                            .subtract(BigInteger.valueOf(d - deg + 1L).multiply(kPrev))
                            .divide(BigInteger.valueOf(deg + 1L));
                    kPrev = k;
                    k = next;
                }
            }
            partial[c] = s;
        });
        BigDecimal[] mu = new BigDecimal[degrees];
        BigInteger binom = BigInteger.ONE;
        for (int deg = 0; deg < degrees; deg++) {
            BigDecimal s = BigDecimal.ZERO;
            for (BigDecimal[] part : partial) {
                s = s.add(part[deg]);
            }
            mu[deg] = s.divide(new BigDecimal(binom), mc);
            binom = binom.multiply(BigInteger.valueOf(d - deg)).divide(BigInteger.valueOf(deg + 1L));
        }
        return mu;
    }

    /** p_j = 2^{−d} C(d, j) for j = from..from+count−1, by the ratio recurrence from p_0 = 2^{−d}. */
    static BigDecimal[] binomialProbabilities(int d, int from, int count, MathContext mc) {
        BigDecimal p = BigDecimal.ONE.divide(new BigDecimal(BigInteger.ONE.shiftLeft(d)), mc);
        BigDecimal[] out = new BigDecimal[count];
        for (int j = 0; j < from + count; j++) {
            if (j >= from) {
                out[j - from] = p;
            }
            p = p.multiply(BigDecimal.valueOf(d - (long) j), mc).divide(BigDecimal.valueOf(j + 1L), mc);
        }
        return out;
    }
}
