package org.ntk4j.cli;

import java.io.PrintStream;

/**
 * A progress bar on stderr for long work: redrawn in place on a terminal, plain "label: 40% (4/10)" lines at most
 * every 10% otherwise (so logs stay readable). Nothing is shown for work that finishes within the first two
 * seconds, so commands can attach a bar whenever work might be long. Thread-safe; {@link #close()} finishes the
 * line.
 */
public final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 30;
    private static final long QUIET_NANOS = 2_000_000_000L;

    private final String label;
    private final long total;
    private final PrintStream err;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private long done;
    private int lastDecile = -1;
    private long lastDrawNanos;
    private boolean closed;
    private boolean shown;
    private final long quietNanos;

    public ProgressBar(String label, long total) {
        this(label, total, System.err, System.console() != null && System.getenv("CI") == null, QUIET_NANOS);
    }

    ProgressBar(String label, long total, PrintStream err, boolean terminal, long quietNanos) {
        this.label = label;
        this.total = Math.max(total, 1);
        this.err = err;
        this.terminal = terminal;
        this.quietNanos = quietNanos;
    }

    /** Records {@code n} more units of work done. */
    public synchronized void step(long n) {
        done = Math.min(total, done + n);
        draw(false);
    }

    public void step() {
        step(1);
    }

    private void draw(boolean last) {
        double fraction = (double) done / total;
        long now = System.nanoTime();
        if (!shown && now - startNanos < quietNanos) {
            return;
        }
        shown = true;
        if (terminal) {
            if (!last && now - lastDrawNanos < 100_000_000L && done < total) {
                return;
            }
            lastDrawNanos = now;
            int filled = (int) Math.round(fraction * WIDTH);
            double elapsed = (now - startNanos) / 1e9;
            String eta = done > 0 && done < total ? String.format(" eta %.0fs", elapsed * (total - done) / done) : "";
            err.printf("\r%s [%s%s] %3.0f%% (%d/%d) %.1fs%s  ", label, "#".repeat(filled), " ".repeat(WIDTH - filled),
                    100 * fraction, done, total, elapsed, eta);
            err.flush();
        } else {
            int decile = (int) Math.floor(fraction * 10);
            if (decile > lastDecile) {
                lastDecile = decile;
                err.printf("%s: %.0f%% (%d/%d)%n", label, 100 * fraction, done, total);
                err.flush();
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (terminal && shown) {
            draw(true);
            err.println();
            err.flush();
        }
    }
}
