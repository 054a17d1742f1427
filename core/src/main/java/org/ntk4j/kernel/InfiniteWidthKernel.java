package org.ntk4j.kernel;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleFunction;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;
import org.ntk4j.activation.Activation;
import org.ntk4j.activation.DualStack;
import org.ntk4j.activation.QuadratureActivation;
import org.ntk4j.network.Dense;
import org.ntk4j.network.Layer;
import org.ntk4j.network.Network;
import org.ntk4j.network.Nonlinearity;
import org.ntk4j.network.Parameterization;

/**
 * The infinite-width interpreter of a {@link Network}: its NNGP Σ and NTK Θ by the layer recursion
 * (docs/conventions.md). Starting from Σ = ⟨x, x'⟩/d and Θ = 0,
 * <ul>
 *   <li>Dense (NTK parameterization): Σ ← σ_w² Σ + σ_b², Θ ← Σ + σ_w² Θ (with the new Σ);</li>
 *   <li>Dense (standard parameterization, input width n_in, n_in = d for the first layer):
 *       Θ ← n_in Σ + [bias] + σ_w² Θ, then Σ ← σ_w² Σ + σ_b²;</li>
 *   <li>Nonlinearity φ: Σ ← E[φ(u)φ(v)], Θ ← E[φ'(u)φ'(v)] · Θ, where (u, v) is centred Gaussian with the
 *       covariance of the current Σ on {x, x'}.</li>
 * </ul>
 * For the MLP Dense → (φ → Dense) × L this is K₁ = σ_w²⟨x,x'⟩/d + σ_b², Θ₁ = K₁,
 * K_{h+1} = σ_w² E[φ(u)φ(v)] + σ_b², Θ_{h+1} = K_{h+1} + σ_w² E[φ'(u)φ'(v)] Θ_h.
 *
 * <p>The diagonal Σ(x, x) of every layer depends on x alone, so it is computed first for every input (with the
 * same per-entry arithmetic as the off-diagonal entries, so duplicates reproduce the diagonal bit for bit); then
 * each entry (i, j) runs through all layers independently. Gram matrices are computed in blocks of rows on all
 * cores (upper triangle only, then mirrored), in place in the output arrays, one pass per layer over each
 * contiguous row segment; the result does not depend on the number of threads. The closed-form duals use SIMD
 * kernels when the JVM has {@code --add-modules jdk.incubator.vector} (bit-identical to the scalar ones).
 *
 * <p>Activations without a closed-form dual (quadrature, ~µs per evaluation) are not evaluated n² times. In a
 * matrix of at least 2000 entries each layer takes its Mehler series ({@link MehlerDual}: Hermite coefficients per
 * input, two polynomials in ρ per entry), or, once the layer's sampled correlations have narrowed to a window
 * where the series would be long, a {@link WindowInterpolant} (Chebyshev in ln q1, ln q2 and ρ), whichever is
 * estimated cheaper. The series are symmetric in the two inputs bit for bit; a window contracts the row's variance
 * first, so where one is used Σ(x, z) and Σ(z, x) (and a cross matrix and the matching block of a Gram matrix)
 * agree to rounding, ~1e-15 relative, while Gram matrices stay exactly symmetric. In a deep network on a matrix of
 * at least 200,000 entries the whole network from its first nonlinearity on may instead be one interpolant
 * ({@link NetworkWindow}: Σ and Θ after the last layer as functions of the first layer's q1, q2, ρ), built from the
 * exact duals of every layer (kinked φ such as relu6, before any layer's own route is built) or from the layers'
 * series and windows (smooth φ), when it is estimated cheaper than the layers; the entries it leaves over (the
 * diagonal, duplicates, rare tails) go layer by layer. Entries beyond the series' reach,
 * and smaller matrices, take the following routes: when a layer's inputs have few distinct variances (all equal on
 * the sphere √d·S^{d−1}, where every layer keeps them equal), the duals at each pair of variances are functions of the angle θ alone and are replaced by
 * {@link AngleInterpolant}s, piecewise Chebyshev interpolants in θ with verified error below 1e-13 of the duals'
 * scale, built from a few hundred exact evaluations. With many distinct variances (e.g. unnormalised Gaussian
 * inputs) and a large enough matrix, one {@link VarianceBoxInterpolant} over the layer's range of variances serves
 * every entry (verified against fresh exact duals before use); otherwise, or if no interpolant reaches its
 * tolerance, every entry is evaluated exactly.
 */
public final class InfiniteWidthKernel {

    private final Network network;
    private final List<Layer> layers;
    private final int nonlinearities;

    /** When true, interpolate quadrature duals whenever possible, even where it does not pay (for tests). */
    private final boolean alwaysInterpolate;

    /** When true, skip the per-pair-of-variances interpolants and go to the variance box at once (for tests). */
    private final boolean boxOnly;

    /** Told the number of matrix entries finished after each block of rows; null for none. */
    private final LongConsumer progress;

    /** Told the number of nonlinearities planned so far, after each one (see {@link #withProgress}); null for none. */
    private final IntConsumer layersPrepared;

    public InfiniteWidthKernel(Network network) {
        this(network, false, false, null, null);
    }

    InfiniteWidthKernel(Network network, boolean alwaysInterpolate) {
        this(network, alwaysInterpolate, false, null, null);
    }

    InfiniteWidthKernel(Network network, boolean alwaysInterpolate, boolean boxOnly) {
        this(network, alwaysInterpolate, boxOnly, null, null);
    }

    private InfiniteWidthKernel(Network network, boolean alwaysInterpolate, boolean boxOnly, LongConsumer progress,
                                IntConsumer layersPrepared) {
        this.boxOnly = boxOnly;
        this.network = network;
        this.layers = network.layers();
        this.nonlinearities = network.depth();
        this.alwaysInterpolate = alwaysInterpolate;
        this.progress = progress;
        this.layersPrepared = layersPrepared;
    }

    /**
     * Runs the dual of every closed-form activation of the network a few thousand times on a short row, once per
     * activation and process, the Mehler row kernels ({@link #warmUpMehlerRows}) if an activation has no closed
     * form, and then the input Gram kernel ({@link #warmUpInputGram}): before a benchmark's timed runs.
     * {@link #gram} and {@link #cross} do the same before rows of {@value #LONG_ROW} columns or more (the Mehler
     * rows only for matrices of {@value #MEHLER_WARM_ENTRIES} entries or more).
     *
     * <p>Why: JDK 17's C2 sometimes compiles a SIMD row kernel on stack first (a long row keeps one call running)
     * and then fails to intrinsify its vector stores, in that compilation and the later ones, so the kernel boxes
     * every vector for the rest of the process and runs 2x slower (relu, n = 4000, depth 10: 0.5 s instead of
     * 0.25 s in about one process in five). Many calls on short rows make C2 compile the kernels as methods first;
     * after that, none of 56 processes was slow. Until C2 has compiled them, the Vector API also runs
     * unintrinsified, which a one-shot command pays in full. The input Gram kernel comes last: C2 compiles in the
     * background, in the order the methods got hot, and when its compilation was queued first, the row kernels'
     * compilations came too late for their own warm-up (softplus, n = 1000, depth 10: 3.4–3.7 s instead of
     * 0.6 s, every process).
     */
    public void warmUp() {
        warmUpClosedForms();
        for (Layer layer : layers) {
            if (layer instanceof Nonlinearity nl && !nl.activation().hasClosedFormDual()) {
                warmUpMehlerRows();
            }
        }
        warmUpInputGram();
    }

    /** The duals of the network's closed-form activations, as {@link #warmUp}. */
    private void warmUpClosedForms() {
        for (Layer layer : layers) {
            if (layer instanceof Nonlinearity nl && nl.activation().hasClosedFormDual()) {
                Activation phi = nl.activation();
                if (WARMED.add(phi)) {
                    warmUp(phi);
                }
            }
        }
    }

    private static final AtomicBoolean INPUT_GRAM_WARMED = new AtomicBoolean();

