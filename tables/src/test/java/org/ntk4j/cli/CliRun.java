package org.ntk4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** Runs {@link Main#run} with captured streams, and reads matrices back out of its JSON (test helper). */
record CliRun(int status, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(status, out.toString(), err.toString());
    }

    /** The matrix under {@code "key": [[...], ...]} in JSON text, parsed independently of the writer. */
    static double[][] matrix(String json, String key) {
        int at = json.indexOf("\"" + key + "\": [[");
        if (at < 0) {
            return null;
        }
        int start = json.indexOf("[[", at) + 1;
        int end = json.indexOf("]]", start);
        List<double[]> rows = new ArrayList<>();
        for (String row : json.substring(start, end + 1).split("\\]\\s*,\\s*\\[")) {
            String[] parts = row.replace("[", "").replace("]", "").split(",");
            double[] r = new double[parts.length];
            for (int k = 0; k < parts.length; k++) {
                r[k] = Double.parseDouble(parts[k].strip());
            }
            rows.add(r);
        }
        return rows.toArray(new double[0][]);
    }

    /** A number under {@code "key": value} (first occurrence). */
    static double number(String json, String key) {
        int at = json.indexOf("\"" + key + "\": ") + key.length() + 4;
        int end = at;
        while (end < json.length() && "0123456789.eE+-".indexOf(json.charAt(end)) >= 0) {
            end++;
        }
        return Double.parseDouble(json.substring(at, end));
    }
}
