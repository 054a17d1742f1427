package org.ntk4j.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ntk4j} command. Every failure is one line on stderr: exit status 2 for bad input (options, files,
 * values), 1 for a result that cannot be computed; a stack trace only with {@code NTK4J_DEBUG=1}.
 */
@Command(name = "ntk4j", mixinStandardHelpOptions = true, version = "ntk4j 0.1.0",
        description = "Infinite-width NNGP/NTK kernels of fully-connected networks, their spectra, "
                + "and finite-width comparisons.",
        subcommands = {
                KernelCommand.class,
                ActivationsCommand.class,
                EmpiricalCommand.class,
                ConvergeCommand.class,
                PredictCommand.class,
                TrainCommand.class,
                LazyCommand.class,
                SpectrumCommand.class,
                TablesCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class Main implements Runnable {

    public static final int EXIT_USAGE = 2;
    public static final int EXIT_FAILURE = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (kernel, ...); see --help");
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit status (for tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("ntk4j: out of memory (raise the heap with NTK4J_JAVA_OPTS=-Xmx...)");
            err.flush();
            return EXIT_FAILURE;
        }
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler((ex, args) -> {
            String name = ex.getCommandLine().getCommandSpec().qualifiedName();
            ex.getCommandLine().getErr().println(name + ": " + oneLine(ex.getMessage()) + " (see --help)");
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            String name = commandLine.getCommandSpec().qualifiedName();
            if (System.getenv("NTK4J_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            if (ex instanceof UsageException || ex instanceof IllegalArgumentException) {
                err.println(name + ": " + oneLine(ex.getMessage()));
                return EXIT_USAGE;
            }
            if (ex instanceof ComputationException || ex instanceof ArithmeticException) {
                err.println(name + ": " + oneLine(ex.getMessage()));
                return EXIT_FAILURE;
            }
            err.println(name + ": internal error: " + oneLine(String.valueOf(ex))
                    + " (set NTK4J_DEBUG=1 for the stack trace)");
            return EXIT_FAILURE;
        });
        return cli;
    }

    static String oneLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        return message.replaceAll("\\s*[\\r\\n]+\\s*", "; ").strip();
    }
}
