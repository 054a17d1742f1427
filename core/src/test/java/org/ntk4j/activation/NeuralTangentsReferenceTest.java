package org.ntk4j.activation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.ntk4j.kernel.InfiniteWidthKernel;
import org.ntk4j.kernel.KernelMatrices;
import org.ntk4j.network.Dense;
import org.ntk4j.network.Layer;
import org.ntk4j.network.Network;
import org.ntk4j.network.Nonlinearity;
import org.ntk4j.network.Parameterization;

/**
 * Pins ntk4j to neural-tangents: parses {@code reference/neural_tangents_values.md} (values from neural-tangents'
 * own formulas, see that file) and checks every printed value: the dual maps of table A.1/A.2 at q = 1, the
 * unequal-variance table, the extra ReLU points, and the whole-network Gram matrices A–H and the
 * standard-parameterization block. A row that cannot be parsed or whose activation cannot be mapped fails.
 *
 * <p>Tolerance: each table, sentence or matrix prints its values to at most D significant digits (Python's %g drops
 * trailing zeros, so 0.5 in a 10-digit table means 0.5000000000); a value x is checked to half a unit in its D-th
 * digit, 0.5·10^(⌊log10|x|⌋ − D + 1), but never tighter than the reference's stated accuracy of 4e-14 relative to
 * the largest value of its row or matrix (the full-repr matrices print float64 rounding noise).
 */
class NeuralTangentsReferenceTest {

    private static final double REFERENCE_ACCURACY = 4e-14;
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private final List<DynamicTest> checks = new ArrayList<>();

    @TestFactory
    Stream<DynamicTest> everyValueOfTheReferenceFile() throws IOException {
        List<String> lines = readReference();
        int tableRows = dualTableAtUnitVariance(lines);
        int unequalRows = unequalVarianceTable(lines);
        int extra = extraReluPoints(lines);
        int networks = networks(lines);
        assertThat(tableRows).as("rows of table A.1/A.2").isEqualTo(17);
        assertThat(unequalRows).as("rows of the unequal-variance table").isEqualTo(16);
        assertThat(extra).as("extra ReLU points").isEqualTo(2);
        assertThat(networks).as("networks A-H and the standard parameterization").isEqualTo(9);
        assertThat(checks).hasSize(17 * 6 * 2 + 16 * 2 + 2 * 2 + 9 * 2 * 9);
        return checks.stream();
    }

    private static List<String> readReference() throws IOException {
        try (InputStream in = NeuralTangentsReferenceTest.class.getResourceAsStream("/reference/neural_tangents_values.md")) {
            assertThat(in).as("reference file on the test class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    // ---- parsing helpers -------------------------------------------------------------------------------------

    /** Unicode minus → ASCII, √x → its square root; anything else unparsable is an error. */
    static double number(String text) {
        String t = text.strip().replace('−', '-');
        if (t.startsWith("√")) {
            return Math.sqrt(number(t.substring(1)));
        }
        if (t.startsWith("-√")) {
            return -Math.sqrt(number(t.substring(2)));
        }
        if (!NUMBER.matcher(t).matches()) {
            throw new IllegalStateException("not a number: '" + text + "'");
        }
        return Double.parseDouble(t);
    }

    /** Significant digits printed in a decimal number (leading zeros excluded). */
    static int significantDigits(String text) {
        String t = text.strip().replace("−", "").replace("-", "");
        int e = t.indexOf('e');
        if (e < 0) {
            e = t.indexOf('E');
        }
        if (e >= 0) {
            t = t.substring(0, e);
        }
        String digits = t.replace(".", "").replaceFirst("^0+", "");
        return Math.max(1, digits.length());
    }

    static double tolerance(double reference, int digits, double scale) {
        double magnitude = reference != 0 ? Math.abs(reference) : scale;
        double half = magnitude == 0 ? 0 : 0.5 * Math.pow(10, Math.floor(Math.log10(magnitude)) - digits + 1);
        return Math.max(half, REFERENCE_ACCURACY * Math.max(scale, Math.abs(reference)));
    }

    private static List<String> cells(String row) {
        String inner = row.strip();
        if (!inner.startsWith("|") || !inner.endsWith("|")) {
            throw new IllegalStateException("not a table row: " + row);
        }
        List<String> out = new ArrayList<>();
        for (String c : inner.substring(1, inner.length() - 1).split("\\|", -1)) {
            out.add(c.strip());
        }
        return out;
    }

    private static int indexOf(List<String> lines, String start, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).startsWith(start)) {
                return i;
            }
        }
        throw new IllegalStateException("reference file: no line starting with '" + start + "'");
    }

