#!/usr/bin/env python3
"""Independent 20-digit reference for ntk4j's infinite-width NNGP and NTK (kernel_reference.csv).

Computed with mpmath alone (no ntk4j code): every dual E[phi(u)phi(v)] and E[phi'(u)phi'(v)] is a nested
Gauss-Legendre quadrature with mpmath's own nodes, at 32 working digits, on panels split exactly at the kinks of
phi and phi' (and, for the outer variable, refined around the places where a kink of the inner variable crosses
its conditional mean). The closed-form activations are integrated too: nothing here uses a closed-form dual.

Recursion (docs/conventions.md), d = 4 so that <x, x'>/d is exact in binary:
    K1 = sw <x,x'>/d + sb, Theta1 = K1,
    K_{h+1} = sw E[phi(u)phi(v)] + sb, Theta_{h+1} = K_{h+1} + sw E[phi'(u)phi'(v)] Theta_h,
with (u, v) ~ N(0, [[K_h(x,x), K_h(x,x')], [K_h(x,x'), K_h(x',x')]]); the row for depth L holds K_{L+1}, Theta_{L+1}.

Accuracy: 20 significant digits are printed; `--check tanh relu6` (panels of three quarters the width) changes
no value by more than 1.8e-19 relative, so the last digit can be off by a unit for the smooth activations.

Usage:  JOBS=2 python3 make_kernel_reference.py [output.csv]   (about 5 minutes of two idle cores)
        python3 make_kernel_reference.py --check ACT [ACT...]   (recomputes those rows with panels of three
                                                                 quarters the width and prints the largest
                                                                 relative difference: the quadrature error)
Needs mpmath (tested with 1.3.0).
"""
import bisect
import multiprocessing
import os
import sys
import time
import mpmath as mp
from mpmath.calculus.quadrature import GaussLegendre

mp.mp.dps = 32
PI = mp.pi
SQRT2 = mp.sqrt(2)
INV_SQRT_2PI = 1 / mp.sqrt(2 * PI)
INF = mp.inf

# Resolution: DEGREE 5 = 48-point Gauss-Legendre panels whose half-width is at most SHRINK times the local
# analyticity length l (in practice ~1e-20 of the result for tanh, the worst case; the --check mode compares
# with SHRINK = 1) and at most GAUSS_HALF_WIDTH for the Gaussian alone ((3.5^2/2)^48/48! ~ 5e-24 of the
# panel's largest value).
DEGREE = 5
SHRINK = mp.mpf(2)
GAUSS_HALF_WIDTH = mp.mpf('3.5')
NODES = []
R_BASE = mp.mpf('10.5')  # |z| <= 10.5: the Gaussian tail beyond is below 1e-24


def set_resolution(degree, shrink):
    global DEGREE, SHRINK, NODES
    DEGREE, SHRINK = degree, mp.mpf(shrink)
    NODES = sorted(GaussLegendre(mp.mp).calc_nodes(degree, mp.mp.prec))  # ascending: the y-nodes are bisected


def heaviside(x):
    return mp.mpf(1) if x > 0 else mp.mpf(0)


def sigmoid(x):
    return 1 / (1 + mp.exp(-x))


def softplus(x):
    return mp.log1p(mp.exp(x)) if x < 0 else x + mp.log1p(mp.exp(-x))


def ncdf(x):
    return mp.ncdf(x)


def npdf(x):
    return mp.npdf(x)


class Act:
    """phi with phi', its kinks (where phi or phi' is not analytic) and its smooth features: a list of
    (centre, analyticity length l, half-extent X), all in units of x: within |x - centre| <= X the function
    needs panels of half-width about l; outside every feature it is a polynomial (to 1e-25) or exponentially
    small. growth > 0 marks exponential growth (e^{growth x}), which moves the Gaussian's mass."""

    def __init__(self, name, f, kinks=(), features=(), growth=0):
        self.name, self.f, self.kinks, self.features, self.growth = name, f, [mp.mpf(k) for k in kinks], \
            [tuple(mp.mpf(v) if v != INF else INF for v in ft) for ft in features], growth


def poly(cs):
    def f(x):
        v = mp.mpf(0)
        d = mp.mpf(0)
        for c in reversed(cs):
            d = d * x + v
            v = v * x + c
        return v, d
    return f


def mish(x):
    sp = softplus(x)
    t = mp.tanh(sp)
    return x * t, t + x * (1 - t * t) * sigmoid(x)


