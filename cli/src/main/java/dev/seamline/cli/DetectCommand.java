package dev.seamline.cli;

import dev.seamline.core.BadInputException;
import dev.seamline.core.SeamlineException;
import dev.seamline.detector.ModelBundle;
import dev.seamline.pipeline.DetectOptions;
import dev.seamline.pipeline.Preset;
import dev.seamline.pipeline.RunStoppedException;
import dev.seamline.pipeline.RunSummary;
import dev.seamline.pipeline.SceneResult;
import dev.seamline.pipeline.Seamline;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code seamline detect}: whole scenes through the detector into GIS and competition outputs.
 * Options come from {@code --config} (a YAML preset; default {@code default}), then the flags.
 */
@Command(name = "detect", description = {
    "Detect objects in whole scenes: tiles stream through the model, detections merge across tile seams and are "
            + "written georeferenced.",
    "SCENE may be a file, a folder (its .tif/.tiff/.png/.jpg/.jpeg files), a glob such as 'data/*.tif' (an existing file is taken "
            + "as a file first), an http(s):// URL of a GeoTIFF/COG (read by range requests), or @list.txt (one path "
            + "or URL per line, spaces kept)."})
final class DetectCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SCENE", description = "Scenes to process.")
    List<String> scenes;

    @Mixin
    ModelMixin model;

    @Mixin
    TilingMixin tiling;

    @Mixin
    RuntimeMixin runtime;

    @Mixin
    OutputMixin output;

    @Option(names = "--config", paramLabel = "FILE|NAME", defaultValue = "default",
            description = "YAML preset: a file, or one of default, xview, dota, spacenet, safe-passage (default: ${DEFAULT-VALUE}).")
    String config;

    @Option(names = "--merge", paramLabel = "nms|soft-nms|wbf|nmm", description = "How overlapping detections merge.")
    String merge;

    @Option(names = "--resume", description = "Continue an interrupted run in the same output folder.")
    boolean resume;

    @Option(names = "--coco-gt", paramLabel = "FILE", description = "COCO ground truth whose image ids (by file_name) the COCO output uses.")
    Path cocoGt;

    @Option(names = "--one-scene-at-a-time", description = "Run the scenes one after another, each batch within one "
            + "scene, instead of one tile stream across them (the same outputs; the stream's baseline).")
    boolean oneSceneAtATime;

    @Override
    public Integer call() throws SeamlineException {
        PrintWriter err = spec.commandLine().getErr();
        DetectOptions options = options();
        List<Path> files = expand(scenes);
        ModelBundle bundle = model.loadOrBuiltin();
        Map<String, Long> ids = cocoGt == null ? Map.of() : Seamline.cocoImageIds(cocoGt);
        ConsoleProgress progress = ConsoleProgress.forConsole(err);
        try (StopOnSignal signals = StopOnSignal.install()) {
            RunSummary summary;
            try {
                summary = Seamline.detect(files, bundle, options, output.out(),
                        new Seamline.RunControl(resume, ids, signals.signal()), progress);
            } catch (RunStoppedException e) {
                // printed before the shutdown hook is released (closing), so that it is out before the JVM exits
                progress.endLine();
                err.println("seamline: " + e.getMessage());
                err.flush();
                return signals.exitCode();
            }
            return report(summary, err, output.out());
        }
    }

    /** Prints the failures and returns the exit code: 0, 2 when every failure was bad input, else 1. */
    static int report(RunSummary summary, PrintWriter err, Path out) {
        List<SceneResult> failed = summary.failures();
        int done = summary.scenes().size() - failed.size();
        err.printf("seamline: %d of %d scene(s) done in %.1f s; outputs in %s%n", done, summary.scenes().size(),
                summary.seconds(), out);
        for (SceneResult f : failed) {
            err.println("seamline: failed: " + f.scene() + ": " + f.error());
        }
        err.flush();
        if (failed.isEmpty()) {
            return ExitCodes.OK;
        }
        return failed.stream().allMatch(f -> f.status() == SceneResult.Status.BAD_INPUT) ? ExitCodes.BAD_INPUT
                : ExitCodes.FAILURE;
    }

    /** The preset's options with the flags given: every value parsed and checked here, before anything runs. */
    private DetectOptions options() throws BadInputException {
        DetectOptions o = options(config, tiling, merge, runtime, output);
        return oneSceneAtATime ? o.withRuntime(o.runtime().withSceneStream(false)) : o;
    }

    /** The preset's options with the flags given ({@code detect}'s and {@code spark}'s, one rule). */
    static DetectOptions options(String config, TilingMixin tiling, String merge, RuntimeMixin runtime,
            OutputMixin output) throws BadInputException {
        DetectOptions o = Preset.load(config).applyTo(DetectOptions.defaults());
        try {
            return new DetectOptions(tiling.over(o.tiling()), merge != null ? o.merge().withMethod(merge) : o.merge(),
                    runtime.over(o.runtime()), output.over(o.outputs()));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** Files, folders (their .tif/.tiff/.png/.jpg/.jpeg), globs and @lists, in the order given, without duplicates ({@link SceneArguments}). */
    static List<Path> expand(List<String> args) throws BadInputException {
        return SceneArguments.expand(args);
    }
}
