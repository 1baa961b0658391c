package dev.seamline.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level {@code seamline} command; it only dispatches to its subcommands. */
@Command(name = "seamline",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Finds objects in very large georeferenced scenes: streams tiles through a detector, "
                + "merges across seams, georeferences exactly, writes GIS and competition formats, and scores "
                + "them with the competitions' own metrics.",
        subcommands = {
            DemoCommand.class,
            DetectCommand.class,
            SparkCommand.class,
            EvalCommand.class,
            InfoCommand.class,
            LoopCommand.class,
            BenchCommand.class,
            SynthCommand.class,
            TrainCommand.class,
        })
public final class SeamlineCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required (see seamline --help)");
    }
}
