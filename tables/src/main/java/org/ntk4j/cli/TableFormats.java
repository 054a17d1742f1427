package org.ntk4j.cli;

/** The table formats of {@link org.ntk4j.tables.Table#render}. */
final class TableFormats {

    private TableFormats() {
    }

    static boolean isTable(String f) {
        return switch (f) {
            case "table", "text", "markdown", "md", "csv", "latex", "tex" -> true;
            default -> false;
        };
    }
}
