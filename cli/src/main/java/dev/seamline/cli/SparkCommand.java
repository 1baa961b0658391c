package dev.seamline.cli;

import dev.seamline.core.BadInputException;
import dev.seamline.core.SeamlineException;
import dev.seamline.detector.builtin.BuiltinModel;
import dev.seamline.pipeline.DetectOptions;
import dev.seamline.pipeline.Seamline;
import dev.seamline.spark.Bands;
import dev.seamline.spark.SparkDetect;
import dev.seamline.spark.SparkJob;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code seamline spark}: {@code detect} as a Spark job (the spark module), with detect's options and
 * presets. Embedded (a local session in this JVM, {@code --master local[N]}) from the launcher, which
 * puts Spark's jars on the classpath for this command only; or under {@code spark-submit}, whose master
 * it takes. Without Spark on the classpath it says how to get it and exits 2, touching no Spark class.
 */
@Command(name = "spark", description = {
    "Detect as a Spark job: scenes and row bands of large scenes are tasks; each scene's files are those detect writes.",
    "Embedded from the launcher (--master local[N]) or under spark-submit (docs/spark.md). No quicklook."})
final class SparkCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SCENE", description = "Scenes to process (as detect takes them); "
            + "every executor must see them under the same paths.")
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

    @Option(names = "--resume", description = "Skip scenes whose outputs are complete (detect's markers).")
    boolean resume;

    @Option(names = "--coco-gt", paramLabel = "FILE", description = "COCO ground truth whose image ids (by file_name) the COCO output uses.")
    Path cocoGt;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master of an embedded session, e.g. local[2] "
            + "(default: spark-submit's, else local[*]).")
    String master;

    @Option(names = "--bands", paramLabel = "auto|N", defaultValue = "auto", description = "Row bands per scene, each a "
            + "task (auto: bands of at most " + Bands.AUTO_TILES_PER_BAND + " tiles, fewer when the run's tiles would "
            + "leave task slots idle; default: ${DEFAULT-VALUE}).")
    String bands;

    @Override
    public Integer call() throws SeamlineException {
        PrintWriter err = spec.commandLine().getErr();
        if (!SparkJob.sparkPresent()) {
            throw new BadInputException("Spark is not on the classpath: run ./seamline spark (the launcher adds it), "
                    + "or submit with spark-submit (docs/spark.md)");
        }
        DetectOptions options = DetectCommand.options(config, tiling, merge, runtime, output);
        if (output.quicklook == null) {
            options = options.withQuicklook(false); // the job has no quicklook; only an explicit --quicklook is refused
        }
        Bands split;
        try {
            split = Bands.parse(bands);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        List<String> files = DetectCommand.expand(scenes).stream().map(Path::toString).toList();
        Path bundle = model.path() != null ? model.path() : BuiltinModel.bundle();
        Map<String, Long> ids = cocoGt == null ? Map.of() : Seamline.cocoImageIds(cocoGt);
        SparkDetect.Request request = new SparkDetect.Request(files, bundle.toString(), options, output.out().toString(),
                split, resume, ids, Set.of());
        SparkDetect.Outcome outcome = SparkJob.run(Optional.ofNullable(master), request);
        SparkDetect.Stats s = outcome.stats();
        err.printf(java.util.Locale.ROOT, "seamline: spark: session %.1f s, plan %.1f s, job %.1f s; %d band task(s), "
                + "%d detector(s) opened in %.1f s; %d tile(s), %d detection(s); shuffled %d merged + %d raw, %d bytes; "
                + "tasks ran %.1f s, deserializing %.2f s%n", s.sessionSeconds(), s.planSeconds(), s.jobSeconds(),
                s.bandTasks(), s.detectorOpens(), s.detectorSeconds(), s.tiles(), s.detections(), s.shippedMerged(),
                s.shippedRaw(), s.shuffleBytes(), s.taskRunSeconds(), s.taskDeserializeSeconds());
        return DetectCommand.report(outcome.summary(), err, output.out());
    }
}