def elu(alpha):
    a = mp.mpf(alpha)
    return lambda x: (x, mp.mpf(1)) if x > 0 else (a * mp.expm1(x), a * mp.exp(x))


ACTIVATIONS = [
    # closed forms (integrated here all the same)
    Act('relu', lambda x: (x, mp.mpf(1)) if x > 0 else (mp.mpf(0), mp.mpf(0)), kinks=[0]),
    Act('erf', lambda x: (mp.erf(x), 2 / mp.sqrt(PI) * mp.exp(-x * x)), features=[(0, 2, 9)]),
    Act('identity', lambda x: (x, mp.mpf(1))),
    Act('leaky_relu(0.2)', lambda x: (x, mp.mpf(1)) if x > 0 else (x / 5, mp.mpf(1) / 5), kinks=[0]),
    Act('abrelu(-0.5,1.5)', lambda x: (1.5 * x, mp.mpf(1.5)) if x > 0 else (-0.5 * x, mp.mpf(-0.5)), kinks=[0]),
    Act('abs', lambda x: (abs(x), mp.sign(x) if x != 0 else mp.mpf(1)), kinks=[0]),
    Act('step', lambda x: (heaviside(x), mp.mpf(0)), kinks=[0]),
    Act('sign', lambda x: (mp.sign(x), mp.mpf(0)), kinks=[0]),
    Act('gelu', lambda x: (x * ncdf(x), ncdf(x) + x * npdf(x)), features=[(0, 2, 12)]),
    Act('sin', lambda x: (mp.sin(x), mp.cos(x)), features=[(0, 6, INF)]),
    Act('cos', lambda x: (mp.cos(x), -mp.sin(x)), features=[(0, 6, INF)]),
    Act('exp', lambda x: (mp.exp(x), mp.exp(x)), features=[(0, 10, INF)], growth=1),
    Act('rbf(1)', lambda x: (SQRT2 * mp.sin(SQRT2 * x + PI / 4), 2 * mp.cos(SQRT2 * x + PI / 4)),
        features=[(0, 6 / SQRT2, INF)]),
    Act('monomial(3)', lambda x: (x ** 3, 3 * x * x)),
    Act('rectified_monomial(2)', lambda x: (x * x, 2 * x) if x > 0 else (mp.mpf(0), mp.mpf(0)), kinks=[0]),
    Act('polynomial(0.1,1,-0.5)', poly([mp.mpf('0.1'), mp.mpf(1), mp.mpf('-0.5')])),
    # duals by numerical integration (the quadrature activations of ntk4j)
    Act('tanh', lambda x: (lambda t: (t, 1 - t * t))(mp.tanh(x)), features=[(0, PI / 2, 30)]),
    Act('sigmoid', lambda x: (lambda s: (s, s * (1 - s)))(sigmoid(x)), features=[(0, PI, 62)]),
    Act('softplus', lambda x: (softplus(x), sigmoid(x)), features=[(0, PI, 62)]),
    Act('silu', lambda x: (lambda s: (x * s, s * (1 + x * (1 - s))))(sigmoid(x)), features=[(0, PI, 66)]),
    Act('elu(1)', elu(1), kinks=[0], features=[(0, 4, 62)]),
    Act('elu(0.5)', elu('0.5'), kinks=[0], features=[(0, 4, 62)]),
    Act('mish', mish, features=[(0, 2, 66)]),
    Act('relu6', lambda x: (mp.mpf(0), mp.mpf(0)) if x <= 0 else ((x, mp.mpf(1)) if x < 6 else (mp.mpf(6), mp.mpf(0))),
        kinks=[0, 6]),
    Act('expr:x*tanh(log(1+exp(x)))', mish, features=[(0, 2, 66)]),
    Act('expr:max(x,0.2*x)+abs(x-1)',
        lambda x: (max(x, x / 5) + abs(x - 1), (mp.mpf(1) if x > 0 else mp.mpf(1) / 5) + (1 if x >= 1 else -1)),
        kinks=[0, 1]),
    # neural-tangents' extra closed forms (kept last so that earlier rows keep their order)
    Act('gaussian(1,-1)', lambda x: (lambda g: (g, -2 * x * g))(mp.exp(-x * x)), features=[(0, 1, 9)]),
    Act('gabor', lambda x: (lambda g: (g * mp.sin(x), g * (mp.cos(x) - 2 * x * mp.sin(x))))(mp.exp(-x * x)),
        features=[(0, 1, 9)]),
    Act('hermite(3)', lambda x: ((x ** 3 - 3 * x) / mp.sqrt(6), (3 * x * x - 3) / mp.sqrt(6))),
]
ALIASES = {'silu': ['swish']}  # the same function under another registered name: rows repeated

