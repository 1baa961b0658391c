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
import dev.seamline.detector.ModelBundle;
import dev.seamline.formats.coco.CocoDataset;
import dev.seamline.outputs.OutputFormat;
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
     * @param resume       continue from checkpoints and skip scenes already complete
     * @param cocoImageIds COCO image id per scene file name (from a ground-truth file); scenes not in it,
     *                     or all scenes when it is empty, get their 1-based position in the run
     */
    public record RunControl(boolean resume, Map<String, Long> cocoImageIds) {

        /** A fresh run with positional COCO ids. */
        public static final RunControl FRESH = new RunControl(false, Map.of());

        /** Copies the map. */
        public RunControl {
            cocoImageIds = Map.copyOf(cocoImageIds);
        }
    }

    /**
     * Detects objects in every scene and writes the outputs and {@code run.json} into {@code outDir}.
     *
     * @throws SeamlineException when the model cannot be loaded or the output folder cannot be written;
     *         failures of single scenes are in the summary instead
     */
    public static RunSummary detect(List<Path> scenes, ModelBundle model, DetectOptions options, Path outDir,
            RunControl control, ProgressListener progress) throws SeamlineException {
        Objects.requireNonNull(model, "model");
        long t0 = System.nanoTime();
        Map<String, Path> stems = new java.util.HashMap<>();
        for (Path scene : scenes) {
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
        try {
            Files.createDirectories(outDir);
            int stale = OutputFormat.deleteTemporaries(outDir);
            if (stale > 0) {
                LOG.info("removed {} partial file(s) an interrupted run left in {}", stale, outDir);
            }
        } catch (IOException e) {
            throw new SeamlineException(outDir + ": cannot create the output folder: " + e.getMessage(), e);
        }
        DetectorOptions detectorOptions = new DetectorOptions(options.runtime().device(), options.runtime().batchSize(),
                options.outputs().minScore());
        List<SceneResult> results = new ArrayList<>();
        try (Detector detector = Detector.open(model, detectorOptions)) {
            for (int i = 0; i < scenes.size(); i++) {
                Path scene = scenes.get(i);
                long imageId = control.cocoImageIds().getOrDefault(scene.getFileName().toString(), (long) (i + 1));
                SceneResult result;
                try {
                    result = new SceneRun(scene, detector, options, outDir, imageId, control.resume(), progress, i,
                            scenes.size()).run();
                } catch (BadInputException e) {
                    LOG.debug("bad scene", e);
                    result = SceneResult.failed(scene, SceneResult.Status.BAD_INPUT, e.getMessage());
                } catch (SeamlineException | RuntimeException e) {
                    String message = e instanceof SeamlineException ? e.getMessage() : e.toString();
                    LOG.debug("scene failed", e);
                    result = SceneResult.failed(scene, SceneResult.Status.FAILED, message);
                }
                results.add(result);
                progress.sceneFinished(result);
            }
        }
        finishOutputs(outDir, results, options, model);
        RunSummary summary = new RunSummary(results, model.name(), model.weightsSha256(), (System.nanoTime() - t0) / 1e9);
        writeRunJson(outDir.resolve("run.json"), summary, options, model);
        return summary;
    }

    /** The outputs' run-level finish step, over the scenes that completed. */
    private static void finishOutputs(Path outDir, List<SceneResult> results, DetectOptions options, ModelBundle model)
            throws SeamlineException {
        List<String> completed = new ArrayList<>();
        for (SceneResult r : results) {
            if (!r.isFailure()) {
                completed.add(SceneRun.stem(r.scene()));
            }
        }
        try {
            OutputFormat.finishRun(outDir, options.outputs().formats(), completed, model.classes(),
                    options.outputs().safePassageClasses());
        } catch (IOException e) {
            throw new SeamlineException(e.getMessage(), e);
        }
    }

    private static void writeRunJson(Path file, RunSummary summary, DetectOptions options, ModelBundle model)
            throws SeamlineException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        ObjectNode config = root.putObject("config");
        TilingOptions tiling = options.tiling();
        MergeOptions merge = options.merge();
        RuntimeOptions runtime = options.runtime();
        OutputOptions outputs = options.outputs();
        config.put("tile", tiling.tileSizeFor(model.inputWidth()));
        config.put("overlap", tiling.overlap());
        config.put("merge", merge.method());
        config.put("match_metric", merge.matchMetric().name().toLowerCase(java.util.Locale.ROOT));
        config.put("match_threshold", merge.matchThreshold());
        config.put("seam_rule", merge.seamRule().enabled());
        config.put("batch", runtime.batchSize());
        config.put("threads", runtime.readThreads());
        config.put("device", runtime.device().toString());
        config.put("resample", tiling.resample() && model.resample());
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
        ArrayNode scenes = root.putArray("scenes");
        for (SceneResult r : summary.scenes()) {
            ObjectNode s = scenes.addObject();
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
        try {
            AtomicFile.write(file, out -> json.writeValue(out, root));
        } catch (IOException e) {
            throw new SeamlineException(file + ": cannot write: " + e.getMessage(), e);
        }
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
