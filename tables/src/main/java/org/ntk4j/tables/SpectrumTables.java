package org.ntk4j.tables;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ntk4j.activation.Activation;
import org.ntk4j.activation.Erf;
import org.ntk4j.activation.Relu;
import org.ntk4j.network.Network;
import org.ntk4j.spectrum.CubeSpectrum;
import org.ntk4j.spectrum.LimitSpectrum;
import org.ntk4j.spectrum.Progress;
import org.ntk4j.spectrum.SphereSpectrum;
import org.ntk4j.spectrum.Spectrum;

/**
 * The spectral tables of Yang &amp; Salman (2019), certified: fractional variance by degree for ReLU and erf
 * (NNGP vs NTK, across depths), the depth that maximises each degree, heat maps of the degree-k fractional
 * variance over (σ_w², σ_b²), and cube vs sphere vs d → ∞.
 */
public final class SpectrumTables implements TableGenerator {

    static final int DIM = 128;
    static final int MAX_DEGREE = 8;
    static final int DIGITS = 6;
    static final int[] DEPTHS = {1, 2, 4, 8};
    static final int MAX_DEPTH = 12;
    static final double WEIGHT_VAR = 2.0;
    static final double BIAS_VAR = 0.1;
    static final double[] GRID_W = {0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4};
    static final double[] GRID_B = {0, 0.1, 0.2, 0.5, 1, 2};
    static final int HEAT_DEPTH = 2;
    static final int[] HEAT_DEGREES = {0, 1, 2};
    static final int[] COMPARE_DIMS = {16, 128};
    static final int COMPARE_DEGREE = 6;

    private static final List<Activation> ACTIVATIONS = List.of(new Relu(), new Erf());

    @Override
    public String name() {
        return "spectrum";
    }

    @Override
    public String description() {
        return "Spectra on the boolean cube, the sphere and d → ∞ (ntk4j spectrum)";
    }

    @Override
    public long steps() {
        return ACTIVATIONS.size() * ((long) DEPTHS.length + MAX_DEPTH + (long) GRID_W.length * GRID_B.length
                + 2L * COMPARE_DIMS.length + 1);
    }

    private static CubeSpectrum.Result cube(Activation phi, int depth, double w, double b, int d, int k, int digits) {
        return CubeSpectrum.compute(Network.mlp(phi, depth, w, b), d, k, digits, Progress.NONE);
    }

    private static double[] fv(Spectrum s) {
        double[] out = new double[s.maxDegree() + 1];
        for (int k = 0; k <= s.maxDegree(); k++) {
            out[k] = s.fractionalVariance(k).doubleValue();
        }
        return out;
    }

    private static String cell(BigDecimal v) {
        return v == null ? "unresolved" : v.signum() == 0 ? "0" : v.round(new MathContext(DIGITS)).toString();
    }