D = 4
NO_BIAS = (mp.mpf(1), mp.mpf(0))
BIAS = (mp.mpf(2), mp.mpf('0.1'))
PAIRS = [  # name, x, x', [(weight variance, bias variance)]
    ('generic', [1, 0.5, -1, 2], [0.5, -1, 1.5, 1], [NO_BIAS]),
    ('parallel', [1, 2, -1, 0.5], [1, 2, -1, 0.5625], [BIAS]),             # rho ~ 0.9992
    ('antiparallel', [1, 2, -1, 0.5], [-1, -1.75, 1.25, -0.5], [NO_BIAS]),  # rho ~ -0.99
    ('unequal', [3, -1, 2, 0.5], [0.125, 0.25, -0.125, 0.0625], [BIAS]),
    ('zero', [1, 0.5, -1, 2], [0, 0, 0, 0], [NO_BIAS, BIAS]),            # 1-D without bias
    ('self', [1, 0.5, -1, 2], [1, 0.5, -1, 2], [NO_BIAS, BIAS]),
]
DEPTHS = 5
Q_LIMIT = {'exp': 25}  # deeper layers of exp overflow double (K ~ e^{2q}); the chain stops there


def edges_and_widths(constraints, breaks, lo, hi):
    """Panels on [lo, hi]: split at every break and constraint boundary; each gap is cut into equal panels no
    wider than twice the smallest half-width of the constraints (a, b, h) that overlap it."""
    pts = {lo, hi}
    for b in breaks:
        if lo < b < hi:
            pts.add(b)
    for a, b, h in constraints:
        if lo < a < hi:
            pts.add(a)
        if lo < b < hi:
            pts.add(b)
    pts = sorted(pts)
    panels = []
    for p in range(len(pts) - 1):
        a, b = pts[p], pts[p + 1]
        if b - a <= 0:
            continue
        h = INF
        for ca, cb, ch in constraints:
            if ca < b and cb > a:
                h = min(h, ch)
        n = 1 if h == INF else max(1, int(mp.ceil((b - a) / (2 * h))))
        step = (b - a) / n
        for k in range(n):
            panels.append((a + k * step, a + (k + 1) * step if k < n - 1 else b))
    return panels


def features_of(act, offset, scale):
    """Breaks and constraints in z for z -> phi(offset + scale z), scale != 0."""
    breaks = [(k - offset) / scale for k in act.kinks]
    cons = []
    a = abs(scale)
    for c, ell, ext in act.features:
        z0 = (c - offset) / scale
        h = SHRINK * ell / a
        if ext == INF:
            cons.append((-INF, INF, h))
        else:
            cons.append((z0 - ext / a, z0 + ext / a, h))
    return breaks, cons


def gauss_range(acts_scales):
    r = R_BASE
    for act, s in acts_scales:
        if act.growth:
            r = r + 2 * act.growth * abs(s)
    return r


def integrate(h, breaks, cons, r):
    """(E[h(Z)_0], E[h(Z)_1]), Z ~ N(0,1), over [-r, r] on the panels; h returns a pair."""
    cons = cons + [(-INF, INF, GAUSS_HALF_WIDTH)]
    t0 = mp.mpf(0)
    t1 = mp.mpf(0)
    exp = mp.exp
    for a, b in edges_and_widths(cons, breaks, -r, r):
        half = (b - a) / 2
        mid = (a + b) / 2
        for x, w in NODES:
            z = mid + half * x
            wz = w * half * exp(-z * z / 2)
            v0, v1 = h(z)
            t0 += wz * v0
            t1 += wz * v1
    return t0 * INV_SQRT_2PI, t1 * INV_SQRT_2PI


