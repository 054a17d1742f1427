package org.ntk4j.tables;

import java.io.IOException;

/**
 * One family of tables and figures written by {@code ntk4j tables}. Implementations are deterministic (same
 * files on every run) and register themselves as one entry of {@link TablesGenerator#GENERATORS}.
 */
public interface TableGenerator {

    /** A short name, also the prefix of every file it writes (e.g. "spectrum"). */
    String name();

    /** One line for the README of docs/tables. */
    String description();

    /** The number of {@link TablesOutput#step} calls it makes (for the progress bar). */
    default long steps() {
        return 1;
    }

    /** Writes every table and figure through {@code out}. */
    void generate(TablesOutput out) throws IOException;
}
