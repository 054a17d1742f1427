package org.ntk4j.cli;

import java.util.ArrayList;
import java.util.List;

/** Reads matrices and numbers back out of the commands' JSON, independently of the writer (test helper). */
final class JsonText {

    private JsonText() {
    }

    /** The matrix under {@code "key": [[...], ...]}, or null when the key is absent. */
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

    /** The number under {@code "key": value} (first occurrence). */
    static double number(String json, String key) {
        int at = json.indexOf("\"" + key + "\": ") + key.length() + 4;
        int end = at;
        while (end < json.length() && "0123456789.eE+-".indexOf(json.charAt(end)) >= 0) {
            end++;
        }
        return Double.parseDouble(json.substring(at, end));
    }
}