def dual(act, q1, q2, c):
    """(E[phi(u)phi(v)], E[phi'(u)phi'(v)]) for (u, v) ~ N(0, [[q1, c], [c, q2]])."""
    f = act.f
    s1, s2 = mp.sqrt(q1), mp.sqrt(q2)
    if s1 == 0 and s2 == 0:
        p, d = f(mp.mpf(0))
        return p * p, d * d
    if s1 == 0 or s2 == 0:
        s = s1 if s2 == 0 else s2
        p0, d0 = f(mp.mpf(0))
        b, cons = features_of(act, 0, s)
        m = integrate(lambda z: f(s * z), b, cons, gauss_range([(act, s)]))
        return p0 * m[0], d0 * m[1]
    rho = c / (s1 * s2)
    rho = max(mp.mpf(-1), min(mp.mpf(1), rho))
    sigma = mp.sqrt(1 - rho * rho)
    if sigma < mp.mpf('1e-28'):
        sigma = mp.mpf(0)  # |rho| = 1 up to rounding: the diagonal (the error is of order sigma)
    b1, c1 = features_of(act, 0, s1)
    r = gauss_range([(act, s1), (act, s2)])
    if sigma == 0:
        b2, c2 = features_of(act, 0, rho * s2)

        def h1(z):
            a1, d1 = f(s1 * z)
            a2, d2 = f(rho * s2 * z)
            return a1 * a2, d1 * d2
        return tuple(integrate(h1, b1 + b2, c1 + c2, r))
    # the outer integrand phi(s1 z1) psi(rho z1): psi is smooth but changes on the scale sigma/|rho| where a
    # kink of the inner phi crosses the conditional mean, and on its features' scale
    if rho != 0:
        ar = abs(rho)
        for k in act.kinks:
            z0 = k / (s2 * rho)
            # psi is an entire function of t = (m - k)/sigma there (Phi, phi times polynomials): panels of
            # half-width 2 in t are exact to ~1e-30 with 48 points, and Phi(-11) ~ 2e-28
            c1 = c1 + [(z0 - 11 * sigma / ar, z0 + 11 * sigma / ar, 2 * sigma / ar)]  # Phi(-11) ~ 2e-28
        for cc, ell, ext in act.features:
            z0 = cc / (s2 * rho)
            h = SHRINK * max(ell / s2, sigma) / ar
            if ext == INF:
                c1 = c1 + [(-INF, INF, h)]
            else:
                c1 = c1 + [(z0 - (ext / s2 + 12 * sigma) / ar, z0 + (ext / s2 + 12 * sigma) / ar, h)]
    r2 = gauss_range([(act, s2 * sigma)])
    if sigma < mp.mpf('0.02'):
        # nearly parallel: one inner integral per outer node, split at the kinks where they fall
        def outer_nested(z1):
            a1, d1 = f(s1 * z1)
            m = s2 * rho * z1
            b2, c2 = features_of(act, m, s2 * sigma)
            inner = integrate(lambda z2: f(m + s2 * sigma * z2), b2, c2, r2)
            return a1 * inner[0], d1 * inner[1]
        return tuple(integrate(outer_nested, b1, c1, r))
    # The inner integral psi(m) = int phi(s2 y) N(y; m, sigma^2) dy as a Gaussian-kernel sum over one fixed set
    # of nodes in y (split at the kinks k/s2, refined in phi's transition zones, panels no wider than the
    # Gaussian's own limit times sigma): phi is evaluated once per y-node, not once per pair of nodes.
    reach = r2 * sigma
    by, cy = features_of(act, 0, s2)
    cy = cy + [(-INF, INF, GAUSS_HALF_WIDTH * sigma)]
    ys, fs, ds = [], [], []
    yr = r * abs(rho) + reach
    for a, b in edges_and_widths(cy, by, -yr, yr):
        half = (b - a) / 2
        mid = (a + b) / 2
        for x, w in NODES:
            y = mid + half * x
            p, d = f(s2 * y)
            ys.append(y)
            fs.append(w * half * p)
            ds.append(w * half * d)
    inv = 1 / (sigma * mp.sqrt(2 * PI))
    k = 1 / (2 * sigma * sigma)
    exp = mp.exp

    def outer(z1):
        a1, d1 = f(s1 * z1)
        m = rho * z1
        lo = bisect.bisect_left(ys, m - reach)
        hi = bisect.bisect_right(ys, m + reach)
        p = mp.mpf(0)
        q = mp.mpf(0)
        for j in range(lo, hi):
            t = ys[j] - m
            g = exp(-k * t * t)
            p += g * fs[j]
            q += g * ds[j]
        return a1 * p * inv, d1 * q * inv
    return tuple(integrate(outer, b1, c1, r))


