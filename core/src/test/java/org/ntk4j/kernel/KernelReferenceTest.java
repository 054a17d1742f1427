package org.ntk4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.ntk4j.activation.Activation;
import org.ntk4j.activation.Activations;
import org.ntk4j.network.Network;

/**
 * ntk4j's {@link InfiniteWidthKernel} against kernel_reference.csv: NNGP and NTK of whole networks (depths 1–5)
 * computed to 20 digits by make_kernel_reference.py with mpmath's own quadrature, independently of ntk4j.
 */
class KernelReferenceTest {

    /**
     * While false, rows whose activation is not registered yet (the closed forms of another branch) are counted
     * and reported; set to true once every activation of the reference is registered, and they fail.
     */
    static final boolean ALL_ACTIVATIONS_REGISTERED = true;

    static final double TOLERANCE = 1e-10;

    /** The expression activations the reference must cover besides the catalogue. */
    static final List<String> EXPRESSIONS = List.of("expr:x*tanh(log(1+exp(x)))", "expr:max(x,0.2*x)+abs(x-1)");

    record Row(int line, String activation, String pair, double[] x1, double[] x2, double weightVariance,
               double biasVariance, int depth, double nngp, double ntk) {
    }

    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = KernelReferenceTest.class.getResourceAsStream("/reference/kernel_reference.csv")) {
            assertThat(in).as("kernel_reference.csv on the test class path").isNotNull();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = r.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#") || line.startsWith("activation,")) {
                    continue;
                }
                // the activation spec may contain commas (polynomial(0.1,1,-0.5)): the last 8 fields are fixed
                String[] f = line.split(",", -1);
                int n = f.length;
                String activation = String.join(",", java.util.Arrays.copyOf(f, n - 8));
                rows.add(new Row(number, activation, f[n - 8], vector(f[n - 7]), vector(f[n - 6]),
                        Double.parseDouble(f[n - 5]), Double.parseDouble(f[n - 4]), Integer.parseInt(f[n - 3]),
                        Double.parseDouble(f[n - 2]), Double.parseDouble(f[n - 1])));
            }
        }
        return rows;
    }

    private static double[] vector(String s) {
        String[] p = s.split(";");
        double[] v = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            v[i] = Double.parseDouble(p[i]);
        }
        return v;
    }

    private static String family(String spec) {
        if (spec.startsWith("expr:")) {
            return spec;
        }
        int open = spec.indexOf('(');
        return (open < 0 ? spec : spec.substring(0, open)).toLowerCase(Locale.ROOT);
    }

    @Test
    void everyRegisteredActivationMatchesTheReference() throws IOException {
        Map<String, Activation> parsed = new HashMap<>();
        Map<String, Integer> unregistered = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        Map<String, Double> worstByActivation = new TreeMap<>();
        double worst = 0;
        String worstRow = "";
        for (Row row : rows()) {
            Activation phi = parsed.computeIfAbsent(row.activation(), spec -> {
                try {
                    return Activations.parse(spec);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            });
            if (phi == null) {
                unregistered.merge(row.activation(), 1, Integer::sum);
                continue;
            }
            Network net = Network.mlp(phi, row.depth(), row.weightVariance(), row.biasVariance());
            KernelValue k = new InfiniteWidthKernel(net).evaluate(row.x1(), row.x2());
            double[][] pairs = {{k.nngp(), row.nngp()}, {k.ntk(), row.ntk()}};
            String[] names = {"NNGP", "NTK"};
            for (int i = 0; i < 2; i++) {
                double actual = pairs[i][0];
                double expected = pairs[i][1];
                double error = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
                if (expected == 0 && actual == 0) {
                    error = 0;
                }
                String where = String.format("line %d: %s %s depth %d (σw²=%s, σb²=%s) %s = %s, reference %s, "
                                + "relative error %.2e", row.line(), row.activation(), row.pair(), row.depth(),
                        row.weightVariance(), row.biasVariance(), names[i], actual, expected, error);
                if (!(error <= TOLERANCE)) {
                    failures.add(where);
                }
                worstByActivation.merge(row.activation(), error, Math::max);
                if (error > worst) {
                    worst = error;
                    worstRow = where;
                }
            }
            checked++;
        }
        int skipped = unregistered.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("KernelReferenceTest: %d rows checked, largest relative error %.2e (%s)%n", checked, worst,
                worstRow);
        worstByActivation.forEach((a, e) -> System.out.printf("KernelReferenceTest:   %-32s largest relative error %.1e%n", a, e));
        if (skipped > 0) {
            System.out.printf("KernelReferenceTest: %d rows of %d activations not registered yet, not checked: %s%n",
                    skipped, unregistered.size(), unregistered.keySet());
        }
        assertThat(failures).as("rows off by more than %s", TOLERANCE).isEmpty();
        assertThat(checked).isGreaterThan(0);
        if (ALL_ACTIVATIONS_REGISTERED) {
            assertThat(unregistered).as("reference rows whose activation is not registered").isEmpty();
        }
    }

    @Test
    void everyActivationOfTheCatalogueHasReferenceRows() throws IOException {
        TreeSet<String> covered = new TreeSet<>();
        for (Row row : rows()) {
            covered.add(family(row.activation()));
        }
        List<String> missing = new ArrayList<>();
        for (Activations.Entry e : Activations.catalogue()) {
            if (!covered.contains(e.name())) {
                missing.add(e.name());
            }
        }
        for (String expr : EXPRESSIONS) {
            if (!covered.contains(expr)) {
                missing.add(expr);
            }
        }
        assertThat(missing).as("activations without reference rows (add them to make_kernel_reference.py)").isEmpty();
    }
}