    /**
     * Runs the input Gram kernel ({@link InputGram#dots}) a few thousand times on an 8 × 64 block of 8-dimensional
     * inputs, once per process, so that C2 compiles it as a method before its loop over d runs long enough to be
     * compiled on stack; after the row kernels' warm-ups (see {@link #warmUp}).
     */
    static void warmUpInputGram() {
        if (!INPUT_GRAM_WARMED.compareAndSet(false, true)) {
            return;
        }
        int rows = 8;
        int columns = 64;
        int d = 8;
        double[][] x = new double[rows][d];
        double[][] z = new double[columns][d];
        double[][] out = new double[rows][columns];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < d; k++) {
                x[i][k] = 0.1 * (i + k);
            }
        }
        for (double[] zj : z) {
            for (int k = 0; k < d; k++) {
                zj[k] = 0.3 + k;
            }
        }
        InputGram.Panels zT = InputGram.INSTANCE.panels(z, d);
        for (int call = 0; call < 3000; call++) {
            // 5 to 8 rows and 57 to 64 columns also run the kernel's scalar edges.
            InputGram.INSTANCE.dots(x, 0, rows - call % 4, zT, out, 0, columns - call % 8, d);
        }
    }

    private static final AtomicBoolean MEHLER_WARMED =
            new AtomicBoolean();

    /** A Gram or cross matrix with at least this many entries warms the Mehler row kernels up before using them. */
    static final long MEHLER_WARM_ENTRIES = 1_000_000;

    /**
     * Runs the Mehler row kernels ({@link MehlerRow#row} and {@link MehlerRow#rows}) a few thousand times on
     * 64-column rows of three-term series, once per process, for the reason of {@link #warmUp}: their loops over the
     * terms of a long series made C2 compile the four-row kernel on stack first, and its vector stores were then
     * never intrinsified (sigmoid, n = 4000, depth 10: 12-18 s instead of 1.2 s in about one process in six).
     * Short series make the calls, not the loops, what C2 counts. Costs ~0.1 s.
     */
    static void warmUpMehlerRows() {
        if (!MEHLER_WARMED.compareAndSet(false, true)) {
            return;
        }
        int n = 64;
        int terms = 3;
        int rows = MehlerRow.ROWS;
        double[] inv = new double[n];
        double[] colA = new double[n * terms];
        double[] colB = new double[n * terms];
        java.util.Arrays.fill(inv, 1.0);
        java.util.Arrays.fill(colA, 0.5);
        java.util.Arrays.fill(colB, 0.25);
        double[] si = new double[rows];
        double[][] rowA = new double[rows][terms];
        double[][] rowB = new double[rows][terms];
        double[][] c = new double[rows][n];
        double[][] dual = new double[rows][n];
        double[][] derivative = new double[rows][n];
        int[][] rest = new int[rows][n];
        int[] counts = new int[rows];
        for (int r = 0; r < rows; r++) {
            si[r] = 1.0;
            java.util.Arrays.fill(rowA[r], 0.5);
            java.util.Arrays.fill(rowB[r], 0.25);
            for (int j = 0; j < n; j++) {
                c[r][j] = 0.98 * (2.0 * ((j + 7 * r) % n) / n - 1.0);   // short, long and beyond ρ_cut
            }
        }
        MehlerRow.Series[] series = new MehlerRow.Series[4];
        for (int v = 0; v < series.length; v++) {
            series[v] = new MehlerRow.Series(2, 2, 0.5, terms, terms, 0.9, 1 + v / 2, v % 2, (v + 1) % 2);
        }
        for (int call = 0; call < 4000; call++) {
            MehlerRow.Series f = series[call % series.length];
            java.util.Arrays.fill(counts, 0);
            // Lengths 57 to 64 also run the kernels' scalar tails.
            int to = n - call % 8;
            MehlerRow.INSTANCE.rows(f, si, rowA, rowB, inv, colA, colB, c, dual, derivative, 0, 0, to, rest, counts);
            MehlerRow.INSTANCE.row(f, si[0], rowA[0], rowB[0], inv, colA, colB, c[0], dual[0], derivative[0], 0, to,
                    rest[0]);
        }
        // The window kernel likewise (layers whose correlations have narrowed, see windowed), with the sizes of
        // real windows (M × D from 1 × 6 to 16 × 11, and 18 × 21 for a whole network): warmed up on tiny tables
        // only, it met the first real one with a profile of two-step loops and ran uncompiled for a while
        // (softsign, n = 4000: ~5% of the time).
        int[][] sizes = {{1, 6}, {5, 12}, {7, 7}, {16, 11}, {18, 21}};
        WindowInterpolant[] windows = new WindowInterpolant[sizes.length];
        double[][] tables = new double[sizes.length][];
        for (int v = 0; v < sizes.length; v++) {
            int m = sizes[v][0];
            int d = sizes[v][1];
            windows[v] = WindowInterpolant.of(0.0, 1.0, -0.5, 0.5, m, d, new double[2 * m * m * d]);
            tables[v] = new double[windows[v].rowTableLength()];
            windows[v].rowTable(0.25, tables[v]);
        }
        double[] position = new double[n];
        for (int j = 0; j < n; j++) {
            // Mostly runs of columns inside the box, long enough for the kernel's pairs of vectors, some outside.
            position[j] = j % 61 == 0 ? Double.NaN : 0.5;
        }
        for (int call = 0; call < 4000; call++) {
            int v = call % sizes.length;
            WindowRow.INSTANCE.row(windows[v], tables[v], 1.0, inv, position, c[call % rows], dual[0],
                    derivative[0], 0, n - call % 8, rest[0]);
        }
    }

    /** Rows at least this long warm their kernels up first ({@link #warmUp}). */
    static final int LONG_ROW = 512;
    private static final java.util.Set<Activation> WARMED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static void warmUp(Activation phi) {
        int length = 64;
        double[] q2 = new double[length];
        double[] c = new double[length];
        double[] dual = new double[length];
        double[] derivative = new double[length];
        for (int call = 0; call < 4000; call++) {
            for (int j = 0; j < length; j++) {
                q2[j] = 0.5 + j / (double) length;
                c[j] = 0.6 * (2.0 * j / length - 1.0);
            }
            // Lengths 57 to 64 also run the kernels' scalar tails.
            phi.dualRow(1.0, q2, c, dual, derivative, 0, length - call % 8);
        }
        // The fused kernels of a stack of (φ, Dense) pairs likewise (two pairs, as in a deep network).
        double[] q1 = {1.0, 1.0};
        double[] ntk = dual;
        phi.dualStack(new double[][] {q2, q2}, new double[] {1.0, 1.0}, new double[] {0.0, 0.0}).ifPresent(stack -> {
            for (int call = 0; call < 4000; call++) {
                for (int j = 0; j < length; j++) {
                    c[j] = 0.6 * (2.0 * j / length - 1.0);
                    ntk[j] = 0.0;
                }
                stack.rows(q1, c, ntk, 0, length);
            }
        });
    }

    /**
     * This kernel, reporting progress for long Gram and cross matrices: after each block of rows
     * {@code entriesDone} receives the number of entries just finished (of n(n+1)/2 for {@link #gram}, n·m for
     * {@link #cross}). It is called from worker threads, so it must be thread-safe.
     */
    public InfiniteWidthKernel withProgress(LongConsumer entriesDone) {
        return withProgress(entriesDone, null);
    }

    /**
     * As {@link #withProgress(LongConsumer)}, and before any entry, while each layer's duals are prepared (Mehler
     * series, interpolants: seconds per layer for an activation integrated by quadrature in a deep network),
     * {@code layersPrepared} receives 1, 2, …, depth from the calling thread as each nonlinearity is ready.
     */
    public InfiniteWidthKernel withProgress(LongConsumer entriesDone, IntConsumer layersPrepared) {
        return new InfiniteWidthKernel(network, alwaysInterpolate, boxOnly, entriesDone, layersPrepared);
    }

    public Network network() {
        return network;
    }

    /** Σ and Θ of one pair of inputs. */
    public KernelValue evaluate(double[] x, double[] z) {
        checkDimension(x.length, z.length);
        int d = x.length;
        if (d == 0) {
            throw new IllegalArgumentException("inputs have dimension 0");
        }
        return evaluate(dotOverD(x, x, d), dotOverD(z, z, d), dotOverD(x, z, d), d);
    }

    /**
     * Σ and Θ from the input statistics q1 = ⟨x, x⟩/d, q2 = ⟨z, z⟩/d and c = ⟨x, z⟩/d (and d, which the
     * standard parameterization's first layer multiplies by).
     */
    public KernelValue evaluate(double q1, double q2, double c, int dimension) {
        Plan plan = plan(new double[] {q1}, new double[] {q2}, 1, null, false, dimension);
        double[][] k = {{c}};
        double[][] t = {new double[1]};
        rows(plan, 0, 1, k, t, new Scratch(1), false, 1, dimension);
        return new KernelValue(k[0][0], t[0][0]);
    }

    /**
     * The dot-product form of the kernel for inputs of equal norm, ⟨x, x⟩/d = ⟨x', x'⟩/d = q0 (q0 = 1 on the
     * sphere √d·S^{d−1} and on the boolean cube): ρ ↦ (Σ, Θ) at ⟨x, x'⟩/d = q0·ρ, ρ ∈ [−1, 1].
     */
    public DoubleFunction<KernelValue> dotProduct(double q0, int dimension) {
        return rho -> evaluate(q0, q0, q0 * rho, dimension);
    }

    /**
     * The symmetric Gram matrices Σ(X, X) and Θ(X, X); rows of {@code x} are the inputs.
     *
     * <p>Work is split into tasks of two blocks of {@value #ROWS} rows, block b and the mirror block from the end,
     * whose upper-triangle parts together cost the same for every task. Each task forms ⟨x_i, x_j⟩/d for j ≥ i
     * directly in the output rows ({@link InputGram}, a register-tiled kernel over the inputs packed in column
     * panels), runs the layers over each contiguous row segment in place, and copies its strip into the lower
     * triangle while the strip is still in cache (a separate mirror pass afterwards read the whole upper triangle
     * back from memory: an eighth of a depth-10 erf Gram at n = 4000). Beyond the two output matrices, the memory
     * is the packed inputs and O(n) per thread.
     */
    public KernelMatrices gram(double[][] x) {
        return gram(x, null);
    }

    /**
     * As {@link #gram(double[][])}, but written into {@code into} (n × n, e.g. the result of an earlier call, whose
     * contents are overwritten) and returned, or into new matrices when {@code into} is null. A sweep over
     * networks or hyperparameters then allocates its 2·8n² bytes once, and a process does not fault in fresh memory
     * for every matrix (on a virtual machine that costs as much as the kernel itself: ~0.1–0.3 s at n = 4000).
     *
     * @throws IllegalArgumentException if {@code into} is not n × n
     */
    public KernelMatrices gram(double[][] x, KernelMatrices into) {
        int n = x.length;
        if (into != null && (into.rows() != n || !square(into.nngp(), n) || !square(into.ntk(), n))) {
            throw new IllegalArgumentException("the output matrices must be " + n + " x " + n + ", got "
                    + into.rows() + " x " + into.columns());
        }
        if (n >= LONG_ROW) {
            warmUp();
        }
        int d = dimensionOf(x);
        InputGram.Panels columns = InputGram.INSTANCE.panels(x, d);
        Plan plan = gramPlan(x, d, true);
        double[][] k = into == null ? new double[n][] : into.nngp();
        double[][] t = into == null ? new double[n][] : into.ntk();
        if (into == null) {
            // Every row before any task runs: a block's strip is mirrored into the rows below it.
            IntStream.range(0, n).parallel().forEach(i -> {
                k[i] = new double[n];
                t[i] = new double[n];
            });
        }
        ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(() -> new Scratch(n, plan.group()));
        int blocks = (n + ROWS - 1) / ROWS;
        IntStream.range(0, (blocks + 1) / 2).parallel().forEach(p -> {
            Scratch s = scratch.get();
            gramRows(plan, x, columns, p, k, t, s, d);
            if (blocks - 1 - p != p) {
                gramRows(plan, x, columns, blocks - 1 - p, k, t, s, d);
            }
        });
        return into == null ? new KernelMatrices(k, t) : into;
    }

    /**
     * How each nonlinearity of {@link #gram(double[][])} on x would be evaluated (the simple names of the chosen
     * routes: Exact, Mehler, Windowed, …), for tests and diagnostics; when the whole network is one interpolant
     * ({@link #wholeNetwork(double[][])}), these serve only the entries it leaves over.
     */
    java.util.List<String> routes(double[][] x) {
        Plan plan = gramPlan(x, dimensionOf(x), false);
        return java.util.Arrays.stream(plan.duals()).map(dual -> dual.getClass().getSimpleName()).toList();
    }

    /** Whether {@link #gram(double[][])} on x takes the whole network as one {@link NetworkWindow}, for tests. */
    boolean wholeNetwork(double[][] x) {
        return gramPlan(x, dimensionOf(x), false).whole() != null;
    }

    /** Whether {@link #cross(double[][], double[][])} of x and z takes the whole network at once, for tests. */
    boolean wholeNetwork(double[][] x, double[][] z) {
        int d = dimensionOf(x);
        long entries = (long) x.length * z.length;
        return plan(selfDots(x, d), selfDots(z, d), entries, sampled(entries) ? Samples.of(x, z, d) : null, false,
                d).whole() != null;
    }

    /** How many nonlinearities of {@link #gram(double[][])} on x go through fused {@link Run}s, for tests. */
    int stackedNonlinearities(double[][] x) {
        Plan plan = gramPlan(x, dimensionOf(x), false);
        return java.util.Arrays.stream(plan.runs()).filter(java.util.Objects::nonNull).mapToInt(Run::pairs).sum();
    }

    /** The plan of {@link #gram(double[][], KernelMatrices)} on x (d-dimensional inputs). */
    private Plan gramPlan(double[][] x, int d, boolean report) {
        double[] q0 = selfDots(x, d);
        long entries = (long) x.length * (x.length + 1) / 2;
        return plan(q0, q0, entries, sampled(entries) ? Samples.of(x, x, d) : null, report, d);
    }

    private static boolean square(double[][] m, int n) {
        for (double[] row : m) {
            if (row == null || row.length != n) {
                return false;
            }
        }
        return true;
    }

    /** Rows per task block: the rows that share each cached column chunk of the input Gram matrix. */
    private static final int ROWS = 32;

    /** Rows of block b of a Gram matrix from the diagonal on: k[i][j] = Σ(x_i, x_j), t[i][j] = Θ(x_i, x_j), j ≥ i. */
    private void gramRows(Plan plan, double[][] x, InputGram.Panels columns, int b, double[][] k, double[][] t,
                          Scratch s, int d) {
        int n = x.length;
        int i0 = b * ROWS;
        int i1 = Math.min(n, i0 + ROWS);
        InputGram.INSTANCE.dots(x, i0, i1, columns, k, i0, n, d);
        for (int i = i0; i < i1; i += plan.group()) {
            rows(plan, i, Math.min(i1, i + plan.group()), k, t, s, true, n, d);
        }
        mirrorStrip(k, i0, i1);
        mirrorStrip(t, i0, i1);
        if (progress != null) {
            progress.accept((long) (i1 - i0) * n - ((long) i1 * (i1 - 1) - (long) i0 * (i0 - 1)) / 2);
        }
    }

    /** The cross matrices Σ(X, Z) and Θ(X, Z) (rows: X, columns: Z). */
    public KernelMatrices cross(double[][] x, double[][] z) {
        int d = dimensionOf(x);
        checkDimension(d, dimensionOf(z));
        int n = x.length;
        int m = z.length;
        if (m >= LONG_ROW) {
            warmUp();
        }
        InputGram.Panels zT = InputGram.INSTANCE.panels(z, d);
        Plan plan = plan(selfDots(x, d), selfDots(z, d), (long) n * m, sampled((long) n * m) ? Samples.of(x, z, d) : null,
                true, d);
        double[][] k = new double[n][];
        double[][] t = new double[n][];
        ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(() -> new Scratch(m, plan.group()));
        IntStream.range(0, (n + ROWS - 1) / ROWS).parallel().forEach(blk -> {
            int i0 = blk * ROWS;
            int i1 = Math.min(n, i0 + ROWS);
            for (int i = i0; i < i1; i++) {
                k[i] = new double[m];
                t[i] = new double[m];
            }
            InputGram.INSTANCE.dots(x, i0, i1, zT, k, 0, m, d);
            for (int i = i0; i < i1; i += plan.group()) {
                rows(plan, i, Math.min(i1, i + plan.group()), k, t, scratch.get(), false, m, d);
            }
            if (progress != null) {
                progress.accept((long) (i1 - i0) * m);
            }
        });
        return new KernelMatrices(k, t);
    }

    /** Per-thread work arrays of one row length. */
    private static final class Scratch {
        final double[] derivative;
        /** One derivative row per row of a group ({@link Plan#group}). */
        final double[][] derivatives;
        /** The Mehler coefficients, 1/√q, rows, leftover entries and their counts of each row of a group. */
        final double[][] groupA;
        final double[][] groupB;
        final double[] groupInv;
        final double[][] groupC;
        final int[][] groupRest;
        final int[] groupCounts;
        final double[] theta;
        final double[] pair = new double[2];
        /** A row input's variances before each pair of a {@link Run}. */
        double[] stackVariances = new double[0];
        /** The row table of a {@link WindowInterpolant} (grown on first use) and the entries it leaves over. */
        double[] windowTable = new double[0];
        final int[] windowRest;
        /** Likewise for the {@link WholeNetwork}: its leftover entries go through the layers' routes, which use the two above. */
        double[] wholeTable = new double[0];
        final int[] wholeRest;
        /** The per-row table of a {@link VarianceBoxInterpolant}, grown on first use (one per thread). */
        double[] boxRow = new double[0];
        /**
         * Whose row table {@link #boxRow} holds (the row bases and the row), so that the Mehler series' leftover
         * entries, which reach the box one entry at a time, contract it once per row and not once per entry.
         */
        double[] boxBasis;
        int boxIndex = -1;
        /** The row's Mehler coefficients (any number of kept terms) and the entries left to another route. */
        final double[] rowA = new double[MehlerDual.MAX_DEGREE + 1];
        final double[] rowB = new double[MehlerDual.MAX_DEGREE + 1];
        final int[] rest;

        Scratch(int length) {
            this(length, 1);
        }

        Scratch(int length, int group) {
            derivative = new double[length];
            derivatives = new double[group][];
            derivatives[0] = derivative;
            for (int r = 1; r < group; r++) {
                derivatives[r] = new double[length];
            }
            int mehler = group > 1 ? group : 0;
            groupA = new double[mehler][MehlerDual.MAX_DEGREE + 1];
            groupB = new double[mehler][MehlerDual.MAX_DEGREE + 1];
            groupInv = new double[mehler];
            groupC = new double[mehler][];
            groupRest = new int[mehler][length];
            groupCounts = new int[mehler];
            theta = new double[length];
            rest = new int[length];
            windowRest = new int[length];
            wholeRest = new int[length];
        }
    }

    /**
     * How each nonlinearity is evaluated for one matrix: the diagonal trajectories of both input sets (computed
     * with the very same per-entry arithmetic as the off-diagonal entries, so that an entry with c = Σ(x, x) and
     * a duplicate input reproduce the diagonal bit for bit), one {@link LayerDual} per nonlinearity, and the
     * {@link Run}s of fused pairs (runs[h] non-null where one starts; its nonlinearities skip their LayerDual);
     * {@code whole}, when not null, takes every entry it covers from the first nonlinearity to the end at once, and
     * the duals then serve only the entries it leaves over.
     */
    private record Plan(double[][] trajX, double[][] trajZ, LayerDual[] duals, Run[] runs, WholeNetwork whole) {
        /**
         * Rows that go through the layers together ({@link LayerDual#applyRows}): a task block when a Mehler
         * series (whose column data the rows then share) is among the duals, else one at a time (a row's arrays
         * stay in the core's cache across all layers).
         */
        int group() {
            if (whole != null) {
                return 1;
            }
            for (LayerDual dual : duals) {
                if (dual instanceof Mehler) {
                    return ROWS;
                }
            }
            return 1;
        }
    }

    /**
     * The dual map of one nonlinearity along a row: for entries j ∈ [from, to) of row i, with Σ(x_i, x_i) =
     * trajX[i], Σ(z_j, z_j) = trajZ[j] and Σ(x_i, z_j) = c[j], writes both duals (dual may be c).
     */
    private interface LayerDual {
        void apply(double[] trajX, int i, double[] trajZ, double[] c, double[] dual, double[] derivative,
                   int from, int to, Scratch scratch);

        /**
         * {@link #apply} in place (dual = c) for rows i0 ≤ i &lt; i1 (at most {@link Plan#group}) with c = k[i], the
         * derivative in derivatives[i − i0] and entries from i (triangle) or 0 to {@code to}.
         */
        default void applyRows(double[] trajX, int i0, int i1, double[] trajZ, double[][] k, double[][] derivatives,
                               boolean triangle, int to, Scratch scratch) {
            for (int i = i0; i < i1; i++) {
                apply(trajX, i, trajZ, k[i], k[i], derivatives[i - i0], triangle ? i : 0, to, scratch);
            }
        }

        /**
         * {@link #apply} for the listed entries columns[0 … count − 1] of row i only (the entries a
         * {@link WholeNetwork} leaves over, a few per row); routes with per-row set-up do it once for all of them.
         */
        default void applyEach(double[] trajX, int i, double[] trajZ, double[] c, double[] dual, double[] derivative,
                               int[] columns, int count, Scratch scratch) {
            for (int r = 0; r < count; r++) {
                apply(trajX, i, trajZ, c, dual, derivative, columns[r], columns[r] + 1, scratch);
            }
        }

        /** The same map with the row inputs also as columns (for the rows' own diagonal). */
        default LayerDual rowsOnly() {
            return this;
        }

        /** The same map with the column inputs also as rows (for the columns' own diagonal). */
        default LayerDual columnsOnly() {
            return this;
        }
    }

    /** The activation's own row form (closed forms, or exact quadrature when interpolation does not pay). */
    private record Exact(Activation phi) implements LayerDual {
        @Override
        public void apply(double[] trajX, int i, double[] trajZ, double[] c, double[] dual, double[] derivative,
                          int from, int to, Scratch scratch) {
            phi.dualRow(trajX[i], trajZ, c, dual, derivative, from, to);
        }
    }

    /**
     * Interpolated duals for an activation without closed form: one {@link AngleInterpolant} per pair of distinct
     * variances (classX[i], classZ[j] index {@code variances}).
     */
    private record Interpolated(Activation phi, int[] classX, int[] classZ, AngleInterpolant[][] table)
            implements LayerDual {
        @Override
        public LayerDual rowsOnly() {
            return new Interpolated(phi, classX, classX, table);
        }

        @Override
        public LayerDual columnsOnly() {
            return new Interpolated(phi, classZ, classZ, table);
        }

        @Override
        public void apply(double[] trajX, int i, double[] trajZ, double[] c, double[] dual, double[] derivative,
                          int from, int to, Scratch scratch) {
            AngleInterpolant[] byZ = table[classX[i]];
            double q1 = trajX[i];
            if (byZ.length == 1 && byZ[0].thetaCut() >= 0.5 * Math.PI) {
                byZ[0].dualRow(q1, trajZ, c, dual, derivative, from, to, scratch.theta, scratch.pair);
                return;
            }
            double[] out = scratch.pair;
            double[] theta = scratch.theta;
            org.ntk4j.activation.ArcTangent.angleRow(q1, trajZ, c, theta, from, to);
            for (int j = from; j < to; j++) {
                byZ[classZ[j]].entry(phi, q1, trajZ, c, dual, derivative, theta, j, out);
            }
        }
    }

    /**
     * Interpolation pays when building the interpolants (up to ~15 · {@link AngleInterpolant#MAX_PIECES} dual
     * evaluations each) costs far less than evaluating every entry exactly.
     */
    private static final long EVALUATIONS_PER_INTERPOLANT = 4_000;

    /**
     * The plan for a matrix with diagonal statistics qx (rows) and qz (columns; the same array for a Gram matrix)
     * and {@code entries} entries to compute. Builds the trajectories layer by layer, choosing for each
     * nonlinearity the exact row form or interpolation (activations without closed form, few distinct variances).
     */
    private Plan plan(double[] qx0, double[] qz0, long entries, Samples samples, boolean report, int dimension) {
        // The last Mehler series built, reused by later layers whose variances stay inside its box, and the centre
        // (mean ln q) of the previous layer's variances.
        MehlerDual[] series = new MehlerDual[1];
        // The grid of the last correlation window built (M, D): the next layer's window is much like it.
        int[] grid = {5, 6};
        double[] centre = {Double.NaN};
        // Likewise the last variance-box interpolant built (for the entries beyond the series' reach).
        AtomicReference<BuiltBox> boxes = new AtomicReference<>();
        boolean same = qx0 == qz0;
        double[] qx = qx0.clone();
        double[] qz = same ? qx : qz0.clone();
        double[][] trajX = new double[nonlinearities + 1][];
        double[][] trajZ = same ? trajX : new double[nonlinearities + 1][];
        LayerDual[] duals = new LayerDual[nonlinearities];
        WholeNetwork whole = null;
        double[] firstWindow = null;
        int h = 0;
        for (Layer layer : layers) {
            if (layer instanceof Dense dense) {
                double w = dense.weightVariance();
                double b = dense.biasVariance();
                for (int i = 0; i < qx.length; i++) {
                    qx[i] = w * qx[i] + b;
                }
                if (!same) {
                    for (int i = 0; i < qz.length; i++) {
                        qz[i] = w * qz[i] + b;
                    }
                }
                if (samples != null) {
                    samples.dense(w, b);
                }
            } else {
                Activation phi = ((Nonlinearity) layer).activation();
                trajX[h] = qx.clone();
                if (!same) {
                    trajZ[h] = qz.clone();
                }
                if (h == 0 && samples != null) {
                    firstWindow = samples.window(trajX[0], same ? trajX[0] : trajZ[0]);
                    whole = exactWholeNetwork(trajX[0], same ? null : trajZ[0], entries, firstWindow, dimension);
                }
                // With the whole network in one interpolant, the layers' own duals serve only the entries it leaves
                // over (the diagonal, duplicates, rare tails): the exact ones, which it was built from, and which
                // need no series or windows to be built.
                LayerDual dual = whole != null ? new Exact(phi)
                        : choose(phi, trajX[h], trajZ[h], same, entries, samples, series, centre, boxes, grid);
                duals[h] = dual;
                if (samples != null && whole == null) {
                    samples.advance(dual, trajX[h], trajZ[h]);
                }
                diagonal(dual.rowsOnly(), trajX[h], qx);
                if (!same) {
                    diagonal(dual.columnsOnly(), trajZ[h], qz);
                }
                h++;
                if (report && layersPrepared != null) {
                    layersPrepared.accept(h);
                }
            }
        }
        trajX[nonlinearities] = qx.clone();
        if (!same) {
            trajZ[nonlinearities] = qz.clone();
        }
        if (whole == null && samples != null && nonlinearities > 0) {
            whole = plannedWholeNetwork(duals, trajX[0], same ? null : trajZ[0], entries, firstWindow, dimension);
        }
        return new Plan(trajX, trajZ, duals, whole != null ? new Run[nonlinearities] : runs(duals, trajZ), whole);
    }

    /**
     * A run of (φ, Dense) pairs from a nonlinearity on, of one closed form with fused kernels ({@link DualStack}):
     * the NTK parameterisation, each φ (with exact duals) followed by a dense layer, and the next pair's φ right
     * after that layer.
     */
    private record Run(DualStack stack, double[] weightVariances, double[] biasVariances) {
        int pairs() {
            return weightVariances.length;
        }
    }

    /** runs[h]: the longest {@link Run} from nonlinearity h on when h starts one (no run inside another). */
    private Run[] runs(LayerDual[] duals, double[][] trajZ) {
        Run[] runs = new Run[nonlinearities];
        if (network.parameterization() != Parameterization.NTK) {
            return runs;
        }
        int[] at = new int[nonlinearities];   // the layer index of each nonlinearity
        for (int l = 0, h = 0; l < layers.size(); l++) {
            if (layers.get(l) instanceof Nonlinearity) {
                at[h++] = l;
            }
        }
        for (int h = 0; h < nonlinearities; h++) {
            int pairs = 0;
            // A pair whose column variances leave the fused kernels' range ends the run (so that a deep network
            // whose variances grow past 1e100 is not scanned again for every shorter run).
            while (h + pairs < nonlinearities && continuesRun(duals, at, h, h + pairs)
                    && DualStack.accepts(trajZ[h + pairs])) {
                pairs++;
            }
            if (pairs == 0) {
                continue;
            }
            Activation phi = ((Exact) duals[h]).phi();
            double[][] q2 = new double[pairs][];
            double[] w = new double[pairs];
            double[] b = new double[pairs];
            for (int r = 0; r < pairs; r++) {
                Dense dense = (Dense) layers.get(at[h + r] + 1);
                q2[r] = trajZ[h + r];
                w[r] = dense.weightVariance();
                b[r] = dense.biasVariance();
            }
            Optional<DualStack> stack = phi.dualStack(q2, w, b);
            if (stack.isPresent()) {
                runs[h] = new Run(stack.get(), w, b);
                h += pairs - 1;
            }
        }
        return runs;
    }

    /**
     * Whether nonlinearity g (at layer at[g]) continues a run of pairs that started at nonlinearity h: the same
     * activation with exact duals, a dense layer right after it, and (for g > h) right after the previous pair.
     */
    private boolean continuesRun(LayerDual[] duals, int[] at, int h, int g) {
        if (!(duals[g] instanceof Exact exact) || !(duals[h] instanceof Exact first) || !exact.phi().equals(first.phi())
                || at[g] + 1 >= layers.size() || !(layers.get(at[g] + 1) instanceof Dense)) {
            return false;
        }
        return g == h || at[g] == at[g - 1] + 2;
    }

    /**
     * next[i] = Σ' at the diagonal (q_i, q_i, q_i), through the same code path as the off-diagonal entries; on all
     * cores for many inputs (exact duals of a kinked φ cost ~0.6 µs each).
     */
    private static void diagonal(LayerDual dual, double[] q, double[] next) {
        double[] out = new double[q.length];
        int n = q.length;
        int chunk = Math.max(512, (n + 4 * CORES - 1) / (4 * CORES));
        // One chunk (a single pair from evaluate, which a spectrum calls for every degree's ρ) stays on the caller's
        // thread: a parallel stream per layer would cost more than its duals.
        IntStream chunks = IntStream.range(0, (n + chunk - 1) / chunk);
        (n > chunk ? chunks.parallel() : chunks).forEach(c -> {
            int from = c * chunk;
            int to = Math.min(n, from + chunk);
            Scratch scratch = new Scratch(n);
            for (int i = from; i < to; i++) {
                dual.apply(q, i, q, q, out, scratch.derivative, i, i + 1, scratch);
            }
        });
        System.arraycopy(out, 0, next, 0, q.length);
    }

    /**
     * Closed forms as they are; an activation integrated by quadrature, when the matrix is large enough, by its
     * {@link MehlerDual} series over (a widened box of) the variances' range, reused from the previous layer when
     * it covers this one. Entries beyond the series' ρ_cut go to the exact duals when none of the sampled pairs
     * lies there, else to {@link #interpolatedOrExact} sized for the estimated number of such entries (built when
     * the first one turns up).
     */
    private LayerDual choose(Activation phi, double[] qx, double[] qz, boolean same, long entries,
                             Samples samples, MehlerDual[] last, double[] centre,
                             AtomicReference<BuiltBox> boxes, int[] grid) {
        if (phi.hasClosedFormDual()) {
            return new Exact(phi);
        }
        double[] variances = distinct(qx, same ? null : qz);
        if (!Double.isFinite(variances[variances.length - 1])) {
            return new Exact(phi);   // overflowed (NaN sorts last): let the exact duals report it
        }
        if (phi instanceof QuadratureActivation integrated && !alwaysInterpolate && !boxOnly
                && entries >= MEHLER_ENTRIES && samples != null) {
            double qmin = variances[0];
            double qmax = variances[variances.length - 1];
            // The sampled pairs tell how far the series must reach for nearly every entry.
            double[] rho = samples.correlations(qx, same ? qx : qz);
            double largest = 0;
            for (double r : rho) {
                largest = Math.max(largest, Math.abs(r));
            }
            double wanted = Math.min(1.0, largest * 1.02);
            double mid = 0.5 * (Math.log(qmin) + Math.log(qmax));
            double drift = Double.isNaN(centre[0]) ? 0.0 : mid - centre[0];
            centre[0] = mid;
            MehlerDual f = last[0];
            if (f == null || !f.serves(integrated, qmin, qmax, wanted)) {
                // A box wider than this layer's variances, so that the following layers can reuse it: they move
                // towards a fixed point, by steps that shrink about geometrically, so one more step in the
                // direction of the last one (and a quarter of the spread each way) usually holds all of them.
                double margin = qmax > qmin ? Math.max(0.25 * Math.log(qmax / qmin), 2e-3) : 0.0;
                f = MehlerDual.build(integrated, qmin * Math.exp(-margin - Math.max(0.0, -drift)),
                        qmax * Math.exp(margin + Math.max(0.0, drift)), wanted);
                last[0] = f;
            }
            if (f != null) {
                // A short form for the sampled range (the rest take the longest series); the entries beyond even
                // that are estimated from the sampled pairs beyond it.
                double typical = 0;
                int beyond = 0;
                for (double r : rho) {
                    if (Math.abs(r) <= f.rhoCut()) {
                        typical = Math.max(typical, Math.abs(r));
                    } else {
                        beyond++;
                    }
                }
                if (entries >= MEHLER_WARM_ENTRIES) {
                    warmUpMehlerRows();
                }
                int[] terms = f.termsFor(Math.min(f.rhoCut(), typical * 1.02));
                long restEntries = beyond == 0 ? 0 : Math.max(1, entries * beyond / rho.length);
                // The entries left over have |ρ| > ρ_cut: interpolants for θ ≤ acos ρ_cut and θ ≥ π − acos ρ_cut.
                double thetaCut = Math.acos(Math.min(1.0, f.rhoCut()));
                LayerDual rest = restEntries == 0 ? new Exact(phi)
                        : new Deferred(() -> interpolatedOrExact(phi, variances, qx, qz, same, restEntries, boxes,
                        thetaCut));
                LayerDual window = windowed(phi, f, terms, beyond, samples.window(qx, same ? qx : qz), variances,
                        qx, same ? qx : qz, restEntries, grid);
                return window != null ? window : Mehler.of(f, terms[0], terms[1], qx, same ? qx : qz, rest);
            }
        }
        return interpolatedOrExact(phi, variances, qx, qz, same, entries, boxes, Math.PI);
    }

    /**
     * Whether a matrix of this many entries may use Mehler series (which the sampled pairs guide): only for
     * quadrature activations without a closed form ({@link #choose} takes a closed form first, also for an
     * expression such as {@code expr:max(0,x)}, whose samples would guide nothing).
     */
    private boolean sampled(long entries) {
        if (entries < MEHLER_ENTRIES || alwaysInterpolate || boxOnly) {
            return false;
        }
        for (Layer layer : layers) {
            if (layer instanceof Nonlinearity nl && nl.activation() instanceof QuadratureActivation
                    && !nl.activation().hasClosedFormDual()) {
                return true;
            }
        }
        return false;
    }

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    /** The series pay from about this many entries on (their build costs a few hundred exact duals at most). */
    private static final long MEHLER_ENTRIES = 2_000;

    /**
     * {@code boxes}: the last variance box built for this matrix (see {@link #box}); {@code thetaCut}: the entries
     * have θ ≤ θ_cut or θ ≥ π − θ_cut (π: any θ), and interpolants are built for those angles only (an entry
     * elsewhere takes the exact duals).
     */
    private LayerDual interpolatedOrExact(Activation phi, double[] variances, double[] qx, double[] qz, boolean same,
                                          long entries, AtomicReference<BuiltBox> boxes, double thetaCut) {
        Exact exact = new Exact(phi);
        long pairs = (long) variances.length * (variances.length + 1) / 2;
        if (boxOnly || variances.length > 64 || (!alwaysInterpolate && pairs * EVALUATIONS_PER_INTERPOLANT * 8 > entries)) {
            return box(phi, variances, qx, same ? qx : qz, entries, exact, boxes, thetaCut);
        }
        int m = variances.length;
        AngleInterpolant[][] table = new AngleInterpolant[m][m];
        for (int a = 0; a < m; a++) {
            for (int b = a; b < m; b++) {
                AngleInterpolant f = AngleInterpolant.build(phi, variances[a], variances[b], thetaCut);
                if (f == null) {
                    return exact;
                }
                table[a][b] = f;
                // E[φ(u)φ(v)] is symmetric in (u, v), and sharing one interpolant keeps Σ(x, z) = Σ(z, x) bit for bit.
                table[b][a] = f;
            }
        }
        return new Interpolated(phi, classes(qx, variances), classes(same ? qx : qz, variances), table);
    }

    /**
     * Pairs of inputs drawn once per matrix (a fixed seed, so that the result never depends on chance or on threads),
     * carried through the layers by the very duals chosen for the matrix: their correlations show each layer's
     * typical range of ρ before the entries are computed.
     */
    private static final class Samples {
        /** Enough pairs that an ρ above all of them is rare (≈ 1/COUNT of the entries), few enough to be free. */
        static final int COUNT = 1024;
        final int[] rows;
        final int[] cols;
        final double[] c;
        private final double[] rowC;
        private final double[] rowOut;
        private final double[] rowDerivative;

        private Samples(int[] rows, int[] cols, double[] c, int columns) {
            this.rows = rows;
            this.cols = cols;
            this.c = c;
            rowC = new double[columns];
            rowOut = new double[columns];
            rowDerivative = new double[columns];
        }

        /** COUNT pairs (i, j) of rows of x and rows of z (i ≠ j when x is z), with ⟨x_i, z_j⟩/d. */
        static Samples of(double[][] x, double[][] z, int d) {
            int n = x.length;
            int m = z.length;
            if (n == 0 || m == 0 || (x == z && n < 2)) {
                return null;
            }
            java.util.SplittableRandom random = new java.util.SplittableRandom(0x5eed);
            int[] rows = new int[COUNT];
            int[] cols = new int[COUNT];
            double[] c = new double[COUNT];
            for (int s = 0; s < COUNT; s++) {
                int i = random.nextInt(n);
                int j = random.nextInt(m);
                while (x == z && j == i) {
                    j = random.nextInt(m);
                }
                rows[s] = i;
                cols[s] = j;
                c[s] = dotOverD(x[i], z[j], d);
            }
            return new Samples(rows, cols, c, m);
        }

        void dense(double w, double b) {
            for (int s = 0; s < c.length; s++) {
                c[s] = w * c[s] + b;
            }
        }

        /**
         * ρ of every pair at variances qx (rows) and qz (columns), as the Mehler rows form it; 0 for a duplicate
         * input (c = q1 = q2 exactly), which takes E[φ²], E[φ'²] and no series.
         */
        double[] correlations(double[] qx, double[] qz) {
            double[] rho = new double[c.length];
            for (int s = 0; s < c.length; s++) {
                rho[s] = duplicate(s, qx, qz) ? 0.0 : correlation(s, qx, qz);
            }
            return rho;
        }

        /** Whether pair s is a duplicate input (c = q1 = q2 exactly). */
        private boolean duplicate(int s, double[] qx, double[] qz) {
            double q1 = qx[rows[s]];
            return c[s] == q1 && q1 == qz[cols[s]];
        }

        /** ρ of pair s, formed as the Mehler rows form it: c·(1/√q1 · 1/√q2). */
        private double correlation(int s, double[] qx, double[] qz) {
            return c[s] * ((1.0 / Math.sqrt(qx[rows[s]])) * (1.0 / Math.sqrt(qz[cols[s]])));
        }

        /**
         * {lowest, highest} ρ of the pairs that are not duplicates (formed as the row kernels form it), or null
         * when there are none.
         */
        double[] window(double[] qx, double[] qz) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int s = 0; s < c.length; s++) {
                if (duplicate(s, qx, qz)) {
                    continue;
                }
                double rho = correlation(s, qx, qz);
                if (!(Math.abs(rho) < 1)) {
                    return null;
                }
                lo = Math.min(lo, rho);
                hi = Math.max(hi, rho);
            }
            return hi >= lo ? new double[] {lo, hi} : null;
        }

        /** Through one nonlinearity, by the dual chosen for the matrix. */
        void advance(LayerDual dual, double[] qx, double[] qz) {
            Scratch scratch = new Scratch(rowC.length);
            for (int s = 0; s < c.length; s++) {
                int j = cols[s];
                rowC[j] = c[s];
                dual.apply(qx, rows[s], qz, rowC, rowOut, rowDerivative, j, j + 1, scratch);
                c[s] = rowOut[j];
            }
        }
    }

    /**
     * A {@link LayerDual} built on first use (by whichever thread needs it first), for the entries that the Mehler
     * series leave over: usually none, and then nothing is built.
     */
    private static final class Deferred implements LayerDual {
        private final java.util.function.Supplier<LayerDual> make;
        private volatile LayerDual value;

        Deferred(java.util.function.Supplier<LayerDual> make) {
            this.make = make;
        }

        private LayerDual get() {
            LayerDual v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) {
                        v = make.get();
                        value = v;
                    }
                }
            }
            return v;
        }

        @Override
        public LayerDual rowsOnly() {
            return new Deferred(() -> get().rowsOnly());
        }

        @Override
        public LayerDual columnsOnly() {
            return new Deferred(() -> get().columnsOnly());
        }

        @Override
        public void apply(double[] trajX, int i, double[] trajZ, double[] c, double[] dual, double[] derivative,
                          int from, int to, Scratch scratch) {
            get().apply(trajX, i, trajZ, c, dual, derivative, from, to, scratch);
        }

        @Override
        public void applyRows(double[] trajX, int i0, int i1, double[] trajZ, double[][] k, double[][] derivatives,
                              boolean triangle, int to, Scratch scratch) {
            get().applyRows(trajX, i0, i1, trajZ, k, derivatives, triangle, to, scratch);
        }

        @Override
        public void applyEach(double[] trajX, int i, double[] trajZ, double[] c, double[] dual, double[] derivative,
                              int[] columns, int count, Scratch scratch) {
            get().applyEach(trajX, i, trajZ, c, dual, derivative, columns, count, scratch);
        }
    }

    /**
     * Per-entry costs, in nanoseconds on one core of the development machine (AMD EPYC, AVX2; see
     * docs/performance.md), that decide between a layer's Mehler series and a {@link WindowInterpolant}: a series
     * term (both series, four rows per column load), a window's Horner step (one of the 2·M·D), and an entry
     * beyond the series' reach (interpolants or exact duals; at least this). Only their ratios matter: with
     * 8-lane vectors (AVX-512, session 9) a window step cost 0.052 ns against a series term's 0.14, 0.37 of it
     * against 0.6 with 4 lanes, so the window's cost is scaled to that ratio there.
     */
    private static final double SERIES_TERM_NS = 0.25;
    private static final double WINDOW_TERM_NS = WindowRow.INSTANCE.lanes() >= 8 ? 0.25 * 0.052 / 0.14 : 0.15;
    private static final double BEYOND_NS = 100;

    /**
     * A {@link WindowInterpolant} over this layer's variances and the window of its sampled correlations
     * ({@code window} = {lowest, highest}, widened by a quarter of its width on each side but by at most half the
     * distance to ±1, and not beyond the series' reach ρ_cut when they reach every sampled pair), when its
     * estimated cost per entry is below that of the Mehler series (the short form's terms, and the share of
     * sampled pairs beyond ρ_cut at {@link #BEYOND_NS}); null otherwise or when no
     * verified interpolant is found. Node values come from the series when the window lies within its reach, else
     * from the exact duals, which pays only when they are few against the entries beyond the series. Entries
     * outside the window take E[φ²], E[φ'²] (the diagonal, duplicates) or the series (rare tails).
     */
    private LayerDual windowed(Activation phi, MehlerDual f, int[] terms, int beyond, double[] window,
                               double[] variances, double[] qx, double[] qz, long restEntries, int[] grid) {
        if (window == null) {
            return null;
        }
        double lo = window[0];
        double hi = window[1];
        double[] widened = widened(window);
        double wLo = widened[0];
        double wHi = widened[1];
        if (Math.max(-lo, hi) <= f.rhoCut()) {
            // The series reach every sampled pair: a window within their reach is built from them, not from the
            // far dearer exact duals, and the few entries between the window and ρ_cut take the series.
            wLo = Math.max(wLo, -f.rhoCut());
            wHi = Math.min(wHi, f.rhoCut());
        }
        double qmin = variances[0];
        double qmax = variances[variances.length - 1];
        double share = (double) beyond / Samples.COUNT;
        double seriesNs = (1 - share) * (terms[0] + terms[1]) * SERIES_TERM_NS + share * BEYOND_NS;
        // M·D at which the window's 2·M·D Horner steps cost 80% of the series (the grid may be larger: the
        // degrees it needs to show that it resolves the duals are dropped).
        int maxTerms = (int) Math.min(WindowInterpolant.MAX_POINTS * WindowInterpolant.MAX_POINTS,
                0.8 * seriesNs / (2 * WINDOW_TERM_NS));
        WindowInterpolant w;
        if (Math.max(-wLo, wHi) <= f.rhoCut()) {
            w = WindowInterpolant.fit(WindowInterpolant.mehler(f), qmin, qmax, wLo, wHi, 2 * maxTerms, 100_000,
                    grid);
        } else {
            // Exact duals for the nodes: worth it when they are few against the entries beyond the series.
            w = WindowInterpolant.fit(WindowInterpolant.exact(phi), qmin, qmax, wLo, wHi, 2 * maxTerms,
                    restEntries / 16 - 3L * WindowInterpolant.CHECKS, grid);
        }
        if (w == null || w.rows * w.d > maxTerms) {
            return null;
        }
        // Entries outside the window are rare (a few hundred of 8 million in the deep layers of n = 4000 Gaussian
        // inputs), so they take the series entry by entry, with the coefficients of only the inputs they involve;
        // beyond ρ_cut the exact duals, which then cost less than building interpolants.
        return Windowed.of(w, f, qx, qz, SeriesPoints.of(f, qx.length, qz == qx ? -1 : qz.length, new Exact(phi)));
    }

    /** A whole-network window pays from about this many entries on (its build costs ~10⁴ nodes of L exact duals). */
    private static final long WHOLE_ENTRIES = 200_000;
    /**
     * What a layer of a kinked φ without closed form costs per entry by its own route at the least (a Mehler series
     * or a correlation window: ~15-35 ns); a closed form's layer, ~2 ns.
     */
    private static final double KINKED_LAYER_NS = 15;
    private static final double CLOSED_FORM_LAYER_NS = 2;

    /**
     * The whole network at once from the exact duals of its layers ({@link #wholeNetwork}), decided before any layer's
     * own route is built (they are then the exact duals too, for the entries it leaves over): when every φ has cheap
     * exact duals ({@link NetworkWindow#cheapExactDuals}) and at least one has no closed form, whose layers would
     * cost at least {@link #KINKED_LAYER_NS} each. Null otherwise.
     */
    private WholeNetwork exactWholeNetwork(double[] qx, double[] qz, long entries, double[] window, int dimension) {
        double layerNs = 0;
        boolean kinked = false;
        for (Layer layer : layers) {
            if (layer instanceof Nonlinearity nl) {
                Activation phi = nl.activation();
                if (!NetworkWindow.cheapExactDuals(phi)) {
                    return null;
                }
                kinked |= !phi.hasClosedFormDual();
                layerNs += phi.hasClosedFormDual() ? CLOSED_FORM_LAYER_NS : KINKED_LAYER_NS;
            }
        }
        if (!kinked || window == null || entries < WHOLE_ENTRIES) {
            return null;
        }
        WindowInterpolant.Source<Object[]> source = NetworkWindow.source(layers, network.parameterization(),
                dimension);
        return wholeNetwork(source, qx, qz, entries, window, true, layerNs);
    }

    /**
     * The whole network at once from the routes the plan chose for its layers ({@link #wholeNetwork}): every node
     * value goes layer by layer through the same series and windows as the entries would (all terms of a series
     * within its reach, a window inside its box), and through the exact duals elsewhere, at most
     * {@link #exactBudget} times for an activation integrated by quadrature (~0.2 ms each). Null when a layer took
     * another route (equal variances, variance boxes) or the estimated cost does not pay.
     */
    private WholeNetwork plannedWholeNetwork(LayerDual[] duals, double[] qx, double[] qz, long entries,
                                             double[] window, int dimension) {
        if (window == null || entries < WHOLE_ENTRIES) {
            return null;
        }
        AtomicLong budget = new AtomicLong(exactBudget(entries));
        List<NetworkWindow.PointDual> points = new java.util.ArrayList<>();
        double layerNs = 0;
        int h = 0;
        for (Layer layer : layers) {
            if (layer instanceof Nonlinearity nl) {
                Activation phi = nl.activation();
                LayerDual dual = duals[h++];
                NetworkWindow.PointDual exact = NetworkWindow.cheapExactDuals(phi) ? NetworkWindow.PointDual.exact(phi)
                        : new BudgetedExact(phi, budget);
                if (dual instanceof Exact) {
                    points.add(exact);
                    layerNs += phi.hasClosedFormDual() ? CLOSED_FORM_LAYER_NS : BEYOND_NS;
                } else if (dual instanceof Mehler m) {
                    points.add(new RoutePoint(m.f(), null, exact));
                    layerNs += (m.series().shortA() + m.series().shortB()) * SERIES_TERM_NS;
                } else if (dual instanceof Windowed w) {
                    points.add(new RoutePoint(w.series(), w.f(), exact));
                    layerNs += 2.0 * w.f().rows * w.f().d * WINDOW_TERM_NS;
                } else {
                    return null;
                }
            }
        }
        WindowInterpolant.Source<Object[]> source = NetworkWindow.source(layers, network.parameterization(),
                dimension, points);
        WholeNetwork whole = wholeNetwork(source, qx, qz, entries, window, true, layerNs);
        if (whole == null && budget.get() < 0) {
            // The widened window's nodes left the layers' own windows and series too often (softsign: ~3100 exact
            // duals). The sampled window itself keeps them inside (~110) and leaves ~0.2% of the entries over,
            // which go layer by layer.
            budget.set(exactBudget(entries));
            whole = wholeNetwork(source, qx, qz, entries, window, false, layerNs);
        }
        return whole;
    }

    /**
     * Exact duals of a quadrature activation that the node values of a whole network may take (~0.2 ms each): about
     * one per 65,536 entries, so that a build that gives up (softsign at n = 4000: ~3100 needed) costs little.
     */
    private static long exactBudget(long entries) {
        return 64 + entries / 65_536;
    }

    /**
     * The whole network from its first nonlinearity on as one {@link NetworkWindow} interpolant of {@code source}
     * over that nonlinearity's variances (qx, and qz for a cross matrix, else null) and the window of its sampled
     * correlations (widened as in {@link #windowed} if {@code widen}), when the interpolant's estimated cost per
     * entry is below 80% of the layers' ({@code layerNs}); null otherwise, or when no verified interpolant is found
     * within the node budget.
     */
    private WholeNetwork wholeNetwork(WindowInterpolant.Source<Object[]> source, double[] qx, double[] qz,
                                      long entries, double[] window, boolean widen, double layerNs) {
        if (source == null) {
            return null;
        }
        double[] variances = distinct(qx, qz);
        double qmin = variances[0];
        double qmax = variances[variances.length - 1];
        if (!(qmin > 0) || !Double.isFinite(qmax)) {
            return null;
        }
        double[] widened = widen ? widened(window) : window;
        double wLo = widened[0];
        double wHi = widened[1];
        int maxTerms = (int) Math.min(WindowInterpolant.MAX_POINTS * WindowInterpolant.MAX_POINTS,
                0.8 * layerNs / (2 * WINDOW_TERM_NS));
        // A node costs every layer's duals (exact ones ~0.6 µs each for a kinked φ), about what the interpolant saves
        // on 40 entries (relu6 at depth 10: ~190 ns an entry layer by layer, ~40 ns at once): the budget is where
        // the build no longer pays. The grid starts where deep networks end up (relu6, depth 10: 24 × 24 resolves,
        // 18 × 19 kept), so that it grows at most once or twice.
        WindowInterpolant f = WindowInterpolant.fit(source, qmin, qmax, wLo, wHi, 2 * maxTerms,
                entries / (4L * nonlinearities), new int[] {16, 16});
        if (f == null || f.rows * f.d > maxTerms) {
            return null;
        }
        if (entries >= MEHLER_WARM_ENTRIES) {
            warmUpMehlerRows();
        }
        return WholeNetwork.of(f, qx, qz == null ? qx : qz);
    }

    /**
     * A layer's duals at any pair of variances by the layer's own routes: all terms of its Mehler series within
     * their reach and box, else its correlation window (when it has one) inside the window and the box, else
     * {@code exact}. On the diagonal the series' E[φ²], E[φ'²] when the variance is in their box.
     */
    private record RoutePoint(MehlerDual series, WindowInterpolant window, NetworkWindow.PointDual exact)
            implements NetworkWindow.PointDual {

        /** The series coefficients (null outside their box), the window position (NaN outside) and row table. */
        private record Prepared(double[][] coefficients, double position, double[] table, Object exact) {
        }

        @Override
        public Object prepare(double q) {
            double[][] coefficients = series.covers(q) ? series.coefficientsAt(q) : null;
            double position = Double.NaN;
            double[] table = null;
            if (window != null && window.covers(q)) {
                position = window.position(q);
                table = new double[window.rowTableLength()];
                window.rowTable(position, table);
            }
            return new Prepared(coefficients, position, table, exact.prepare(q));
        }

        @Override
        public double[] norms(double q, Object prepared) {
            Prepared p = (Prepared) prepared;
            return p.coefficients != null ? p.coefficients[2].clone() : exact.norms(q, p.exact);
        }

        @Override
        public void duals(double q1, Object p1, double q2, Object p2, double c, double[] out) {
            Prepared a = (Prepared) p1;
            Prepared b = (Prepared) p2;
            if (exact instanceof BudgetedExact budgeted && budgeted.budget().get() < 0) {
                // The build has already given up: the remaining nodes need not go through the layers.
                out[0] = Double.NaN;
                out[1] = Double.NaN;
                return;
            }
            double rho = c * ((1.0 / Math.sqrt(q1)) * (1.0 / Math.sqrt(q2)));
            if (a.coefficients != null && b.coefficients != null && Math.abs(rho) <= series.rhoCut()) {
                series.series(a.coefficients, b.coefficients, rho, out);
            } else if (a.table != null && b.position == b.position && rho >= window.rhoLo && rho <= window.rhoHi) {
                WindowRow.Scalar.point(window, a.table, b.position, Math.fma(rho, window.alpha(), window.beta()), out);
            } else {
                exact.duals(q1, a.exact, q2, b.exact, c, out);
            }
        }
    }

    /**
     * The exact duals of an activation integrated by quadrature, while {@code budget} lasts (shared by all layers);
     * then NaN, which makes the interpolant's build give up.
     */
    private record BudgetedExact(Activation phi, AtomicLong budget) implements NetworkWindow.PointDual {
        @Override
        public void duals(double q1, Object p1, double q2, Object p2, double c, double[] out) {
            if (budget.decrementAndGet() < 0) {
                out[0] = Double.NaN;
                out[1] = Double.NaN;
                return;
            }
            phi.duals(q1, q2, c, out);
        }
    }

    /**
     * Σ and Θ after the last layer straight from the first nonlinearity's inputs ({@link NetworkWindow}): per input
     * the position of its variance in the box and 1/√q. {@link #apply} writes the entries inside the window and the
     * box and lists the others, which go through the layers one by one ({@link #throughLayers}): the diagonal and
     * duplicates (ρ = 1, outside every window) so reproduce the diagonal trajectories bit for bit.
     */
    private record WholeNetwork(WindowInterpolant f, double[] posX, double[] posZ, double[] invX, double[] invZ) {

        static WholeNetwork of(WindowInterpolant f, double[] qx, double[] qz) {
            double[] posX = Windowed.positions(f, qx);
            double[] invX = Windowed.inverseRoots(qx);
            return qz == qx ? new WholeNetwork(f, posX, posX, invX, invX)
                    : new WholeNetwork(f, posX, Windowed.positions(f, qz), invX, Windowed.inverseRoots(qz));
        }

        /**
         * Row i, columns [from, to): ki[j] ← Σ_L, ti[j] ← Θ_L where the interpolant covers the entry (ki holds Σ
         * before the first φ); the others are left as they are and listed in scratch.wholeRest, their count
         * returned.
         */
        int apply(int i, double[] ki, double[] ti, int from, int to, Scratch scratch) {
            int[] left = scratch.wholeRest;
            double x1 = posX[i];
            if (x1 != x1) {
                for (int j = from; j < to; j++) {
                    left[j - from] = j;
                }
                return to - from;
            }
            if (scratch.wholeTable.length < f.rowTableLength()) {
                scratch.wholeTable = new double[f.rowTableLength()];
            }
            f.rowTable(x1, scratch.wholeTable);
            return WindowRow.INSTANCE.row(f, scratch.wholeTable, invX[i], invZ, posZ, ki, ki, ti, from, to, left);
        }
    }

    /**
     * The sampled correlations' window {lowest, highest} widened by a quarter of its width (at least 1e-3) on each
     * side, but by at most half the distance to ±1: the entries' range is a little wider than 1024 samples show.
     */
    private static double[] widened(double[] window) {
        double lo = window[0];
        double hi = window[1];
        double width = Math.max(hi - lo, 1e-3);
        return new double[] {Math.max(lo - 0.25 * width, -1 + 0.5 * (1 + lo)),
            Math.min(hi + 0.25 * width, 1 - 0.5 * (1 - hi))};
    }

    /**
     * Both duals by all terms of a Mehler series, entry by entry, for the few entries that a correlation window
     * leaves over: each input's coefficients ({@link MehlerDual#coefficientsAt}) are computed when an entry first
     * needs them and kept (any thread may compute one; all get the same values); |ρ| &gt; ρ_cut goes to {@code rest}.
     * ρ = c·(s_i·s_j) and the series' products a_k(q1)·a_k(q2) keep the result symmetric in the two inputs.
     */
    private record SeriesPoints(MehlerDual f, java.util.concurrent.atomic.AtomicReferenceArray<double[][]> atX,
                                java.util.concurrent.atomic.AtomicReferenceArray<double[][]> atZ, LayerDual rest)
            implements LayerDual {

        /** For rows and columns of n and m inputs (m = −1: the same inputs). */
        static SeriesPoints of(MehlerDual f, int n, int m, LayerDual rest) {
            var atX = new java.util.concurrent.atomic.AtomicReferenceArray<double[][]>(n);
            return new SeriesPoints(f, atX, m < 0 ? atX : new java.util.concurrent.atomic.AtomicReferenceArray<>(m),
                    rest);
        }

        @Override
        public LayerDual rowsOnly() {
            return new SeriesPoints(f, atX, atX, rest.rowsOnly());
        }

        @Override
        public LayerDual columnsOnly() {
            return new SeriesPoints(f, atZ, atZ, rest.columnsOnly());
        }

        /** The coefficients of input i (variance q) of the set whose cache this is. */
        private double[][] at(java.util.concurrent.atomic.AtomicReferenceArray<double[][]> cache, double q, int i) {
            double[][] a = cache.get(i);
            if (a == null) {
                a = f.coefficientsAt(q);
                cache.set(i, a);
            }
            return a;
        }

        @Override
        public void apply(double[] trajX, int i, double[] trajZ, double[] c, double[] dual, double[] derivative,
                          int from, int to, Scratch scratch) {
            double si = 1.0 / Math.sqrt(trajX[i]);
            for (int j = from; j < to; j++) {
                double rho = c[j] * (si * (1.0 / Math.sqrt(trajZ[j])));
                if (Math.abs(rho) <= f.rhoCut()) {
                    f.series(at(atX, trajX[i], i), at(atZ, trajZ[j], j), rho, scratch.pair);
                    derivative[j] = scratch.pair[1];
                    dual[j] = scratch.pair[0];
                } else {
                    rest.apply(trajX, i, trajZ, c, dual, derivative, j, j + 1, scratch);
                }
            }
        }
    }

    /**
     * Both duals from a {@link WindowInterpolant} ({@link WindowRow}): per input its position in the box of
     * variances (NaN outside it), 1/√q, and E[φ²], E[φ'²] from the layer's Mehler series (norms[2i], norms[2i + 1]),
     * which the diagonal and duplicates (c = q1 = q2 exactly) take, so that a duplicate reproduces the diagonal bit
     * for bit; other entries outside the window or the box go to {@code rest}.
     */
    private record Windowed(WindowInterpolant f, MehlerDual series, double[] posX, double[] posZ, double[] invX,
                            double[] invZ, double[] normsX, double[] normsZ, LayerDual rest) implements LayerDual {

        static Windowed of(WindowInterpolant f, MehlerDual series, double[] qx, double[] qz, LayerDual rest) {
            double[] posX = positions(f, qx);
            double[] invX = inverseRoots(qx);
            double[] normsX = norms(series, qx);
            return qz == qx ? new Windowed(f, series, posX, posX, invX, invX, normsX, normsX, rest)
                    : new Windowed(f, series, posX, positions(f, qz), invX, inverseRoots(qz), normsX,
                    norms(series, qz), rest);
        }

        private static double[] norms(MehlerDual series, double[] q) {
            double[] norms = new double[2 * q.length];
            double[] pair = new double[2];
            for (int i = 0; i < q.length; i++) {
                series.norms(q[i], pair);
                norms[2 * i] = pair[0];
                norms[2 * i + 1] = pair[1];
            }
            return norms;
        }

        private static double[] positions(WindowInterpolant f, double[] q) {
            double[] pos = new double[q.length];
            for (int i = 0; i < q.length; i++) {
                pos[i] = f.covers(q[i]) ? f.position(q[i]) : Double.NaN;
            }
            return pos;
        }

        private static double[] inverseRoots(double[] q) {
            double[] inv = new double[q.length];
            for (int i = 0; i < q.length; i++) {
                inv[i] = 1.0 / Math.sqrt(q[i]);
            }
            return inv;
        }

        @Override
        public LayerDual rowsOnly() {
            return new Windowed(f, series, posX, posX, invX, invX, normsX, normsX, rest.rowsOnly());
        }

        @Override
        public LayerDual columnsOnly() {
            return new Windowed(f, series, posZ, posZ, invZ, invZ, normsZ, normsZ, rest.columnsOnly());
        }

        @Override
        public void apply(double[] trajX, int i, double[] trajZ, double[] c, double[] dual, double[] derivative,
                          int from, int to, Scratch scratch) {
            double x1 = posX[i];
            if (x1 != x1) {
                for (int j = from; j < to; j++) {
                    leftOver(trajX, i, trajZ, c, dual, derivative, j, scratch);
                }
                return;
            }
            if (scratch.windowTable.length < f.rowTableLength()) {
                scratch.windowTable = new double[f.rowTableLength()];
            }
            double[] table = scratch.windowTable;
            if (to - from <= SHORT) {
                // The diagonal and the sampled pairs come one entry at a time, mostly outside the window: the row
                // table is formed only when an entry needs it.
                boolean formed = false;
                for (int j = from; j < to; j++) {
                    double rho = c[j] * (invX[i] * invZ[j]);
                    if (rho >= f.rhoLo && rho <= f.rhoHi && posZ[j] == posZ[j]) {
                        if (!formed) {
                            f.rowTable(x1, table);
                            formed = true;
                        }
                        WindowRow.Scalar.entry(f, table, invX[i], invZ, posZ, c, dual, derivative, j, scratch.pair);
                    } else {
                        leftOver(trajX, i, trajZ, c, dual, derivative, j, scratch);
                    }
                }
                return;
            }
            f.rowTable(x1, table);
            int[] left = scratch.windowRest;
            int count = WindowRow.INSTANCE.row(f, table, invX[i], invZ, posZ, c, dual, derivative, from, to, left);
            for (int r = 0; r < count; r++) {
                leftOver(trajX, i, trajZ, c, dual, derivative, left[r], scratch);
            }
        }

        /** The listed entries with one row table (formed when the first of them lies inside the window). */
        @Override
        public void applyEach(double[] trajX, int i, double[] trajZ, double[] c, double[] dual, double[] derivative,
                              int[] columns, int count, Scratch scratch) {
            double x1 = posX[i];
            boolean formed = false;
            for (int r = 0; r < count; r++) {
                int j = columns[r];
                double rho = c[j] * (invX[i] * invZ[j]);
                if (x1 == x1 && rho >= f.rhoLo && rho <= f.rhoHi && posZ[j] == posZ[j]) {
                    if (!formed) {
                        if (scratch.windowTable.length < f.rowTableLength()) {
                            scratch.windowTable = new double[f.rowTableLength()];
                        }
                        f.rowTable(x1, scratch.windowTable);
                        formed = true;
                    }
                    WindowRow.Scalar.entry(f, scratch.windowTable, invX[i], invZ, posZ, c, dual, derivative, j,
                            scratch.pair);
                } else {
                    leftOver(trajX, i, trajZ, c, dual, derivative, j, scratch);
                }
            }
        }

        /** Entry j outside the window: the diagonal and duplicates as the diagonal, the others by {@code rest}. */
        private void leftOver(double[] trajX, int i, double[] trajZ, double[] c, double[] dual, double[] derivative,
                              int j, Scratch scratch) {
            double qi = trajX[i];
            if (c[j] == qi && trajZ[j] == qi) {
                derivative[j] = normsX[2 * i + 1];
                dual[j] = normsX[2 * i];
            } else {
                rest.apply(trajX, i, trajZ, c, dual, derivative, j, j + 1, scratch);
            }
        }

        /** Ranges up to this length are checked entry by entry before the row table is formed. */
        private static final int SHORT = 8;
    }

    /**
     * The Mehler series of both duals ({@link MehlerDual}, {@link MehlerRow}): per input the kept coefficients
     * (term-major, so that a row runs over contiguous columns), 1/√q, and E[φ²], E[φ'²]. An entry with
     * |ρ| &gt; ρ_cut takes E[φ(u)²], E[φ'(u)²] when it is the diagonal or a duplicate input (c = q1 = q2 exactly;
     * the diagonal is computed through this same code, so a duplicate reproduces it bit for bit) and {@code rest}
     * otherwise.
     */
    private record Mehler(MehlerDual f, MehlerRow.Series series, Coefficients x, Coefficients z, LayerDual rest)
            implements LayerDual {

        /**
         * The coefficients of one set of inputs in blocks of {@link MehlerRow#BLOCK} inputs, term-major inside a
         * block (so that a SIMD vector of columns loads one contiguous stretch per term, see {@link MehlerRow}),
         * inv[i] = 1/√q_i, norms[2i] = E[φ(√q_i z)²], norms[2i + 1] = E[φ'(√q_i z)²].
         */
        private record Coefficients(double[] a, double[] b, double[] inv, double[] norms) {
            static Coefficients of(MehlerDual f, double[] q) {
                int n = q.length;
                int w = MehlerRow.BLOCK;
                int padded = (n + w - 1) / w * w;
                double[] a = new double[f.termsA * padded];
                double[] b = new double[f.termsB * padded];
                double[] inv = new double[n];
                double[] norms = new double[2 * n];
                IntStream.range(0, (n + 255) / 256).parallel().forEach(blk -> {
                    double[] ni = new double[2];
                    for (int block = blk * 256 / w; block < Math.min(padded, blk * 256 + 256) / w; block++) {
                        f.blockCoefficients(q, block, a, b);
                    }
                    for (int i = blk * 256; i < Math.min(n, blk * 256 + 256); i++) {
                        f.norms(q[i], ni);
                        norms[2 * i] = ni[0];
                        norms[2 * i + 1] = ni[1];
                        inv[i] = 1.0 / Math.sqrt(q[i]);
                    }
                });
                return new Coefficients(a, b, inv, norms);
            }
        }

        static Mehler of(MehlerDual f, int shortA, int shortB, double[] qx, double[] qz, LayerDual rest) {
            Coefficients x = Coefficients.of(f, qx);
            Coefficients z = qz == qx ? x : Coefficients.of(f, qz);
            MehlerRow.Series series = new MehlerRow.Series(shortA, shortB, f.reach(shortA, shortB), f.termsA,
                    f.termsB, f.rhoCut(), f.step(), f.offsetA, f.offsetB);
            return new Mehler(f, series, x, z, rest);
        }

        @Override
        public LayerDual rowsOnly() {
            return new Mehler(f, series, x, x, rest.rowsOnly());
        }

        @Override
        public LayerDual columnsOnly() {
            return new Mehler(f, series, z, z, rest.columnsOnly());
        }

        @Override
        public void apply(double[] trajX, int i, double[] trajZ, double[] c, double[] dual, double[] derivative,
                          int from, int to, Scratch scratch) {
            loadRow(i, scratch.rowA, scratch.rowB);
            int[] left = scratch.rest;
            int count = MehlerRow.INSTANCE.row(series, x.inv[i], scratch.rowA, scratch.rowB, z.inv, z.a, z.b, c,
                    dual, derivative, from, to, left);
            leftOver(trajX, i, trajZ, c, dual, derivative, left, count, scratch);
        }

        /** The listed entries with the row's coefficients loaded once. */
        @Override
        public void applyEach(double[] trajX, int i, double[] trajZ, double[] c, double[] dual, double[] derivative,
                              int[] columns, int count, Scratch scratch) {
            loadRow(i, scratch.rowA, scratch.rowB);
            int[] left = scratch.rest;
            for (int r = 0; r < count; r++) {
                int j = columns[r];
                int beyond = MehlerRow.INSTANCE.row(series, x.inv[i], scratch.rowA, scratch.rowB, z.inv, z.a, z.b, c,
                        dual, derivative, j, j + 1, left);
                leftOver(trajX, i, trajZ, c, dual, derivative, left, beyond, scratch);
            }
        }

        /**
         * The group's rows four at a time ({@link MehlerRow#rows}) over the columns they all share, in chunks of
         * {@link #CHUNK} columns: each chunk's column coefficients come from the last-level cache once for the
         * whole group and then from the core's own cache. The few columns of the triangle that only the group's
         * first rows have, and rows beyond the last full four, go row by row.
         */
        @Override
        public void applyRows(double[] trajX, int i0, int i1, double[] trajZ, double[][] k, double[][] derivatives,
                              boolean triangle, int to, Scratch scratch) {
            int rows = i1 - i0;
            if (rows < MehlerRow.ROWS) {
                LayerDual.super.applyRows(trajX, i0, i1, trajZ, k, derivatives, triangle, to, scratch);
                return;
            }
            int quads = rows / MehlerRow.ROWS * MehlerRow.ROWS;
            int common = triangle ? Math.min(to, i0 + quads - 1) : 0;
            double[][] c = scratch.groupC;
            for (int r = 0; r < rows; r++) {
                int i = i0 + r;
                c[r] = k[i];
                loadRow(i, scratch.groupA[r], scratch.groupB[r]);
                scratch.groupInv[r] = x.inv[i];
                int from = triangle ? i : 0;
                int end = r < quads ? Math.max(from, common) : to;
                scratch.groupCounts[r] = MehlerRow.INSTANCE.row(series, x.inv[i], scratch.groupA[r],
                        scratch.groupB[r], z.inv, z.a, z.b, c[r], c[r], derivatives[r], from, end,
                        scratch.groupRest[r]);
            }
            // Chunk boundaries at multiples of CHUNK, so that only the first chunk starts off the SIMD alignment.
            for (int from = common; from < to; from = (from / CHUNK + 1) * CHUNK) {
                int end = Math.min(to, (from / CHUNK + 1) * CHUNK);
                for (int r0 = 0; r0 < quads; r0 += MehlerRow.ROWS) {
                    MehlerRow.INSTANCE.rows(series, scratch.groupInv, scratch.groupA, scratch.groupB, z.inv, z.a,
                            z.b, c, c, derivatives, r0, from, end, scratch.groupRest, scratch.groupCounts);
                }
            }
            for (int r = 0; r < rows; r++) {
                leftOver(trajX, i0 + r, trajZ, c[r], c[r], derivatives[r], scratch.groupRest[r],
                        scratch.groupCounts[r], scratch);
                c[r] = null;
            }
        }

        /** Columns per chunk of {@link #applyRows}: their coefficients (up to ~500 terms each) fit a core's cache. */
        private static final int CHUNK = 128;

        private void loadRow(int i, double[] rowA, double[] rowB) {
            for (int t = 0; t < series.termsA(); t++) {
                rowA[t] = x.a[MehlerRow.index(i, t, series.termsA())];
            }
            for (int t = 0; t < series.termsB(); t++) {
                rowB[t] = x.b[MehlerRow.index(i, t, series.termsB())];
            }
        }

        /** The entries beyond ρ_cut: the diagonal and duplicates exactly as the diagonal, the others by {@code rest}. */
        private void leftOver(double[] trajX, int i, double[] trajZ, double[] c, double[] dual, double[] derivative,
                              int[] left, int count, Scratch scratch) {
            double qi = trajX[i];
            for (int r = 0; r < count; r++) {
                int j = left[r];
                if (c[j] == qi && trajZ[j] == qi) {
                    derivative[j] = x.norms[2 * i + 1];
                    dual[j] = x.norms[2 * i];
                } else {
                    rest.apply(trajX, i, trajZ, c, dual, derivative, j, j + 1, scratch);
                }
            }
        }
    }

    /** Most points per ln q direction of a first {@link VarianceBoxInterpolant}; a second and third try add 4 each. */
    private static final int BOX_POINTS = 16;

    /**
     * Points per ln q direction of a first {@link VarianceBoxInterpolant} over [qmin, qmax]: k + 2, where k
     * Chebyshev terms bring the series below 1e-13 and the two more are those its tail test looks at. A dual
     * analytic for q in the right half-plane is analytic in t = ln q for |Im t| &lt; π/2, so on an interval of
     * half-width h its Chebyshev coefficients fall at least like r^−k with r = (π/2 + √((π/2)² + h²))/h (the
     * Bernstein ellipse through ±iπ/2); k = ⌈13 / log₁₀ r⌉. Between 5 and {@value #BOX_POINTS}: deep layers, whose
     * variances converge to a fixed point (h ~ 1e-3), need 6 points instead of 16, a build of 21 pairs of
     * variances instead of 136. The build's tail test and verification decide; a failed try adds points.
     */
    static int boxPoints(double qmin, double qmax) {
        double h = 0.5 * Math.log(qmax / qmin);
        if (!(h > 0)) {
            return 5;
        }
        if (!(h < Double.POSITIVE_INFINITY)) {
            return BOX_POINTS;
        }
        double r = (0.5 * Math.PI + Math.hypot(0.5 * Math.PI, h)) / h;
        double k = Math.ceil(13.0 / Math.log10(r));
        return (int) Math.max(5, Math.min(BOX_POINTS, k + 2));
    }

    /**
     * Interpolation over the box of variances [min, max]² (both sets' variances together, so that one symmetric
     * interpolant serves a Gram and a cross matrix and its rows' and columns' own diagonals), with
     * {@link #boxPoints} per ln q direction and the θ pieces found at the corners and centre of the box, when a try
     * costs under half the exact duals of every entry (one dual pair each); otherwise, or if no verified
     * interpolant is found after three tries, {@code exact}.
     */
    private LayerDual box(Activation phi, double[] variances, double[] qx, double[] qz, long entries, Exact exact,
                          AtomicReference<BuiltBox> boxes, double thetaCut) {
        double qmin = variances[0];
        double qmax = variances[variances.length - 1];
        double mid = 0.5 * (Math.log(qmin) + Math.log(qmax));
        BuiltBox previous = boxes.get();
        if (previous != null && !previous.phi().equals(phi)) {
            previous = null;
        }
        if (qmin > 0 && previous != null && previous.f().covers(qmin, qmax) && previous.f().coversAngles(thetaCut)) {
            return boxed(phi, previous.f(), qx, qz);
        }
        // Wider than this layer's variances, so that the next layers can reuse it: their variances move towards a
        // fixed point by steps that shrink about geometrically, so twice the last move (since the previous box)
        // in its direction, and a quarter of the spread each way, usually hold several of them.
        double drift = previous == null ? 0.0 : mid - previous.centre();
        double margin = qmax > qmin ? Math.max(0.25 * Math.log(qmax / qmin), 2e-3) : 2e-3;
        double boxMin = qmin * Math.exp(-margin - Math.max(0.0, -2 * drift));
        double boxMax = qmax * Math.exp(margin + Math.max(0.0, 2 * drift));
        long corners = 4L * EVALUATIONS_PER_INTERPOLANT / 2;
        int m = boxPoints(boxMin, boxMax);
        if (!(qmin > 0) || (!alwaysInterpolate
                && 4 * (corners + VarianceBoxInterpolant.cost(m, 8, thetaCut)) > entries)) {
            return exact;
        }
        if (phi instanceof QuadratureActivation integrated && offCentreKink(integrated, qmax)) {
            return exact;
        }
        double qc = Math.sqrt(boxMin) * Math.sqrt(boxMax);
        double[][] at = {{boxMin, boxMin}, {boxMin, boxMax}, {boxMax, boxMax}, {qc, qc}};
        AngleInterpolant[] found = new AngleInterpolant[at.length];
        IntStream.range(0, at.length).parallel()
                .forEach(i -> found[i] = AngleInterpolant.build(phi, at[i][0], at[i][1], thetaCut));
        int pieces = 0;
        for (AngleInterpolant f : found) {
            if (f == null) {
                return exact;
            }
            pieces = Math.max(pieces, f.pieces());
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            // What earlier tries cost is spent either way; a try is worth making when it costs under half the
            // exact duals of every entry, so that even three failures cost at most 1.5 times the exact route.
            if (!alwaysInterpolate && 2 * VarianceBoxInterpolant.cost(m, pieces, thetaCut) > entries) {
                return exact;
            }
            VarianceBoxInterpolant f = VarianceBoxInterpolant.build(phi, boxMin, boxMax, m, pieces, thetaCut);
            if (f != null) {
                boxes.set(new BuiltBox(phi, f, mid));
                return boxed(phi, f, qx, qz);
            }
            // A failed tail test or verification: more points in ln q, and from the second retry finer θ pieces.
            m += 4;
            if (attempt == 1) {
                pieces *= 2;
            }
        }
        return exact;
    }

    /**
     * Whether φ has a kink t ≠ 0 where a Gaussian of variance up to qmax puts mass. Its duals are then not analytic
     * in θ at θ = 0 once q1 ≠ q2 (the kink sits at t/√q1 for one variable and t/√q2 for the other, and a factor
     * like Φ̄((t/√q2 − t/√q1)/sin θ) appears), so an interpolant over a box of variances rarely passes verification
     * and the attempts are wasted (relu6 on 4000 standard normal inputs, depth 10: all three fail, ~0.6 s a layer).
     */
    private static boolean offCentreKink(QuadratureActivation phi, double qmax) {
        for (double t : phi.shape().kinks()) {
            if (t != 0 && Math.abs(t) < 40 * Math.sqrt(qmax)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A variance-box interpolant built for one layer of a matrix, which later layers may reuse, and the centre
     * (mean of ln q_min and ln q_max) of that layer's variances.
     */
    private record BuiltBox(Activation phi, VarianceBoxInterpolant f, double centre) {
    }

    private static BoxInterpolated boxed(Activation phi, VarianceBoxInterpolant f, double[] qx, double[] qz) {
        return new BoxInterpolated(phi, f, bases(f, qx), qz == qx ? null : bases(f, qz));
    }

    private static double[] bases(VarianceBoxInterpolant f, double[] q) {
        double[] basis = new double[q.length * f.m];
        for (int i = 0; i < q.length; i++) {
            f.basis(q[i], basis, i * f.m);
        }
        return basis;
    }

    /**
     * Interpolated duals over a box of variances: each row contracts the interpolant with its own ln q basis
     * once, then each entry costs M·N multiply-adds per dual and a Clenshaw sum in θ.
     */
    private record BoxInterpolated(Activation phi, VarianceBoxInterpolant f, double[] basisX, double[] basisZ)
            implements LayerDual {
        @Override
        public LayerDual rowsOnly() {
            return new BoxInterpolated(phi, f, basisX, null);
        }

        @Override
        public LayerDual columnsOnly() {
            return new BoxInterpolated(phi, f, basisZ == null ? basisX : basisZ, null);
        }

        @Override
        public void apply(double[] trajX, int i, double[] trajZ, double[] c, double[] dual, double[] derivative,
                          int from, int to, Scratch scratch) {
            double[] bz = basisZ == null ? basisX : basisZ;
            if (scratch.boxRow.length < f.rowTableLength()) {
                scratch.boxRow = new double[f.rowTableLength()];
                scratch.boxBasis = null;
            }
            double[] table = scratch.boxRow;
            int m = f.m;
            if (scratch.boxBasis != basisX || scratch.boxIndex != i) {
                f.contract(basisX, i * m, table);
                scratch.boxBasis = basisX;
                scratch.boxIndex = i;
            }
            f.dualRow(phi, trajX[i], table, bz, trajZ, c, dual, derivative, from, to, scratch.theta, scratch.pair);
        }
    }

    /** Variances equal to within this relative distance share an interpolant (see {@link AngleInterpolant#theta}). */
    private static final double SAME_VARIANCE = 1e-13;

    /** Representatives of the variances, sorted: each group spans at most a relative {@link #SAME_VARIANCE}. */
    private static double[] distinct(double[] a, double[] b) {
        double[] all = new double[a.length + (b == null ? 0 : b.length)];
        System.arraycopy(a, 0, all, 0, a.length);
        if (b != null) {
            System.arraycopy(b, 0, all, a.length, b.length);
        }
        java.util.Arrays.sort(all);
        double[] reps = new double[all.length];
        int m = 0;
        for (double v : all) {
            if (m == 0 || v > reps[m - 1] * (1 + SAME_VARIANCE)) {
                reps[m++] = v;
            }
        }
        return java.util.Arrays.copyOf(reps, m);
    }

    /** The group of each variance: the last representative ≤ q. */
    private static int[] classes(double[] q, double[] variances) {
        int[] c = new int[q.length];
        for (int i = 0; i < q.length; i++) {
            int k = java.util.Arrays.binarySearch(variances, q[i]);
            c[i] = k >= 0 ? k : -k - 2;
        }
        return c;
    }

    /**
     * Runs all layers on rows i0 ≤ i &lt; i1 (at most {@link Plan#group}), entries j ∈ [from_i, to) with from_i = i
     * (triangle) or 0: on entry {@code k[i][j]} holds ⟨x_i, z_j⟩/d, on exit Σ(x_i, z_j), and {@code t[i][j]} holds
     * Θ(x_i, z_j). One pass per layer over contiguous arrays; the rows go through each nonlinearity together so
     * that a dual whose column data is large (the Mehler series) reads it once for all of them.
     */
    private void rows(Plan plan, int i0, int i1, double[][] k, double[][] t, Scratch scratch, boolean triangle, int to,
                      int dimension) {
        double[][] derivatives = scratch.derivatives;
        for (int i = i0; i < i1; i++) {
            java.util.Arrays.fill(t[i], triangle ? i : 0, to, 0.0);
        }
        int h = 0;
        int inputWidth = dimension;
        boolean ntk = network.parameterization() == Parameterization.NTK;
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            if (layer instanceof Dense dense) {
                double w = dense.weightVariance();
                double b = dense.biasVariance();
                double bias = dense.hasBias() ? 1.0 : 0.0;
                double nIn = inputWidth;
                for (int i = i0; i < i1; i++) {
                    double[] ki = k[i];
                    double[] ti = t[i];
                    if (ntk) {
                        for (int j = triangle ? i : 0; j < to; j++) {
                            double kj = w * ki[j] + b;
                            ki[j] = kj;
                            ti[j] = kj + w * ti[j];
                        }
                    } else {
                        for (int j = triangle ? i : 0; j < to; j++) {
                            double kj = ki[j];
                            ti[j] = nIn * kj + bias + w * ti[j];
                            ki[j] = w * kj + b;
                        }
                    }
                }
                if (!ntk) {
                    inputWidth = dense.width();
                }
            } else if (h == 0 && plan.whole != null) {
                for (int i = i0; i < i1; i++) {
                    int count = plan.whole.apply(i, k[i], t[i], triangle ? i : 0, to, scratch);
                    throughLayers(plan, l, i, k[i], t[i], scratch.wholeRest, count, scratch, inputWidth);
                }
                return;
            } else if (plan.runs[h] != null) {
                Run run = plan.runs[h];
                for (int i = i0; i < i1; i++) {
                    stack(plan, run, h, i, k[i], t[i], triangle ? i : 0, to, scratch);
                }
                h += run.pairs();
                l += 2 * run.pairs() - 1;
            } else {
                plan.duals[h].applyRows(plan.trajX[h], i0, i1, plan.trajZ[h], k, derivatives, triangle, to, scratch);
                h++;
                boolean fuse = ntk && l + 1 < layers.size() && layers.get(l + 1) instanceof Dense;
                // φ then Dense in one pass (the same operations in the same order as two passes).
                double w = fuse ? ((Dense) layers.get(l + 1)).weightVariance() : 0.0;
                double b = fuse ? ((Dense) layers.get(l + 1)).biasVariance() : 0.0;
                for (int i = i0; i < i1; i++) {
                    double[] ki = k[i];
                    double[] ti = t[i];
                    double[] derivative = derivatives[i - i0];
                    if (fuse) {
                        denseAfterDual(ki, ti, derivative, w, b, triangle ? i : 0, to);
                    } else {
                        for (int j = triangle ? i : 0; j < to; j++) {
                            ti[j] *= derivative[j];
                        }
                    }
                }
                if (fuse) {
                    l++;
                }
            }
        }
    }

    /**
     * Entries columns[0 … count − 1] of row i from layer l0 (the first nonlinearity) to the end, layer by layer
     * through the plan's duals ({@link LayerDual#applyEach}), as {@link #rows} would (the same operations in the same
     * order, without {@link Run}s): for the entries that a {@link WholeNetwork} leaves over.
     */
    private void throughLayers(Plan plan, int l0, int i, double[] ki, double[] ti, int[] columns, int count,
                               Scratch scratch, int inputWidth) {
        if (count == 0) {
            return;
        }
        boolean ntk = network.parameterization() == Parameterization.NTK;
        double nIn = inputWidth;
        double[] derivative = scratch.derivative;
        int h = 0;
        for (int l = l0; l < layers.size(); l++) {
            if (layers.get(l) instanceof Dense dense) {
                double w = dense.weightVariance();
                double b = dense.biasVariance();
                double bias = dense.hasBias() ? 1.0 : 0.0;
                for (int r = 0; r < count; r++) {
                    int j = columns[r];
                    double kj = ki[j];
                    if (ntk) {
                        kj = w * kj + b;
                        ki[j] = kj;
                        ti[j] = kj + w * ti[j];
                    } else {
                        ti[j] = nIn * kj + bias + w * ti[j];
                        ki[j] = w * kj + b;
                    }
                }
                if (!ntk) {
                    nIn = dense.width();
                }
            } else {
                plan.duals[h].applyEach(plan.trajX[h], i, plan.trajZ[h], ki, ki, derivative, columns, count,
                        scratch);
                for (int r = 0; r < count; r++) {
                    ti[columns[r]] *= derivative[columns[r]];
                }
                h++;
            }
        }
    }

    /**
     * The pairs of a {@link Run} for row i, columns [from, to): {@link DualStack#rows} for all but the last few
     * columns (fewer than a SIMD vector), which go pair by pair as in {@link #rows} (the same results).
     */
    private static void stack(Plan plan, Run run, int h, int i, double[] ki, double[] ti, int from, int to,
                              Scratch scratch) {
        int pairs = run.pairs();
        if (scratch.stackVariances.length < pairs) {
            scratch.stackVariances = new double[pairs];
        }
        double[] q1 = scratch.stackVariances;
        for (int r = 0; r < pairs; r++) {
            q1[r] = plan.trajX[h + r][i];
        }
        int done = run.stack().rows(q1, ki, ti, from, to);
        for (int r = 0; r < pairs && done < to; r++) {
            plan.duals[h + r].apply(plan.trajX[h + r], i, plan.trajZ[h + r], ki, ki, scratch.derivative, done, to,
                    scratch);
            denseAfterDual(ki, ti, scratch.derivative, run.weightVariances()[r], run.biasVariances()[r], done, to);
        }
    }

    /** An NTK-parameterised dense layer right after a dual: Σ ← w Σ' + b, Θ ← Σ + w (Θ Σ̇), in place. */
    private static void denseAfterDual(double[] ki, double[] ti, double[] derivative, double w, double b, int from,
                                       int to) {
        for (int j = from; j < to; j++) {
            double kj = w * ki[j] + b;
            ki[j] = kj;
            ti[j] = kj + w * (ti[j] * derivative[j]);
        }
    }

    /**
     * Copies rows [i0, i1) of the upper triangle (columns j > i) into columns [i0, i1) of the rows below: m[j][i] =
     * m[i][j]. Done by the task that has just computed the strip, while it is still in cache, so the upper
     * triangle is not read back from memory by a separate pass; each row below receives one contiguous segment.
     */
    private static void mirrorStrip(double[][] m, int i0, int i1) {
        int n = m.length;
        final int width = 16;
        for (int j0 = i0 + 1; j0 < n; j0 += width) {
            int j1 = Math.min(n, j0 + width);
            for (int i = i0; i < i1; i++) {
                double[] mi = m[i];
                for (int j = Math.max(j0, i + 1); j < j1; j++) {
                    m[j][i] = mi[j];
                }
            }
        }
    }

    private static double[] selfDots(double[][] x, int d) {
        double[] q = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            q[i] = dotOverD(x[i], x[i], d);
        }
        return q;
    }

    /** ⟨a, b⟩/d, by fused multiply-adds in the order k = 0..d−1 (the arithmetic of {@link InputGram}). */
    static double dotOverD(double[] a, double[] b, int d) {
        double s = 0;
        for (int k = 0; k < d; k++) {
            s = Math.fma(a[k], b[k], s);
        }
        return s / d;
    }

    private static int dimensionOf(double[][] x) {
        if (x.length == 0) {
            throw new IllegalArgumentException("no inputs");
        }
        int d = x[0].length;
        if (d == 0) {
            throw new IllegalArgumentException("inputs have dimension 0");
        }
        for (double[] row : x) {
            if (row.length != d) {
                throw new IllegalArgumentException("inputs have different dimensions (" + d + " and " + row.length + ")");
            }
        }
        return d;
    }

    private static void checkDimension(int d1, int d2) {
        if (d1 != d2) {
            throw new IllegalArgumentException("x1 has dimension " + d1 + " but x2 has dimension " + d2);
        }
    }
}