    /** The line at {@code start} joined with its continuation lines (up to a blank line or a table). */
    private static String paragraph(List<String> lines, int start) {
        StringBuilder b = new StringBuilder(lines.get(start).strip());
        for (int i = start + 1; i < lines.size() && !lines.get(i).isBlank() && !lines.get(i).startsWith("|")
                && !lines.get(i).startsWith("*"); i++) {
            b.append(' ').append(lines.get(i).strip());
        }
        return b.toString();
    }

    /** The table rows (after header and separator) starting at the header line. */
    private static List<List<String>> tableRows(List<String> lines, int header) {
        if (!lines.get(header + 1).startsWith("|---")) {
            throw new IllegalStateException("table without separator at line " + (header + 2));
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            rows.add(cells(lines.get(i)));
        }
        return rows;
    }

    // ---- activation names ------------------------------------------------------------------------------------

    private String lastPolynomial;

    /** Maps a neural-tangents activation as written in the reference file to an ntk4j spec. */
    String specOf(String label) {
        String t = label.strip().replace('−', '-');
        Matcher m = Pattern.compile("^([A-Za-z]+)(\\((.*?)\\))?(?=$|[ ,])").matcher(t);
        if (!m.find()) {
            throw new IllegalStateException("cannot read activation '" + label + "'");
        }
        String name = m.group(1);
        String args = m.group(3) == null ? "" : m.group(3);
        // Balanced parentheses for arguments with brackets, e.g. Polynomial(coef = [..]).
        if (m.group(2) != null) {
            int open = t.indexOf('(');
            int depth = 0;
            int close = -1;
            for (int i = open; i < t.length(); i++) {
                if (t.charAt(i) == '(') {
                    depth++;
                } else if (t.charAt(i) == ')' && --depth == 0) {
                    close = i;
                    break;
                }
            }
            args = t.substring(open + 1, close);
        }
        List<String> values = new ArrayList<>();
        for (String a : args.replace("[", "").replace("]", "").split(",")) {
            String v = a.strip();
            if (v.isEmpty()) {
                continue;
            }
            int eq = v.indexOf('=');
            values.add(eq >= 0 ? v.substring(eq + 1).strip() : v);
        }
        String spec;
        switch (name) {
            case "Relu", "Abs", "Erf", "Gelu", "Sin", "Cos", "Sign", "Gabor" -> {
                requireArgs(label, values, 0);
                spec = name.toLowerCase(Locale.ROOT);
            }
            case "LeakyRelu" -> spec = "leaky_relu(" + oneArg(label, values) + ")";
            case "Rbf" -> spec = "rbf(" + oneArg(label, values) + ")";
            case "Monomial" -> spec = "monomial(" + oneArg(label, values) + ")";
            case "RectifiedMonomial" -> spec = "rectified_monomial(" + oneArg(label, values) + ")";
            case "Hermite" -> spec = "hermite(" + oneArg(label, values) + ")";
            case "Exp" -> {
                // neural-tangents' Exp(a, b) is a·exp(b·x); ntk4j's exp is Exp(1, 1).
                if (!values.isEmpty() && !(values.size() == 2 && number(values.get(0)) == 1
                        && number(values.get(1)) == 1)) {
                    throw new IllegalStateException("only Exp(1,1) maps to ntk4j's exp: " + label);
                }
                spec = "exp";
            }
            case "Gaussian" -> {
                requireArgs(label, values, 2);
                spec = "gaussian(" + values.get(0) + "," + values.get(1) + ")";
            }
            case "Polynomial" -> {
                if (args.strip().equals("as above")) {
                    if (lastPolynomial == null) {
                        throw new IllegalStateException("'as above' without an earlier polynomial");
                    }
                    spec = lastPolynomial;
                } else {
                    if (values.isEmpty()) {
                        throw new IllegalStateException("polynomial without coefficients: " + label);
                    }
                    spec = "polynomial(" + String.join(",", values) + ")";
                    lastPolynomial = spec;
                }
            }
            default -> throw new IllegalStateException("no ntk4j activation for neural-tangents' '" + label + "'");
        }
        return spec;
    }

    private static void requireArgs(String label, List<String> values, int n) {
        if (values.size() != n) {
            throw new IllegalStateException("activation '" + label + "': expected " + n + " parameters");
        }
    }

    private static String oneArg(String label, List<String> values) {
        requireArgs(label, values, 1);
        return values.get(0);
    }

    private Activation activation(String label) {
        return Activations.parse(specOf(label));
    }

    // ---- single-layer duals ----------------------------------------------------------------------------------

