package dev.seamline.core;

/**
 * A failure Seamline reports to its user in one line: the message says what was expected and what
 * was found, and names the file when there is one. Thrown at I/O and model boundaries, wrapping the
 * cause. The command line maps it to exit code 1 (and {@link BadInputException} to 2).
 */
public class SeamlineException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A failure with a one-line message. */
    public SeamlineException(String message) {
        super(message);
    }

    /** A failure with a one-line message and its cause. */
    public SeamlineException(String message, Throwable cause) {
        super(message, cause);
    }
}
