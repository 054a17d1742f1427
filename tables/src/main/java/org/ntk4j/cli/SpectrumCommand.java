package org.ntk4j.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ntk4j.io.Json;
import org.ntk4j.network.Network;
import org.ntk4j.spectrum.CubeSpectrum;
import org.ntk4j.spectrum.LimitSpectrum;
import org.ntk4j.spectrum.Progress;
import org.ntk4j.spectrum.SphereSpectrum;
import org.ntk4j.spectrum.Spectrum;
import org.ntk4j.tables.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ntk4j spectrum}: the certified eigenvalues of the NNGP and NTK on the boolean cube, the sphere, or in the
 * d → ∞ limit (docs/spectrum.md).
 */
@Command(name = "spectrum", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Eigenvalues of the NNGP and NTK on the boolean cube {±1}^d (default), the sphere √d·S^(d−1), "
                + "or their d → ∞ limit, each printed value certified to --digits significant digits.",
                "Example: ntk4j spectrum --activation relu --depth 2 --weight-var 2 --bias-var 0 --dim 1024 --kernel ntk"})
public final class SpectrumCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    NetworkOptions net;

    @Option(names = "--dim", required = true, paramLabel = "D", description = "Input dimension d.")
    int dim;

    @Option(names = "--kernel", paramLabel = "nngp|ntk|both", defaultValue = "both",
            description = "Which kernel (default: ${DEFAULT-VALUE}).")
    String kernel;

    @Option(names = "--domain", paramLabel = "cube|sphere|limit", defaultValue = "cube",
            description = "Input distribution: uniform on {±1}^d, uniform on √d·S^(d−1), or d → ∞ (default: ${DEFAULT-VALUE}).")
    String domain;

    @Option(names = "--max-degree", paramLabel = "K", description = "Largest degree k (default: D).")
    Integer maxDegree;

    @Option(names = "--digits", paramLabel = "T", defaultValue = "12",
            description = "Certified significant digits of every printed eigenvalue (default: ${DEFAULT-VALUE}).")
    int digits;

    @Option(names = "--format", paramLabel = "table|csv|json|markdown|latex", defaultValue = "table",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public void run() {
        Network network = net.network();
        String fmt = format.strip().toLowerCase(Locale.ROOT);
        if (!List.of("table", "csv", "json", "markdown", "latex").contains(fmt)) {
            throw new UsageException("--format must be table, csv, json, markdown or latex, got '" + format + "'");
        }
        String which = kernel.strip().toLowerCase(Locale.ROOT);
        if (!List.of("nngp", "ntk", "both").contains(which)) {
            throw new UsageException("--kernel must be nngp, ntk or both, got '" + kernel + "'");
        }
        Spectrum.Domain dom = switch (domain.strip().toLowerCase(Locale.ROOT)) {
            case "cube" -> Spectrum.Domain.CUBE;
            case "sphere" -> Spectrum.Domain.SPHERE;
            case "limit" -> Spectrum.Domain.LIMIT;
            default -> throw new UsageException("--domain must be cube, sphere or limit, got '" + domain + "'");
        };
        if (dim < 1 || (dom == Spectrum.Domain.SPHERE && dim < 2)) {
            throw new UsageException("--dim must be >= " + (dom == Spectrum.Domain.SPHERE ? 2 : 1) + ", got " + dim);
        }
        int k = maxDegree == null ? dim : maxDegree;
        if (k < 0) {
            throw new UsageException("--max-degree must be >= 0, got " + k);
        }
        if (dom == Spectrum.Domain.CUBE) {
            k = Math.min(k, dim);
        }
        if (digits < 1 || digits > 1000) {
            throw new UsageException("--digits must be between 1 and 1000, got " + digits);
        }
        if (dom == Spectrum.Domain.SPHERE || dom == Spectrum.Domain.LIMIT) {
            if (!org.ntk4j.kernel.PreciseDotProductKernel.supports(network)) {
                throw new UsageException("--domain " + dom.label() + " needs an activation with an arbitrary-precision "
                        + "dual (relu, erf, identity, ...); use --domain cube");
            }
        }
        CubeSpectrum.Result result;
        try (BarProgress progress = new BarProgress(dim >= 512 || (dom != Spectrum.Domain.CUBE && dim >= 128))) {
            result = switch (dom) {
                case CUBE -> CubeSpectrum.compute(network, dim, k, digits, progress);
                case SPHERE -> SphereSpectrum.compute(network, dim, k, digits, progress);
                case LIMIT -> LimitSpectrum.compute(network, k, digits, progress);
            };
        } catch (ArithmeticException e) {
            throw new ComputationException(e.getMessage());
        }
        Map<String, Spectrum> spectra = new LinkedHashMap<>();
        if (!which.equals("ntk")) {
            spectra.put("nngp", result.nngp());
        }
        if (!which.equals("nngp")) {
            spectra.put("ntk", result.ntk());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (fmt.equals("json")) {
            out.println(json(network, dom, spectra));
        } else {
            if (fmt.equals("table")) {
                out.print(summary(dom, spectra));
            }
            out.print(table(dom, spectra, fmt.equals("csv")).render(fmt.equals("table") ? "text" : fmt));
        }
        out.flush();
    }

    /** A Progress that draws an org.ntk4j.cli.ProgressBar per phase. */
    static final class BarProgress implements Progress, AutoCloseable {
        private final boolean enabled;
        private ProgressBar bar;

        BarProgress(boolean enabled) {
            this.enabled = enabled;
        }

        @Override
        public synchronized void start(String phase, long total) {
            finish();
            if (enabled) {
                bar = new ProgressBar(phase, total);
            }
        }

        @Override
        public void advance(long n) {
            ProgressBar b = bar;
            if (b != null) {
                b.step(n);
            }
        }

        @Override
        public synchronized void finish() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }

        @Override
        public void close() {
            finish();
        }
    }

    /** A BigDecimal as a JSON number (scientific notation below 1e-6, never through double). */
    static String number(BigDecimal v) {
        return v == null ? "null" : v.signum() == 0 ? "0" : v.toString();
    }

    private String json(Network network, Spectrum.Domain dom, Map<String, Spectrum> spectra) {
        StringBuilder sb = new StringBuilder("{");
        sb.append("\"dim\": ").append(dim).append(", \"depth\": ").append(network.depth())
                .append(", \"activation\": ").append(Json.string(net.activation().spec()))
                .append(", \"weight_var\": ").append(Json.string(net.weightVariance))
                .append(", \"bias_var\": ").append(Json.string(net.biasVariance))
                .append(", \"parameterization\": ").append(Json.string(network.parameterization().name().toLowerCase(Locale.ROOT)))
                .append(", \"domain\": ").append(Json.string(dom.label()))
                .append(", \"digits\": ").append(digits)
                .append(", \"kernels\": {");
        boolean first = true;
        for (Map.Entry<String, Spectrum> e : spectra.entrySet()) {
            Spectrum s = e.getValue();
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(Json.string(e.getKey())).append(": {");
            List<String> mu = new ArrayList<>();
            List<String> fv = new ArrayList<>();
            for (int k = 0; k <= s.maxDegree(); k++) {
                mu.add(number(s.mu()[k]));
                fv.add(number(s.fractionalVariance(k)));
            }
            sb.append("\"mu\": [").append(String.join(", ", mu)).append("], ");
            sb.append("\"fractional_variance\": [").append(String.join(", ", fv)).append("], ");
            if (s.multiplicity() != null) {
                List<String> m = new ArrayList<>();
                for (BigInteger b : s.multiplicity()) {
                    m.add(b.toString());
                }
                sb.append("\"multiplicity\": [").append(String.join(", ", m)).append("], ");
            }
            sb.append("\"kernel_at_one\": ").append(number(s.kernelAtOne()));
            if (s.unresolvedFrom() >= 0) {
                sb.append(", \"unresolved_from\": ").append(s.unresolvedFrom())
                        .append(", \"unresolved_reason\": ").append(Json.string(s.unresolvedReason()));
            }
            if (dom != Spectrum.Domain.LIMIT) {
                sb.append(", \"lambda_max\": ").append(number(s.largestEigenvalue()))
                        .append(", \"lambda_min\": ").append(number(s.smallestEigenvalue()));
            }
            if (dom == Spectrum.Domain.CUBE) {
                sb.append(", \"max_learning_rate\": ").append(number(s.maxStableLearningRate()));
            }
            sb.append("}");
        }
        return sb.append("}}").toString();
    }

    private String summary(Spectrum.Domain dom, Map<String, Spectrum> spectra) {
        StringBuilder sb = new StringBuilder();
        sb.append(switch (dom) {
            case CUBE -> "Boolean cube {±1}^" + dim;
            case SPHERE -> "Sphere √d·S^(d−1), d = " + dim;
            case LIMIT -> "d → ∞ limit (fractional variance a_k/Φ(1), Taylor coefficients of Φ at 0)";
        }).append(", ").append(digits).append(" certified significant digits\n");
        for (Map.Entry<String, Spectrum> e : spectra.entrySet()) {
            Spectrum s = e.getValue();
            String name = e.getKey().toUpperCase(Locale.ROOT);
            sb.append(name).append(": K(1) = ").append(number(s.kernelAtOne()));
            if (dom != Spectrum.Domain.LIMIT) {
                sb.append(", λ_max = ").append(orDash(s.largestEigenvalue()))
                        .append(", λ_min = ").append(orDash(s.smallestEigenvalue()));
            }
            if (dom == Spectrum.Domain.CUBE) {
                sb.append(", max stable learning rate 2/λ_max = ").append(orDash(s.maxStableLearningRate()));
            }
            sb.append('\n');
            if (s.unresolvedFrom() >= 0) {
                sb.append(name).append(": degrees >= ").append(s.unresolvedFrom()).append(" unresolved: ")
                        .append(s.unresolvedReason()).append('\n');
            }
        }
        if (dom == Spectrum.Domain.CUBE) {
            sb.append("(learning rate: full-batch gradient descent on (1/2^(d+1)) Σ_x (f(x) − y(x))² over all 2^d "
                    + "points, linearised network; NTK = all layers trained, NNGP = readout layer only)\n");
        }
        return sb.append('\n').toString();
    }

    private static String orDash(BigDecimal v) {
        return v == null ? "—" : number(v);
    }

    /**
     * The spectrum table. Multiplicities C(d, k) run to hundreds of digits at d = 1024; CSV keeps them exact, the
     * tables people read show them to 6 significant digits once they pass 15 digits.
     */
    private Table table(Spectrum.Domain dom, Map<String, Spectrum> spectra, boolean exactMultiplicities) {
        List<String> header = new ArrayList<>(List.of("k", "multiplicity"));
        for (String name : spectra.keySet()) {
            String n = name.toUpperCase(Locale.ROOT);
            if (dom != Spectrum.Domain.LIMIT) {
                header.add(n + " mu_k/K(1)");
            }
            header.add(n + " frac. var.");
            header.add(n + " cumulative");
        }
        Table t = new Table(null, header);
        Spectrum any = spectra.values().iterator().next();
        Map<String, BigDecimal> cumulative = new LinkedHashMap<>();
        for (int k = 0; k <= any.maxDegree(); k++) {
            List<String> row = new ArrayList<>();
            row.add(Integer.toString(k));
            row.add(any.multiplicity() == null ? "∞" : multiplicity(any.multiplicity()[k], exactMultiplicities));
            for (Map.Entry<String, Spectrum> e : spectra.entrySet()) {
                Spectrum s = e.getValue();
                BigDecimal fv = s.fractionalVariance(k);
                // Once a degree is unresolved, no later running sum is known.
                boolean broken = cumulative.containsKey(e.getKey()) && cumulative.get(e.getKey()) == null;
                BigDecimal cum = fv == null || broken ? null : cumulative.getOrDefault(e.getKey(), BigDecimal.ZERO).add(fv);
                cumulative.put(e.getKey(), cum);
                String unresolved = "unresolved";
                if (dom != Spectrum.Domain.LIMIT) {
                    row.add(s.mu()[k] == null ? unresolved : number(s.mu()[k]));
                }
                row.add(fv == null ? unresolved : number(fv));
                row.add(cum == null ? unresolved
                        : number(cum.round(new java.math.MathContext(digits, java.math.RoundingMode.HALF_EVEN))));
            }
            t.addRow(row);
        }
        return t;
    }

    static String multiplicity(BigInteger m, boolean exact) {
        String digits = m.toString();
        if (exact || digits.length() <= 15) {
            return digits;
        }
        return new BigDecimal(m).round(new java.math.MathContext(6)).toString().replace("E+", "E");
    }
}
