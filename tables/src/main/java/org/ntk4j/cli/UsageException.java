package org.ntk4j.cli;

/** Bad input from the user (options, files, values): reported as one line on stderr with exit status 2. */
public class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
