package org.ntk4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SpectrumCommandTest {

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(status, out.toString(), err.toString());
    }

    private static String[] array(String json, String kernel, String field) {
        Matcher m = Pattern.compile("\"" + kernel + "\": \\{.*?\"" + field + "\": \\[([^\\]]*)\\]").matcher(json);
        assertThat(m.find()).as(field + " of " + kernel).isTrue();
        return m.group(1).split(", ");
    }

    @Test
    void jsonHasTheDocumentedShape() {
        Run r = run("spectrum", "--activation", "relu", "--depth", "1", "--weight-var", "2", "--bias-var", "0",
                "--dim", "10", "--format", "json");
        assertThat(r.status()).as(r.err()).isZero();
        String json = r.out().strip();
        assertThat(json).startsWith("{\"dim\": 10, \"depth\": 1,").contains("\"kernels\": {\"nngp\": {\"mu\": [")
                .contains("\"ntk\": {\"mu\": [").contains("\"kernel_at_one\": 2").contains("\"max_learning_rate\": ")
                .doesNotContain("unresolved_from").endsWith("}}");
        for (String kernel : new String[] {"nngp", "ntk"}) {
            String[] mu = array(json, kernel, "mu");
            String[] fv = array(json, kernel, "fractional_variance");
            assertThat(mu).hasSize(11);
            BigDecimal sum = BigDecimal.ZERO;
            BigInteger binom = BigInteger.ONE;
            for (int k = 0; k <= 10; k++) {
                BigDecimal m = new BigDecimal(mu[k]);
                BigDecimal f = new BigDecimal(fv[k]);
                // fractional variance = C(d, k) μ_k/Φ(1), to 12 digits
                assertThat(f.subtract(m.multiply(new BigDecimal(binom))).abs())
                        .isLessThanOrEqualTo(f.abs().multiply(new BigDecimal("1e-11")));
                sum = sum.add(f);
                binom = binom.multiply(BigInteger.valueOf(10 - k)).divide(BigInteger.valueOf(k + 1));
            }
            assertThat(sum.subtract(BigDecimal.ONE).abs()).isLessThan(new BigDecimal("1e-10"));
            // Depth-1 ReLU with zero bias: odd degrees >= 3 are exactly zero.
            assertThat(mu[3]).isEqualTo("0");
            assertThat(mu[5]).isEqualTo("0");
        }
    }

    @Test
    void valuesBelowTheDoubleRangeArePrintedInScientificNotation() {
        Run r = run("spectrum", "--activation", "relu", "--depth", "2", "--weight-var", "2", "--bias-var", "0",
                "--dim", "1100", "--kernel", "ntk", "--format", "json", "--digits", "6");
        assertThat(r.status()).as(r.err()).isZero();
        String[] mu = array(r.out(), "ntk", "mu");
        assertThat(mu).hasSize(1101);
        BigDecimal last = new BigDecimal(mu[1100]);
        assertThat(last.signum()).isPositive();
        assertThat(last.compareTo(new BigDecimal("1e-320"))).isLessThan(0);
        assertThat(mu[1100]).matches("\\d\\.\\d{5}E-3\\d\\d");
        assertThat(r.out()).doesNotContain("\"nngp\"");
    }

    @Test
    void unresolvedDegreesAreNullWithTheirStart() {
        // On the 3-sphere the deep ReLU NTK has kinks the quadrature cannot resolve to 8 digits from degree 2 on.(8 digits).
        Run r = run("spectrum", "--activation", "relu", "--depth", "2", "--weight-var", "2", "--bias-var", "0.1",
                "--dim", "3", "--domain", "sphere", "--max-degree", "4", "--format", "json", "--kernel", "ntk",
                "--digits", "8");
        assertThat(r.status()).as(r.err()).isZero();
        String[] mu = array(r.out(), "ntk", "mu");
        assertThat(mu).hasSize(5);
        Matcher from = Pattern.compile("\"unresolved_from\": (\\d+)").matcher(r.out());
        assertThat(from.find()).as(r.out()).isTrue();
        int k = Integer.parseInt(from.group(1));
        assertThat(k).isBetween(1, 4);
        for (int j = 0; j <= 4; j++) {
            assertThat(mu[j].equals("null")).as("degree %d", j).isEqualTo(j >= k);
        }
        assertThat(r.out()).contains("\"unresolved_reason\": \"");
    }

    @Test
    void tableListsBothKernelsSideBySide() {
        Run r = run("spectrum", "--activation", "erf", "--depth", "2", "--dim", "6", "--bias-var", "0.1");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("NNGP mu_k/K(1)").contains("NTK mu_k/K(1)").contains("NTK cumulative")
                .contains("max stable learning rate");
        assertThat(r.out().lines().filter(l -> l.matches("\\s*\\d+\\s+\\d+\\s.*")).count()).isEqualTo(7);
    }

    @Test
    void badOptionsGiveOneLineAndStatusTwo() {
        String[][] bad = {
                {"spectrum", "--activation", "relu", "--depth", "2", "--dim", "0"},
                {"spectrum", "--activation", "relu", "--depth", "2", "--dim", "8", "--format", "xml"},
                {"spectrum", "--activation", "relu", "--depth", "2", "--dim", "8", "--kernel", "cnn"},
                {"spectrum", "--activation", "relu", "--depth", "2", "--dim", "8", "--domain", "torus"},
                {"spectrum", "--activation", "relu", "--depth", "2", "--dim", "8", "--digits", "0"},
                {"spectrum", "--activation", "relu", "--depth", "2", "--dim", "8", "--max-degree", "-1"},
                {"spectrum", "--activation", "relu", "--depth", "2", "--dim", "1", "--domain", "sphere"},
                {"spectrum", "--activation", "nope", "--depth", "2", "--dim", "8"},
                {"spectrum", "--activation", "relu", "--depth", "2"},
        };
        for (String[] args : bad) {
            Run r = run(args);
            assertThat(r.status()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
        }
    }
}
