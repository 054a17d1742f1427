package org.ntk4j.io;

/** Minimal JSON text helpers: numbers that round-trip a double and escaped strings. */
public final class Json {

    private Json() {
    }

    /** A JSON number that parses back to exactly {@code v}; non-finite values are refused (JSON has none). */
    public static String number(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("cannot write the non-finite value " + v + " as JSON");
        }
        return Double.toString(v);
    }

    public static String string(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
