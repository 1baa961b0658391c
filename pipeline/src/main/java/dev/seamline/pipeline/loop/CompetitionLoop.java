package dev.seamline.pipeline.loop;

import dev.seamline.core.BadInputException;
import dev.seamline.core.ClassCatalog;
import dev.seamline.core.Detection;
import dev.seamline.core.SeamlineException;
import dev.seamline.detector.ModelBundle;
import dev.seamline.eval.EvalRequest;
import dev.seamline.eval.EvalResult;
import dev.seamline.eval.Evaluator;
import dev.seamline.eval.Metric;
import dev.seamline.formats.coco.CocoDataset;
import dev.seamline.formats.coco.CocoResult;
import dev.seamline.formats.geojson.SeamlineGeoJson;
import dev.seamline.formats.spacenet.SpaceNetFormat;
import dev.seamline.outputs.OutputFormat;
import dev.seamline.pipeline.DetectOptions;
import dev.seamline.pipeline.ProgressListener;
import dev.seamline.pipeline.RunSummary;
import dev.seamline.pipeline.SceneResult;
import dev.seamline.pipeline.Seamline;
import dev.seamline.pipeline.StopSignal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * A competition's loop in one call: its data ({@link CompetitionData}) through
 * {@link Seamline#detect}, the run's outputs made into the submission the official scorer reads, and
 * the submission scored with the competition's metrics ({@link Evaluator}), detection, submission and
 * scoring timed apart.
 *
 * <p>The submissions, in the output folder:
 * <ul>
 * <li>DOTA: {@code dota/Task1_<class>.txt} and {@code Task2_<class>.txt} as {@code detect} writes
 *     them, scored with task 1 and task 2;</li>
 * <li>xView: {@code xview/<chip>.tif.txt} as {@code detect} writes them;</li>
 * <li>SpaceNet: {@code spacenet/proposals.csv} ({@code ImageId,BuildingId,PolygonWKT_Pix,Confidence}),
 *     every detection of every class a proposal: its oriented box's corners, else its box, in pixels,
 *     its score the confidence, ImageId as {@link CompetitionData#imageIds()} says;</li>
 * <li>COCO: {@code coco/results.json}, the scenes' {@code <stem>.coco.json} joined, image ids from
 *     the truth by file name, category ids from the truth by class name (classes the truth lacks are
 *     left out, as pycocotools drops them);</li>
 * <li>Safe Passage: {@code safe-passage/submission.csv} as {@code detect} writes it, scored with the
 *     low-confidence file when the data has one.</li>
 * </ul>
 * DOTA's and Safe Passage's submissions join every scene the output folder holds: give each data set
 * its own folder. Thread-safe (no shared state).
 */
public final class CompetitionLoop {

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private CompetitionLoop() {
    }

    /**
     * Scoring options that the metrics take. Immutable and thread-safe.
     *
     * @param classes     a class list file (DOTA: the classes scored, in order), or {@code null}
     * @param cocoMaxDets COCO's largest maxDets, at least 10
     */
    public record Scoring(Path classes, int cocoMaxDets) {
        /** The official defaults. */
        public static final Scoring DEFAULTS = new Scoring(null, 100);
    }

    /**
     * Runs the loop.
     *
     * @param data     the competition's scenes and truth
     * @param model    the model
     * @param options  detection options (a competition's preset with the user's flags); the
     *                 competition's {@linkplain Competition#format() format} is added to the formats
     * @param outDir   the output folder of the run and the submission
     * @param scoring  the metrics' options
     * @param progress the run's progress
     * @param stop     asks detection to stop at a tile boundary
     * @throws BadInputException when a scene fails on its input (the first one's reason), or a file is bad
     * @throws SeamlineException when a scene fails otherwise or a file cannot be written
     */
    public static LoopResult run(CompetitionData data, ModelBundle model, DetectOptions options, Path outDir,
            Scoring scoring, ProgressListener progress, StopSignal stop) throws SeamlineException {
        Objects.requireNonNull(scoring, "scoring");
        Competition c = data.competition();
        Set<OutputFormat> formats = new LinkedHashSet<>(options.outputs().formats());
        formats.add(c.format());
        Map<String, Long> cocoIds = c == Competition.COCO ? Seamline.cocoImageIds(data.truth()) : Map.of();

        long t0 = System.nanoTime();
        RunSummary run = Seamline.detect(data.scenes(), model, options.withFormats(formats), outDir,
                new Seamline.RunControl(false, cocoIds, stop), progress);
        long t1 = System.nanoTime();
        requireAllDone(run);

        Path submission = submission(data, model.classes(), outDir);
        long t2 = System.nanoTime();
        List<EvalResult> scores = new ArrayList<>();
        for (Metric m : c.metrics()) {
            scores.add(Evaluator.evaluate(new EvalRequest(m, data.truth(), submission, scoring.classes(), null, null, false,
                    scoring.cocoMaxDets(), data.lowConfidence().orElse(null))));
        }
        long t3 = System.nanoTime();
        return new LoopResult(c, run, submission, scores, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
    }

    /**
     * The one number a competition ranks by: COCO's AP (IoU .50:.95), DOTA's mAP, xView's mAP,
     * SpaceNet's F1, Safe Passage's Jaccard index; with its name.
     */
    public static String headline(EvalResult r) {
        return switch (r.metric()) {
            case COCO -> "AP " + number(((List<?>) r.values().get("stats")).get(0));
            case DOTA_TASK1, DOTA_TASK2 -> "mAP " + number(r.values().get("mAP"));
            case XVIEW -> "mAP " + number(r.values().get("map"));
            case SPACENET -> "F1 " + number(r.values().get("F1"));
            case SAFE_PASSAGE -> "Jaccard " + number(r.values().get("jaccard"));
            case DEEPFOREST -> "precision " + number(r.values().get("precision"));
        };
    }

    /** A value to four decimals, {@code nan} where undefined. */
    private static String number(Object v) {
        double d = v instanceof Number n ? n.doubleValue() : Double.NaN;
        return Double.isNaN(d) ? "nan" : String.format(java.util.Locale.ROOT, "%.4f", d);
    }

    private static void requireAllDone(RunSummary run) throws SeamlineException {
        List<SceneResult> failed = run.failures();
        if (failed.isEmpty()) {
            return;
        }
        SceneResult first = failed.get(0);
        String msg = failed.size() + " of " + run.scenes().size() + " scene(s) failed, nothing scored; first: "
                + first.scene() + ": " + first.error();
        if (failed.stream().allMatch(f -> f.status() == SceneResult.Status.BAD_INPUT)) {
            throw new BadInputException(msg);
        }
        throw new SeamlineException(msg);
    }

    /** The submission of the run: as written, or made from the scenes' outputs. */
    private static Path submission(CompetitionData data, ClassCatalog classes, Path outDir) throws SeamlineException {
        try {
            return switch (data.competition()) {
                case DOTA -> outDir.resolve("dota");
                case XVIEW -> outDir.resolve("xview");
                case SAFE_PASSAGE -> outDir.resolve("safe-passage").resolve("submission.csv");
                case SPACENET -> spacenetProposals(data, classes, outDir);
                case COCO -> cocoResults(data, classes, outDir);
            };
        } catch (IOException e) {
            throw new SeamlineException(outDir + ": cannot write the submission: " + e.getMessage(), e);
        }
    }

    private static Path spacenetProposals(CompetitionData data, ClassCatalog classes, Path outDir)
            throws IOException, BadInputException {
        List<SpaceNetFormat.Footprint> proposals = new ArrayList<>();
        for (Path scene : data.scenes()) {
            String name = scene.getFileName().toString();
            String imageId = data.imageIds().getOrDefault(name, stem(name));
            for (SeamlineGeoJson.Feature f : SeamlineGeoJson.read(outDir.resolve(stem(name) + ".geojson"), classes)) {
                proposals.add(new SpaceNetFormat.Footprint(imageId, polygon(f.detection()), f.detection().score()));
            }
        }
        Path file = outDir.resolve("spacenet").resolve("proposals.csv");
        Files.createDirectories(file.getParent());
        SpaceNetFormat.writeCsv(file, proposals);
        return file;
    }

    /** A detection's footprint in pixels: its oriented box's corners, else its box, closed. */
    static org.locationtech.jts.geom.Polygon polygon(Detection d) {
        double[] xy = d.orientedBox().map(o -> o.corners()).orElseGet(() -> {
            var b = d.box();
            return new double[] {b.x0(), b.y0(), b.x1(), b.y0(), b.x1(), b.y1(), b.x0(), b.y1()};
        });
        Coordinate[] ring = new Coordinate[5];
        for (int i = 0; i < 4; i++) {
            ring[i] = new Coordinate(xy[2 * i], xy[2 * i + 1]);
        }
        ring[4] = ring[0].copy();
        return GEOMETRY.createPolygon(ring);
    }

    private static Path cocoResults(CompetitionData data, ClassCatalog classes, Path outDir)
            throws IOException, BadInputException {
        CocoDataset truth = CocoDataset.read(data.truth());
        Map<String, Long> categoryByName = new HashMap<>();
        for (CocoDataset.Category cat : truth.categories()) {
            categoryByName.putIfAbsent(cat.name(), cat.id());
        }
        List<CocoResult> results = new ArrayList<>();
        for (Path scene : data.scenes()) {
            Path file = outDir.resolve(stem(scene.getFileName().toString()) + ".coco.json");
            for (CocoResult r : CocoResult.read(file)) {
                // the sink writes category_id = catalog id + 1
                Long category = classes.byId((int) (r.categoryId() - 1)).map(k -> categoryByName.get(k.name())).orElse(null);
                if (category != null) {
                    results.add(new CocoResult(r.imageId(), category, r.x(), r.y(), r.w(), r.h(), r.score()));
                }
            }
        }
        Path target = outDir.resolve("coco").resolve("results.json");
        Files.createDirectories(target.getParent());
        CocoResult.write(target, results);
        return target;
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
