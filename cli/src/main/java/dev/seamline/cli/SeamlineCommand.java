package dev.seamline.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
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
                + "them with the competitions' own metrics.")
public final class SeamlineCommand implements Runnable {

    /**
     * The subcommands by name, in {@code --help}'s order. {@link CommandLines} adds them itself rather than
     * through {@code @Command(subcommands = ...)}, so that a run of one builds picocli's model of that
     * one only (the model of all of them is ~0.1 s of an eval's start, docs/benchmarks.md "Evaluation").
     */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required (see seamline --help)");
    }

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("demo", DemoCommand.class);
        m.put("detect", DetectCommand.class);
        m.put("spark", SparkCommand.class);
        m.put("eval", EvalCommand.class);
        m.put("info", InfoCommand.class);
        m.put("loop", LoopCommand.class);
        m.put("bench", BenchCommand.class);
        m.put("synth", SynthCommand.class);
        m.put("train", TrainCommand.class);
        return Collections.unmodifiableMap(m);
    }
}
