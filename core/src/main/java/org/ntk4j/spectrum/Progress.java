package org.ntk4j.spectrum;

/** Progress of a long spectrum computation (the CLI draws a progress bar from it). Implementations are thread-safe. */
public interface Progress {

    /** A phase of {@code total} units begins (e.g. kernel evaluations at one working precision). */
    void start(String phase, long total);

    /** {@code n} more units of the current phase are done. */
    void advance(long n);

    /** The current phase is over. */
    default void finish() {
    }

    Progress NONE = new Progress() {
        @Override
        public void start(String phase, long total) {
        }

        @Override
        public void advance(long n) {
        }
    };
}
