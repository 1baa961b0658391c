package dev.seamline.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Entry point of the {@code seamline} command. Its methods name no picocli type: the launcher's look-up
 * of {@code main} resolves the types of every public method, and an eval run without picocli
 * ({@link EvalFastPath}) loads none of its classes.
 */
public final class Main {

    /**
     * Apache SIS reports what it notices in a file (a missing GeoKey …) through java.util.logging,
     * as extra lines on stderr beside Seamline's own one-line message; they show with
     * {@code --verbose}. Held here because java.util.logging keeps loggers only weakly.
     */
    static final Logger SIS_LOG = Logger.getLogger("org.apache.sis");

    private Main() {
    }

    /** Runs the command and exits the JVM with its exit code. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs the command with the given writers and returns its exit code: 0 ok, 1 failure, 2 bad
     * input or usage ({@link ExitCodes}); an {@code OutOfMemoryError} is one line saying what was too
     * big for the heap, exit code 2. Never calls {@code System.exit}.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        try {
            EvalCommand eval = EvalFastPath.parse(args);
            if (eval != null) {
                return runEval(eval, args, out, err);
            }
            return CommandLines.execute(out, err, args);
        } catch (OutOfMemoryError e) {
            // thrown past picocli's handler (an Error): one line, as for any input too big
            err.println("seamline: " + ExitCodes.outOfMemory(e, args));
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
    }

    /**
     * An eval parsed by {@link EvalFastPath}, run as picocli's {@code execute} with this class's
     * settings would run it: SIS's notes under {@code --verbose} only, an exception reported as
     * {@link ExitCodes.ExceptionHandler} reports it.
     */
    private static int runEval(EvalCommand eval, String[] args, PrintWriter out, PrintWriter err) {
        boolean verbose = eval.common.verbose();
        SIS_LOG.setLevel(verbose ? null : Level.SEVERE);
        try {
            return eval.run(out, err);
        } catch (Exception e) {
            return ExitCodes.report(e, err, verbose, args);
        }
    }
}
