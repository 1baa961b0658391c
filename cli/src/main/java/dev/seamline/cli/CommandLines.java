package dev.seamline.cli;

import java.io.PrintWriter;
import java.util.logging.Level;
import picocli.CommandLine;

/**
 * Builds and runs picocli's command line for {@link Main}. Kept out of {@code Main} so that a run
 * that does not need picocli ({@link EvalFastPath}) does not load its classes either: verifying a
 * class loads the types its methods hand to each other.
 */
final class CommandLines {

    private CommandLines() {
    }

    /** Parses and runs {@code args}, returning the exit code (picocli's {@code execute}). */
    static int execute(PrintWriter out, PrintWriter err, String[] args) {
        return of(out, err, args.length > 0 ? args[0] : null).execute(args);
    }

    /**
     * The configured command line, writing to the given writers, with only subcommand {@code first}
     * when that is one's name (what a run of it parses the same), else with all of them
     * ({@code --help}, a misspelt name, an option first, or null).
     */
    static CommandLine of(PrintWriter out, PrintWriter err, String first) {
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
            Main.SIS_LOG.setLevel(CommonOptions.verbose(parsed) ? null : Level.SEVERE);
            return runLast.execute(parsed);
        });
        return cl;
    }
}
