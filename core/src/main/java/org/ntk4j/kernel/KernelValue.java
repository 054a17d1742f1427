package org.ntk4j.kernel;

/** The NNGP Σ(x, x') and the NTK Θ(x, x') of one pair of inputs. */
public record KernelValue(double nngp, double ntk) {
}
