package org.ntk4j.empirical;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Deterministic derivation of independent random streams from one seed, so that a sampled network does not depend
 * on the order in which (or the number of threads on which) its parts are drawn.
 *
 * <p>A stream is named by the base seed and a path of integers (e.g. layer, kind, row). The path is hashed into
 * 64 bits with the SplitMix64 finaliser (Steele, Lea &amp; Flood 2014) applied after each element; the hash seeds a
 * SplitMix64 generator whose first four outputs are the state of a xoshiro256++ generator (Blackman &amp; Vigna),
 * the generator that draws the numbers. Distinct paths give statistically independent streams.
 */
public final class Seeds {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private Seeds() {
    }

    /** A 64-bit seed derived from {@code seed} and {@code path}, e.g. {@code derive(seed, s)} for Monte Carlo sample s. */
    public static long derive(long seed, long... path) {
        long h = mix(seed + GOLDEN_GAMMA);
        for (long p : path) {
            h = mix(h ^ mix(p * GOLDEN_GAMMA + 0x632be59bd9b4e019L));
        }
        return h;
    }

    /** An independent generator for the stream named by {@code seed} and {@code path}. */
    public static UniformRandomProvider stream(long seed, long... path) {
        UniformRandomProvider expander = RandomSource.SPLIT_MIX_64.create(derive(seed, path));
        long[] state = {expander.nextLong(), expander.nextLong(), expander.nextLong(), expander.nextLong()};
        return RandomSource.XO_SHI_RO_256_PP.create(state);
    }

    /** The SplitMix64 / Stafford variant 13 finaliser: a bijection of 64-bit words with full avalanche. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
