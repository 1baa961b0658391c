package dev.seamline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.seamline.core.BadInputException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing (Jazzer) of every label and prediction reader, through the whole evaluation:
 * the fuzzed bytes are one side of an {@link Evaluator#evaluate} call whose other side is the valid
 * counterpart of {@code corpus/valid/}. It must score, or fail with a one-line {@link BadInputException}
 * naming the fuzzed file (or the counterpart, when the two disagree) — no other exception, no error,
 * under 64 MB allocated.
 *
 * <p>A plain build replays the committed inputs of {@code EvalFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1}
 * fuzzes one method (docs/robustness.md, "What Seamline promises").
 */
class EvalFuzzTest {

    private static final ThreadLocal<Path> DIR = ThreadLocal.withInitial(() -> {
        try {
            Path d = Files.createTempDirectory("seamline-fuzz-eval");
            d.toFile().deleteOnExit();
            return d;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    });

    static {
        // the first evaluation of each metric loads and initialises classes: once per process, not per input
        try {
            for (Metric m : Metric.values()) {
                Evaluator.evaluate(EvalCorpusTest.valid(m, false)).toJson();
                Evaluator.evaluate(EvalCorpusTest.valid(m, true)).toJson();
            }
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Writes {@code data} to {@code name} (under a folder when the format is read as one) and evaluates. */
    private static void evaluate(byte[] data, String name, Metric metric, boolean fuzzedIsGt, boolean geojson)
            throws Exception {
        Path file = DIR.get().resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, data);
        Path input = name.contains("/") ? file.getParent() : file;
        EvalRequest valid = EvalCorpusTest.valid(metric, geojson);
        EvalRequest req = fuzzedIsGt ? EvalRequest.of(metric, input, valid.pred())
                : EvalRequest.of(metric, valid.gt(), input);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        try {
            Evaluator.evaluate(req).toJson();
        } catch (BadInputException e) {
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            // the fuzzed file, or its valid counterpart when the two disagree (a result on an image the fuzzed
            // ground truth lacks is reported against the results file)
            String other = (fuzzedIsGt ? req.pred() : req.gt()).toString();
            assertTrue(e.getMessage().startsWith(input.toString()) || e.getMessage().startsWith(other), e.getMessage());
        }
        long mb = (threads.getCurrentThreadAllocatedBytes() - before) >> 20;
        assertTrue(mb < 64, data.length + " bytes made the evaluation allocate " + mb + " MB");
    }

    @FuzzTest(maxDuration = "10m")
    void cocoGroundTruth(byte[] data) throws Exception {
        evaluate(data, "gt.json", Metric.COCO, true, false);
    }

    @FuzzTest(maxDuration = "10m")
    void cocoResults(byte[] data) throws Exception {
        evaluate(data, "results.json", Metric.COCO, false, false);
    }

    @FuzzTest(maxDuration = "10m")
    void seamlineGeoJson(byte[] data) throws Exception {
        evaluate(data, "detections.geojson", Metric.COCO, false, true);
    }

    @FuzzTest(maxDuration = "10m")
    void dotaLabels(byte[] data) throws Exception {
        evaluate(data, "labelTxt/P1.txt", Metric.DOTA_TASK1, true, false);
    }

    @FuzzTest(maxDuration = "10m")
    void dotaTaskFile(byte[] data) throws Exception {
        evaluate(data, "det/Task1_plane.txt", Metric.DOTA_TASK1, false, false);
    }

    @FuzzTest(maxDuration = "10m")
    void xviewTruth(byte[] data) throws Exception {
        evaluate(data, "xview.geojson", Metric.XVIEW, true, false);
    }

    @FuzzTest(maxDuration = "10m")
    void xviewPredictions(byte[] data) throws Exception {
        evaluate(data, "xpred/1.tif.txt", Metric.XVIEW, false, false);
    }

    @FuzzTest(maxDuration = "10m")
    void spacenetCsv(byte[] data) throws Exception {
        evaluate(data, "spacenet.csv", Metric.SPACENET, true, false);
    }

    @FuzzTest(maxDuration = "10m")
    void spacenetGeoJson(byte[] data) throws Exception {
        evaluate(data, "spacenet.geojson", Metric.SPACENET, false, true);
    }

    @FuzzTest(maxDuration = "10m")
    void deepforestCsv(byte[] data) throws Exception {
        evaluate(data, "deepforest.csv", Metric.DEEPFOREST, true, false);
    }
}