    private static double[] degrees(int n) {
        double[] x = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            x[k] = k;
        }
        return x;
    }

    private static String setting(Activation phi, double w, double b) {
        return phi.spec() + ", σ_w² = " + fmt(w) + ", σ_b² = " + fmt(b);
    }

    static String fmt(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    @Override
    public void generate(TablesOutput out) throws IOException {
        fractionalVarianceByDepth(out);
        optimalDepth(out);
        heatMaps(out);
        cubeSphereLimit(out);
    }

    private void fractionalVarianceByDepth(TablesOutput out) throws IOException {
        for (Activation phi : ACTIVATIONS) {
            List<String> header = new ArrayList<>(List.of("kernel", "depth"));
            for (int k = 0; k <= MAX_DEGREE; k++) {
                header.add("k=" + k);
            }
            Table t = new Table("Degree-k fractional variance C(d,k)μ_k/K(1) on {±1}^" + DIM + ", "
                    + setting(phi, WEIGHT_VAR, BIAS_VAR) + " (" + DIGITS + " digits)", header);
            Map<String, double[][]> curves = new LinkedHashMap<>();
            List<List<String>> ntkRows = new ArrayList<>();
            for (int depth : DEPTHS) {
                CubeSpectrum.Result r = cube(phi, depth, WEIGHT_VAR, BIAS_VAR, DIM, MAX_DEGREE, DIGITS);
                for (Spectrum s : List.of(r.nngp(), r.ntk())) {
                    List<String> row = new ArrayList<>(List.of(s.kernel().toUpperCase(Locale.ROOT), Integer.toString(depth)));
                    for (int k = 0; k <= MAX_DEGREE; k++) {
                        row.add(cell(s.fractionalVariance(k)));
                    }
                    if (s.kernel().equals("nngp")) {
                        t.addRow(row);
                    } else {
                        ntkRows.add(row);
                    }
                    curves.put(s.kernel().toUpperCase(Locale.ROOT) + " L=" + depth,
                            new double[][] {degrees(MAX_DEGREE), fv(s)});
                }
                out.step("fractional variance");
            }
            ntkRows.forEach(t::addRow);
            String name = "spectrum-fractional-variance-" + phi.spec();
            out.table(name, t);
            out.figure(name, "Fractional variance by degree, " + setting(phi, WEIGHT_VAR, BIAS_VAR) + ", NNGP and NTK",
                    Figures.lineChart("Fractional variance by degree on {±1}^" + DIM + " (" + setting(phi, WEIGHT_VAR, BIAS_VAR) + ")",
                            "degree k", "fractional variance C(d,k) μ_k / K(1)", true, Figures.series(curves)));
        }
    }

    private void optimalDepth(TablesOutput out) throws IOException {
        List<String> header = new ArrayList<>(List.of("activation", "kernel"));
        for (int k = 0; k <= MAX_DEGREE; k++) {
            header.add("k=" + k);
        }
        Table t = new Table("Depth L in 1.." + MAX_DEPTH + " that maximises the degree-k fractional variance on {±1}^"
                + DIM + ", σ_w² = " + fmt(WEIGHT_VAR) + ", σ_b² = " + fmt(BIAS_VAR) + " (cell: L* (fractional variance))",
                header);
        for (Activation phi : ACTIVATIONS) {
            double[][][] all = new double[2][MAX_DEPTH + 1][];
            for (int depth = 1; depth <= MAX_DEPTH; depth++) {
                CubeSpectrum.Result r = cube(phi, depth, WEIGHT_VAR, BIAS_VAR, DIM, MAX_DEGREE, DIGITS);
                all[0][depth] = fv(r.nngp());
                all[1][depth] = fv(r.ntk());
                out.step("optimal depth");
            }
            for (int q = 0; q < 2; q++) {
                List<String> row = new ArrayList<>(List.of(phi.spec(), q == 0 ? "NNGP" : "NTK"));
                for (int k = 0; k <= MAX_DEGREE; k++) {
                    int best = 1;
                    for (int depth = 2; depth <= MAX_DEPTH; depth++) {
                        if (all[q][depth][k] > all[q][best][k]) {
                            best = depth;
                        }
                    }
                    row.add(best + " (" + cell(BigDecimal.valueOf(all[q][best][k]).round(new MathContext(4))) + ")");
                }
                t.addRow(row);
            }
        }
        out.table("spectrum-optimal-depth", t);
    }

    private void heatMaps(TablesOutput out) throws IOException {
        for (Activation phi : ACTIVATIONS) {
            double[][][] values = new double[HEAT_DEGREES.length][GRID_B.length][GRID_W.length];
            for (int ib = 0; ib < GRID_B.length; ib++) {
                for (int iw = 0; iw < GRID_W.length; iw++) {
                    CubeSpectrum.Result r = cube(phi, HEAT_DEPTH, GRID_W[iw], GRID_B[ib], DIM, 2, 4);
                    for (int i = 0; i < HEAT_DEGREES.length; i++) {
                        values[i][ib][iw] = r.ntk().fractionalVariance(HEAT_DEGREES[i]).doubleValue();
                    }
                    out.step("heat maps");
                }
            }
            List<String> xTicks = new ArrayList<>();
            for (double w : GRID_W) {
                xTicks.add(fmt(w));
            }
            List<String> yTicks = new ArrayList<>();
            for (double b : GRID_B) {
                yTicks.add(fmt(b));
            }
            for (int i = 0; i < HEAT_DEGREES.length; i++) {
                int k = HEAT_DEGREES[i];
                List<String> header = new ArrayList<>(List.of("σ_b² \\ σ_w²"));
                header.addAll(xTicks);
                Table t = new Table("NTK degree-" + k + " fractional variance on {±1}^" + DIM + ", " + phi.spec()
                        + ", depth " + HEAT_DEPTH + ", over (σ_w², σ_b²) (4 digits)", header);
                for (int ib = 0; ib < GRID_B.length; ib++) {
                    List<String> row = new ArrayList<>(List.of(yTicks.get(ib)));
                    for (int iw = 0; iw < GRID_W.length; iw++) {
                        row.add(cell(BigDecimal.valueOf(values[i][ib][iw]).round(new MathContext(4))));
                    }
                    t.addRow(row);
                }
                String name = "spectrum-heatmap-" + phi.spec() + "-ntk-degree" + k;
                out.table(name, t);
                out.figure(name, "Heat map of the NTK degree-" + k + " fractional variance, " + phi.spec() + ", depth "
                        + HEAT_DEPTH, Figures.heatMap("NTK degree-" + k + " fractional variance, " + phi.spec()
                                + ", depth " + HEAT_DEPTH + ", {±1}^" + DIM, "weight variance σ_w²", "bias variance σ_b²",
                        xTicks, yTicks, values[i], "0.000"));
            }
        }
    }

    private void cubeSphereLimit(TablesOutput out) throws IOException {
        for (Activation phi : ACTIVATIONS) {
            Network net = Network.mlp(phi, 2, WEIGHT_VAR, BIAS_VAR);
            List<String> header = new ArrayList<>(List.of("k"));
            List<Spectrum> columns = new ArrayList<>();
            Map<String, double[][]> curves = new LinkedHashMap<>();
            for (int d : COMPARE_DIMS) {
                Spectrum c = CubeSpectrum.compute(net, d, COMPARE_DEGREE, DIGITS, Progress.NONE).ntk();
                out.step("cube/sphere/limit");
                Spectrum s = SphereSpectrum.compute(net, d, COMPARE_DEGREE, DIGITS, Progress.NONE).ntk();
                out.step("cube/sphere/limit");
                header.add("cube d=" + d);
                header.add("sphere d=" + d);
                columns.add(c);
                columns.add(s);
                curves.put("cube d=" + d, new double[][] {degrees(COMPARE_DEGREE), fvOrNaN(c)});
                curves.put("sphere d=" + d, new double[][] {degrees(COMPARE_DEGREE), fvOrNaN(s)});
            }
            Spectrum limit = LimitSpectrum.compute(net, COMPARE_DEGREE, DIGITS, Progress.NONE).ntk();
            out.step("cube/sphere/limit");
            header.add("limit d→∞");
            columns.add(limit);
            curves.put("limit d→∞", new double[][] {degrees(COMPARE_DEGREE), fvOrNaN(limit)});
            Table t = new Table("NTK degree-k fractional variance: cube vs sphere vs d → ∞, depth 2, "
                    + setting(phi, WEIGHT_VAR, BIAS_VAR) + " (" + DIGITS + " digits)", header);
            for (int k = 0; k <= COMPARE_DEGREE; k++) {
                List<String> row = new ArrayList<>(List.of(Integer.toString(k)));
                for (Spectrum s : columns) {
                    row.add(cell(s.fractionalVariance(k)));
                }
                t.addRow(row);
            }
            String name = "spectrum-cube-sphere-limit-" + phi.spec();
            out.table(name, t);
            out.figure(name, "Cube vs sphere vs d → ∞, " + setting(phi, WEIGHT_VAR, BIAS_VAR),
                    Figures.lineChart("NTK fractional variance: cube, sphere, d → ∞ (depth 2, "
                                    + setting(phi, WEIGHT_VAR, BIAS_VAR) + ")", "degree k",
                            "fractional variance", false, Figures.series(curves)));
        }
    }

    /** Fractional variances, NaN where unresolved (left out of log plots). */
    private static double[] fvOrNaN(Spectrum s) {
        double[] out = new double[s.maxDegree() + 1];
        for (int k = 0; k <= s.maxDegree(); k++) {
            BigDecimal f = s.fractionalVariance(k);
            out[k] = f == null ? Double.NaN : f.doubleValue();
        }
        return out;
    }
}
