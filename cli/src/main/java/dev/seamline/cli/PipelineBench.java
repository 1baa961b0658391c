package dev.seamline.cli;

import dev.seamline.core.PixelBuffer;
import dev.seamline.core.SeamlineException;
import dev.seamline.detector.Detector;
import dev.seamline.detector.DetectorOptions;
import dev.seamline.detector.DeviceChoice;
import dev.seamline.detector.InferenceTimings;
import dev.seamline.detector.ModelBundle;
import dev.seamline.detector.NullModel;
import dev.seamline.detector.builtin.BuiltinModel;
import dev.seamline.geo.Scene;
import dev.seamline.pipeline.DetectOptions;
import dev.seamline.pipeline.Preset;
import dev.seamline.pipeline.ProgressListener;
import dev.seamline.pipeline.RunSummary;
import dev.seamline.pipeline.RuntimeOptions;
import dev.seamline.pipeline.SceneResult;
import dev.seamline.pipeline.Seamline;
import dev.seamline.tiling.EdgePolicy;
import dev.seamline.tiling.Overlap;
import dev.seamline.tiling.TileData;
import dev.seamline.tiling.TileGrid;
import dev.seamline.tiling.TileLayout;
import dev.seamline.tiling.TileSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code seamline bench detect --scene SCENE}: the end-to-end wall time of {@code seamline detect} on a
 * scene (the scene's {@code total} in run.json: reading, inference, merging, writing GeoJSON,
 * GeoPackage, CSV, COCO and the quicklook, as the default preset does) against its reference, the pure
 * forward passes of the same model over the same tiles (read into memory first, then run through a
 * detector with nothing else running; the forward time the detector measures). Both sides run in one
 * JVM after an untimed warm-up of each (one reference run; pipeline runs until {@value #WARM_UP_TILES}
 * tiles have gone through it, one run at least and {@value #WARM_UP_RUNS} at most): a reference run,
 * then each pipeline run followed by a reference run, so that every pipeline run lies between two
 * reference runs, whose mean is its bracketed reference (a host whose speed drifts from run to run
 * moves both alike). Prints one JSON line per run (its ratio to the reference run after it, its
 * bracketed ratio, and with {@code --cpu-by-thread} the pipeline run's CPU by thread group:
 * {@link ThreadCpu}) and a summary line with the medians, their ratio, the median bracketed ratio, and
 * the load average before and after.
 */
final class PipelineBench {

    private final Path scene;
    private final Path model;
    private final int batch;
    private final int readThreads;
    /** Tiles the pipeline takes before the timed runs (at least one run): 256, a 6,000² scene's one run. */
    static final int WARM_UP_TILES = 256;
    /** The most warm-up runs of the pipeline, whatever the scene's size. */
    static final int WARM_UP_RUNS = 16;
    /** Whether each pipeline run's CPU is sampled by thread ({@link ThreadCpu}; it costs a few % of a core). */
    private final boolean cpuByThread;
    /** Tile overlap, pixels; negative: detect's default. */
    private final int overlap;
    private final int runs;
    private final DeviceChoice device;
    private final DetectorOptions.InputTransfer input;
    private final PrintWriter out;
    private java.util.Map<String, Double> lastSeconds = java.util.Map.of();

    /** {@code batch} and {@code readThreads} 0: the default preset's; {@code overlap} negative: detect's default. */
    PipelineBench(Path scene, Path model, int batch, int readThreads, int overlap, int runs, DeviceChoice device,
            DetectorOptions.InputTransfer input, boolean cpuByThread, PrintWriter out) {
        this.cpuByThread = cpuByThread;
        this.overlap = overlap;
        this.input = input;
        this.scene = scene;
        this.model = model;
        this.batch = batch;
        this.readThreads = readThreads;
        this.runs = runs;
        this.device = device;
        this.out = out;
    }

    int run() throws Exception {
        ModelBundle bundle = ModelBundle.load(model != null ? model : BuiltinModel.bundle());
        DetectOptions preset = Preset.load("default").applyTo(DetectOptions.defaults());
        RuntimeOptions runtime = preset.runtime();
        DetectOptions options = withOverlap(preset.withRuntime(new RuntimeOptions(batch > 0 ? batch : runtime.batchSize(),
                readThreads > 0 ? readThreads : runtime.readThreads(), device, input)));
        List<PixelBuffer> tiles = readTiles(bundle, options);
        String load0 = loadAverage();
        Path work = Files.createTempDirectory("seamline-pipeline-bench-");
        List<Double> pipeline = new ArrayList<>();
        List<Double> forward = new ArrayList<>();
        List<Double> inPipelineForward = new ArrayList<>();
        List<Double> bracketRatios = new ArrayList<>();
        try (Detector reference = Detector.open(bundle, new DetectorOptions(device,
                options.runtime().batchSize(), options.outputs().minScore(), input))) {
            // untimed warm-up of both sides; the pipeline's until WARM_UP_TILES tiles have gone through it,
            // so that a small scene is timed with its Java compiled too (on the 16-tile sample the JIT
            // compilers still spent 100-440 ms of CPU in each of the first runs after one warm-up run)
            forwardSeconds(reference, tiles);
            for (int warmed = 0, k = 0; warmed < WARM_UP_TILES && k < WARM_UP_RUNS; warmed += tiles.size(), k++) {
                pipelineSeconds(bundle, options, work.resolve("warm-up" + k));
            }
            // every pipeline run between two timed forward runs: on a shared host whose speed drifts from
            // one run to the next, the pair's mean is the reference the run saw
            double before = forwardSeconds(reference, tiles);
            for (int r = 0; r < runs; r++) {
                ThreadCpu sampler = cpuByThread ? ThreadCpu.start() : null;
                double[] pp = pipelineSeconds(bundle, options, work.resolve("run" + r));
                Map<String, Double> byThread = sampler != null ? sampler.stop() : Map.of();
                double f = forwardSeconds(reference, tiles);
                double p = pp[0];
                double bracket = (before + f) / 2;
                pipeline.add(p);
                forward.add(f);
                bracketRatios.add(p / bracket);
                inPipelineForward.add(pp[1]);
                out.println(String.format(Locale.ROOT, "{\"run\": %d, \"tiles\": %d, \"pipelineSeconds\": %.3f, "
                        + "\"pipelineForwardSeconds\": %.3f, \"pureForwardSeconds\": %.3f, \"pureForwardBeforeSeconds\": %.3f, "
                        + "\"ratio\": %.4f, \"bracketRatio\": %.4f, \"load\": \"%s\", \"stages\": %s"
                        + "%s}", r + 1, tiles.size(), p, pp[1], f, before, p / f, p / bracket,
                        loadAverage(), stages(), byThreadField(byThread, tiles.size())));
                out.flush();
                before = f;
            }
        } finally {
            try (Stream<Path> s = Files.walk(work)) {
                s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
            }
        }
        double mp = median(pipeline);
        double mf = median(forward);
        out.println(String.format(Locale.ROOT, "{\"scene\": \"%s\", \"model\": \"%s\", \"batch\": %d, \"readThreads\": %d, \"overlap\": %d, \"tiles\": %d, "
                + "\"runs\": %d, \"medianPipelineSeconds\": %.3f, \"medianPureForwardSeconds\": %.3f, "
                + "\"medianPipelineForwardSeconds\": %.3f, \"ratio\": %.4f, \"medianBracketRatio\": %.4f, "
                + "\"loadBefore\": \"%s\", \"loadAfter\": \"%s\"}",
                scene, bundle.name(), options.runtime().batchSize(), options.runtime().readThreads(),
                options.tiling().overlapFor(bundle.maxObjectPx(), options.tiling().tileSizeFor(bundle.inputWidth())),
                tiles.size(), runs,
                mp, mf, median(inPipelineForward),
                mp / mf, median(bracketRatios), load0, loadAverage()));
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * {@code bench detect --null-model --scene SCENE}: the pipeline's ceiling. {@code seamline detect}
     * (default preset) with the zero-cost model ({@link NullModel}: no forward work, no boxes) against
     * {@code bench read}'s loop ({@link BenchCommand.Read#readWindows}) over the same windows (the
     * pipeline's tile grid) with the same number of threads, alternating, after one untimed warm-up of
     * each. The pipeline's seconds are the whole {@code Seamline.detect} call (the detector's opening,
     * run.json and the run-level files included); its tiles per second over the reader's is the ratio.
     * The stream ratio leaves out the scene's fixed costs (run.json's {@code setup} and {@code finish}):
     * the tiles' own rate. The CPU ratio is the read side's process CPU time over the pipeline side's
     * (every thread, GC and JIT included): what the wall ratio reaches on cores nobody else uses when the
     * pipeline keeps them all busy (an upper bound), and far steadier than the wall ratio on a loaded machine.
     * Prints one JSON line per run (with run.json's stage seconds in ms per tile and, with
     * {@code --cpu-by-thread}, the pipeline run's CPU by thread group in ms per tile: {@link ThreadCpu},
     * the JIT compilers and the collector included) and a summary line (with the groups' medians).
     */
    int ceiling() throws Exception {
        ModelBundle bundle = NullModel.bundle();
        DetectOptions preset = Preset.load("default").applyTo(DetectOptions.defaults());
        RuntimeOptions runtime = preset.runtime();
        DetectOptions options = withOverlap(preset.withRuntime(new RuntimeOptions(batch > 0 ? batch : runtime.batchSize(),
                readThreads > 0 ? readThreads : runtime.readThreads(), device, input)));
        int threads = options.runtime().readThreads();
        List<dev.seamline.core.PixelWindow> windows = new ArrayList<>();
        String load0 = loadAverage();
        Path work = Files.createTempDirectory("seamline-ceiling-bench-");
        List<Double> pipelineRates = new ArrayList<>();
        List<Double> readRates = new ArrayList<>();
        List<Double> streamRates = new ArrayList<>();
        List<Double> cpuRatios = new ArrayList<>();
        Map<String, List<Double>> threadSeconds = new java.util.TreeMap<>();
        try (Scene s = Scene.openForPixels(scene, 64)) {
            int tile = options.tiling().tileSizeFor(bundle.inputWidth());
            TileGrid grid = TileGrid.of(s.width(), s.height(), new TileLayout(tile,
                    Overlap.ofPixels(options.tiling().overlapFor(bundle.maxObjectPx(), tile)), EdgePolicy.SHIFT_INSIDE));
            for (int i = 0; i < grid.size(); i++) {
                windows.add(grid.tile(i).window());
            }
            BenchCommand.Read.readWindows(s, windows, threads); // untimed warm-up of both sides
            wallSeconds(bundle, options, work.resolve("warm-up"));
            for (int r = 0; r < runs; r++) {
                double p, rd;
                long pc, rc; // the process's CPU time of each side, nanoseconds (every thread: GC and JIT too)
                Map<String, Double> byThread;
                if (r % 2 == 0) {
                    long c0 = cpuNanos();
                    ThreadCpu sampler = cpuByThread ? ThreadCpu.start() : null;
                    p = wallSeconds(bundle, options, work.resolve("run" + r));
                    byThread = sampler != null ? sampler.stop() : Map.of();
                    long c1 = cpuNanos();
                    rd = BenchCommand.Read.readWindows(s, windows, threads).seconds();
                    pc = c1 - c0;
                    rc = cpuNanos() - c1;
                } else {
                    long c0 = cpuNanos();
                    rd = BenchCommand.Read.readWindows(s, windows, threads).seconds();
                    long c1 = cpuNanos();
                    ThreadCpu sampler = cpuByThread ? ThreadCpu.start() : null;
                    p = wallSeconds(bundle, options, work.resolve("run" + r));
                    byThread = sampler != null ? sampler.stop() : Map.of();
                    rc = c1 - c0;
                    pc = cpuNanos() - c1;
                }
                byThread.forEach((k, v) -> threadSeconds.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
                cpuRatios.add((double) rc / pc);
                double pr = windows.size() / p;
                double rr = windows.size() / rd;
                // the tile stream alone: the scene's wall less its fixed costs (setup before the first tile,
                // finish after the last: the last band, the quicklook, the commit)
                double stream = windows.size() / (lastSeconds.get("total") - lastSeconds.get("setup")
                        - lastSeconds.get("finish"));
                pipelineRates.add(pr);
                readRates.add(rr);
                streamRates.add(stream);
                out.println(String.format(Locale.ROOT, "{\"run\": %d, \"tiles\": %d, \"pipelineSeconds\": %.4f, "
                        + "\"pipelineTilesPerSecond\": %.1f, \"streamTilesPerSecond\": %.1f, \"readSeconds\": %.4f, "
                        + "\"readTilesPerSecond\": %.1f, \"ratio\": %.4f, \"streamRatio\": %.4f, "
                        + "\"pipelineCpuMsPerTile\": %.3f, \"readCpuMsPerTile\": %.3f, \"cpuRatio\": %.4f, \"load\": \"%s\", "
                        + "\"stagesMsPerTile\": %s%s}", r + 1, windows.size(), p, pr,
                        stream, rd, rr, pr / rr, stream / rr, pc / 1e6 / windows.size(), rc / 1e6 / windows.size(),
                        (double) rc / pc, loadAverage(), stagesPerTile(windows.size()),
                        byThreadField(byThread, windows.size())));
                out.flush();
            }
        } finally {
            try (Stream<Path> st = Files.walk(work)) {
                st.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
            }
        }
        double mp = median(pipelineRates);
        double mr = median(readRates);
        out.println(String.format(Locale.ROOT, "{\"scene\": \"%s\", \"model\": \"%s\", \"device\": \"%s\", "
                + "\"input\": \"%s\", \"batch\": %d, \"threads\": %d, \"tiles\": %d, \"runs\": %d, "
                + "\"medianPipelineTilesPerSecond\": %.1f, \"medianReadTilesPerSecond\": %.1f, \"ratio\": %.4f, "
                + "\"medianStreamTilesPerSecond\": %.1f, \"streamRatio\": %.4f, \"medianCpuRatio\": %.4f, "
                + "%s\"loadBefore\": \"%s\", \"loadAfter\": \"%s\"}",
                scene, bundle.name(), device, input.name().toLowerCase(Locale.ROOT), options.runtime().batchSize(), threads,
                windows.size(), runs, mp, mr, mp / mr, median(streamRates), median(streamRates) / mr, median(cpuRatios),
                cpuByThread ? "\"medianPipelineCpuMsPerTileByThread\": "
                        + ThreadCpu.perTileJson(medians(threadSeconds, runs), windows.size()) + ", " : "",
                load0, loadAverage()));
        out.flush();
        return ExitCodes.OK;
    }

    /** The options with the bench's {@code --overlap}, when given. */
    private DetectOptions withOverlap(DetectOptions options) {
        return overlap < 0 ? options
                : options.withTiling(options.tiling().withOverlap(overlap, dev.seamline.pipeline.TilingOptions.OverlapSource.OPTION));
    }

    /** A fresh {@code seamline detect} run's wall seconds (the whole call); its stages go to {@link #lastSeconds}. */
    private double wallSeconds(ModelBundle bundle, DetectOptions options, Path outDir) throws SeamlineException {
        long t0 = System.nanoTime();
        pipelineSeconds(bundle, options, outDir);
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The last pipeline run's stage seconds as milliseconds per tile, a JSON object. */
    private String stagesPerTile(int tiles) {
        StringBuilder b = new StringBuilder("{");
        lastSeconds.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append('"').append(k).append("\": ")
                .append(String.format(Locale.ROOT, "%.3f", 1e3 * v / tiles)));
        return b.append('}').toString();
    }

    /** The scene's non-nodata tiles on the pipeline's grid (no resampling: the scene must be at the model's GSD). */
    private List<PixelBuffer> readTiles(ModelBundle bundle, DetectOptions options) throws SeamlineException {
        List<PixelBuffer> tiles = new ArrayList<>();
        try (Scene s = Scene.open(scene)) {
            int tile = options.tiling().tileSizeFor(bundle.inputWidth());
            TileGrid grid = TileGrid.of(s.width(), s.height(),
                    new TileLayout(tile, Overlap.ofPixels(options.tiling().overlapFor(bundle.maxObjectPx(), tile)),
                            EdgePolicy.SHIFT_INSIDE));
            try (TileSource source = TileSource.open(s, grid, TileSource.Options.of(options.runtime().readThreads()))) {
                while (source.hasNext()) {
                    TileData d = source.next();
                    if (!d.isSkipped()) {
                        tiles.add(d.pixels());
                    }
                }
            }
        }
        return tiles;
    }

    /** The pure forward passes over the tiles, seconds, as the detector measures them. */
    private static double forwardSeconds(Detector detector, List<PixelBuffer> tiles) throws SeamlineException {
        InferenceTimings before = detector.timings();
        detector.detect(tiles);
        return detector.timings().minus(before).forwardNanos() / 1e9;
    }

    /** The scene's end-to-end seconds in a fresh {@code seamline detect} run, and its forward passes. */
    private double[] pipelineSeconds(ModelBundle bundle, DetectOptions options, Path outDir) throws SeamlineException {
        long gc0 = gcMillis();
        RunSummary run = Seamline.detect(List.of(scene), bundle, options, outDir, Seamline.RunControl.FRESH,
                ProgressListener.NONE);
        long gc = gcMillis() - gc0;
        SceneResult r = run.scenes().get(0);
        if (r.isFailure()) {
            throw new SeamlineException(scene + ": " + r.error());
        }
        lastSeconds = new java.util.TreeMap<>(r.seconds());
        lastSeconds.put("gc_whole_run", gc / 1e3);
        return new double[] {r.seconds().get("total"), r.seconds().get("infer_forward")};
    }

    /** The last pipeline run's stage seconds (run.json's), as a JSON object. */
    private String stages() {
        StringBuilder b = new StringBuilder("{");
        lastSeconds.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append('"').append(k).append("\": ")
                .append(String.format(Locale.ROOT, "%.3f", v)));
        return b.append('}').toString();
    }

    /** CPU time of this process so far, every thread, nanoseconds. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long gcMillis() {
        long t = 0;
        for (java.lang.management.GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            t += Math.max(0, b.getCollectionTime());
        }
        return t;
    }

    /** {@code , "pipelineCpuMsPerTileByThread": {...}} when sampling by thread, else nothing. */
    private String byThreadField(Map<String, Double> byThread, int tiles) {
        return cpuByThread ? ", \"pipelineCpuMsPerTileByThread\": " + ThreadCpu.perTileJson(byThread, tiles) : "";
    }

    /** Per group, the median over {@code runs} runs, a run without the group counting 0. */
    private static Map<String, Double> medians(Map<String, List<Double>> byGroup, int runs) {
        Map<String, Double> m = new java.util.TreeMap<>();
        byGroup.forEach((k, v) -> {
            List<Double> all = new ArrayList<>(v);
            while (all.size() < runs) {
                all.add(0.0);
            }
            m.put(k, median(all));
        });
        return m;
    }

    private static double median(List<Double> values) {
        List<Double> v = values.stream().sorted().toList();
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