    private void checkDual(String where, Activation phi, double q1, double q2, double k, String dualText,
                           String derivativeText, int digits) {
        double dual = number(dualText);
        double derivative = number(derivativeText);
        double scale = Math.max(Math.abs(dual), Math.abs(derivative));
        double tolDual = tolerance(dual, digits, scale);
        double tolDerivative = tolerance(derivative, digits, scale);
        String name = where + " " + phi.spec() + " at (" + q1 + ", " + q2 + ", " + k + ")";
        checks.add(DynamicTest.dynamicTest(name + " Σ'", () ->
                assertThat(phi.dual(q1, q2, k)).as(name + " Σ'").isCloseTo(dual, org.assertj.core.api.Assertions.within(tolDual))));
        checks.add(DynamicTest.dynamicTest(name + " Σ̇", () ->
                assertThat(phi.derivativeDual(q1, q2, k)).as(name + " Σ̇")
                        .isCloseTo(derivative, org.assertj.core.api.Assertions.within(tolDerivative))));
    }

    private static String[] pair(String cell) {
        String[] parts = cell.split("/");
        if (parts.length != 2) {
            throw new IllegalStateException("cell is not 'Σ' / Σ̇': " + cell);
        }
        return new String[] {parts[0].strip(), parts[1].strip()};
    }

    private int dualTableAtUnitVariance(List<String> lines) {
        int header = indexOf(lines, "| activation | ρ =", 0);
        List<String> head = cells(lines.get(header));
        double[] rho = new double[head.size() - 1];
        for (int i = 1; i < head.size(); i++) {
            String h = head.get(i);
            if (!h.startsWith("ρ =")) {
                throw new IllegalStateException("table A.1 header cell: " + h);
            }
            rho[i - 1] = number(h.substring(3));
        }
        List<List<String>> rows = tableRows(lines, header);
        int digits = 0;
        for (List<String> row : rows) {
            for (String cell : row.subList(1, row.size())) {
                for (String v : pair(cell)) {
                    digits = Math.max(digits, significantDigits(v));
                }
            }
        }
        for (List<String> row : rows) {
            if (row.size() != rho.length + 1) {
                throw new IllegalStateException("table A.1 row with " + row.size() + " cells: " + row);
            }
            Activation phi = activation(row.get(0));
            for (int i = 0; i < rho.length; i++) {
                String[] p = pair(row.get(i + 1));
                checkDual("A.1", phi, 1.0, 1.0, rho[i], p[0], p[1], digits);
            }
        }
        return rows.size();
    }

    private int unequalVarianceTable(List<String> lines) {
        int intro = indexOf(lines, "For unequal variances", 0);
        Matcher m = Pattern.compile("q₁ = ([^,]+), q₂ = ([^,]+), k = ([^,]+),").matcher(paragraph(lines, intro));
        if (!m.find()) {
            throw new IllegalStateException("cannot read the unequal variances: " + lines.get(intro));
        }
        double q1 = number(m.group(1));
        double q2 = number(m.group(2));
        double k = number(m.group(3));
        int header = indexOf(lines, "| activation | Σ'", intro);
        List<List<String>> rows = tableRows(lines, header);
        int digits = 0;
        for (List<String> row : rows) {
            digits = Math.max(digits, Math.max(significantDigits(row.get(1)), significantDigits(row.get(2))));
        }
        for (List<String> row : rows) {
            if (row.size() != 3) {
                throw new IllegalStateException("unequal-variance row: " + row);
            }
            checkDual("unequal", activation(row.get(0)), q1, q2, k, row.get(1), row.get(2), digits);
        }
        return rows.size();
    }

    private int extraReluPoints(List<String> lines) {
        String text = paragraph(lines, indexOf(lines, "ReLU at extra points", 0));
        String num = "[−\\-]?[0-9.]*[0-9]";
        Matcher m = Pattern.compile("\\(([^()]*)\\) gives (" + num + ") / (" + num + ")").matcher(text);
        List<String[]> found = new ArrayList<>();
        int digits = 0;
        while (m.find()) {
            found.add(new String[] {m.group(1), m.group(2), m.group(3)});
            digits = Math.max(digits, Math.max(significantDigits(m.group(2)), significantDigits(m.group(3))));
        }
        int mentioned = text.split(" gives ", -1).length - 1;
        if (found.size() != mentioned) {
            throw new IllegalStateException("read " + found.size() + " of " + mentioned + " extra ReLU points");
        }
        for (String[] f : found) {
            String[] args = f[0].split(",");
            if (args.length != 3) {
                throw new IllegalStateException("extra ReLU point '" + f[0] + "'");
            }
            checkDual("extra", new Relu(), number(args[0]), number(args[1]), number(args[2]), f[1], f[2], digits);
        }
        return found.size();
    }

