package dev.seamline.cli;

import dev.seamline.core.BadInputException;
import dev.seamline.core.SeamlineException;
import dev.seamline.detector.ModelBundle;
import dev.seamline.pipeline.DetectOptions;
import dev.seamline.pipeline.Preset;
import dev.seamline.pipeline.RunSummary;
import dev.seamline.pipeline.SceneResult;
import dev.seamline.pipeline.Seamline;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
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
    "SCENE may be a file, a folder (its .tif/.tiff files), a glob such as 'data/*.tif', or @list.txt (one per line)."})
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

    @Override
    public Integer call() throws SeamlineException {
        PrintWriter err = spec.commandLine().getErr();
        DetectOptions options = options();
        List<Path> files = expand(scenes);
        ModelBundle bundle = model.loadOrBuiltin();
        Map<String, Long> ids = cocoGt == null ? Map.of() : Seamline.cocoImageIds(cocoGt);
        RunSummary summary = Seamline.detect(files, bundle, options, output.out(), new Seamline.RunControl(resume, ids),
                ConsoleProgress.forConsole(err));
        return report(summary, err, output.out());
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
        DetectOptions o = Preset.load(config).applyTo(DetectOptions.defaults());
        try {
            return new DetectOptions(tiling.over(o.tiling()), merge != null ? o.merge().withMethod(merge) : o.merge(),
                    runtime.over(o.runtime()), output.over(o.outputs()));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** Files, folders (their .tif/.tiff), and globs, in the order given, without duplicates. */
    static List<Path> expand(List<String> args) throws BadInputException {
        List<Path> out = new ArrayList<>();
        for (String a : args) {
            Path p = Path.of(a);
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.getFileName().toString().matches("(?i).*\\.tiff?$")).sorted().forEach(out::add);
                } catch (IOException e) {
                    throw new BadInputException(p, "cannot list the folder: " + e.getMessage());
                }
            } else if (a.contains("*") || a.contains("?") || a.contains("[")) {
                Path parent = p.getParent() == null ? Path.of(".") : p.getParent();
                PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + p.getFileName());
                List<Path> matched = new ArrayList<>();
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent)) {
                    for (Path f : ds) {
                        if (m.matches(f.getFileName()) && Files.isRegularFile(f)) {
                            matched.add(f);
                        }
                    }
                } catch (IOException e) {
                    throw new BadInputException(parent, "cannot list the folder: " + e.getMessage());
                }
                if (matched.isEmpty()) {
                    throw new BadInputException(a + ": no file matches");
                }
                matched.stream().sorted().forEach(out::add);
            } else {
                out.add(p); // a missing file fails as its own scene, without stopping the others
            }
        }
        return out.stream().distinct().toList();
    }
}
