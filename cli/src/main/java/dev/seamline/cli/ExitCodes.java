package dev.seamline.cli;

import dev.seamline.core.BadInputException;
import dev.seamline.core.SeamlineException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The exit codes of {@code seamline}, mapped from exceptions in this one place:
 * {@value #OK} success, {@value #FAILURE} failure, {@value #BAD_INPUT} bad input or usage.
 */
public final class ExitCodes {

    /** Success. */
    public static final int OK = 0;
    /** The work failed (I/O error, a bug, an unexpected state). */
    public static final int FAILURE = 1;
    /** The user's input or command line is wrong: a bad file, an unknown option. */
    public static final int BAD_INPUT = 2;

    private ExitCodes() {
    }

    /** The exit code for an exception that ended a command. */
    public static int of(Throwable t) {
        if (t instanceof BadInputException || t instanceof CommandLine.ParameterException) {
            return BAD_INPUT;
        }
        return FAILURE;
    }

    /**
     * Prints an exception that ended a command as one line ({@code seamline: <message>}), with the
     * stack trace only under {@code --verbose}, and returns its exit code.
     */
    static final class ExceptionHandler implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
            PrintWriter err = cl.getErr();
            String message = ex.getMessage();
            if (!(ex instanceof SeamlineException) || message == null || message.isBlank()) {
                message = ex.getClass().getSimpleName() + (message == null ? "" : ": " + message);
            }
            err.println("seamline: " + message.lines().findFirst().orElse(message));
            if (CommonOptions.verbose(parsed)) {
                ex.printStackTrace(err);
            } else if (!(ex instanceof SeamlineException)) {
                err.println("seamline: (run again with --verbose for the stack trace)");
            }
            err.flush();
            return of(ex);
        }
    }
}
