package org.ntk4j.tables;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A table of already-formatted cells with a header, rendered as Markdown, CSV, LaTeX (booktabs) or aligned plain
 * text. Numbers are formatted by the caller, so each table decides its own precision.
 */
public final class Table {

    private final String caption;
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String caption, List<String> header) {
        this.caption = caption;
        this.header = List.copyOf(header);
    }

    public Table(String caption, String... header) {
        this(caption, List.of(header));
    }

    public Table addRow(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells, header has " + header.size());
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    public Table addRow(String... cells) {
        return addRow(List.of(cells));
    }

    public String caption() {
        return caption;
    }

    public List<String> header() {
        return header;
    }

    public List<List<String>> rows() {
        return rows;
    }

    /** Renders in one of: markdown, csv, latex, text. */
    public String render(String format) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "markdown", "md" -> markdown();
            case "csv" -> csv();
            case "latex", "tex" -> latex();
            case "text", "table" -> text();
            default -> throw new IllegalArgumentException("unknown table format '" + format + "'");
        };
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder();
        if (caption != null && !caption.isEmpty()) {
            sb.append("**").append(caption).append("**\n\n");
        }
        sb.append("| ").append(String.join(" | ", header)).append(" |\n|");
        for (int i = 0; i < header.size(); i++) {
            sb.append("---|");
        }
        sb.append('\n');
        for (List<String> row : rows) {
            sb.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return sb.toString();
    }

    public String csv() {
        StringBuilder sb = new StringBuilder();
        sb.append(csvLine(header));
        for (List<String> row : rows) {
            sb.append(csvLine(row));
        }
        return sb.toString();
    }

    private static String csvLine(List<String> cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String c = cells.get(i);
            if (c.contains(",") || c.contains("\"") || c.contains("\n")) {
                sb.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(c);
            }
        }
        return sb.append('\n').toString();
    }

    public String latex() {
        StringBuilder sb = new StringBuilder();
        sb.append("\\begin{table}[ht]\n\\centering\n");
        if (caption != null && !caption.isEmpty()) {
            sb.append("\\caption{").append(latexEscape(caption)).append("}\n");
        }
        sb.append("\\begin{tabular}{").append("r".repeat(header.size())).append("}\n\\toprule\n");
        sb.append(latexLine(header)).append("\\midrule\n");
        for (List<String> row : rows) {
            sb.append(latexLine(row));
        }
        sb.append("\\bottomrule\n\\end{tabular}\n\\end{table}\n");
        return sb.toString();
    }

    private static String latexLine(List<String> cells) {
        List<String> escaped = new ArrayList<>();
        for (String c : cells) {
            escaped.add(latexEscape(c));
        }
        return String.join(" & ", escaped) + " \\\\\n";
    }

    static String latexEscape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '&', '%', '$', '#', '_', '{', '}' -> sb.append('\\').append(ch);
                case '~' -> sb.append("\\textasciitilde{}");
                case '^' -> sb.append("\\textasciicircum{}");
                case '\\' -> sb.append("\\textbackslash{}");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** Columns padded to their widest cell (numeric columns right-aligned, text left-aligned), for terminals. */
    public String text() {
        int[] width = new int[header.size()];
        boolean[] numeric = new boolean[header.size()];
        for (int i = 0; i < header.size(); i++) {
            width[i] = header.get(i).length();
            numeric[i] = !rows.isEmpty();
            for (List<String> row : rows) {
                width[i] = Math.max(width[i], row.get(i).length());
                numeric[i] &= isNumber(row.get(i));
            }
        }
        StringBuilder sb = new StringBuilder();
        if (caption != null && !caption.isEmpty()) {
            sb.append(caption).append('\n');
        }
        appendPadded(sb, header, width, numeric);
        int total = 0;
        for (int w : width) {
            total += w + 2;
        }
        sb.append("-".repeat(Math.max(0, total - 2))).append('\n');
        for (List<String> row : rows) {
            appendPadded(sb, row, width, numeric);
        }
        return sb.toString();
    }

    private static void appendPadded(StringBuilder sb, List<String> cells, int[] width, boolean[] numeric) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append("  ");
            }
            String c = cells.get(i);
            String pad = " ".repeat(width[i] - c.length());
            if (numeric[i]) {
                sb.append(pad).append(c);
            } else {
                sb.append(c).append(i + 1 < cells.size() ? pad : "");
            }
        }
        sb.append('\n');
    }

    private static boolean isNumber(String c) {
        return c.isEmpty() || c.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?%?|—|null|n/a");
    }
}
