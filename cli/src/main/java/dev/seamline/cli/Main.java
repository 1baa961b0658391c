package dev.seamline.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;

/** Entry point of the {@code seamline} command. */
public final class Main {

    /**
     * Apache SIS reports what it notices in a file (a missing GeoKey …) through java.util.logging,
     * as extra lines on stderr beside Seamline's own one-line message; they show with
     * {@code --verbose}. Held here because java.util.logging keeps loggers only weakly.
     */
    private static final Logger SIS_LOG = Logger.getLogger("org.apache.sis");

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
            return newCommandLine(out, err, args.length > 0 ? args[0] : null).execute(args);
        } catch (OutOfMemoryError e) {
            // thrown past picocli's handler (an Error): one line, as for any input too big
            err.println("seamline: " + ExitCodes.outOfMemory(e, args));
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
    }

    /** The configured command line, writing to the given writers. */
    public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
        return newCommandLine(out, err, null);
    }

    /**
     * The command line with only subcommand {@code first} when that is one's name (what a run of it
     * parses the same), else with all of them ({@code --help}, a misspelt name, an option first).
     */
    static CommandLine newCommandLine(PrintWriter out, PrintWriter err, String first) {
        CommandLine cl = new CommandLine(new SeamlineCommand());
        // added before the settings below, which reach only the subcommands already there
        Class<?> only = first == null ? null : SeamlineCommand.SUBCOMMANDS.get(first);
        for (var e : SeamlineCommand.SUBCOMMANDS.entrySet()) {
            if (only == null || e.getValue() == only) {
                cl.addSubcommand(e.getKey(), e.getValue());
            }
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // @list.txt is detect's own list of scenes, one path per line (SceneArguments); picocli's @-files
        // would split its lines at spaces
        cl.setExpandAtFiles(false);
        cl.setExecutionExceptionHandler(new ExitCodes.ExceptionHandler());
        cl.setExitCodeExceptionMapper(ExitCodes::of);
        // SIS's notes show under --verbose, as parsed (not searched for in the raw arguments)
        CommandLine.IExecutionStrategy runLast = new CommandLine.RunLast();
        cl.setExecutionStrategy(parsed -> {
            SIS_LOG.setLevel(CommonOptions.verbose(parsed) ? null : Level.SEVERE);
            return runLast.execute(parsed);
        });
        return cl;
    }
}
