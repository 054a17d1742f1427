package org.ntk4j.activation;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowKernels} on the incubating Vector API (JDK 17's jdk.incubator.vector), loaded reflectively by
 * {@link RowKernels#INSTANCE} only when that module is in the boot layer. Every lane performs exactly the
 * operations of {@link RowKernels.Scalar} (each one correctly rounded: add, multiply, divide, square root, fused
 * multiply-add, min/max, selection), so the results are bit-identical to the scalar path. A block whose lanes
 * need a special case (a variance outside [1e-100, 1e100], or an angle of the point (0, 0)) and the tail of a row
 * go through the scalar code.
 *
 * <p>What bounds these loops is the latency of one entry's chain (square root, division, polynomial), not the
 * number of operations: hence Estrin's scheme for the arc tangent's polynomial ({@link ArcTangent#polynomial}),
 * one test for all special cases per block, and no selections that are identities on the fast path (the sine
 * part is never negative, R is never negative).
 */
final class VectorRowKernels implements RowKernels {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final double INV_TWO_PI = 1.0 / (2.0 * Math.PI);
    private static final double TWO_OVER_PI = 2.0 / Math.PI;
    private static final double FOUR_OVER_PI = 4.0 / Math.PI;

    private final RowKernels.Scalar scalar = new RowKernels.Scalar();

    @Override
    public boolean vectorized() {
        return true;
    }

    // The loops below are written out in full: C2 only keeps vectors in registers across calls it inlines, and
    // helper methods of this size would not be, so every vector would be boxed on the heap.

    @Override
    public void relu(double q1, double[] q2, double[] c, double[] dual, double[] derivativeDual, int from, int to) {
        if (!RowKernels.Scalar.inRange(q1)) {
            scalar.relu(q1, q2, c, dual, derivativeDual, from, to);
            return;
        }
        DoubleVector vq1 = DoubleVector.broadcast(SPECIES, q1);
        DoubleVector p0 = DoubleVector.broadcast(SPECIES, ArcTangent.P0);
        DoubleVector p1 = DoubleVector.broadcast(SPECIES, ArcTangent.P1);
        DoubleVector p2 = DoubleVector.broadcast(SPECIES, ArcTangent.P2);
        DoubleVector p3 = DoubleVector.broadcast(SPECIES, ArcTangent.P3);
        DoubleVector p4 = DoubleVector.broadcast(SPECIES, ArcTangent.P4);
        DoubleVector p5 = DoubleVector.broadcast(SPECIES, ArcTangent.P5);
        DoubleVector p6 = DoubleVector.broadcast(SPECIES, ArcTangent.P6);
        DoubleVector p7 = DoubleVector.broadcast(SPECIES, ArcTangent.P7);
        DoubleVector p8 = DoubleVector.broadcast(SPECIES, ArcTangent.P8);
        DoubleVector p9 = DoubleVector.broadcast(SPECIES, ArcTangent.P9);
        DoubleVector p10 = DoubleVector.broadcast(SPECIES, ArcTangent.P10);
        DoubleVector halfPi = DoubleVector.broadcast(SPECIES, ArcTangent.PI_2);
        DoubleVector pi = DoubleVector.broadcast(SPECIES, ArcTangent.PI);
        int lanes = SPECIES.length();
        int j = from;
        for (; j + lanes <= to; j += lanes) {
            DoubleVector cj = DoubleVector.fromArray(SPECIES, c, j);
            DoubleVector qj = DoubleVector.fromArray(SPECIES, q2, j);
            VectorMask<Double> ok = qj.compare(VectorOperators.GE, RowKernels.Scalar.LOW)
                    .and(qj.compare(VectorOperators.LE, RowKernels.Scalar.HIGH));
            DoubleVector prod = qj.mul(q1);
            DoubleVector err = qj.fma(vq1, prod.neg());
            DoubleVector d = cj.neg().fma(cj, prod).add(err);
            d = d.blend(0.0, d.compare(VectorOperators.GT, 0.0).not());
            DoubleVector root = d.sqrt();
            DoubleVector ax = cj.abs();
            DoubleVector ay = root;
            DoubleVector hi = ax.max(ay);
            DoubleVector lo = ax.min(ay);
            ok = ok.and(hi.compare(VectorOperators.GT, 0.0)).and(hi.compare(VectorOperators.LT, Double.POSITIVE_INFINITY));
            if (!ok.allTrue()) {
                scalar.relu(q1, q2, c, dual, derivativeDual, j, j + lanes);
                continue;
            }
            VectorMask<Double> upper = lo.compare(VectorOperators.GT, hi.mul(ArcTangent.TAN_PI_8));
            DoubleVector u = lo.blend(lo.sub(hi), upper).div(hi.blend(lo.add(hi), upper));
            DoubleVector w = u.mul(u);
            DoubleVector w2 = w.mul(w);
            DoubleVector w4 = w2.mul(w2);
            DoubleVector w8 = w4.mul(w4);
            DoubleVector b0 = p3.fma(w, p2).fma(w2, p1.fma(w, p0));
            DoubleVector b1 = p7.fma(w, p6).fma(w2, p5.fma(w, p4));
            DoubleVector b2 = p10.fma(w2, p9.fma(w, p8));
            DoubleVector r = u.fma(w.mul(b2.fma(w8, b1.fma(w4, b0))), u);
            DoubleVector a = r.blend(r.add(ArcTangent.PI_4), upper);
            a = a.blend(halfPi.sub(a), ay.compare(VectorOperators.GT, ax));
            // π − θ = atan2(root, −c): reflected where −c < 0
            DoubleVector piMinusTheta = a.blend(pi.sub(a), cj.compare(VectorOperators.GT, 0.0));
            piMinusTheta.mul(INV_TWO_PI).intoArray(derivativeDual, j);
            piMinusTheta.fma(cj, root).mul(INV_TWO_PI).intoArray(dual, j);
        }
        scalar.relu(q1, q2, c, dual, derivativeDual, j, to);
    }

    @Override
    public void reluDense(double q1, double[] q2, double[] k, double[] t, double[] work, double weightVariance,
                          double biasVariance, int from, int to) {
        if (!RowKernels.Scalar.inRange(q1)) {
            scalar.reluDense(q1, q2, k, t, work, weightVariance, biasVariance, from, to);
            return;
        }
        DoubleVector vq1 = DoubleVector.broadcast(SPECIES, q1);
        DoubleVector p0 = DoubleVector.broadcast(SPECIES, ArcTangent.P0);
        DoubleVector p1 = DoubleVector.broadcast(SPECIES, ArcTangent.P1);
        DoubleVector p2 = DoubleVector.broadcast(SPECIES, ArcTangent.P2);
        DoubleVector p3 = DoubleVector.broadcast(SPECIES, ArcTangent.P3);
        DoubleVector p4 = DoubleVector.broadcast(SPECIES, ArcTangent.P4);
        DoubleVector p5 = DoubleVector.broadcast(SPECIES, ArcTangent.P5);
        DoubleVector p6 = DoubleVector.broadcast(SPECIES, ArcTangent.P6);
        DoubleVector p7 = DoubleVector.broadcast(SPECIES, ArcTangent.P7);
        DoubleVector p8 = DoubleVector.broadcast(SPECIES, ArcTangent.P8);
        DoubleVector p9 = DoubleVector.broadcast(SPECIES, ArcTangent.P9);
        DoubleVector p10 = DoubleVector.broadcast(SPECIES, ArcTangent.P10);
        DoubleVector halfPi = DoubleVector.broadcast(SPECIES, ArcTangent.PI_2);
        DoubleVector pi = DoubleVector.broadcast(SPECIES, ArcTangent.PI);
        DoubleVector vw = DoubleVector.broadcast(SPECIES, weightVariance);
        DoubleVector vb = DoubleVector.broadcast(SPECIES, biasVariance);
        int lanes = SPECIES.length();
        int j = from;
        for (; j + lanes <= to; j += lanes) {
            DoubleVector cj = DoubleVector.fromArray(SPECIES, k, j);
            DoubleVector qj = DoubleVector.fromArray(SPECIES, q2, j);
            VectorMask<Double> ok = qj.compare(VectorOperators.GE, RowKernels.Scalar.LOW)
                    .and(qj.compare(VectorOperators.LE, RowKernels.Scalar.HIGH));
            DoubleVector prod = qj.mul(q1);
            DoubleVector err = qj.fma(vq1, prod.neg());
            DoubleVector d = cj.neg().fma(cj, prod).add(err);
            d = d.blend(0.0, d.compare(VectorOperators.GT, 0.0).not());
            DoubleVector root = d.sqrt();
            DoubleVector ax = cj.abs();
            DoubleVector ay = root;
            DoubleVector hi = ax.max(ay);
            DoubleVector lo = ax.min(ay);
            ok = ok.and(hi.compare(VectorOperators.GT, 0.0)).and(hi.compare(VectorOperators.LT, Double.POSITIVE_INFINITY));
            if (!ok.allTrue()) {
                scalar.reluDense(q1, q2, k, t, work, weightVariance, biasVariance, j, j + lanes);
                continue;
            }
            VectorMask<Double> upper = lo.compare(VectorOperators.GT, hi.mul(ArcTangent.TAN_PI_8));
            DoubleVector u = lo.blend(lo.sub(hi), upper).div(hi.blend(lo.add(hi), upper));
            DoubleVector w = u.mul(u);
            DoubleVector w2 = w.mul(w);
            DoubleVector w4 = w2.mul(w2);
            DoubleVector w8 = w4.mul(w4);
            DoubleVector b0 = p3.fma(w, p2).fma(w2, p1.fma(w, p0));
            DoubleVector b1 = p7.fma(w, p6).fma(w2, p5.fma(w, p4));
            DoubleVector b2 = p10.fma(w2, p9.fma(w, p8));
            DoubleVector r = u.fma(w.mul(b2.fma(w8, b1.fma(w4, b0))), u);
            DoubleVector a = r.blend(r.add(ArcTangent.PI_4), upper);
            a = a.blend(halfPi.sub(a), ay.compare(VectorOperators.GT, ax));
            DoubleVector piMinusTheta = a.blend(pi.sub(a), cj.compare(VectorOperators.GT, 0.0));
            DoubleVector derivativeJ = piMinusTheta.mul(INV_TWO_PI);
            DoubleVector dualJ = piMinusTheta.fma(cj, root).mul(INV_TWO_PI);
            DoubleVector kj = dualJ.mul(vw).add(vb);
            kj.intoArray(k, j);
            kj.add(DoubleVector.fromArray(SPECIES, t, j).mul(derivativeJ).mul(vw)).intoArray(t, j);
        }
        scalar.reluDense(q1, q2, k, t, work, weightVariance, biasVariance, j, to);
    }

    @Override
    public void angles(double q1, double[] q2, double[] c, double[] theta, int from, int to) {
        if (!RowKernels.Scalar.inRange(q1)) {
            scalar.angles(q1, q2, c, theta, from, to);
            return;
        }
        DoubleVector vq1 = DoubleVector.broadcast(SPECIES, q1);
        DoubleVector p0 = DoubleVector.broadcast(SPECIES, ArcTangent.P0);
        DoubleVector p1 = DoubleVector.broadcast(SPECIES, ArcTangent.P1);
        DoubleVector p2 = DoubleVector.broadcast(SPECIES, ArcTangent.P2);
        DoubleVector p3 = DoubleVector.broadcast(SPECIES, ArcTangent.P3);
        DoubleVector p4 = DoubleVector.broadcast(SPECIES, ArcTangent.P4);
        DoubleVector p5 = DoubleVector.broadcast(SPECIES, ArcTangent.P5);
        DoubleVector p6 = DoubleVector.broadcast(SPECIES, ArcTangent.P6);
        DoubleVector p7 = DoubleVector.broadcast(SPECIES, ArcTangent.P7);
        DoubleVector p8 = DoubleVector.broadcast(SPECIES, ArcTangent.P8);
        DoubleVector p9 = DoubleVector.broadcast(SPECIES, ArcTangent.P9);
        DoubleVector p10 = DoubleVector.broadcast(SPECIES, ArcTangent.P10);
        DoubleVector halfPi = DoubleVector.broadcast(SPECIES, ArcTangent.PI_2);
        DoubleVector pi = DoubleVector.broadcast(SPECIES, ArcTangent.PI);
        int lanes = SPECIES.length();
        int j = from;
        for (; j + lanes <= to; j += lanes) {
            DoubleVector cj = DoubleVector.fromArray(SPECIES, c, j);
            DoubleVector qj = DoubleVector.fromArray(SPECIES, q2, j);
            VectorMask<Double> ok = qj.compare(VectorOperators.GE, RowKernels.Scalar.LOW)
                    .and(qj.compare(VectorOperators.LE, RowKernels.Scalar.HIGH));
            DoubleVector prod = qj.mul(q1);
            DoubleVector err = qj.fma(vq1, prod.neg());
            DoubleVector d = cj.neg().fma(cj, prod).add(err);
            d = d.blend(0.0, d.compare(VectorOperators.GT, 0.0).not());
            DoubleVector root = d.sqrt();
            DoubleVector ax = cj.abs();
            DoubleVector ay = root;
            DoubleVector hi = ax.max(ay);
            DoubleVector lo = ax.min(ay);
            ok = ok.and(hi.compare(VectorOperators.GT, 0.0)).and(hi.compare(VectorOperators.LT, Double.POSITIVE_INFINITY));
            if (!ok.allTrue()) {
                scalar.angles(q1, q2, c, theta, j, j + lanes);
                continue;
            }
            VectorMask<Double> upper = lo.compare(VectorOperators.GT, hi.mul(ArcTangent.TAN_PI_8));
            DoubleVector u = lo.blend(lo.sub(hi), upper).div(hi.blend(lo.add(hi), upper));
            DoubleVector w = u.mul(u);
            DoubleVector w2 = w.mul(w);
            DoubleVector w4 = w2.mul(w2);
            DoubleVector w8 = w4.mul(w4);
            DoubleVector b0 = p3.fma(w, p2).fma(w2, p1.fma(w, p0));
            DoubleVector b1 = p7.fma(w, p6).fma(w2, p5.fma(w, p4));
            DoubleVector b2 = p10.fma(w2, p9.fma(w, p8));
            DoubleVector r = u.fma(w.mul(b2.fma(w8, b1.fma(w4, b0))), u);
            DoubleVector a = r.blend(r.add(ArcTangent.PI_4), upper);
            a = a.blend(halfPi.sub(a), ay.compare(VectorOperators.GT, ax));
            // θ = atan2(root, c + 0): reflected where c < 0
            a.blend(pi.sub(a), cj.compare(VectorOperators.LT, 0.0)).intoArray(theta, j);
        }
        scalar.angles(q1, q2, c, theta, j, to);
    }

    @Override
    public void erf(double q1, double[] q2, double[] c, double[] dual, double[] derivativeDual, int from, int to) {
        if (!RowKernels.Scalar.inRange(q1)) {
            scalar.erf(q1, q2, c, dual, derivativeDual, from, to);
            return;
        }
        DoubleVector vq1 = DoubleVector.broadcast(SPECIES, q1);
        DoubleVector p0 = DoubleVector.broadcast(SPECIES, ArcTangent.P0);
        DoubleVector p1 = DoubleVector.broadcast(SPECIES, ArcTangent.P1);
        DoubleVector p2 = DoubleVector.broadcast(SPECIES, ArcTangent.P2);
        DoubleVector p3 = DoubleVector.broadcast(SPECIES, ArcTangent.P3);
        DoubleVector p4 = DoubleVector.broadcast(SPECIES, ArcTangent.P4);
        DoubleVector p5 = DoubleVector.broadcast(SPECIES, ArcTangent.P5);
        DoubleVector p6 = DoubleVector.broadcast(SPECIES, ArcTangent.P6);
        DoubleVector p7 = DoubleVector.broadcast(SPECIES, ArcTangent.P7);
        DoubleVector p8 = DoubleVector.broadcast(SPECIES, ArcTangent.P8);
        DoubleVector p9 = DoubleVector.broadcast(SPECIES, ArcTangent.P9);
        DoubleVector p10 = DoubleVector.broadcast(SPECIES, ArcTangent.P10);
        DoubleVector halfPi = DoubleVector.broadcast(SPECIES, ArcTangent.PI_2);
        DoubleVector pi = DoubleVector.broadcast(SPECIES, ArcTangent.PI);
        DoubleVector four = DoubleVector.broadcast(SPECIES, 4.0);
        DoubleVector fourOverPi = DoubleVector.broadcast(SPECIES, FOUR_OVER_PI);
        int lanes = SPECIES.length();
        int j = from;
        for (; j + lanes <= to; j += lanes) {
            DoubleVector cj = DoubleVector.fromArray(SPECIES, c, j);
            DoubleVector qj = DoubleVector.fromArray(SPECIES, q2, j);
            VectorMask<Double> ok = qj.compare(VectorOperators.GE, RowKernels.Scalar.LOW)
                    .and(qj.compare(VectorOperators.LE, RowKernels.Scalar.HIGH));
            DoubleVector prod = qj.mul(q1);
            DoubleVector err = qj.fma(vq1, prod.neg());
            DoubleVector d = cj.neg().fma(cj, prod).add(err);
            d = d.blend(0.0, d.compare(VectorOperators.GT, 0.0).not());
            DoubleVector rr = d.fma(four, qj.add(q1).mul(2.0).add(1.0)).sqrt();
            DoubleVector y = cj.mul(2.0).add(0.0);
            DoubleVector ax = rr;
            DoubleVector ay = y.abs();
            DoubleVector hi = ax.max(ay);
            DoubleVector lo = ax.min(ay);
            ok = ok.and(hi.compare(VectorOperators.GT, 0.0)).and(hi.compare(VectorOperators.LT, Double.POSITIVE_INFINITY));
            if (!ok.allTrue()) {
                scalar.erf(q1, q2, c, dual, derivativeDual, j, j + lanes);
                continue;
            }
            VectorMask<Double> upper = lo.compare(VectorOperators.GT, hi.mul(ArcTangent.TAN_PI_8));
            DoubleVector u = lo.blend(lo.sub(hi), upper).div(hi.blend(lo.add(hi), upper));
            DoubleVector w = u.mul(u);
            DoubleVector w2 = w.mul(w);
            DoubleVector w4 = w2.mul(w2);
            DoubleVector w8 = w4.mul(w4);
            DoubleVector b0 = p3.fma(w, p2).fma(w2, p1.fma(w, p0));
            DoubleVector b1 = p7.fma(w, p6).fma(w2, p5.fma(w, p4));
            DoubleVector b2 = p10.fma(w2, p9.fma(w, p8));
            DoubleVector r = u.fma(w.mul(b2.fma(w8, b1.fma(w4, b0))), u);
            DoubleVector a = r.blend(r.add(ArcTangent.PI_4), upper);
            a = a.blend(halfPi.sub(a), ay.compare(VectorOperators.GT, ax));
            fourOverPi.div(rr).intoArray(derivativeDual, j);
            a.blend(a.neg(), y.compare(VectorOperators.LT, 0.0)).mul(TWO_OVER_PI).intoArray(dual, j);
        }
        scalar.erf(q1, q2, c, dual, derivativeDual, j, to);
    }

    @Override
    public void erfDense(double q1, double[] q2, double[] k, double[] t, double[] work, double weightVariance,
                         double biasVariance, int from, int to) {
        if (!RowKernels.Scalar.inRange(q1)) {
            scalar.erfDense(q1, q2, k, t, work, weightVariance, biasVariance, from, to);
            return;
        }
        DoubleVector vq1 = DoubleVector.broadcast(SPECIES, q1);
        DoubleVector p0 = DoubleVector.broadcast(SPECIES, ArcTangent.P0);
        DoubleVector p1 = DoubleVector.broadcast(SPECIES, ArcTangent.P1);
        DoubleVector p2 = DoubleVector.broadcast(SPECIES, ArcTangent.P2);
        DoubleVector p3 = DoubleVector.broadcast(SPECIES, ArcTangent.P3);
        DoubleVector p4 = DoubleVector.broadcast(SPECIES, ArcTangent.P4);
        DoubleVector p5 = DoubleVector.broadcast(SPECIES, ArcTangent.P5);
        DoubleVector p6 = DoubleVector.broadcast(SPECIES, ArcTangent.P6);
        DoubleVector p7 = DoubleVector.broadcast(SPECIES, ArcTangent.P7);
        DoubleVector p8 = DoubleVector.broadcast(SPECIES, ArcTangent.P8);
        DoubleVector p9 = DoubleVector.broadcast(SPECIES, ArcTangent.P9);
        DoubleVector p10 = DoubleVector.broadcast(SPECIES, ArcTangent.P10);
        DoubleVector halfPi = DoubleVector.broadcast(SPECIES, ArcTangent.PI_2);
        DoubleVector pi = DoubleVector.broadcast(SPECIES, ArcTangent.PI);
        DoubleVector four = DoubleVector.broadcast(SPECIES, 4.0);
        DoubleVector fourOverPi = DoubleVector.broadcast(SPECIES, FOUR_OVER_PI);
        DoubleVector vw = DoubleVector.broadcast(SPECIES, weightVariance);
        DoubleVector vb = DoubleVector.broadcast(SPECIES, biasVariance);
        int lanes = SPECIES.length();
        int j = from;
        for (; j + lanes <= to; j += lanes) {
            DoubleVector cj = DoubleVector.fromArray(SPECIES, k, j);
            DoubleVector qj = DoubleVector.fromArray(SPECIES, q2, j);
            VectorMask<Double> ok = qj.compare(VectorOperators.GE, RowKernels.Scalar.LOW)
                    .and(qj.compare(VectorOperators.LE, RowKernels.Scalar.HIGH));
            DoubleVector prod = qj.mul(q1);
            DoubleVector err = qj.fma(vq1, prod.neg());
            DoubleVector d = cj.neg().fma(cj, prod).add(err);
            d = d.blend(0.0, d.compare(VectorOperators.GT, 0.0).not());
            DoubleVector rr = d.fma(four, qj.add(q1).mul(2.0).add(1.0)).sqrt();
            DoubleVector y = cj.mul(2.0).add(0.0);
            DoubleVector ax = rr;
            DoubleVector ay = y.abs();
            DoubleVector hi = ax.max(ay);
            DoubleVector lo = ax.min(ay);
            ok = ok.and(hi.compare(VectorOperators.GT, 0.0)).and(hi.compare(VectorOperators.LT, Double.POSITIVE_INFINITY));
            if (!ok.allTrue()) {
                scalar.erfDense(q1, q2, k, t, work, weightVariance, biasVariance, j, j + lanes);
                continue;
            }
            VectorMask<Double> upper = lo.compare(VectorOperators.GT, hi.mul(ArcTangent.TAN_PI_8));
            DoubleVector u = lo.blend(lo.sub(hi), upper).div(hi.blend(lo.add(hi), upper));
            DoubleVector w = u.mul(u);
            DoubleVector w2 = w.mul(w);
            DoubleVector w4 = w2.mul(w2);
            DoubleVector w8 = w4.mul(w4);
            DoubleVector b0 = p3.fma(w, p2).fma(w2, p1.fma(w, p0));
            DoubleVector b1 = p7.fma(w, p6).fma(w2, p5.fma(w, p4));
            DoubleVector b2 = p10.fma(w2, p9.fma(w, p8));
            DoubleVector r = u.fma(w.mul(b2.fma(w8, b1.fma(w4, b0))), u);
            DoubleVector a = r.blend(r.add(ArcTangent.PI_4), upper);
            a = a.blend(halfPi.sub(a), ay.compare(VectorOperators.GT, ax));
            DoubleVector derivativeJ = fourOverPi.div(rr);
            DoubleVector dualJ = a.blend(a.neg(), y.compare(VectorOperators.LT, 0.0)).mul(TWO_OVER_PI);
            DoubleVector kj = dualJ.mul(vw).add(vb);
            kj.intoArray(k, j);
            kj.add(DoubleVector.fromArray(SPECIES, t, j).mul(derivativeJ).mul(vw)).intoArray(t, j);
        }
        scalar.erfDense(q1, q2, k, t, work, weightVariance, biasVariance, j, to);
    }

    @Override
    public void abRelu(double a, double b, double q1, double[] q2, double[] c, double[] dual, double[] derivativeDual,
                       int from, int to) {
        if (!RowKernels.Scalar.inRange(q1)) {
            scalar.abRelu(a, b, q1, q2, c, dual, derivativeDual, from, to);
            return;
        }
        DoubleVector vq1 = DoubleVector.broadcast(SPECIES, q1);
        DoubleVector p0 = DoubleVector.broadcast(SPECIES, ArcTangent.P0);
        DoubleVector p1 = DoubleVector.broadcast(SPECIES, ArcTangent.P1);
        DoubleVector p2 = DoubleVector.broadcast(SPECIES, ArcTangent.P2);
        DoubleVector p3 = DoubleVector.broadcast(SPECIES, ArcTangent.P3);
        DoubleVector p4 = DoubleVector.broadcast(SPECIES, ArcTangent.P4);
        DoubleVector p5 = DoubleVector.broadcast(SPECIES, ArcTangent.P5);
        DoubleVector p6 = DoubleVector.broadcast(SPECIES, ArcTangent.P6);
        DoubleVector p7 = DoubleVector.broadcast(SPECIES, ArcTangent.P7);
        DoubleVector p8 = DoubleVector.broadcast(SPECIES, ArcTangent.P8);
        DoubleVector p9 = DoubleVector.broadcast(SPECIES, ArcTangent.P9);
        DoubleVector p10 = DoubleVector.broadcast(SPECIES, ArcTangent.P10);
        DoubleVector halfPi = DoubleVector.broadcast(SPECIES, ArcTangent.PI_2);
        DoubleVector pi = DoubleVector.broadcast(SPECIES, ArcTangent.PI);
        boolean even = a == -b;
        DoubleVector squares = DoubleVector.broadcast(SPECIES, even ? 0.0 : a * a + b * b);
        DoubleVector cross = DoubleVector.broadcast(SPECIES, even ? 0.0 : 2 * a * b);
        double d2 = (a - b) * (a - b);
        DoubleVector arcsine = DoubleVector.broadcast(SPECIES, even ? d2 : 0.0);
        int lanes = SPECIES.length();
        int j = from;
        for (; j + lanes <= to; j += lanes) {
            DoubleVector cj = DoubleVector.fromArray(SPECIES, c, j).add(0.0);
            DoubleVector qj = DoubleVector.fromArray(SPECIES, q2, j);
            VectorMask<Double> ok = qj.compare(VectorOperators.GE, RowKernels.Scalar.LOW)
                    .and(qj.compare(VectorOperators.LE, RowKernels.Scalar.HIGH));
            DoubleVector prod = qj.mul(q1);
            DoubleVector err = qj.fma(vq1, prod.neg());
            DoubleVector d = cj.neg().fma(cj, prod).add(err);
            d = d.blend(0.0, d.compare(VectorOperators.GT, 0.0).not());
            DoubleVector root = d.sqrt();
            DoubleVector ax = cj.abs();
            DoubleVector ay = root;
            DoubleVector hi = ax.max(ay);
            DoubleVector lo = ax.min(ay);
            ok = ok.and(hi.compare(VectorOperators.GT, 0.0)).and(hi.compare(VectorOperators.LT, Double.POSITIVE_INFINITY));
            if (!ok.allTrue()) {
                scalar.abRelu(a, b, q1, q2, c, dual, derivativeDual, j, j + lanes);
                continue;
            }
            VectorMask<Double> upper = lo.compare(VectorOperators.GT, hi.mul(ArcTangent.TAN_PI_8));
            DoubleVector u = lo.blend(lo.sub(hi), upper).div(hi.blend(lo.add(hi), upper));
            DoubleVector w = u.mul(u);
            DoubleVector w2 = w.mul(w);
            DoubleVector w4 = w2.mul(w2);
            DoubleVector w8 = w4.mul(w4);
            DoubleVector e0 = p3.fma(w, p2).fma(w2, p1.fma(w, p0));
            DoubleVector e1 = p7.fma(w, p6).fma(w2, p5.fma(w, p4));
            DoubleVector e2 = p10.fma(w2, p9.fma(w, p8));
            DoubleVector r = u.fma(w.mul(e2.fma(w8, e1.fma(w4, e0))), u);
            DoubleVector angle0 = r.blend(r.add(ArcTangent.PI_4), upper);
            DoubleVector angle = angle0.blend(halfPi.sub(angle0), ay.compare(VectorOperators.GT, ax));
            // θ = atan2(root, c), π − θ = atan2(root, −c) and ψ = atan2(c, root) share everything up to the
            // last selections
            DoubleVector reflected = pi.sub(angle);
            DoubleVector psi = angle0.blend(halfPi.sub(angle0), ax.compare(VectorOperators.GT, ay));
            psi = psi.blend(psi.neg(), cj.compare(VectorOperators.LT, 0.0));
            DoubleVector slope = squares.mul(angle.blend(reflected, cj.compare(VectorOperators.GT, 0.0)))
                    .add(cross.mul(angle.blend(reflected, cj.compare(VectorOperators.LT, 0.0))))
                    .add(arcsine.mul(psi));
            slope.mul(INV_TWO_PI).intoArray(derivativeDual, j);
            slope.fma(cj, root.mul(d2)).mul(INV_TWO_PI).intoArray(dual, j);
        }
        scalar.abRelu(a, b, q1, q2, c, dual, derivativeDual, j, to);
    }
}
