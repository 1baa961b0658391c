package dev.seamline.cli;

import picocli.CommandLine.Option;

/** Options every subcommand takes; mixed in with {@code @Mixin}. */
public final class CommonOptions {

    @Option(names = "--verbose", description = "Print stack traces and debug detail.")
    boolean verbose;

    /** True when the user asked for stack traces and detail. */
    public boolean verbose() {
        return verbose;
    }
}
