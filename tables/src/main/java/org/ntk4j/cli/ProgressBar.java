package org.ntk4j.cli;

import java.io.PrintStream;

/**
 * A progress bar on stderr for long work: redrawn in place on a terminal, plain "label: 40% (4/10)" lines at most
 * every 10% otherwise (so logs stay readable). Nothing is shown for work that finishes within the first two
 * seconds, so commands can attach a bar whenever work might be long. Work in phases ({@link #phase}) shows one
 * line per phase. On a terminal the bar is also redrawn every second while no step comes, so that its elapsed
 * time shows a slow step is still running. Thread-safe; {@link #close()} finishes the line.
 */
public final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 30;
    private static final long QUIET_NANOS = 2_000_000_000L;

    private String label;
    private long total;
    private final PrintStream err;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    /** When the current phase began: its rate, and so the estimate of the time left, counts from there. */
    private long phaseStartNanos = startNanos;
    private long done;
    private int lastDecile = -1;
    private long lastDrawNanos;
    private boolean closed;
    private boolean shown;
    private final long quietNanos;
    /** Redraws a terminal bar every second (see the class comment); null elsewhere. */
    private final Thread heartbeat;

    public ProgressBar(String label, long total) {
        this(label, total, System.err, System.console() != null && System.getenv("CI") == null, QUIET_NANOS);
    }

    ProgressBar(String label, long total, PrintStream err, boolean terminal, long quietNanos) {
        this.label = label;
        this.total = Math.max(total, 1);
        this.err = err;
        this.terminal = terminal;
        this.quietNanos = quietNanos;
        this.heartbeat = terminal ? startHeartbeat() : null;
    }

    private Thread startHeartbeat() {
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(1000);
                    tick();
                }
            } catch (InterruptedException closed) {
                // close() ends the heartbeat.
            }
        }, "progress bar");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The heartbeat's redraw: the same line with the elapsed time brought up to date. */
    synchronized void tick() {
        if (!closed && terminal) {
            draw(false);
        }
    }

    /**
     * Ends the current phase (its line stays, complete or not) and starts the next one with its own label and total.
     * Once a phase has been shown, the following ones are shown from their start; otherwise the two quiet
     * seconds count from the bar's creation.
     */
    public synchronized void phase(String nextLabel, long nextTotal) {
        if (closed) {
            return;
        }
        if (shown) {
            if (terminal) {
                draw(true);
                err.println();
            }
            err.flush();
        }
        label = nextLabel;
        phaseStartNanos = System.nanoTime();
        total = Math.max(nextTotal, 1);
        done = 0;
        lastDecile = -1;
        lastDrawNanos = 0;
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
            double inPhase = (now - phaseStartNanos) / 1e9;
            String eta = done > 0 && done < total ? String.format(" eta %.0fs", inPhase * (total - done) / done) : "";
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
        if (heartbeat != null) {
            heartbeat.interrupt();
        }
        if (terminal && shown) {
            draw(true);
            err.println();
            err.flush();
        }
    }
}