def chain(act, x, y, w, b):
    """Rows (depth, nngp, ntk) for depths 1..DEPTHS."""
    x = [mp.mpf(v) for v in x]
    y = [mp.mpf(v) for v in y]
    q1 = w * mp.fsum(a * a for a in x) / D + b
    q2 = w * mp.fsum(a * a for a in y) / D + b
    k = w * mp.fsum(a * c for a, c in zip(x, y)) / D + b
    t = k
    rows = []
    same = x == y
    for depth in range(1, DEPTHS + 1):
        if max(q1, q2) > Q_LIMIT.get(act.name, mp.mpf('1e200')):
            break
        e, ed = dual(act, q1, q2, k)
        n1 = dual(act, q1, q1, q1)[0]
        n2 = n1 if same else dual(act, q2, q2, q2)[0]
        k = w * e + b
        t = k + w * ed * t
        q1 = w * n1 + b
        q2 = w * n2 + b
        if same:
            k = q1  # the diagonal: identical to the 1-D value, as it must be
        if abs(k) > mp.mpf('1e300') or abs(t) > mp.mpf('1e300'):
            break
        rows.append((depth, k, t))
    return rows


def fmt(v):
    return mp.nstr(v, 20, min_fixed=-4, max_fixed=6, strip_zeros=False)


def vec(v):
    return ';'.join(repr(float(a)) for a in v)


def rows_of(index):
    set_resolution(DEGREE, SHRINK)
    act = ACTIVATIONS[index]
    t0 = time.time()
    rows = []
    for pname, x, y, hyper in PAIRS:
        for w, b in hyper:
            for depth, k, t in chain(act, x, y, w, b):
                rows.append((pname, vec(x), vec(y), mp.nstr(w, 6), mp.nstr(b, 6), depth, fmt(k), fmt(t)))
    return act.name, rows, time.time() - t0


def indexed_rows(index):
    return index, rows_of(index)


def main(argv):
    set_resolution(DEGREE, SHRINK)
    if argv and argv[0] == '--check':
        names = argv[1:]
        worst = 0
        for act in ACTIVATIONS:
            if act.name not in names:
                continue
            set_resolution(DEGREE, SHRINK)
            base = {(p[0], str(hp)): chain(act, p[1], p[2], *hp) for p in PAIRS for hp in p[3]}
            set_resolution(5, mp.mpf('1.5'))
            for p in PAIRS:
                for hp in p[3]:
                    fine = chain(act, p[1], p[2], *hp)
                    for (d1, k1, t1), (d2, k2, t2) in zip(base[(p[0], str(hp))], fine):
                        for u, v in ((k1, k2), (t1, t2)):
                            rel = abs(u - v) / max(abs(v), mp.mpf('1e-300'))
                            worst = max(worst, rel)
            print(act.name, 'largest relative difference so far', mp.nstr(worst, 3), flush=True)
        return
    out = argv[0] if argv else 'kernel_reference.csv'
    lines = ['# NNGP and NTK of Dense -> (phi -> Dense) x depth (NTK parameterization, d = 4) to 20 digits, '
             'by make_kernel_reference.py (mpmath %s, nested Gauss-Legendre at %d digits)' % (mp.__version__, mp.mp.dps),
             'activation,pair,x1,x2,weight_var,bias_var,depth,nngp,ntk']
    start = time.time()
    jobs = int(os.environ.get('JOBS', '2'))
    # the smooth activations are the slow ones: start them first so that the workers finish together
    order = sorted(range(len(ACTIVATIONS)), key=lambda i: (not ACTIVATIONS[i].features, i))
    results = {}
    with multiprocessing.Pool(jobs) as pool:
        for index, (name, rows, seconds) in pool.imap_unordered(indexed_rows, order):
            results[index] = (name, rows)
            print('%-32s %4d rows %7.1f s' % (name, len(rows), seconds), file=sys.stderr, flush=True)
    for index in range(len(ACTIVATIONS)):
        name, rows = results[index]
        for alias in [name] + ALIASES.get(name, []):
            for r in rows:
                lines.append('%s,%s,%s,%s,%s,%s,%d,%s,%s' % ((alias,) + r))
    tmp = out + '.tmp'
    with open(tmp, 'w') as fh:
        fh.write('\n'.join(lines) + '\n')
    os.replace(tmp, out)
    print('wrote %s (%d rows) in %.0f s' % (out, len(lines) - 2, time.time() - start), file=sys.stderr)


if __name__ == '__main__':
    main(sys.argv[1:])
