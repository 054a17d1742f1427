#!/usr/bin/python3
"""Side-by-side Gram-matrix timings: ntk4j `bench gram` next to the numpy peer, in the same run.

usage: /usr/bin/python3 bench/side_by_side.py [--peers DIR] [--rounds R] [--pause S] [--quick | --quadrature-only]
                                              [--quadrature 'A;B;...']

For every workload the peer and ntk4j run alternately, R rounds (default 2, each round reversing the order, S
seconds apart), so that both see the same machine state; each ntk4j figure is the median of `--repeat 5` runs after a warm-up, each peer figure one run. Prints a
Markdown table: every round's time, the ratio of medians and of the best rounds (on a shared machine the best
round is the least disturbed one), and the `ntk_trace` agreement (an independent check that both compute the same
kernel). Activations without a closed form (tanh) have no numpy peer; they are
compared with ReLU at the same n and depth, which is the target of issue 5 (at most 5x): tanh on every shape,
the others (--quadrature) at n = 4000, depth 10.

Inputs (made once in a temporary directory, fixed seeds): 4000 x 100 and 1000 x 100 standard normal (numpy
default_rng(0) and (1)), and the same 4000 rows scaled onto the sphere sqrt(d) S^(d-1).
Needs Debian's python3-numpy; run from the repository root after `mvn -B -ntp -DskipTests package`.
"""
import argparse, json, os, statistics, subprocess, sys, tempfile, time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def ntk4j(activation, depth, x, repeat=5):
    out = subprocess.run([os.path.join(ROOT, 'ntk4j'), 'bench', 'gram', '--activation', activation, '--depth',
                          str(depth), '--weight-var', '2', '--bias-var', '0.1', '--x1', x, '--repeat', str(repeat)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def peer(peers, activation, depth, x):
    out = subprocess.run(['/usr/bin/python3', os.path.join(peers, 'gram_numpy.py'), x, str(depth), activation, '2',
                          '0.1'], check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--peers', default=os.path.join(os.path.dirname(ROOT), 'shared', 'peers'))
    parser.add_argument('--rounds', type=int, default=2)
    parser.add_argument('--quick', action='store_true', help='only n = 4000, depth 10')
    parser.add_argument('--quadrature-only', action='store_true',
                        help='only the table of --quadrature activations next to relu')
    parser.add_argument('--pause', type=float, default=3.0, help='seconds between runs')
    parser.add_argument('--quadrature', default='sigmoid;softplus;silu;mish;elu(1);elu(0.5);expr:log(1+exp(x))',
                        help='activations without a closed form compared with relu at n = 4000, depth 10 '
                             '(semicolon-separated)')
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix='ntk4j-side-by-side-')
    x4000 = np.random.default_rng(0).standard_normal((4000, 100))
    files = {'X4000': x4000, 'X1000': np.random.default_rng(1).standard_normal((1000, 100)),
             'S4000': x4000 / np.linalg.norm(x4000, axis=1, keepdims=True) * np.sqrt(100)}
    for name, x in files.items():
        np.save(os.path.join(tmp, name + '.npy'), x)
    path = {name: os.path.join(tmp, name + '.npy') for name in files}

    shapes = [('X4000', 10)] if args.quick else [('X4000', 10), ('X4000', 1), ('X1000', 10), ('X1000', 1)]
    if args.quadrature_only:
        quadrature_table(args, path)
        return 0
    print('| workload (d = 100, σ_w² = 2, σ_b² = 0.1) | numpy peer, s | ntk4j, s | ntk4j / numpy, medians '
          '| ntk4j / numpy, best rounds | ntk_trace rel. diff |')
    print('|---|---|---|---|---|---|')
    for activation in ('relu', 'erf'):
        for inputs, depth in shapes:
            ps, js, diffs = [], [], []
            for r in range(args.rounds):
                # Alternate who goes first, and let the machine settle in between: right after numpy has freed
                # its gigabytes of temporaries, fresh memory is slower to fault in on a virtual machine.
                if r % 2 == 0:
                    p = peer(args.peers, activation, depth, path[inputs])
                    time.sleep(args.pause)
                    j = ntk4j(activation, depth, path[inputs])
                else:
                    j = ntk4j(activation, depth, path[inputs])
                    time.sleep(args.pause)
                    p = peer(args.peers, activation, depth, path[inputs])
                time.sleep(args.pause)
                ps.append(p['seconds'])
                js.append(j['seconds'])
                diffs.append(abs(p['ntk_trace'] - j['ntk_trace']) / abs(p['ntk_trace']))
            n = inputs[1:]
            print(f"| {activation}, n = {n}, depth {depth} | {', '.join(f'{s:.3g}' for s in ps)} | "
                  f"{', '.join(f'{s:.3g}' for s in js)} | **{statistics.median(ps) / statistics.median(js):.1f}×** "
                  f"| {min(ps) / min(js):.1f}× | {max(diffs):.1e} |", flush=True)
    print()
    print('| workload (d = 100, σ_w² = 2, σ_b² = 0.1) | relu, s | tanh, s | tanh / relu, medians '
          '| tanh / relu, best rounds |')
    print('|---|---|---|---|---|')
    for inputs, depth in shapes + ([('S4000', 10)] if not args.quick else []):
        rs, ts = [], []
        for _ in range(args.rounds):
            rs.append(ntk4j('relu', depth, path[inputs])['seconds'])
            ts.append(ntk4j('tanh', depth, path[inputs])['seconds'])
        kind = 'sphere' if inputs.startswith('S') else 'Gaussian'
        print(f"| n = {inputs[1:]} ({kind}), depth {depth} | {', '.join(f'{s:.3g}' for s in rs)} | "
              f"{', '.join(f'{s:.3g}' for s in ts)} | **{statistics.median(ts) / statistics.median(rs):.1f}×** "
              f"| {min(ts) / min(rs):.1f}× |", flush=True)
    if args.quick:
        return 0
    print()
    quadrature_table(args, path)
    return 0


def quadrature_table(args, path):
    print('| activation (n = 4000 Gaussian, depth 10) | relu, s | activation, s | activation / relu, medians '
          '| activation / relu, best rounds |')
    print('|---|---|---|---|---|')
    for activation in args.quadrature.split(';'):
        rs, ts = [], []
        for _ in range(args.rounds):
            rs.append(ntk4j('relu', 10, path['X4000'])['seconds'])
            ts.append(ntk4j(activation, 10, path['X4000'])['seconds'])
        print(f"| `{activation}` | {', '.join(f'{s:.3g}' for s in rs)} | {', '.join(f'{s:.3g}' for s in ts)} "
              f"| **{statistics.median(ts) / statistics.median(rs):.1f}×** | {min(ts) / min(rs):.1f}× |", flush=True)


if __name__ == '__main__':
    sys.exit(main())
