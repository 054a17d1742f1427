package org.ntk4j.cli;

/**
 * A computation that cannot deliver a trustworthy result (a kernel that overflows the double range, a singular
 * system): reported as one line on stderr with exit status 1, and nothing is printed or written.
 */
public class ComputationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ComputationException(String message) {
        super(message);
    }
}
