package dev.seamline.cli;

import dev.seamline.core.BadInputException;
import dev.seamline.core.SeamlineException;
import dev.seamline.core.io.AtomicFile;
import dev.seamline.detector.ModelBundle;
import dev.seamline.eval.EvalResult;
import dev.seamline.pipeline.DetectOptions;
import dev.seamline.pipeline.RunStoppedException;
import dev.seamline.pipeline.loop.Competition;
import dev.seamline.pipeline.loop.CompetitionData;
import dev.seamline.pipeline.loop.CompetitionLoop;
import dev.seamline.pipeline.loop.LoopResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code seamline loop}: a competition's data folder to its score in one command
 * ({@link CompetitionLoop}): detect with the competition's preset, make the submission, score it
 * with the official metric; prints each metric's table, the headline scores and the time split.
 */
@Command(name = "loop", sortOptions = false, description = {
    "From a competition's own files to its score in one command: detect on the images the truth names (the "
            + "competition's preset, flags override), write the submission, score it with the official metric.",
    "Layouts (DATA): dota images/ + labelTxt/; xview *.geojson + images/|train_images/; spacenet summaryData/*.csv + "
            + "images/|PS-RGB/|RGB-PanSharpen/; coco annotations/instances*.json + images/; safe-passage "
            + "trainingObservations.csv (+ lowConfidenceObservations.csv) + the JPEGs."})
final class LoopCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--competition", required = true, converter = CompetitionConverter.class, paramLabel = "NAME",
            description = "dota | xview | spacenet | coco | safe-passage")
    Competition competition;

    @Parameters(index = "0", paramLabel = "DATA", description = "The competition's data folder, in its own layout.")
    Path data;

    @Option(names = "--gt", paramLabel = "PATH", description = "The ground truth, where the layout's default does not fit.")
    Path gt;

    @Option(names = "--images", paramLabel = "DIR", description = "The folder of images, where the layout's default does not fit.")
    Path images;

    @Option(names = "--ignore", paramLabel = "FILE",
            description = "Safe Passage: the low-confidence centres (default: DATA/lowConfidenceObservations.csv when present).")
    Path ignore;

    @Mixin
    ModelMixin model;

    @Mixin
    TilingMixin tiling;

    @Mixin
    RuntimeMixin runtime;

    @Mixin
    OutputMixin output;

    @Option(names = "--config", paramLabel = "FILE|NAME",
            description = "YAML preset (default: the competition's: dota, xview, spacenet, default for coco, safe-passage).")
    String config;

    @Option(names = "--merge", paramLabel = "nms|soft-nms|wbf|nmm", description = "How overlapping detections merge.")
    String merge;

    @Option(names = "--classes", paramLabel = "FILE",
            description = "Class names, one per line: the classes scored (DOTA, in order) or allowed, as eval --classes.")
    Path classes;

    @Option(names = "--max-dets", paramLabel = "N", defaultValue = "100",
            description = "COCO: detections kept per image and class (default: ${DEFAULT-VALUE}).")
    int maxDets;

    @Option(names = "--json", paramLabel = "FILE",
            description = "Write the scores, the time split and the counts as JSON.")
    Path json;

    @Override
    public Integer call() throws SeamlineException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (maxDets < 10) {
            throw new BadInputException("--max-dets must be at least 10, got " + maxDets);
        }
        if (ignore != null && competition != Competition.SAFE_PASSAGE) {
            throw new BadInputException("--ignore is for --competition safe-passage only");
        }
        DetectOptions options = options();
        CompetitionData found = CompetitionData.find(competition, data, gt, images, ignore);
        ModelBundle bundle = model.loadOrBuiltin();
        err.printf("seamline loop: %s, %d scene(s), truth %s%s%n", competition.cliName(), found.scenes().size(), found.truth(),
                found.lowConfidence().map(p -> ", low-confidence " + p).orElse(""));
        ConsoleProgress progress = ConsoleProgress.forConsole(err);
        LoopResult r;
        try (StopOnSignal signals = StopOnSignal.install()) {
            try {
                r = CompetitionLoop.run(found, bundle, options, output.out(),
                        new CompetitionLoop.Scoring(classes, maxDets), progress, signals.signal());
            } catch (RunStoppedException e) {
                progress.endLine();
                err.println("seamline: " + e.getMessage());
                err.flush();
                return signals.exitCode();
            }
        }
        progress.endLine();
        for (EvalResult e : r.scores()) {
            out.print(e.table());
            out.println();
        }
        StringBuilder head = new StringBuilder();
        for (EvalResult e : r.scores()) {
            head.append(head.length() == 0 ? "" : ", ").append(e.metric().cliName()).append(' ')
                    .append(CompetitionLoop.headline(e));
        }
        out.printf(java.util.Locale.ROOT, "score: %s%n", head);
        out.printf(java.util.Locale.ROOT, "time: detect %.2f s (of which the scenes %.2f s, the rest the detector's start), "
                + "submission %.2f s, eval %.2f s (%d scene(s)); submission %s%n", r.detectSeconds(), r.sceneSeconds(),
                r.submissionSeconds(), r.evalSeconds(), r.detection().scenes().size(), r.submission());
        out.flush();
        if (json != null) {
            try {
                AtomicFile.writeString(json, r.toJson());
            } catch (IOException e) {
                throw new SeamlineException(json + ": cannot write: " + e.getMessage(), e);
            }
        }
        return ExitCodes.OK;
    }

    /** The competition's preset (or --config) with the flags given, checked before anything runs. */
    private DetectOptions options() throws BadInputException {
        return DetectCommand.options(config != null ? config : competition.preset(), tiling, merge, runtime, output);
    }

    /** Competition names as the command line spells them. */
    static final class CompetitionConverter implements ITypeConverter<Competition> {
        @Override
        public Competition convert(String value) {
            Competition c = Competition.ofCliName(value);
            if (c == null) {
                throw new TypeConversionException("unknown competition '" + value
                        + "' (dota, xview, spacenet, coco, safe-passage)");
            }
            return c;
        }
    }
}
