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
        if (t instanceof BadInputException || t instanceof CommandLine.ParameterException || oom(t) != null) {
            return BAD_INPUT;
        }
        return FAILURE;
    }

    /** The {@code OutOfMemoryError} in {@code t}'s causes (a worker thread's, wrapped), or null. */
    static OutOfMemoryError oom(Throwable t) {
        for (int depth = 0; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof OutOfMemoryError e) {
                return e;
            }
        }
        return null;
    }

    /**
     * The one line for an {@code OutOfMemoryError}: what ran out (the JVM's words: "Java heap space",
     * "Direct buffer memory" …), the heap's size, the command's input files as given (one of them was
     * too big for it), and how to give Java more.
     */
    static String outOfMemory(OutOfMemoryError e, String[] args) {
        java.util.List<String> files = new java.util.ArrayList<>();
        for (String a : args == null ? new String[0] : args) {
            String f = a.startsWith("@") ? a.substring(1) : a;
            try {
                if (!a.startsWith("-") && java.nio.file.Files.exists(java.nio.file.Path.of(f))) {
                    files.add(dev.seamline.core.io.Printable.escape(a));
                }
            } catch (RuntimeException ignored) {
                // not a path
            }
        }
        String what = e.getMessage() == null || e.getMessage().isBlank() ? "memory" : e.getMessage();
        return String.format(java.util.Locale.ROOT, "out of memory (%s, with a %.1f GB heap): ", what,
                Runtime.getRuntime().maxMemory() / (double) (1L << 30))
                + (files.isEmpty() ? "the input is" : "an input of " + String.join(", ", files) + " is")
                + " too big for this heap; give Java more (SEAMLINE_JAVA_OPTS=-Xmx8g) or split the input";
    }

    /**
     * Prints an exception that ended a command as one line ({@code seamline: <message>}), with the
     * stack trace only under {@code --verbose}, and returns its exit code.
     */
    static final class ExceptionHandler implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
            return report(ex, cl.getErr(), CommonOptions.verbose(parsed),
                    parsed == null ? null : parsed.originalArgs().toArray(String[]::new));
        }
    }

    /**
     * What {@link ExceptionHandler} does, for a command run without picocli ({@link EvalFastPath}):
     * prints {@code ex} as one line on {@code err} (the stack trace only when {@code verbose}) and
     * returns its exit code; {@code args} are the command line, for an out-of-memory message.
     */
    static int report(Exception ex, PrintWriter err, boolean verbose, String[] args) {
        OutOfMemoryError oom = oom(ex);
        if (oom != null) {
            err.println("seamline: " + outOfMemory(oom, args));
            err.flush();
            return BAD_INPUT;
        }
        String message = ex.getMessage();
        if (!(ex instanceof SeamlineException) || message == null || message.isBlank()) {
            message = ex.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        }
        err.println("seamline: " + message.lines().findFirst().orElse(message));
        if (verbose) {
            ex.printStackTrace(err);
        } else if (!(ex instanceof SeamlineException)) {
            err.println("seamline: (run again with --verbose for the stack trace)");
        }
        err.flush();
        return of(ex);
    }
}
