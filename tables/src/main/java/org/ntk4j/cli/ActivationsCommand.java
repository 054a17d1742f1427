package org.ntk4j.cli;

import java.util.Arrays;
import org.ntk4j.activation.Activation;
import org.ntk4j.activation.Activations;
import org.ntk4j.activation.QuadratureActivation;
import org.ntk4j.tables.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ntk4j activations}: the activation catalogue, with parameters and how each dual is computed. */
@Command(name = "activations", mixinStandardHelpOptions = true,
        description = "List the activations --activation accepts, their parameters, and how their duals are computed.")
public final class ActivationsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--format", paramLabel = "table|markdown|csv", defaultValue = "table",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public void run() {
        Table table = new Table(null, "name", "parameters", "φ(x)", "dual");
        for (Activations.Entry e : Activations.catalogue()) {
            String params = e.variadic() ? e.parameters().get(0) + ", ..." : String.join(", ", e.parameters());
            table.addRow(e.name(), params, e.description(), dualKind(e));
        }
        table.addRow("expr:<expression>", "", "any expression in x, e.g. expr:x*tanh(log(1+exp(x)))",
                "quadrature (exact if piecewise linear; a*min(x,0)+b*max(x,0) takes abrelu's closed form), "
                        + "φ' by automatic differentiation");
        String f = format.strip().toLowerCase(java.util.Locale.ROOT);
        if (!Arrays.asList("table", "text", "markdown", "csv").contains(f)) {
            throw new UsageException("--format must be table, markdown or csv, got '" + format + "'");
        }
        spec.commandLine().getOut().print(table.render(f));
        spec.commandLine().getOut().flush();
    }

    /** Builds one member of the family with harmless parameters to ask how its dual is computed. */
    private static String dualKind(Activations.Entry e) {
        double[] params = new double[e.variadic() ? 2 : e.parameters().size()];
        Arrays.fill(params, 1.0);
        try {
            Activation a = e.factory().apply(params);
            // A closed form first: a piecewise-linear activation may also have one (an expression that is a
            // two-slope ReLU), and then that is what computes its duals.
            if (a.hasClosedFormDual()) {
                return a.preciseDual().isPresent() ? "closed form (arbitrary precision)" : "closed form";
            }
            if (a instanceof QuadratureActivation q && q.isPiecewiseLinear()) {
                return "exact (piecewise linear: bivariate normal orthants)";
            }
            return "quadrature";
        } catch (IllegalArgumentException ex) {
            return "";
        }
    }
}