    // ---- whole networks --------------------------------------------------------------------------------------

    /** Splits at top-level arrows. */
    private static List<String> stages(String architecture) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < architecture.length(); i++) {
            char ch = architecture.charAt(i);
            if (ch == '(' || ch == '[') {
                depth++;
            } else if (ch == ')' || ch == ']') {
                depth--;
            } else if (ch == '→' && depth == 0) {
                out.add(architecture.substring(start, i).strip());
                start = i + 1;
            }
        }
        out.add(architecture.substring(start).strip());
        return out;
    }

    /** Dense(σw, σb), or Dense(width, σw=…, σb=…, standard). */
    private static Dense dense(String stage, boolean last) {
        Matcher m = Pattern.compile("^Dense\\((.*)\\)$").matcher(stage);
        if (!m.matches()) {
            throw new IllegalStateException("not a dense layer: " + stage);
        }
        String[] args = m.group(1).split(",");
        if (args.length == 2) {
            double w = number(args[0]);
            double b = number(args[1]);
            return new Dense(w * w, b * b, last ? 1 : Dense.UNSPECIFIED);
        }
        if (args.length == 4 && args[3].strip().equals("standard")) {
            int width = (int) number(args[0]);
            double w = number(named(args[1], "σw"));
            double b = number(named(args[2], "σb"));
            return new Dense(w * w, b * b, width);
        }
        throw new IllegalStateException("cannot read dense layer: " + stage);
    }

    private static String named(String arg, String name) {
        String a = arg.strip();
        if (!a.startsWith(name + "=")) {
            throw new IllegalStateException("expected " + name + "=…, got " + a);
        }
        return a.substring(name.length() + 1);
    }

    private List<Layer> layers(String architecture) {
        List<String> raw = stages(architecture);
        List<String> flat = new ArrayList<>();
        for (String stage : raw) {
            Matcher rep = Pattern.compile("^\\[(.*)\\]\\s*×\\s*(\\d+)$").matcher(stage);
            if (rep.matches()) {
                List<String> inner = stages(rep.group(1));
                for (int r = 0; r < Integer.parseInt(rep.group(2)); r++) {
                    flat.addAll(inner);
                }
            } else {
                flat.add(stage);
            }
        }
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < flat.size(); i++) {
            String stage = flat.get(i);
            if (stage.startsWith("Dense(")) {
                layers.add(dense(stage, i == flat.size() - 1));
            } else {
                layers.add(new Nonlinearity(activation(stage)));
            }
        }
        return layers;
    }

    private static double[] vector(String text) {
        String[] parts = text.split(",");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = number(parts[i]);
        }
        return v;
    }

    /** "[[a, b, c], [·, d, e], [·, ·, f]]": the upper triangle by rows, null below the diagonal. */
    private static String[][] matrix(String text) {
        String t = text.strip();
        if (!t.startsWith("[[") || !t.endsWith("]]")) {
            throw new IllegalStateException("not a matrix: " + text);
        }
        String[] rows = t.substring(2, t.length() - 2).split("\\],\\s*\\[");
        String[][] out = new String[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            String[] cells = rows[i].split(",");
            if (cells.length != rows.length) {
                throw new IllegalStateException("matrix is not square: " + text);
            }
            out[i] = new String[cells.length];
            for (int j = 0; j < cells.length; j++) {
                String c = cells[j].strip();
                if (c.equals("·")) {
                    if (j >= i) {
                        throw new IllegalStateException("'·' on or above the diagonal: " + text);
                    }
                    out[i][j] = null;
                } else {
                    out[i][j] = c;
                }
            }
        }
        return out;
    }

    private void checkMatrix(String name, double[][] computed, String[][] reference) {
        int digits = 0;
        double scale = 0;
        for (String[] row : reference) {
            for (String cell : row) {
                if (cell != null) {
                    digits = Math.max(digits, significantDigits(cell));
                    scale = Math.max(scale, Math.abs(number(cell)));
                }
            }
        }
        assertThat(computed.length).as(name + " size").isEqualTo(reference.length);
        for (int i = 0; i < reference.length; i++) {
            for (int j = 0; j < reference.length; j++) {
                int ii = i;
                int jj = j;
                // Below the diagonal the reference prints '·' (symmetric): compare with the mirrored entry.
                String cell = reference[i][j] != null ? reference[i][j] : reference[j][i];
                double expected = number(cell);
                double tol = tolerance(expected, digits, scale);
                String label = name + "[" + i + "][" + j + "]";
                checks.add(DynamicTest.dynamicTest(label, () -> assertThat(computed[ii][jj]).as(label)
                        .isCloseTo(expected, org.assertj.core.api.Assertions.within(tol))));
            }
        }
    }

    private int networks(List<String> lines) {
        int inputsLine = indexOf(lines, "The inputs are", 0);
        Matcher xm = Pattern.compile("x([₁₂₃]) = \\(([^)]*)\\)").matcher(paragraph(lines, inputsLine));
        List<double[]> inputs = new ArrayList<>();
        while (xm.find()) {
            inputs.add(vector(xm.group(2)));
        }
        if (inputs.size() != 3) {
            throw new IllegalStateException("expected three inputs: " + lines.get(inputsLine));
        }
        int count = 0;
        Pattern heading = Pattern.compile("^\\*\\*([A-Z])\\. (.*)\\*\\*$");
        Pattern standard = Pattern.compile(
                "^\\*\\*Standard parameterization\\.\\*\\* (.*), with x₃ replaced by \\(([^)]*)\\)\\.$");
        for (int i = inputsLine; i < lines.size(); i++) {
            String line = lines.get(i);
            // A paragraph may wrap: join its continuation lines.
            while (line.startsWith("**") && i + 1 < lines.size() && !lines.get(i + 1).isBlank()
                    && !lines.get(i + 1).startsWith("*")) {
                line = line + " " + lines.get(++i).strip();
            }
            Matcher h = heading.matcher(line);
            Matcher s = standard.matcher(line);
            double[][] x;
            Network net;
            String name;
            if (h.matches()) {
                name = "network " + h.group(1);
                x = inputs.toArray(new double[0][]);
                net = new Network(layers(h.group(2)), Parameterization.NTK);
            } else if (s.matches()) {
                name = "standard parameterization";
                x = new double[][] {inputs.get(0), inputs.get(1), vector(s.group(2))};
                net = new Network(layers(s.group(1)), Parameterization.STANDARD);
            } else {
                if (line.startsWith("**")) {
                    throw new IllegalStateException("unrecognised network heading: " + line);
                }
                continue;
            }
            KernelMatrices k = new InfiniteWidthKernel(net).gram(x);
            int matrices = 0;
            int j = i + 1;
            for (; j < lines.size() && !lines.get(j).startsWith("**"); j++) {
                String bullet = lines.get(j);
                if (!bullet.contains("[[")) {
                    continue;
                }
                Matcher b = Pattern.compile("^\\* ((?:NNGP|NTK)(?: = (?:NNGP|NTK))*) = (\\[\\[.*\\]\\])$").matcher(bullet);
                if (!b.matches()) {
                    throw new IllegalStateException("cannot read matrix line: " + bullet);
                }
                String[][] ref = matrix(b.group(2));
                for (String which : b.group(1).split(" = ")) {
                    checkMatrix(name + " " + which, which.equals("NNGP") ? k.nngp() : k.ntk(), ref);
                    matrices++;
                }
            }
            if (matrices != 2) {
                throw new IllegalStateException(name + ": expected an NNGP and an NTK matrix, read " + matrices);
            }
            count++;
            i = j - 1;
        }
        return count;
    }

    // ---- the parser itself -----------------------------------------------------------------------------------

    @org.junit.jupiter.api.Test
    void parserReadsNamesNumbersAndDigits() {
        assertThat(specOf("Rbf(γ=1)")).isEqualTo("rbf(1)");
        assertThat(specOf("Gaussian(1,−1)")).isEqualTo("gaussian(1,-1)");
        assertThat(specOf("Hermite(3) (valid only at q = 1)")).isEqualTo("hermite(3)");
        assertThat(specOf("Polynomial(coef = [−0.1, 2.1, 0]), one of NT's test sets")).isEqualTo("polynomial(-0.1,2.1,0)");
        assertThat(specOf("Polynomial(as above)")).isEqualTo("polynomial(-0.1,2.1,0)");
        assertThat(number("√2")).isEqualTo(Math.sqrt(2));
        assertThat(number("−0.5")).isEqualTo(-0.5);
        assertThat(significantDigits("0.05449889052")).isEqualTo(10);
        assertThat(significantDigits("−57.23")).isEqualTo(4);
        assertThat(tolerance(0.5, 10, 0.5)).isEqualTo(0.5e-10, org.assertj.core.api.Assertions.within(1e-25));
        assertThat(Arrays.asList("Tanh", "Exp(2,1)", "Foo(1)")).allSatisfy(bad ->
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> specOf(bad))
                        .isInstanceOf(IllegalStateException.class));
    }
}
