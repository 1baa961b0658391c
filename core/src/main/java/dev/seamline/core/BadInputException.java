package dev.seamline.core;

import java.nio.file.Path;

/**
 * The user's input is wrong: a malformed or unsupported file, a bad argument, a model that does not
 * fit. The message names the file (when there is one) and the problem; the command line prints it
 * as one line and exits with code 2.
 */
public class BadInputException extends SeamlineException {

    private static final long serialVersionUID = 1L;

    /** Bad input not tied to one file (an argument, an option). */
    public BadInputException(String message) {
        super(message);
    }

    /** Bad input with its cause. */
    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A bad file: the message becomes {@code "<file>: <problem>"}. */
    public BadInputException(Path file, String problem) {
        super(file + ": " + problem);
    }

    /** A bad file, with the cause: the message becomes {@code "<file>: <problem>"}. */
    public BadInputException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
