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
 * need a special case (a scale ≥ 1e150, or an angle of the point (0, 0)) and the tail of a row go through the
 * scalar code.
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
            if (!qj.compare(VectorOperators.GE, RowKernels.Scalar.LOW).and(qj.compare(VectorOperators.LE, RowKernels.Scalar.HIGH)).allTrue()) {
                scalar.relu(q1, q2, c, dual, derivativeDual, j, j + lanes);
                continue;
            }
            DoubleVector prod = qj.mul(q1);
            DoubleVector err = qj.fma(vq1, prod.neg());
            DoubleVector d = cj.neg().fma(cj, prod).add(err);
            d = d.blend(0.0, d.compare(VectorOperators.GT, 0.0).not());
            DoubleVector root = d.sqrt();
            DoubleVector x = cj.neg();
            DoubleVector ax = x.abs();
            DoubleVector ay = root.abs();
            DoubleVector hi = ax.max(ay);
            DoubleVector lo = ax.min(ay);
            if (!hi.compare(VectorOperators.GT, 0.0).and(hi.compare(VectorOperators.LT, Double.POSITIVE_INFINITY)).allTrue()) {
                scalar.relu(q1, q2, c, dual, derivativeDual, j, j + lanes);
                continue;
            }
            VectorMask<Double> upper = lo.compare(VectorOperators.GT, hi.mul(ArcTangent.TAN_PI_8));
            DoubleVector u = lo.blend(lo.sub(hi), upper).div(hi.blend(lo.add(hi), upper));
            DoubleVector w = u.mul(u);
            DoubleVector p = p10.fma(w, p9);
            p = p.fma(w, p8);
            p = p.fma(w, p7);
            p = p.fma(w, p6);
            p = p.fma(w, p5);
            p = p.fma(w, p4);
            p = p.fma(w, p3);
            p = p.fma(w, p2);
            p = p.fma(w, p1);
            p = p.fma(w, p0);
            DoubleVector r = u.fma(w.mul(p), u);
            DoubleVector piMinusTheta = r.blend(r.add(ArcTangent.PI_4), upper);
            piMinusTheta = piMinusTheta.blend(halfPi.sub(piMinusTheta), ay.compare(VectorOperators.GT, ax));
            piMinusTheta = piMinusTheta.blend(pi.sub(piMinusTheta), x.compare(VectorOperators.LT, 0.0));
            piMinusTheta = piMinusTheta.blend(piMinusTheta.neg(), root.compare(VectorOperators.LT, 0.0));
            piMinusTheta.mul(INV_TWO_PI).intoArray(derivativeDual, j);
            piMinusTheta.fma(cj, root).mul(INV_TWO_PI).intoArray(dual, j);
        }
        scalar.relu(q1, q2, c, dual, derivativeDual, j, to);
    }

    @Override
    public int lanes() {
        return SPECIES.length();
    }

    // reluDense, abReluDense, geluDense and erfDense: the operations of relu, abRelu, gelu and erf on variances
    // known to be in range, without what cannot happen there (the range checks cost a sixth of the kernel): hi > 0
    // (q1 q2 − c² > 0 when c = 0), no negative square root, and hi, lo by one comparison and two selections (Java's
    // max/min of doubles also order −0 and NaN, several instructions each), which select the same values here.

    @Override
    public void reluDense(double q1, double[] q2, double w, double b, double[] k, double[] t, int from, int to) {
        DoubleVector vq1 = DoubleVector.broadcast(SPECIES, q1);
        DoubleVector nq1 = DoubleVector.broadcast(SPECIES, -q1);
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
        for (int j = from; j < to; j += lanes) {
            DoubleVector cj = DoubleVector.fromArray(SPECIES, k, j);
            DoubleVector qj = DoubleVector.fromArray(SPECIES, q2, j);
            DoubleVector nprod = qj.mul(nq1);
            DoubleVector err = qj.fma(vq1, nprod);
            DoubleVector d = err.sub(cj.fma(cj, nprod));
            DoubleVector root = d.blend(0.0, d.compare(VectorOperators.GT, 0.0).not()).sqrt();
            DoubleVector ax = cj.abs();
            VectorMask<Double> steep = ax.compare(VectorOperators.LT, root);
            DoubleVector hi = ax.blend(root, steep);
            DoubleVector lo = root.blend(ax, steep);
            VectorMask<Double> upper = lo.compare(VectorOperators.GT, hi.mul(ArcTangent.TAN_PI_8));
            DoubleVector u = lo.blend(lo.sub(hi), upper).div(hi.blend(lo.add(hi), upper));
            DoubleVector wu = u.mul(u);
            DoubleVector p = p10.fma(wu, p9);
            p = p.fma(wu, p8);
            p = p.fma(wu, p7);
            p = p.fma(wu, p6);
            p = p.fma(wu, p5);
            p = p.fma(wu, p4);
            p = p.fma(wu, p3);
            p = p.fma(wu, p2);
            p = p.fma(wu, p1);
            p = p.fma(wu, p0);
            DoubleVector r = u.fma(wu.mul(p), u);
            DoubleVector piMinusTheta = r.blend(r.add(ArcTangent.PI_4), upper);
            piMinusTheta = piMinusTheta.blend(halfPi.sub(piMinusTheta), steep);
            piMinusTheta = piMinusTheta.blend(pi.sub(piMinusTheta), cj.compare(VectorOperators.GT, 0.0));
            DoubleVector derivative = piMinusTheta.mul(INV_TWO_PI);
            DoubleVector kj = piMinusTheta.fma(cj, root).mul(INV_TWO_PI).mul(w).add(b);
            kj.intoArray(k, j);
            kj.add(DoubleVector.fromArray(SPECIES, t, j).mul(derivative).mul(w)).intoArray(t, j);
        }
    }

    @Override
    public void abReluDense(double a, double b, double q1, double[] q2, double sw, double sb, double[] k, double[] t,
                            int from, int to) {
        DoubleVector vq1 = DoubleVector.broadcast(SPECIES, q1);
        DoubleVector nq1 = DoubleVector.broadcast(SPECIES, -q1);
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
        for (int j = from; j < to; j += lanes) {
            DoubleVector cj = DoubleVector.fromArray(SPECIES, k, j).add(0.0);
            DoubleVector qj = DoubleVector.fromArray(SPECIES, q2, j);
            DoubleVector nprod = qj.mul(nq1);
            DoubleVector err = qj.fma(vq1, nprod);
            DoubleVector d = err.sub(cj.fma(cj, nprod));
            DoubleVector root = d.blend(0.0, d.compare(VectorOperators.GT, 0.0).not()).sqrt();
            DoubleVector ax = cj.abs();
            VectorMask<Double> steep = ax.compare(VectorOperators.LT, root);
            DoubleVector hi = ax.blend(root, steep);
            DoubleVector lo = root.blend(ax, steep);
            VectorMask<Double> upper = lo.compare(VectorOperators.GT, hi.mul(ArcTangent.TAN_PI_8));
            DoubleVector u = lo.blend(lo.sub(hi), upper).div(hi.blend(lo.add(hi), upper));
            DoubleVector wu = u.mul(u);
            DoubleVector p = p10.fma(wu, p9);
            p = p.fma(wu, p8);
            p = p.fma(wu, p7);
            p = p.fma(wu, p6);
            p = p.fma(wu, p5);
            p = p.fma(wu, p4);
            p = p.fma(wu, p3);
            p = p.fma(wu, p2);
            p = p.fma(wu, p1);
            p = p.fma(wu, p0);
            DoubleVector r = u.fma(wu.mul(p), u);
            DoubleVector angle0 = r.blend(r.add(ArcTangent.PI_4), upper);
            DoubleVector angle = angle0.blend(halfPi.sub(angle0), steep);
            DoubleVector reflected = pi.sub(angle);
            DoubleVector psi = angle0.blend(halfPi.sub(angle0), ax.compare(VectorOperators.GT, root));
            psi = psi.blend(psi.neg(), cj.compare(VectorOperators.LT, 0.0));
            DoubleVector slope = squares.mul(angle.blend(reflected, cj.compare(VectorOperators.GT, 0.0)))
                    .add(cross.mul(angle.blend(reflected, cj.compare(VectorOperators.LT, 0.0))))
                    .add(arcsine.mul(psi));
            DoubleVector derivative = slope.mul(INV_TWO_PI);
            DoubleVector kj = slope.fma(cj, root.mul(d2)).mul(INV_TWO_PI).mul(sw).add(sb);
            kj.intoArray(k, j);
            kj.add(DoubleVector.fromArray(SPECIES, t, j).mul(derivative).mul(sw)).intoArray(t, j);
        }
    }

    @Override
    public void geluDense(double q1, double[] q2, double[] ip2, double[] h2, double w, double b, double[] k,
                          double[] t, int from, int to) {
        double ip1 = 1.0 / (1.0 + q1);
        double h1 = q1 * ip1;
        DoubleVector vq1 = DoubleVector.broadcast(SPECIES, q1);
        DoubleVector nq1 = DoubleVector.broadcast(SPECIES, -q1);
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
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
        for (int j = from; j < to; j += lanes) {
            DoubleVector cj = DoubleVector.fromArray(SPECIES, k, j);
            DoubleVector qj = DoubleVector.fromArray(SPECIES, q2, j);
            DoubleVector nprod = qj.mul(nq1);
            DoubleVector err = qj.fma(vq1, nprod);
            DoubleVector d = err.sub(cj.fma(cj, nprod));
            d = d.blend(0.0, d.compare(VectorOperators.GT, 0.0).not());
            // R ≥ 1: no selection for a negative ordinate, and R is its own absolute value.
            DoubleVector root = vq1.add(qj).add(1.0).add(d).sqrt();
            DoubleVector ax = cj.abs();
            VectorMask<Double> steep = ax.compare(VectorOperators.LT, root);
            DoubleVector hi = ax.blend(root, steep);
            DoubleVector lo = root.blend(ax, steep);
            VectorMask<Double> upper = lo.compare(VectorOperators.GT, hi.mul(ArcTangent.TAN_PI_8));
            DoubleVector u = lo.blend(lo.sub(hi), upper).div(hi.blend(lo.add(hi), upper));
            DoubleVector wu = u.mul(u);
            DoubleVector p = p10.fma(wu, p9);
            p = p.fma(wu, p8);
            p = p.fma(wu, p7);
            p = p.fma(wu, p6);
            p = p.fma(wu, p5);
            p = p.fma(wu, p4);
            p = p.fma(wu, p3);
            p = p.fma(wu, p2);
            p = p.fma(wu, p1);
            p = p.fma(wu, p0);
            DoubleVector r = u.fma(wu.mul(p), u);
            DoubleVector angle = r.blend(r.add(ArcTangent.PI_4), upper);
            angle = angle.blend(halfPi.sub(angle), steep);
            angle = angle.blend(pi.sub(angle), cj.compare(VectorOperators.GT, 0.0));
            DoubleVector ir = one.div(root);
            DoubleVector vip2 = DoubleVector.fromArray(SPECIES, ip2, j);
            DoubleVector vh2 = DoubleVector.fromArray(SPECIES, h2, j);
            DoubleVector cr = cj.mul(ir);
            DoubleVector derivative = angle.add(cr.mul(vip2.add(ip1).add(ir.mul(ir)))).mul(INV_TWO_PI);
            DoubleVector kj = cj.mul(angle).add(vh2.mul(h1).mul(root)).add(cj.mul(cr).mul(vip2.mul(ip1)))
                    .mul(INV_TWO_PI).mul(w).add(b);
            kj.intoArray(k, j);
            kj.add(DoubleVector.fromArray(SPECIES, t, j).mul(derivative).mul(w)).intoArray(t, j);
        }
    }

    @Override
    public void erfDense(double q1, double[] halfQ2, double[] shiftedRoots, double w, double b, double[] k,
                         double[] t, int from, int to) {
        // R/2 from erf's quantities at half scale (c for 2c, 2q1·q2/2 for q1·q2): scaling by a power of two is
        // exact, so every rounding is that of Scalar#erfDense, with three operations fewer per vector.
        DoubleVector twoQ1 = DoubleVector.broadcast(SPECIES, 2.0 * q1);
        DoubleVector nTwoQ1 = DoubleVector.broadcast(SPECIES, -2.0 * q1);
        double halfQ1 = 0.5 * q1;
        DoubleVector s1 = DoubleVector.broadcast(SPECIES, Math.sqrt(q1 + 0.5));
        DoubleVector twoOverPi = DoubleVector.broadcast(SPECIES, TWO_OVER_PI);
        DoubleVector zero = DoubleVector.zero(SPECIES);
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
        int lanes = SPECIES.length();
        for (int j = from; j < to; j += lanes) {
            DoubleVector cj = DoubleVector.fromArray(SPECIES, k, j);
            DoubleVector hj = DoubleVector.fromArray(SPECIES, halfQ2, j);
            DoubleVector nprod = hj.mul(nTwoQ1);
            DoubleVector err = hj.fma(twoQ1, nprod);
            DoubleVector d = err.sub(cj.fma(cj, nprod));
            d = zero.blend(d, d.compare(VectorOperators.GT, 0.0));
            DoubleVector rr = d.add(hj.add(halfQ1).add(0.25)).sqrt();
            DoubleVector u = cj.div(DoubleVector.fromArray(SPECIES, shiftedRoots, j).fma(s1, rr));
            // ArcTangent#atan: the reduction only for blocks that need it (|ψ| > π/4, strongly correlated pairs)
            VectorMask<Double> upper = u.abs().compare(VectorOperators.GT, ArcTangent.TAN_PI_8);
            boolean reduce = upper.anyTrue();
            DoubleVector v = u;
            if (reduce) {
                DoubleVector au = u.abs();
                v = u.blend(au.sub(1.0).div(au.add(1.0)), upper);
            }
            DoubleVector wu = v.mul(v);
            DoubleVector p = p10.fma(wu, p9);
            p = p.fma(wu, p8);
            p = p.fma(wu, p7);
            p = p.fma(wu, p6);
            p = p.fma(wu, p5);
            p = p.fma(wu, p4);
            p = p.fma(wu, p3);
            p = p.fma(wu, p2);
            p = p.fma(wu, p1);
            p = p.fma(wu, p0);
            DoubleVector r = v.fma(wu.mul(p), v);
            if (reduce) {
                DoubleVector a = r.blend(r.add(ArcTangent.PI_4), upper);
                r = a.blend(a.neg(), upper.and(u.compare(VectorOperators.LT, 0.0)));
            }
            DoubleVector derivative = twoOverPi.div(rr);
            DoubleVector kj = r.mul(FOUR_OVER_PI).mul(w).add(b);
            kj.intoArray(k, j);
            kj.add(DoubleVector.fromArray(SPECIES, t, j).mul(derivative).mul(w)).intoArray(t, j);
        }
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
            if (!qj.compare(VectorOperators.GE, RowKernels.Scalar.LOW).and(qj.compare(VectorOperators.LE, RowKernels.Scalar.HIGH)).allTrue()) {
                scalar.angles(q1, q2, c, theta, j, j + lanes);
                continue;
            }
            DoubleVector prod = qj.mul(q1);
            DoubleVector err = qj.fma(vq1, prod.neg());
            DoubleVector d = cj.neg().fma(cj, prod).add(err);
            d = d.blend(0.0, d.compare(VectorOperators.GT, 0.0).not());
            DoubleVector root = d.sqrt();
            DoubleVector x = cj.add(0.0);
            DoubleVector ax = x.abs();
            DoubleVector ay = root.abs();
            DoubleVector hi = ax.max(ay);
            DoubleVector lo = ax.min(ay);
            if (!hi.compare(VectorOperators.GT, 0.0).and(hi.compare(VectorOperators.LT, Double.POSITIVE_INFINITY)).allTrue()) {
                scalar.angles(q1, q2, c, theta, j, j + lanes);
                continue;
            }
            VectorMask<Double> upper = lo.compare(VectorOperators.GT, hi.mul(ArcTangent.TAN_PI_8));
            DoubleVector u = lo.blend(lo.sub(hi), upper).div(hi.blend(lo.add(hi), upper));
            DoubleVector w = u.mul(u);
            DoubleVector p = p10.fma(w, p9);
            p = p.fma(w, p8);
            p = p.fma(w, p7);
            p = p.fma(w, p6);
            p = p.fma(w, p5);
            p = p.fma(w, p4);
            p = p.fma(w, p3);
            p = p.fma(w, p2);
            p = p.fma(w, p1);
            p = p.fma(w, p0);
            DoubleVector r = u.fma(w.mul(p), u);
            DoubleVector angle = r.blend(r.add(ArcTangent.PI_4), upper);
            angle = angle.blend(halfPi.sub(angle), ay.compare(VectorOperators.GT, ax));
            angle = angle.blend(pi.sub(angle), x.compare(VectorOperators.LT, 0.0));
            angle = angle.blend(angle.neg(), root.compare(VectorOperators.LT, 0.0));
            angle.intoArray(theta, j);
        }
        scalar.angles(q1, q2, c, theta, j, to);
    }

    @Override
    public void gelu(double q1, double[] q2, double[] c, double[] dual, double[] derivativeDual, int from, int to) {
        if (!RowKernels.Scalar.inRange(q1)) {
            scalar.gelu(q1, q2, c, dual, derivativeDual, from, to);
            return;
        }
        double ip1 = 1.0 / (1.0 + q1);
        double h1 = q1 * ip1;
        DoubleVector vq1 = DoubleVector.broadcast(SPECIES, q1);
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
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
            if (!qj.compare(VectorOperators.GE, RowKernels.Scalar.LOW).and(qj.compare(VectorOperators.LE, RowKernels.Scalar.HIGH)).allTrue()) {
                scalar.gelu(q1, q2, c, dual, derivativeDual, j, j + lanes);
                continue;
            }
            DoubleVector prod = qj.mul(q1);
            DoubleVector err = qj.fma(vq1, prod.neg());
            DoubleVector d = cj.neg().fma(cj, prod).add(err);
            d = d.blend(0.0, d.compare(VectorOperators.GT, 0.0).not());
            DoubleVector root = vq1.add(qj).add(1.0).add(d).sqrt();
            DoubleVector x = cj.neg();
            DoubleVector ax = x.abs();
            DoubleVector ay = root.abs();
            DoubleVector hi = ax.max(ay);
            DoubleVector lo = ax.min(ay);
            if (!hi.compare(VectorOperators.LT, Double.POSITIVE_INFINITY).allTrue()) {
                scalar.gelu(q1, q2, c, dual, derivativeDual, j, j + lanes);
                continue;
            }
            VectorMask<Double> upper = lo.compare(VectorOperators.GT, hi.mul(ArcTangent.TAN_PI_8));
            DoubleVector u = lo.blend(lo.sub(hi), upper).div(hi.blend(lo.add(hi), upper));
            DoubleVector w = u.mul(u);
            DoubleVector p = p10.fma(w, p9);
            p = p.fma(w, p8);
            p = p.fma(w, p7);
            p = p.fma(w, p6);
            p = p.fma(w, p5);
            p = p.fma(w, p4);
            p = p.fma(w, p3);
            p = p.fma(w, p2);
            p = p.fma(w, p1);
            p = p.fma(w, p0);
            DoubleVector r = u.fma(w.mul(p), u);
            DoubleVector angle = r.blend(r.add(ArcTangent.PI_4), upper);
            angle = angle.blend(halfPi.sub(angle), ay.compare(VectorOperators.GT, ax));
            angle = angle.blend(pi.sub(angle), x.compare(VectorOperators.LT, 0.0));
            angle = angle.blend(angle.neg(), root.compare(VectorOperators.LT, 0.0));
            DoubleVector ir = one.div(root);
            DoubleVector ip2 = one.div(qj.add(1.0));
            DoubleVector h2 = qj.mul(ip2);
            DoubleVector cr = cj.mul(ir);
            angle.add(cr.mul(ip2.add(ip1).add(ir.mul(ir)))).mul(INV_TWO_PI).intoArray(derivativeDual, j);
            cj.mul(angle).add(h2.mul(h1).mul(root)).add(cj.mul(cr).mul(ip2.mul(ip1))).mul(INV_TWO_PI)
                    .intoArray(dual, j);
        }
        scalar.gelu(q1, q2, c, dual, derivativeDual, j, to);
    }

    @Override
    public void erf(double q1, double[] q2, double[] c, double[] dual, double[] derivativeDual, int from, int to) {
        if (!RowKernels.Scalar.inRange(q1)) {
            scalar.erf(q1, q2, c, dual, derivativeDual, from, to);
            return;
        }
        DoubleVector vq1 = DoubleVector.broadcast(SPECIES, q1);
        DoubleVector four = DoubleVector.broadcast(SPECIES, 4.0);
        DoubleVector fourOverPi = DoubleVector.broadcast(SPECIES, FOUR_OVER_PI);
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector s1 = DoubleVector.broadcast(SPECIES, Math.sqrt(q1 + 0.5));
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
        int lanes = SPECIES.length();
        int j = from;
        for (; j + lanes <= to; j += lanes) {
            DoubleVector cj = DoubleVector.fromArray(SPECIES, c, j);
            DoubleVector qj = DoubleVector.fromArray(SPECIES, q2, j);
            if (!qj.compare(VectorOperators.GE, RowKernels.Scalar.LOW).and(qj.compare(VectorOperators.LE, RowKernels.Scalar.HIGH)).allTrue()) {
                scalar.erf(q1, q2, c, dual, derivativeDual, j, j + lanes);
                continue;
            }
            DoubleVector prod = qj.mul(q1);
            DoubleVector err = qj.fma(vq1, prod.neg());
            DoubleVector d = cj.neg().fma(cj, prod).add(err);
            d = zero.blend(d, d.compare(VectorOperators.GT, 0.0));
            DoubleVector rr = d.fma(four, qj.add(q1).mul(2.0).add(1.0)).sqrt();
            DoubleVector u = cj.div(qj.add(0.5).sqrt().fma(s1, rr.mul(0.5)));
            VectorMask<Double> upper = u.abs().compare(VectorOperators.GT, ArcTangent.TAN_PI_8);
            boolean reduce = upper.anyTrue();
            DoubleVector v = u;
            if (reduce) {
                DoubleVector au = u.abs();
                if (au.compare(VectorOperators.GT, 1.0).anyTrue()) {   // not a Gaussian pair: see Scalar#erf
                    scalar.erf(q1, q2, c, dual, derivativeDual, j, j + lanes);
                    continue;
                }
                v = u.blend(au.sub(1.0).div(au.add(1.0)), upper);
            }
            DoubleVector w = v.mul(v);
            DoubleVector p = p10.fma(w, p9);
            p = p.fma(w, p8);
            p = p.fma(w, p7);
            p = p.fma(w, p6);
            p = p.fma(w, p5);
            p = p.fma(w, p4);
            p = p.fma(w, p3);
            p = p.fma(w, p2);
            p = p.fma(w, p1);
            p = p.fma(w, p0);
            DoubleVector r = v.fma(w.mul(p), v);
            if (reduce) {
                DoubleVector a = r.blend(r.add(ArcTangent.PI_4), upper);
                r = a.blend(a.neg(), upper.and(u.compare(VectorOperators.LT, 0.0)));
            }
            fourOverPi.div(rr).intoArray(derivativeDual, j);
            r.mul(FOUR_OVER_PI).intoArray(dual, j);
        }
        scalar.erf(q1, q2, c, dual, derivativeDual, j, to);
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
            if (!ok.allTrue()) {
                scalar.abRelu(a, b, q1, q2, c, dual, derivativeDual, j, j + lanes);
                continue;
            }
            DoubleVector prod = qj.mul(q1);
            DoubleVector err = qj.fma(vq1, prod.neg());
            DoubleVector d = cj.neg().fma(cj, prod).add(err);
            d = d.blend(0.0, d.compare(VectorOperators.GT, 0.0).not());
            DoubleVector root = d.sqrt();
            DoubleVector ax = cj.abs();
            DoubleVector ay = root;
            DoubleVector hi = ax.max(ay);
            DoubleVector lo = ax.min(ay);
            ok = hi.compare(VectorOperators.GT, 0.0).and(hi.compare(VectorOperators.LT, Double.POSITIVE_INFINITY));
            if (!ok.allTrue()) {
                scalar.abRelu(a, b, q1, q2, c, dual, derivativeDual, j, j + lanes);
                continue;
            }
            VectorMask<Double> upper = lo.compare(VectorOperators.GT, hi.mul(ArcTangent.TAN_PI_8));
            DoubleVector u = lo.blend(lo.sub(hi), upper).div(hi.blend(lo.add(hi), upper));
            DoubleVector w = u.mul(u);
            DoubleVector p = p10.fma(w, p9);
            p = p.fma(w, p8);
            p = p.fma(w, p7);
            p = p.fma(w, p6);
            p = p.fma(w, p5);
            p = p.fma(w, p4);
            p = p.fma(w, p3);
            p = p.fma(w, p2);
            p = p.fma(w, p1);
            p = p.fma(w, p0);
            DoubleVector r = u.fma(w.mul(p), u);
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
