package org.ntk4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs {@link Main#run} with captured streams (test helper of the predict/train/lazy command tests). */
record PredictCliRun(int status, String out, String err) {

    static PredictCliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new PredictCliRun(status, out.toString(), err.toString());
    }

    static Path csv(Path dir, String name, double[][] rows) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (double[] r : rows) {
            for (int j = 0; j < r.length; j++) {
                sb.append(j > 0 ? "," : "").append(r[j]);
            }
            sb.append('\n');
        }
        return Files.writeString(dir.resolve(name), sb.toString());
    }

    static Path column(Path dir, String name, double[] v) throws IOException {
        double[][] rows = new double[v.length][];
        for (int i = 0; i < v.length; i++) {
            rows[i] = new double[] {v[i]};
        }
        return csv(dir, name, rows);
    }

    /** The numbers of a JSON array member {@code "name": [...]} of a flat JSON object. */
    static double[] jsonArray(String json, String name) {
        int start = json.indexOf("\"" + name + "\": [");
        if (start < 0) {
            throw new AssertionError("no member " + name + " in " + json);
        }
        int open = json.indexOf('[', start);
        int close = json.indexOf(']', open);
        String body = json.substring(open + 1, close).strip();
        if (body.isEmpty()) {
            return new double[0];
        }
        String[] parts = body.split(",");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Double.parseDouble(parts[i].strip());
        }
        return v;
    }

    /** A numeric member {@code "name": number} (NaN for null). */
    static double jsonNumber(String json, String name) {
        int start = json.indexOf("\"" + name + "\": ");
        if (start < 0) {
            throw new AssertionError("no member " + name + " in " + json);
        }
        int from = start + name.length() + 4;
        int to = from;
        while (to < json.length() && ",}] \n".indexOf(json.charAt(to)) < 0) {
            to++;
        }
        String s = json.substring(from, to);
        return s.equals("null") ? Double.NaN : Double.parseDouble(s);
    }
}
