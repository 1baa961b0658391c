package dev.seamline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Options every subcommand takes; mixed in with {@code @Mixin}. */
public final class CommonOptions {

    @Option(names = "--verbose", description = "Print stack traces and debug detail.")
    boolean verbose;

    /** True when the user asked for stack traces and detail. */
    public boolean verbose() {
        return verbose;
    }

    /** True when the command line parsed into {@code parsed} gives {@code --verbose} to its (sub)command. */
    static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
