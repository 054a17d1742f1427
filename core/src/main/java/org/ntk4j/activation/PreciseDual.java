package org.ntk4j.activation;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The duals of {@link Activation} evaluated in arbitrary precision, for spectra whose combination stage cancels
 * hundreds of digits. Same convention as {@link Activation#dual} and {@link Activation#derivativeDual}; every
 * result is correct to the precision of {@code mc} (up to a few units in the last place).
 */
public interface PreciseDual {

    /** Σ' = E[φ(u) φ(v)] for (u, v) ~ N(0, [[q1, c], [c, q2]]), to the precision of {@code mc}. */
    BigDecimal dual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc);

    /** Σ̇ = E[φ'(u) φ'(v)] for (u, v) ~ N(0, [[q1, c], [c, q2]]), to the precision of {@code mc}. */
    BigDecimal derivativeDual(BigDecimal q1, BigDecimal q2, BigDecimal c, MathContext mc);
}
