package dev.seamline.spark;

import dev.seamline.core.BadInputException;
import dev.seamline.core.SeamlineException;
import dev.seamline.detector.Detector;
import dev.seamline.detector.DetectorOptions;
import dev.seamline.detector.ModelBundle;
import dev.seamline.geo.Scene;
import dev.seamline.outputs.OutputNames;
import dev.seamline.pipeline.DetectOptions;
import dev.seamline.pipeline.RunFiles;
import dev.seamline.pipeline.RunSummary;
import dev.seamline.pipeline.SceneAssembler;
import dev.seamline.pipeline.ScenePlan;
import dev.seamline.pipeline.SceneResult;
import dev.seamline.pipeline.SceneRows;
import dev.seamline.tiling.merge.BandMerge;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * {@code seamline detect} as a Spark job: the same outputs, per scene, byte for byte (given the same
 * PyTorch thread count), and the same {@code run.json}.
 *
 * <p>The driver plans each scene (its grid and GSD decision, {@link ScenePlan}), skips scenes whose
 * outputs are complete ({@code --resume}'s markers), and splits each scene into row bands
 * ({@link Bands}); each band is one task (the longest first), which detects its grid rows with a detector
 * cached by the executor ({@link DetectorPool}), merges the groups of detections that cannot reach a
 * neighbour band and sends them, with the others' raw detections, to one reducer task per scene
 * ({@link dev.seamline.tiling.merge.BandMerge}). The reducer merges the raw ones and orders everything
 * as {@link dev.seamline.tiling.merge.SeamMerger} does on one machine, and writes the scene's outputs,
 * each appearing atomically once the last band is merged. A task that fails
 * is retried by Spark and leaves nothing under a final name; a scene that fails (a corrupt file, a band
 * that failed every attempt) fails alone and {@code run.json} lists it.
 *
 * <p>Scenes and the output folder must be on a file system every executor sees under the same paths.
 * The folder is locked by the driver for the run. Thread-safe: runs into different folders may share a
 * session.
 */
public final class SparkDetect {

    private static final Logger LOG = LoggerFactory.getLogger(SparkDetect.class);

    private SparkDetect() {
    }

    /**
     * One run. Immutable and serializable (it travels to every task).
     *
     * @param scenes       scene files
     * @param model        the model bundle's path (each executor loads it; its sha256 is checked)
     * @param options      what {@code detect} would run with (no quicklook)
     * @param outDir       the output folder
     * @param bands        how scenes split into row bands
     * @param resume       skip scenes whose outputs are complete
     * @param cocoImageIds COCO image id per scene file name (absent: the scene's 1-based position)
     * @param failFirstAttempt test hook: tasks {@code "scene:band"} (band tasks) or {@code "scene:merge"}
     *                     (the scene's reducer) whose first attempt throws, to prove a retry gives the same
     *                     files; empty in real runs
     */
    public record Request(List<String> scenes, String model, DetectOptions options, String outDir, Bands bands,
            boolean resume, Map<String, Long> cocoImageIds, Set<String> failFirstAttempt) implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        /** Copies the collections. */
        public Request {
            scenes = List.copyOf(scenes);
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(outDir, "outDir");
            Objects.requireNonNull(bands, "bands");
            cocoImageIds = new java.util.TreeMap<>(cocoImageIds);
            failFirstAttempt = new java.util.TreeSet<>(failFirstAttempt);
        }

        /** A fresh run without hooks. */
        public Request(List<String> scenes, String model, DetectOptions options, String outDir, Bands bands) {
            this(scenes, model, options, outDir, bands, false, Map.of(), Set.of());
        }
    }

    /**
     * What the job measured besides the scenes' own timings: Spark's overhead, broken out.
     *
     * @param planSeconds     driver: planning every scene (opening headers, identities)
     * @param jobSeconds      the Spark job, from submission to the last reducer
     * @param bandTasks       band tasks run
     * @param detectorOpens   detectors opened by tasks (the rest came from executors' caches)
     * @param detectorSeconds task time spent opening detectors
     * @param tiles           tiles of the scenes detected (all-nodata ones included)
     * @param detections      detections the detector gave, before merging
     * @param shippedRaw      detections the band tasks sent raw to the reducers (groups that may reach a neighbour band)
     * @param shippedMerged   merged detections the band tasks sent (groups they merged alone)
     * @param shuffleBytes    bytes the band tasks wrote to the shuffle (Spark's task metrics)
     * @param taskDeserializeSeconds executors' time deserializing tasks, summed over tasks
     * @param taskRunSeconds  executors' time running tasks, summed over tasks
     * @param sessionSeconds  starting the Spark session ({@link SparkJob}; 0 for a session given)
     */
    public record Stats(double planSeconds, double jobSeconds, int bandTasks, int detectorOpens, double detectorSeconds,
            long tiles, long detections, long shippedRaw, long shippedMerged, long shuffleBytes,
            double taskDeserializeSeconds, double taskRunSeconds, double sessionSeconds) implements Serializable {
        @Serial
        private static final long serialVersionUID = 3L;

        /** These numbers with the session's start time. */
        public Stats withSessionSeconds(double seconds) {
            return new Stats(planSeconds, jobSeconds, bandTasks, detectorOpens, detectorSeconds, tiles, detections,
                    shippedRaw, shippedMerged, shuffleBytes, taskDeserializeSeconds, taskRunSeconds, seconds);
        }
    }

    /** A run's summary (what {@code detect} returns) and the job's own numbers. */
    public record Outcome(RunSummary summary, Stats stats) {
    }

    /**
     * Runs the job in {@code spark}'s context and writes {@code run.json} on the driver.
     *
     * @throws BadInputException when another run holds the folder, two scenes would write the same outputs,
     *                           or the options ask for a quicklook
     * @throws SeamlineException when the model cannot be loaded or the folder written
     */
    public static Outcome run(SparkSession spark, Request request) throws SeamlineException {
        long t0 = System.nanoTime();
        if (request.options().outputs().quicklook()) {
            throw new BadInputException("the Spark job writes no quicklook (its pixels stay on the executors): "
                    + "use --no-quicklook");
        }
        ModelBundle model = ModelBundle.load(Path.of(request.model()));
        Path outDir = Path.of(request.outDir());
        Map<String, String> stems = new HashMap<>();
        OutputNames.requireDistinct(model.classes(), request.options().outputs().formats());
        for (String s : request.scenes()) {
            Path scene = Path.of(s);
            OutputNames.requireCarried(scene, SceneAssembler.stem(scene), request.options().outputs().formats());
            String other = stems.putIfAbsent(SceneAssembler.stem(scene), s);
            if (other != null && !other.equals(s)) {
                throw new BadInputException(s + " and " + other + " would write the same outputs ("
                        + SceneAssembler.stem(scene) + ".*): give them different names or run them into different folders");
            }
        }
        try (AutoCloseable lock = RunFiles.open(outDir)) {
            Outcome outcome = runLocked(spark, request, model, outDir, t0);
            RunFiles.finish(outDir, outcome.summary(), request.options(), model);
            return outcome;
        } catch (SeamlineException e) {
            throw e;
        } catch (Exception e) {
            throw new SeamlineException(outDir + ": cannot release the output folder's lock: " + oneLine(e), e);
        }
    }

    private static Outcome runLocked(SparkSession spark, Request request, ModelBundle model, Path outDir, long t0)
            throws SeamlineException {
        Map<Integer, SceneResult> results = new java.util.TreeMap<>();
        Map<Integer, ScenePlan> plans = new java.util.TreeMap<>();
        long p0 = System.nanoTime();
        double firstScene = -1;
        for (int i = 0; i < request.scenes().size(); i++) {
            Path scene = Path.of(request.scenes().get(i));
            long imageId = cocoImageId(request, i);
            long s0 = System.nanoTime();
            try {
                if (request.resume() && SceneAssembler.isComplete(scene, model, request.options(), outDir, imageId)) {
                    results.put(i, RunFiles.alreadyComplete(scene));
                    continue;
                }
                try (Scene opened = Scene.open(scene)) {
                    plans.put(i, ScenePlan.of(opened, model, request.options()));
                }
            } catch (BadInputException e) {
                results.put(i, RunFiles.failed(scene, true, oneLine(e)));
            } catch (SeamlineException | IOException | RuntimeException e) {
                LOG.debug("scene failed", e);
                results.put(i, RunFiles.failed(scene, false, oneLine(e)));
            }
            if (firstScene < 0) {
                firstScene = (System.nanoTime() - s0) / 1e9;
            }
        }
        LOG.info("planned {} scene(s) in {} s (model {} s, first scene {} s)", request.scenes().size(),
                (System.nanoTime() - p0) / 1e9, (p0 - t0) / 1e9, firstScene);
        List<BandTask> planned = bandTasks(plans, request, spark.sparkContext().defaultParallelism());
        JobMetrics metrics = new JobMetrics();
        spark.sparkContext().addSparkListener(metrics);
        try {
            return runJobs(spark, request, model, t0, results, planned, metrics);
        } finally {
            spark.sparkContext().removeSparkListener(metrics);
        }
    }

    private static Outcome runJobs(SparkSession spark, Request request, ModelBundle model, long t0,
            Map<Integer, SceneResult> results, List<BandTask> tasks, JobMetrics metrics) {
        double planSeconds = (System.nanoTime() - t0) / 1e9;
        long j0 = System.nanoTime();
        List<Tuple2<SceneOutcome, BandStats>> done = tasks.isEmpty() ? List.of() : runJob(spark, request, tasks);
        double jobSeconds = (System.nanoTime() - j0) / 1e9;
        int opens = 0;
        double detectorSeconds = 0;
        long tiles = 0, detections = 0, raw = 0, merged = 0;
        for (Tuple2<SceneOutcome, BandStats> t : done) {
            results.put(t._1().scene(), t._1().toResult());
            opens += t._2().opens();
            detectorSeconds += t._2().setupSeconds();
            tiles += t._2().tiles();
            detections += t._2().detections();
            raw += t._2().raw();
            merged += t._2().merged();
        }
        RunSummary summary = new RunSummary(new ArrayList<>(results.values()), model.name(), model.weightsSha256(),
                (System.nanoTime() - t0) / 1e9);
        int scenesRun = (int) tasks.stream().mapToInt(BandTask::scene).distinct().count();
        metrics.await(tasks.size() + scenesRun, 5_000);
        return new Outcome(summary, new Stats(planSeconds, jobSeconds, tasks.size(), opens, detectorSeconds, tiles,
                detections, raw, merged, metrics.shuffleBytes(), metrics.deserializeSeconds(), metrics.runSeconds(), 0));
    }

    /**
     * Every scene's bands, largest first: Spark starts a stage's tasks in partition order, so the long
     * tasks start first and the short ones fill the slots at the end (8 small scenes and one big one in 4
     * bands on 2 slots: each slot ends with the same number of tiles).
     */
    static List<BandTask> bandTasks(Map<Integer, ScenePlan> plans, Request request, int slots) {
        long runTiles = plans.values().stream().mapToLong(p -> p.grid().size()).sum();
        int perBand = Bands.autoTilesPerBand(runTiles, slots);
        List<BandTask> tasks = new ArrayList<>();
        for (Map.Entry<Integer, ScenePlan> e : plans.entrySet()) {
            ScenePlan plan = e.getValue();
            int rows = plan.grid().rows();
            int bands = request.bands().bandsFor(rows, plan.grid().columns(), perBand);
            for (int b = 0; b < bands; b++) {
                tasks.add(new BandTask(e.getKey(), request.scenes().get(e.getKey()), plan, b, bands,
                        Bands.firstRow(b, bands, rows), Bands.firstRow(b + 1, bands, rows)));
            }
        }
        tasks.sort(java.util.Comparator.comparingLong(BandTask::tiles).reversed()
                .thenComparingInt(BandTask::scene).thenComparingInt(BandTask::band));
        return tasks;
    }

    /**
     * What a scene's band tasks cost and sent, summed by its reducer.
     *
     * @param raw    detections sent raw (groups that may reach a neighbour band)
     * @param merged detections the band tasks merged alone
     */
    record BandStats(int opens, double setupSeconds, long tiles, long detections, long raw, long merged)
            implements Serializable {
        @Serial
        private static final long serialVersionUID = 2L;
    }

    private static List<Tuple2<SceneOutcome, BandStats>> runJob(SparkSession spark, Request request, List<BandTask> tasks) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        sc.setJobDescription("seamline: " + request.scenes().size() + " scene(s), " + tasks.size() + " band task(s)");
        int taskCpus = spark.sparkContext().conf().getInt("spark.task.cpus", 1);
        JavaRDD<BandTask> bands = sc.parallelize(tasks, tasks.size());
        JavaPairRDD<Integer, BandOutput> detected = bands.mapToPair(task -> new Tuple2<>(task.scene(),
                detectBand(request, task, taskCpus)));
        return detected.groupByKey(new ScenePartitioner(tasks)).map(group -> mergeScene(request, group._1(), group._2()))
                .collect();
    }

    /** Runs on an executor: one band through a cached detector. */
    private static BandOutput detectBand(Request request, BandTask task, int taskCpus) {
        long t0 = System.nanoTime();
        failIfHooked(request, task.scene() + ":" + task.band());
        DetectOptions options = request.options();
        DetectorOptions detectorOptions = new DetectorOptions(options.runtime().device(), options.runtime().batchSize(),
                options.outputs().minScore());
        boolean[] opened = {false};
        Detector detector;
        try {
            detector = DetectorPool.borrow(request.model(), detectorOptions, taskCpus, opened);
        } catch (SeamlineException e) {
            throw new IllegalStateException(request.model() + ": cannot open the model: " + oneLine(e), e);
        }
        double setup = (System.nanoTime() - t0) / 1e9;
        try {
            List<SceneRows.TileDetections> tiles = SceneRows.detect(Path.of(task.path()), task.plan(), detector, options,
                    task.rowFrom(), task.rowTo());
            Map<Integer, List<dev.seamline.core.Detection>> byTile = new java.util.TreeMap<>();
            int nodata = 0;
            long detections = 0;
            for (SceneRows.TileDetections t : tiles) {
                nodata += t.skipped() ? 1 : 0;
                detections += t.detections().size();
                if (!t.detections().isEmpty()) {
                    byTile.put(t.tileIndex(), t.detections());
                }
            }
            BandMerge.Part part = BandMerge.band(task.plan().grid(), options.merge().strategy(), options.merge().seamRule(),
                    task.rowFrom(), task.rowTo(), byTile);
            return new BandOutput(task, part, nodata, detections, "", false, (System.nanoTime() - t0) / 1e9,
                    opened[0] ? setup : 0);
        } catch (BadInputException e) {
            return new BandOutput(task, BandOutput.NOTHING, 0, 0, oneLine(e), true, (System.nanoTime() - t0) / 1e9,
                    opened[0] ? setup : 0);
        } catch (SeamlineException | RuntimeException e) {
            LOG.debug("band failed", e);
            return new BandOutput(task, BandOutput.NOTHING, 0, 0, oneLine(e), false, (System.nanoTime() - t0) / 1e9,
                    opened[0] ? setup : 0);
        } finally {
            DetectorPool.release(request.model(), detector);
        }
    }

    /** Runs on an executor: every band of one scene, merged and written. */
    private static Tuple2<SceneOutcome, BandStats> mergeScene(Request request, int scene, Iterable<BandOutput> outputs)
            throws SeamlineException {
        failIfHooked(request, scene + ":merge");
        Path path = Path.of(request.scenes().get(scene));
        List<BandMerge.Part> parts = new ArrayList<>();
        int opens = 0, nodata = 0;
        double setup = 0, detect = 0;
        long detections = 0, raw = 0, merged = 0;
        BandOutput failed = null;
        ScenePlan plan = null;
        for (BandOutput o : outputs) {
            if (o.failed() && (failed == null || o.task().band() < failed.task().band())) {
                failed = o;
            }
            plan = o.task().plan();
            parts.add(o.part());
            nodata += o.nodataTiles();
            opens += o.setup() > 0 ? 1 : 0;
            setup += o.setup();
            detect += o.seconds();
            detections += o.detections();
            raw += o.part().raw().size();
            merged += o.part().merged().size();
        }
        BandStats stats = new BandStats(opens, setup, plan == null ? 0 : plan.grid().size(), detections, raw, merged);
        if (failed != null) {
            return new Tuple2<>(SceneOutcome.failed(scene, path.toString(), failed.badInput(), failed.error()), stats);
        }
        ModelBundle model = ModelBundle.load(Path.of(request.model()));
        Map<String, Double> seconds = new LinkedHashMap<>();
        seconds.put("band_tasks", detect);
        seconds.put("detector_setup", setup);
        try {
            SceneResult r = SceneAssembler.write(path, plan, model, request.options(), Path.of(request.outDir()),
                    cocoImageId(request, scene), parts, nodata, seconds);
            return new Tuple2<>(SceneOutcome.of(scene, r, raw), stats);
        } catch (BadInputException e) {
            return new Tuple2<>(SceneOutcome.failed(scene, path.toString(), true, oneLine(e)), stats);
        } catch (SeamlineException | RuntimeException e) {
            LOG.debug("scene failed", e);
            return new Tuple2<>(SceneOutcome.failed(scene, path.toString(), false, oneLine(e)), stats);
        }
    }

    private static long cocoImageId(Request request, int scene) {
        return request.cocoImageIds().getOrDefault(Path.of(request.scenes().get(scene)).getFileName().toString(),
                (long) (scene + 1));
    }

    private static void failIfHooked(Request request, String name) {
        TaskContext context = TaskContext.get();
        if (request.failFirstAttempt().contains(name) && context != null && context.attemptNumber() == 0) {
            throw new IllegalStateException("test hook: the first attempt of task " + name + " fails");
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage();
        return (m == null || m.isBlank() ? e.getClass().getSimpleName() : m).replaceAll("\\s*\\R\\s*", " ");
    }

    /** One reducer partition per scene that has band tasks. */
    private static final class ScenePartitioner extends org.apache.spark.Partitioner {

        @Serial
        private static final long serialVersionUID = 1L;

        private final int[] sceneToPartition;
        private final int partitions;

        ScenePartitioner(List<BandTask> tasks) {
            int max = tasks.stream().mapToInt(BandTask::scene).max().orElse(0);
            sceneToPartition = new int[max + 1];
            java.util.Arrays.fill(sceneToPartition, -1);
            int n = 0;
            for (BandTask t : tasks) {
                if (sceneToPartition[t.scene()] < 0) {
                    sceneToPartition[t.scene()] = n++;
                }
            }
            partitions = n;
        }

        @Override
        public int numPartitions() {
            return partitions;
        }

        @Override
        public int getPartition(Object key) {
            return sceneToPartition[(Integer) key];
        }
    }
}
