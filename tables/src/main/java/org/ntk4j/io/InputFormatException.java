package org.ntk4j.io;

/** A data file that cannot be read as a matrix; the message names the file and the problem, on one line. */
public class InputFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InputFormatException(String message) {
        super(message);
    }
}
