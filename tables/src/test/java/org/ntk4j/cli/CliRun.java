package org.ntk4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the ntk4j command line in-process and captures its exit status, stdout and stderr (test fixture). */
public record CliRun(int status, String out, String err) {

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(status, out.toString(), err.toString());
    }

    /** The stderr text has exactly one non-empty line and no stack trace. */
    public boolean oneLineError() {
        String e = err.strip();
        return !e.isEmpty() && !e.contains("\n") && !e.contains("\tat ") && !e.contains("Exception");
    }
}
