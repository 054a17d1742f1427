package org.ntk4j.activation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The catalogue of activations by name, and the parser of activation specs such as {@code relu},
 * {@code leaky_relu(0.2)}, {@code monomial(3)} or {@code expr:x*tanh(log(1+exp(x)))}.
 */
public final class Activations {

    /** A named activation family: its parameter names and how to build one from parameter values. */
    public record Entry(String name, List<String> parameters, boolean variadic, String description,
                        Function<double[], Activation> factory) {
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        // Closed-form duals.
        register("relu", "max(0, x)", p -> new Relu());
        register("erf", "erf(x)", p -> new Erf());
        register("identity", "x", p -> new Identity());
        register("leaky_relu", "x for x > 0, alpha*x otherwise", p -> new LeakyRelu(p[0]), "alpha");
        register("abrelu", "a*min(x, 0) + b*max(x, 0)", p -> new AbRelu(p[0], p[1]), "a", "b");
        register("abs", "|x|", p -> new Abs());
        register("step", "1 for x > 0, 0 otherwise", p -> new Step());
        register("sign", "sign(x)", p -> new Sign());
        register("gelu", "x*Phi(x), Phi the standard normal CDF", p -> new Gelu());
        register("sin", "sin(x)", p -> new Sin());
        register("cos", "cos(x)", p -> new Cos());
        register("exp", "exp(x)", p -> new Exp());
        register("rbf", "sqrt(2)*sin(sqrt(2*gamma)*x + pi/4), NNGP exp(-gamma*|u - v|^2)", p -> new Rbf(p[0]),
                "gamma");
        register("monomial", "x^n", p -> new Monomial(Activations.integerParameter("monomial", p[0], 0)), "n");
        register("rectified_monomial", "max(0, x)^n",
                p -> new RectifiedMonomial(Activations.integerParameter("rectified_monomial", p[0], 0)), "n");
        registerVariadic("polynomial", "c0 + c1*x + c2*x^2 + ...", Polynomial::new, "c0, c1, ...");
        register("gaussian", "a*exp(b*x^2)", p -> new Gaussian(p[0], p[1]), "a", "b");
        register("gabor", "exp(-x^2)*sin(x)", p -> new Gabor());
        register("hermite", "He_n(x)/sqrt(n!), normalised probabilists' Hermite",
                p -> new Hermite(Activations.integerParameter("hermite", p[0], 0)), "n");

        // Duals by numerical integration.
        register("tanh", "tanh(x)", p -> new Tanh());
        register("sigmoid", "logistic 1/(1 + e^-x)", p -> new Sigmoid());
        register("softplus", "log(1 + e^x)", p -> new Softplus());
        register("silu", "x·sigmoid(x)", p -> new Silu());
        register("swish", "x·sigmoid(x) (alias of silu)", p -> new Silu());
        register("elu", "x for x > 0, alpha·(e^x − 1) otherwise", p -> new Elu(p[0]), "alpha");
        register("mish", "x·tanh(softplus(x))", p -> new Mish());
        register("relu6", "min(max(0, x), 6)", p -> new Relu6());
    }

    private Activations() {
    }

    private static void register(String name, String description, Function<double[], Activation> factory,
                                 String... parameters) {
        ENTRIES.put(name, new Entry(name, List.of(parameters), false, description, factory));
    }

    /** A family whose parameter list has any length ≥ 1, e.g. {@code polynomial(c0, c1, ...)}. */
    private static void registerVariadic(String name, String description, Function<double[], Activation> factory,
                                         String parameter) {
        ENTRIES.put(name, new Entry(name, List.of(parameter), true, description, factory));
    }

    /** Every registered family, in catalogue order (the CLI's help lists them). */
    public static List<Entry> catalogue() {
        return Collections.unmodifiableList(new ArrayList<>(ENTRIES.values()));
    }

    /**
     * Parses an activation spec. Names are case-insensitive; parameters are decimal numbers in parentheses,
     * separated by commas; {@code expr:...} defines an activation by an expression in x.
     *
     * @throws IllegalArgumentException with a one-line message naming the problem
     */
    public static Activation parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty activation name");
        }
        String s = spec.strip();
        if (s.regionMatches(true, 0, "expr:", 0, 5)) {
            return parseExpression(s.substring(5));
        }
        String name = s;
        double[] params = new double[0];
        int open = s.indexOf('(');
        if (open >= 0) {
            if (!s.endsWith(")")) {
                throw new IllegalArgumentException("activation '" + spec + "': missing ')'");
            }
            name = s.substring(0, open).strip();
            String inner = s.substring(open + 1, s.length() - 1).strip();
            params = inner.isEmpty() ? new double[0] : parseNumbers(spec, inner.split(",", -1));
        }
        Entry entry = ENTRIES.get(name.toLowerCase(Locale.ROOT));
        if (entry == null) {
            throw new IllegalArgumentException("unknown activation '" + name + "' (known: "
                    + String.join(", ", ENTRIES.keySet()) + ", expr:...)");
        }
        boolean countOk = entry.variadic() ? params.length >= 1 : params.length == entry.parameters().size();
        if (!countOk) {
            String expected = entry.variadic() ? "at least one parameter"
                    : entry.parameters().isEmpty() ? "no parameters"
                    : entry.parameters().size() + " parameter(s) (" + String.join(", ", entry.parameters()) + ")";
            throw new IllegalArgumentException("activation '" + entry.name() + "' takes " + expected
                    + ", got " + params.length);
        }
        return entry.factory().apply(params);
    }

    private static double[] parseNumbers(String spec, String[] parts) {
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            try {
                out[i] = Double.parseDouble(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("activation '" + spec + "': parameter '" + p + "' is not a number");
            }
            if (!Double.isFinite(out[i])) {
                throw new IllegalArgumentException("activation '" + spec + "': parameter '" + p + "' is not finite");
            }
        }
        return out;
    }

    private static Activation parseExpression(String source) {
        return org.ntk4j.activation.expression.ExpressionActivation.parse(source);
    }

    /** Requires an integer parameter (degrees of monomials), with a one-line message otherwise. */
    static int integerParameter(String name, double value, int min) {
        if (value != Math.rint(value) || value < min || value > 1000) {
            throw new IllegalArgumentException("activation '" + name + "': degree must be an integer in ["
                    + min + ", 1000], got " + value);
        }
        return (int) value;
    }
}
