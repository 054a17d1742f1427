package org.ntk4j.spectrum;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.stream.IntStream;
import org.ntk4j.activation.PreciseDual;

/**
 * Test reference for cube spectra, by a route independent of production: the NTK-parameterised MLP recursion
 * written out here in BigDecimal with the activation's own {@link PreciseDual} (big-math), and
 * μ_k = 2^{−d} Σ_j Φ(1 − 2j/d) c_{k,j} summed term by term with exact BigInteger weights c_{k,j},
 * at a precision far above production.
 */
final class CubeReference {

    private CubeReference() {
    }

    /** {NNGP, NTK} at ρ for Dense(w, b) → (φ → Dense(w, b)) × depth. */
    static BigDecimal[] kernel(PreciseDual phi, int depth, BigDecimal w, BigDecimal b, BigDecimal rho, MathContext mc) {
        BigDecimal q = w.add(b);
        BigDecimal k = w.multiply(rho, mc).add(b, mc);
        BigDecimal t = k;
        for (int h = 0; h < depth; h++) {
            BigDecimal dual = phi.dual(q, q, k, mc);
            BigDecimal dot = phi.derivativeDual(q, q, k, mc);
            k = w.multiply(dual, mc).add(b, mc);
            t = k.add(w.multiply(dot, mc).multiply(t, mc), mc);
            q = w.multiply(phi.dual(q, q, q, mc), mc).add(b, mc);
        }
        return new BigDecimal[] {k, t};
    }

    /**
     * Normalised μ_k/Φ(1) for k = 0..d, for the NNGP (index 0) and, if {@code withNtk}, the NTK (index 1). The
     * weights c_{k,j} are the coefficients of p_k(z) = (1 − z)^k (1 + z)^{d−k}, obtained exactly from
     * p_{k+1} (1 + z) = p_k (1 − z) by synthetic division.
     */
    static BigDecimal[][] spectrum(PreciseDual phi, int depth, double w, double b, int d, int digits, boolean withNtk) {
        MathContext mc = new MathContext(digits, RoundingMode.HALF_EVEN);
        BigDecimal bw = BigDecimal.valueOf(w);
        BigDecimal bb = BigDecimal.valueOf(b);
        BigDecimal[][] f = new BigDecimal[d + 1][];
        IntStream.rangeClosed(0, d).parallel().forEach(j -> f[j] = withNtk
                ? kernel(phi, depth, bw, bb, BigDecimal.valueOf(d - 2L * j).divide(BigDecimal.valueOf(d), mc), mc)
                : new BigDecimal[] {nngp(phi, depth, bw, bb,
                        BigDecimal.valueOf(d - 2L * j).divide(BigDecimal.valueOf(d), mc), mc)});
        BigInteger[] p = new BigInteger[d + 1];
        for (int j = 0; j <= d; j++) {
            p[j] = binomial(d, j);
        }
        BigDecimal twoD = new BigDecimal(BigInteger.ONE.shiftLeft(d));
        int kernels = withNtk ? 2 : 1;
        BigDecimal[][] out = new BigDecimal[kernels][d + 1];
        for (int k = 0; k <= d; k++) {
            for (int s = 0; s < kernels; s++) {
                BigDecimal sum = BigDecimal.ZERO;
                for (int j = 0; j <= d; j++) {
                    sum = sum.add(new BigDecimal(p[j]).multiply(f[j][s], mc), mc);
                }
                out[s][k] = sum.divide(twoD, mc).divide(f[0][s], mc);
            }
            if (k < d) {
                BigInteger[] q = new BigInteger[d + 2];
                for (int j = 0; j <= d + 1; j++) {
                    q[j] = (j <= d ? p[j] : BigInteger.ZERO).subtract(j >= 1 ? p[j - 1] : BigInteger.ZERO);
                }
                BigInteger[] next = new BigInteger[d + 1];
                next[0] = q[0];
                for (int j = 1; j <= d; j++) {
                    next[j] = q[j].subtract(next[j - 1]);
                }
                p = next;
            }
        }
        return out;
    }

    private static BigDecimal nngp(PreciseDual phi, int depth, BigDecimal w, BigDecimal b, BigDecimal rho,
                                   MathContext mc) {
        BigDecimal q = w.add(b);
        BigDecimal k = w.multiply(rho, mc).add(b, mc);
        for (int h = 0; h < depth; h++) {
            k = w.multiply(phi.dual(q, q, k, mc), mc).add(b, mc);
            q = w.multiply(phi.dual(q, q, q, mc), mc).add(b, mc);
        }
        return k;
    }

    private static BigInteger binomial(int n, int r) {
        BigInteger c = BigInteger.ONE;
        for (int i = 0; i < r; i++) {
            c = c.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1L));
        }
        return c;
    }
}
