package dev.seamline.cli;

import dev.seamline.core.BadInputException;
import dev.seamline.core.SeamlineException;
import dev.seamline.core.io.AtomicFile;
import dev.seamline.eval.ApMethod;
import dev.seamline.eval.EvalRequest;
import dev.seamline.eval.EvalResult;
import dev.seamline.eval.Evaluator;
import dev.seamline.eval.Metric;
import dev.seamline.eval.ReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code seamline eval}: scores predictions against ground truth with a competition's official
 * metric, reproduced exactly ({@link Evaluator}); prints a readable table, optionally writes the
 * values as JSON ({@code --json}) and a report folder ({@code --report}).
 */
@Command(name = "eval", sortOptions = false,
        description = "Score predictions with a competition's official metric (COCO, DOTA task1/task2, xView, SpaceNet, "
                + "DeepForest), to the last digit of the official scorer; Safe Passage under Seamline's stated rule.")
final class EvalCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--metric", required = true, converter = MetricConverter.class, paramLabel = "METRIC",
            description = "coco | dota-task1 | dota-task2 | xview | spacenet | deepforest | safe-passage")
    Metric metric;

    @Option(names = "--gt", required = true, paramLabel = "PATH",
            description = "Ground truth: COCO instances JSON; DOTA labelTxt folder; xView GeoJSON; SpaceNet CSV or GeoJSON; "
                    + "DeepForest CSV; Safe Passage CSV (id,image,class,detections).")
    Path gt;

    @Option(names = "--pred", required = true, paramLabel = "PATH",
            description = "Predictions: COCO results JSON (or Seamline GeoJSON); folder of DOTA Task1_/Task2_<class>.txt; "
                    + "folder of xView <image_id>.txt; SpaceNet CSV or GeoJSON; DeepForest CSV; Safe Passage CSV.")
    Path pred;

    @Option(names = "--classes", paramLabel = "FILE",
            description = "Class names, one per line: the classes scored (DOTA), or the allowed names; any other name is an error.")
    Path classes;

    @Option(names = "--imageset", paramLabel = "FILE",
            description = "Images to score, one per line (DOTA image names, COCO image ids). Default: all.")
    Path imageset;

    @Option(names = "--ap", converter = ApConverter.class, paramLabel = "voc07|all-points",
            description = "DOTA AP: voc07 (11-point, official) or all-points.")
    ApMethod ap;

    @Option(names = "--xview-fix-recall",
            description = "xView: count every ground truth toward recall (the official scorer only counts chips and classes "
                    + "with a detection).")
    boolean xviewFixRecall;

    @Option(names = "--max-dets", paramLabel = "N", defaultValue = "100",
            description = "COCO: detections kept per image and class (COCO's maxDets, default ${DEFAULT-VALUE}). "
                    + "Raise it when one image is a whole scene with more objects of a class than that.")
    int maxDets;

    @Option(names = "--ignore", paramLabel = "FILE",
            description = "Safe Passage: low-confidence centres (the same CSV); a detection of one costs nothing.")
    Path ignore;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the values as JSON (NaN as null).")
    Path json;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Write a report: per-class table (Markdown, CSV), precision-recall PNGs, error breakdown.")
    Path report;

    @Override
    public Integer call() throws SeamlineException {
        return run(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /**
     * The command with its options set, writing to {@code out} and {@code err}: what {@link #call()}
     * runs, and what {@link EvalFastPath} runs without picocli.
     */
    int run(PrintWriter out, PrintWriter err) throws SeamlineException {
        if (maxDets < 10) {
            throw new BadInputException("--max-dets must be at least 10, got " + maxDets);
        }
        if (ignore != null && metric != Metric.SAFE_PASSAGE) {
            throw new BadInputException("--ignore is for --metric safe-passage only");
        }
        long start = System.nanoTime();
        EvalRequest req = new EvalRequest(metric, gt, pred, classes, imageset, ap, xviewFixRecall, maxDets, ignore);
        EvalResult r = Evaluator.evaluate(req);
        long evaluated = System.nanoTime();
        out.print(r.table());
        out.flush();
        if (json != null) {
            try {
                AtomicFile.writeString(json, r.toJson());
            } catch (IOException e) {
                throw new SeamlineException(json + ": cannot write: " + e.getMessage(), e);
            }
        }
        if (report != null) {
            try {
                ReportWriter.write(r, report);
            } catch (IOException e) {
                throw new SeamlineException(report + ": cannot write the report: " + e.getMessage(), e);
            }
        }
        if (common.verbose()) {
            printTimes(err, start, evaluated, System.nanoTime());
        }
        return ExitCodes.OK;
    }

    /**
     * Under {@code --verbose}, one line on standard error: the time in this command (reading and
     * scoring, then printing and writing) and since the JVM started, for benchmarks of whole runs.
     */
    private static void printTimes(PrintWriter err, long start, long evaluated, long end) {
        long sinceJvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        err.printf(java.util.Locale.ROOT, "seamline eval: %.3f s in process (read and score %.3f s, output %.3f s); "
                + "%.3f s since the JVM started%n", (end - start) / 1e9, (evaluated - start) / 1e9, (end - evaluated) / 1e9,
                sinceJvmStart / 1e3);
        err.flush();
    }

    /** Metric names as the command line spells them. */
    static final class MetricConverter implements ITypeConverter<Metric> {
        @Override
        public Metric convert(String value) {
            Metric m = Metric.ofCliName(value);
            if (m == null) {
                throw new TypeConversionException("unknown metric '" + value
                        + "' (coco, dota-task1, dota-task2, xview, spacenet, deepforest, safe-passage)");
            }
            return m;
        }
    }

    /** AP method names as the command line spells them. */
    static final class ApConverter implements ITypeConverter<ApMethod> {
        @Override
        public ApMethod convert(String value) {
            ApMethod m = apMethod(value);
            if (m == null) {
                throw new TypeConversionException("unknown AP method '" + value + "' (voc07, all-points)");
            }
            return m;
        }
    }

    /** The AP method {@code --ap} names, or null when it names none. */
    static ApMethod apMethod(String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "voc07" -> ApMethod.VOC07;
            case "all-points", "all_points", "allpoints" -> ApMethod.ALL_POINTS;
            default -> null;
        };
    }
}
