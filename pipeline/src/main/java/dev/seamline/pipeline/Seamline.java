package dev.seamline.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seamline.core.BadInputException;
import dev.seamline.core.SeamlineException;
import dev.seamline.core.io.AtomicFile;
import dev.seamline.detector.Detector;
import dev.seamline.detector.DetectorOptions;
import dev.seamline.detector.InferenceTimings;
import dev.seamline.detector.ModelBundle;
import dev.seamline.formats.coco.CocoDataset;
import dev.seamline.outputs.OutputFormat;
import dev.seamline.outputs.OutputNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline as a library: what {@code seamline detect} runs, callable from any JVM program.
 *
 * <pre>{@code
 * RunSummary run = Seamline.detect(List.of(Path.of("scene.tif")), ModelBundle.load(model),
 *         DetectOptions.defaults(), Path.of("out"), Seamline.RunControl.FRESH, ProgressListener.NONE);
 * }</pre>
 *
 * A scene that fails is reported in the summary and does not stop the others. Every output file
 * appears atomically; per-scene checkpoints in {@code <out>/.seamline/} let a killed run resume
 * ({@link RunControl#resume()}) with output identical to an uninterrupted run. Nothing is static or
 * global: runs may proceed side by side in one JVM with separate output folders.
 */
public final class Seamline {

    /** Folder inside the output folder holding checkpoints and completion markers. */
    public static final String STATE_DIR = ".seamline";

    private static final Logger LOG = LoggerFactory.getLogger(Seamline.class);

    private Seamline() {
    }

    /**
     * How a run treats earlier work and COCO image ids. Immutable and thread-safe.
     *
     * @param resume       continue from checkpoints and skip scenes already complete (checked by content,
     *                     and only while every output of the scene is there)
     * @param cocoImageIds COCO image id per scene file name (from a ground-truth file); scenes not in it,
     *                     or all scenes when it is empty, get their 1-based position in the run
     * @param stop         asks the run to stop at the next tile boundary (see {@link StopSignal})
     */
    public record RunControl(boolean resume, Map<String, Long> cocoImageIds, StopSignal stop) {

        /** A fresh run with positional COCO ids. */
        public static final RunControl FRESH = new RunControl(false, Map.of());

        /** Copies the map. */
        public RunControl {
            cocoImageIds = Map.copyOf(cocoImageIds);
            Objects.requireNonNull(stop, "stop");
        }

        /** A run nothing stops. */
        public RunControl(boolean resume, Map<String, Long> cocoImageIds) {
            this(resume, cocoImageIds, StopSignal.NEVER);
        }
    }

    /**
     * Detects objects in every scene and writes the outputs and {@code run.json} into {@code outDir}.
     *
     * <p>The output folder is locked for the run ({@link OutputLock}: a second run into it is refused).
     * At the start, only Seamline's own temporary files are removed ({@code AtomicFile.isTemporary}).
     * A scene that fails commits nothing and leaves what an earlier run wrote for it. The run-level
     * files are rebuilt from every scene present in the folder, this run's and earlier ones': the DOTA
     * Task files from every part file, {@code run.json} from this run's scenes and the earlier entries
     * of scenes this run did not redo (or failed to), so a failed rerun never empties a submission.
     *
     * @throws BadInputException   when another run holds the output folder
     * @throws RunStoppedException when {@code control.stop()} was raised (nothing run-level is written)
     * @throws SeamlineException   when the model cannot be loaded or the output folder cannot be written;
     *         failures of single scenes are in the summary instead
     */
    public static RunSummary detect(List<Path> scenes, ModelBundle model, DetectOptions options, Path outDir,
            RunControl control, ProgressListener progress) throws SeamlineException {
        Objects.requireNonNull(model, "model");
        long t0 = System.nanoTime();
        Map<String, Path> stems = new java.util.HashMap<>();
        OutputNames.requireDistinct(model.classes(), options.outputs().formats());
        for (Path scene : scenes) {
            OutputNames.requireCarried(scene, SceneRun.stem(scene), options.outputs().formats());
            Path other = stems.putIfAbsent(SceneRun.stem(scene), scene);
            if (other != null && !other.equals(scene)) {
                throw new BadInputException(scene + " and " + other + " would write the same outputs ("
                        + SceneRun.stem(scene) + ".*): give them different names or run them into different folders");
            }
        }
        if (options.outputs().formats().contains(OutputFormat.SAFE_PASSAGE)) {
            try {
                OutputFormat.checkSafePassageClasses(options.outputs().safePassageClasses(), model.classes());
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
        }
        OutputLock lock;
        try {
            Files.createDirectories(outDir);
            lock = OutputLock.acquire(outDir);
        } catch (IOException e) {
            throw new SeamlineException(outDir + ": cannot create the output folder: " + Failures.oneLine(e), e);
        }
        try (lock) {
            return detectLocked(scenes, model, options, outDir, control, progress, t0);
        } catch (IOException e) {
            throw new SeamlineException(outDir + ": cannot release the output folder's lock: " + Failures.oneLine(e), e);
        }
    }

    private static RunSummary detectLocked(List<Path> scenes, ModelBundle model, DetectOptions options, Path outDir,
            RunControl control, ProgressListener progress, long t0) throws SeamlineException {
        try {
            int stale = OutputFormat.deleteTemporaries(outDir);
            if (stale > 0) {
                LOG.info("removed {} partial file(s) an interrupted run left in {}", stale, outDir);
            }
        } catch (IOException e) {
            throw new SeamlineException(outDir + ": cannot clean the output folder: " + Failures.oneLine(e), e);
        }
        DetectorOptions detectorOptions = new DetectorOptions(options.runtime().device(), options.runtime().batchSize(),
                options.outputs().minScore(), options.runtime().input());
        List<SceneResult> results;
        InferenceTimings passes;
        int batchSize;
        try (Detector detector = Detector.open(model, detectorOptions)) {
            InferenceTimings before = detector.timings();
            results = new SceneStream(scenes, detector, options, outDir, control, progress).run();
            passes = detector.timings().minus(before);
            batchSize = detector.batchSize();
        }
        finishOutputs(outDir, options, model);
        RunSummary summary = new RunSummary(results, model.name(), model.weightsSha256(), (System.nanoTime() - t0) / 1e9);
        writeRunJson(outDir.resolve("run.json"), summary, options, model, passes.batches(),
                passes.batches() == 0 ? Double.NaN : passes.tiles() / ((double) passes.batches() * batchSize));
        return summary;
    }

    /**
     * The outputs' run-level finish step over every scene whose outputs the folder holds (this run's
     * and earlier runs'): a scene that failed in this run left its earlier outputs, which stay in. With
     * no scene at all nothing is written (never empty Task files over a submission).
     */
    static void finishOutputs(Path outDir, DetectOptions options, ModelBundle model) throws SeamlineException {
        try {
            for (OutputFormat format : options.outputs().formats()) { // each run-level file from its own parts
                List<String> present = OutputFormat.scenesPresent(outDir, format);
                if (!present.isEmpty()) {
                    OutputFormat.finishRun(outDir, java.util.EnumSet.of(format), present, model.classes(),
                            options.outputs().safePassageClasses());
                }
            }
        } catch (IOException e) {
            throw new SeamlineException(Failures.oneLine(e), e);
        }
    }

    static void writeRunJson(Path file, RunSummary summary, DetectOptions options, ModelBundle model)
            throws SeamlineException {
        writeRunJson(file, summary, options, model, 0, Double.NaN);
    }

    /**
     * {@code run.json}, with the run's forward passes and their mean fill (tiles over batch size) when
     * {@code batches} is over 0.
     */
    static void writeRunJson(Path file, RunSummary summary, DetectOptions options, ModelBundle model, long batches,
            double batchFill) throws SeamlineException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        ObjectNode config = root.putObject("config");
        TilingOptions tiling = options.tiling();
        MergeOptions merge = options.merge();
        RuntimeOptions runtime = options.runtime();
        OutputOptions outputs = options.outputs();
        int tile = tiling.tileSizeFor(model.inputWidth());
        config.put("tile", tile);
        config.put("overlap", tiling.overlapFor(model.maxObjectPx(), tile));
        // option (--overlap), preset, model (raised to the bundle's max_object_px) or default
        config.put("overlap_from", tiling.overlapOrigin(model.maxObjectPx(), tile));
        config.put("merge", merge.method());
        config.put("match_metric", merge.matchMetric().name().toLowerCase(java.util.Locale.ROOT));
        config.put("match_threshold", merge.matchThreshold());
        config.put("seam_rule", merge.seamRule().enabled());
        config.put("batch", runtime.batchSize());
        config.put("threads", runtime.readThreads());
        config.put("device", runtime.device().toString());
        config.put("resample", tiling.resample() && model.resample());
        config.put("resample_mode", model.resample() ? tiling.resampling().label() : TilingOptions.Resample.OFF.label());
        ArrayNode formats = config.putArray("formats");
        outputs.formats().stream().map(f -> f.name().toLowerCase(java.util.Locale.ROOT)).sorted().forEach(formats::add);
        OptionalDouble min = outputs.minScore();
        config.put("min_score", min.isPresent() ? min.getAsDouble() : model.scoreThreshold());
        ObjectNode m = root.putObject("model");
        m.put("name", model.name());
        m.put("version", model.version());
        m.put("sha256", model.weightsSha256());
        m.put("source", model.source().toString());
        root.put("seconds", summary.seconds());
        if (batches > 0) {
            root.put("batches", batches);
            root.put("batch_fill", batchFill);
        }
        ArrayNode scenes = root.putArray("scenes");
        Map<String, ObjectNode> earlier = earlierScenes(file, json);
        Map<String, ObjectNode> now = new java.util.LinkedHashMap<>();
        for (SceneResult r : summary.scenes()) {
            ObjectNode s = json.createObjectNode();
            now.put(SceneRun.stem(r.scene()), s);
            s.put("scene", r.scene().toString());
            s.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
            if (!r.error().isEmpty()) {
                s.put("error", r.error());
            }
            if (r.status() != SceneResult.Status.DONE) {
                continue;
            }
            s.put("tiles", r.tiles());
            s.put("nodata_tiles", r.nodataTiles());
            s.put("resumed_tiles", r.resumedTiles());
            s.put("resample_factor", r.resampleFactor());
            if (r.batches() > 0) { // forward passes that held the scene's tiles, and their mean fill
                s.put("batches", r.batches());
                s.put("batch_fill", r.batchFill());
            }
            s.put("detections", r.detections());
            ObjectNode counts = s.putObject("counts_per_class");
            r.countsByClass().forEach(counts::put);
            ObjectNode secs = s.putObject("seconds");
            r.seconds().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> secs.put(e.getKey(), e.getValue()));
            double total = r.seconds().getOrDefault("total", Double.NaN);
            s.put("tiles_per_second", (r.tiles() - r.resumedTiles()) / total);
            if (Double.isFinite(r.squareKm())) {
                s.put("square_km", r.squareKm());
                s.put("square_km_per_hour", r.squareKm() / (total / 3600));
            }
        }
        mergeScenes(earlier, now).forEach(scenes::add);
        try {
            AtomicFile.write(file, out -> json.writeValue(out, root));
        } catch (IOException e) {
            throw new SeamlineException(file + ": cannot write: " + Failures.oneLine(e), e);
        }
    }

    /** The scene entries of an earlier run.json, by stem (none when it is missing or unreadable). */
    private static Map<String, ObjectNode> earlierScenes(Path file, ObjectMapper json) {
        Map<String, ObjectNode> byStem = new java.util.LinkedHashMap<>();
        if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return byStem;
        }
        try {
            if (Files.size(file) > (64 << 20)) {
                return byStem;
            }
            com.fasterxml.jackson.databind.JsonNode old = json.readTree(file.toFile());
            for (com.fasterxml.jackson.databind.JsonNode s : old.path("scenes")) {
                if (s instanceof ObjectNode o && o.path("scene").isTextual()) {
                    byStem.put(SceneRun.stem(Path.of(o.get("scene").asText())), o);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: the earlier run.json is unreadable ({}); it is replaced by this run's", file, Failures.oneLine(e));
            byStem.clear();
        }
        return byStem;
    }

    /**
     * This run's scene entries over the earlier ones: an earlier scene this run did not touch stays (its
     * outputs are still there); one this run redid is replaced; one this run failed on keeps its earlier
     * entry when that was complete (its outputs are what the folder holds), with this run's failure as
     * {@code last_attempt}; an already-complete scene keeps its earlier numbers.
     */
    private static List<ObjectNode> mergeScenes(Map<String, ObjectNode> earlier, Map<String, ObjectNode> now) {
        Map<String, ObjectNode> merged = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, ObjectNode> e : earlier.entrySet()) {
            ObjectNode old = e.getValue();
            ObjectNode current = now.get(e.getKey());
            boolean oldComplete = old.path("status").asText().equals("done") || old.path("status").asText().equals("already_complete");
            if (current == null) {
                if (oldComplete) {
                    merged.put(e.getKey(), old);
                }
                continue;
            }
            String status = current.path("status").asText();
            if (oldComplete && status.equals("already_complete")) {
                merged.put(e.getKey(), old);
            } else if (oldComplete && (status.equals("failed") || status.equals("bad_input"))) {
                ObjectNode kept = old.deepCopy();
                kept.set("last_attempt", current);
                merged.put(e.getKey(), kept);
            } else {
                merged.put(e.getKey(), current);
            }
        }
        now.forEach(merged::putIfAbsent);
        return new ArrayList<>(merged.values());
    }

    /** Reads {@code file_name → id} from a COCO ground-truth file, for {@link RunControl#cocoImageIds()}. */
    public static Map<String, Long> cocoImageIds(Path cocoGroundTruth) throws BadInputException {
        Map<String, Long> ids = new java.util.HashMap<>();
        for (CocoDataset.Image image : CocoDataset.read(cocoGroundTruth).images()) {
            ids.put(Path.of(image.fileName()).getFileName().toString(), image.id());
        }
        return ids;
    }
}
