package org.ntk4j.bench;

import java.util.SplittableRandom;

/**
 * The inputs of one Gram-matrix row for the per-element dual benchmarks: variances q2[j] uniform in [0.5, 1.5]
 * and covariances c[j] uniform in [−√q2[j], √q2[j]] (so |ρ| ≤ 1 with q1 = 1), from a fixed seed, plus the two
 * output arrays.
 */
final class GramRow {

    final double[] q2;
    final double[] c;
    final double[] dual;
    final double[] derivative;

    GramRow(int length) {
        SplittableRandom r = new SplittableRandom(1);
        q2 = new double[length];
        c = new double[length];
        dual = new double[length];
        derivative = new double[length];
        for (int j = 0; j < length; j++) {
            q2[j] = 0.5 + r.nextDouble();
            c[j] = (2 * r.nextDouble() - 1) * Math.sqrt(q2[j]);
        }
    }
}
