package org.ntk4j.kernel;

/**
 * An NNGP and an NTK matrix of the same shape, stored by rows ({@code nngp()[i][j]} = Σ(x_i, z_j)). The arrays
 * are handed over, not copied: at n = 20,000 each matrix is 3.2 GB.
 */
public final class KernelMatrices {

    private final double[][] nngp;
    private final double[][] ntk;

    public KernelMatrices(double[][] nngp, double[][] ntk) {
        if (nngp.length != ntk.length) {
            throw new IllegalArgumentException("NNGP and NTK matrices differ in shape");
        }
        this.nngp = nngp;
        this.ntk = ntk;
    }

    /** Σ, by rows. */
    public double[][] nngp() {
        return nngp;
    }

    /** Θ, by rows. */
    public double[][] ntk() {
        return ntk;
    }

    public int rows() {
        return nngp.length;
    }

    public int columns() {
        return nngp.length == 0 ? 0 : nngp[0].length;
    }

    /** True when every entry of both matrices is finite. */
    public boolean allFinite() {
        for (double[][] m : new double[][][] {nngp, ntk}) {
            for (double[] row : m) {
                for (double v : row) {
                    if (!Double.isFinite(v)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
