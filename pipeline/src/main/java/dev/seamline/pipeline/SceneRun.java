package dev.seamline.pipeline;

import dev.seamline.core.BadInputException;
import dev.seamline.core.ClassCatalog;
import dev.seamline.core.Detection;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.SeamlineException;
import dev.seamline.detector.Detector;
import dev.seamline.detector.InferenceTimings;
import dev.seamline.detector.ModelBundle;
import dev.seamline.geo.Scene;
import dev.seamline.outputs.OutputContext;
import dev.seamline.outputs.SceneOutputs;
import dev.seamline.tiling.EdgePolicy;
import dev.seamline.tiling.Overlap;
import dev.seamline.tiling.merge.SeamMerger;
import dev.seamline.tiling.Tile;
import dev.seamline.tiling.TileData;
import dev.seamline.tiling.TileGrid;
import dev.seamline.tiling.TileLayout;
import dev.seamline.tiling.TileSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import dev.seamline.core.io.AtomicFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detection over one scene: tiles stream from the reader threads and go through the detector a
 * batch at a time; a writer thread journals, shifts to scene pixels and merges them while the next
 * batch is inferred; merged bands go to the output sinks as the sweep moves down. Memory holds the
 * tiles read ahead, one batch, and the merger's active band. With {@code resume}, tiles found in the
 * scene's journal are replayed instead of inferred.
 *
 * <p>When the scene's ground sample distance differs from the model's by more than 5 % (and neither
 * the options nor the bundle turn resampling off), tiles cover the ground extent of a model tile
 * ({@link Scale}) and are resampled to the model's tile size ({@link TileResampler}) before
 * inference; their detections map back to scene pixels corner to corner, scaled about the tile's
 * origin, in the same one place where other runs shift tile pixels to scene pixels.
 *
 * <p>It is long (about 470 lines) because its steps (open the scene and its state, plan the tiles,
 * read and infer a batch ahead, merge and write on the writer thread, finish) share one set of
 * threads, closing order and timers: the try-with-resources nesting in {@link #detect} is what makes
 * the writer stop before the journal closes and the outputs vanish unless committed, however a step
 * fails, and splitting that nesting across classes would make the order harder to see, not easier.
 */
final class SceneRun {

    private static final Logger LOG = LoggerFactory.getLogger(SceneRun.class);

    private final Path scenePath;
    private final Detector detector;
    private final DetectOptions options;
    private final Path outDir;
    private final long cocoImageId;
    private final boolean resume;
    private final ProgressListener progress;
    private final int sceneIndex, sceneCount;
    private final StopSignal stop;
    private long inferNanos, mergeWriteNanos, writeWaitNanos, resampleNanos, prepareWaitNanos, finishNanos,
            setupNanos;
    private Scale scale;
    /** Whether the scene being run is one tile. */
    private boolean oneTile;

    SceneRun(Path scenePath, Detector detector, DetectOptions options, Path outDir, long cocoImageId, boolean resume,
            ProgressListener progress, int sceneIndex, int sceneCount, StopSignal stop) {
        this.scenePath = scenePath;
        this.detector = detector;
        this.options = options;
        this.outDir = outDir;
        this.cocoImageId = cocoImageId;
        this.resume = resume;
        this.progress = progress;
        this.sceneIndex = sceneIndex;
        this.sceneCount = sceneCount;
        this.stop = stop;
    }

    /** The outputs' base name: the scene file name without its last extension. */
    static String stem(Path scene) {
        String name = scene.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The scene file and the model, as the STAC item links and names them. */
    static dev.seamline.outputs.SceneProvenance provenance(Path scene, ModelBundle bundle) {
        return new dev.seamline.outputs.SceneProvenance(java.util.Optional.of(scene),
                java.util.Objects.toString(bundle.name(), ""), java.util.Objects.toString(bundle.architecture(), ""),
                java.util.Optional.ofNullable(bundle.weights()), java.util.Objects.toString(bundle.weightsSha256(), ""));
    }

    SceneResult run() throws SeamlineException {
        String stem = stem(scenePath);
        Path stateDir = outDir.resolve(Seamline.STATE_DIR);
        Path journalFile = stateDir.resolve(stem + ".journal");
        Path doneFile = stateDir.resolve(stem + ".done");
        String identity = identity();
        try {
            Files.createDirectories(stateDir);
            if (resume && Files.isRegularFile(doneFile, LinkOption.NOFOLLOW_LINKS)
                    && Files.readString(doneFile, StandardCharsets.UTF_8).equals(identity)) {
                List<Path> missing = missingOutputs(stem);
                if (missing.isEmpty()) {
                    return new SceneResult(scenePath, SceneResult.Status.ALREADY_COMPLETE, "", 0, 0, 0, new TreeMap<>(),
                            Double.NaN, Map.of());
                }
                LOG.info("{}: complete, but {} is missing: detecting the scene again", scenePath, missing.get(0));
            }
            // an earlier completion marker stays until this run commits: a failed rerun leaves the earlier
            // outputs, and the marker that says what they are, as they were
        } catch (IOException e) {
            throw new SeamlineException(outDir + ": cannot write the run's state: " + e.getMessage(), e);
        }
        try (Scene scene = Scene.open(scenePath)) {
            return detect(scene, stem, journalFile, doneFile, identity);
        }
    }

    /**
     * The scene's outputs a complete run leaves (every requested format's file, the quicklook when asked
     * for) that are not there: a complete scene with one missing is detected again.
     */
    private List<Path> missingOutputs(String stem) {
        OutputContext names = new OutputContext(outDir, stem, scenePath.getFileName().toString(), 0, 0,
                java.util.Optional.empty(), detector.bundle().classes(), cocoImageId);
        List<Path> missing = new ArrayList<>();
        for (dev.seamline.outputs.OutputFormat f : options.outputs().formats()) {
            Path target = f.target(names);
            if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                missing.add(target);
            }
        }
        Path quicklook = outDir.resolve(stem + ".quicklook.png");
        if (options.outputs().quicklook() && !Files.isRegularFile(quicklook, LinkOption.NOFOLLOW_LINKS)) {
            missing.add(quicklook);
        }
        return missing;
    }

    /**
     * What the journal and the completion marker are made for: the scene by content ({@link SceneIdentity},
     * not its size and modification time), the model and every option the result depends on; an overlap
     * derived from the model joins it.
     */
    private String identity() {
        ModelBundle bundle = detector.bundle();
        int tileSize = options.tiling().tileSizeFor(bundle.inputWidth());
        int overlap = options.tiling().overlapFor(bundle.maxObjectPx(), tileSize);
        return "seamline-journal 2 scene=" + scenePath.toAbsolutePath().normalize() + " " + SceneIdentity.of(scenePath)
                + " model=" + bundle.weightsSha256() + " cocoImageId=" + cocoImageId + " "
                + options.resultFingerprint() + (overlap != options.tiling().overlap() ? " overlap_used=" + overlap : "");
    }

    private RunStoppedException stopped(WriterThread writer) {
        try {
            writer.drain(); // the tiles inferred so far reach the journal, for --resume
        } catch (IOException | RuntimeException e) {
            LOG.debug("writer failed while stopping", e);
        }
        return new RunStoppedException("stopped by " + stop.reason() + " at a tile boundary of " + scenePath
                + "; run the same command with --resume to go on from there");
    }

    private SceneResult detect(Scene scene, String stem, Path journalFile, Path doneFile, String identity)
            throws SeamlineException {
        ModelBundle bundle = detector.bundle();
        checkBands(scene, bundle);
        int tileSize = options.tiling().tileSizeFor(bundle.inputWidth());
        if (tileSize > bundle.inputWidth() || tileSize > bundle.inputHeight()) {
            throw new BadInputException("tile size " + tileSize + " is larger than the model input "
                    + bundle.inputWidth() + "x" + bundle.inputHeight());
        }
        scale = Scale.of(scene, bundle, options, tileSize, options.tiling().overlapFor(bundle.maxObjectPx(), tileSize));
        TileGrid grid = TileGrid.of(scene.width(), scene.height(), new TileLayout(scale.sceneTile(),
                Overlap.ofPixels(scale.sceneOverlap()), EdgePolicy.SHIFT_INSIDE));
        oneTile = grid.size() == 1;
        ClassCatalog classes = bundle.classes();
        double gsd = scene.groundSampleDistance().orElse(Double.NaN);
        double km2PerPixel = gsd * gsd / 1e6;
        Map<String, Integer> counts = new TreeMap<>();
        InferenceTimings before = detector.timings();
        long t0 = System.nanoTime();
        long readNanos = 0;
        int nodata = 0, resumed = 0;

        // the writer closes first (its tasks done; closing twice is harmless), then the outputs (removing
        // them unless committed)
        try (OpenOutputs outputs = new OpenOutputs(); WriterThread writer = new WriterThread()) {
            // the outputs open on the writer thread (its first task) while the tiles are read and inferred
            writer.submit(() -> outputs.set(SceneOutputs.open(new OutputContext(outDir, stem,
                    scene.path().getFileName().toString(), scene.width(), scene.height(), scene.georeferencing(), classes,
                    cocoImageId, detector.bundle().name(), detector.bundle().weightsSha256()), options.outputs().formats(),
                    options.outputs().quicklook(), scene.nodata(), provenance(scene.path(), bundle))));
            SeamMerger merger = new SeamMerger(grid, options.merge().strategy(), options.merge().seamRule(), band -> {
                        for (Detection d : band) {
                            counts.merge(classes.nameOf(d.classId()), 1, Integer::sum);
                        }
                        try {
                            outputs.get().accept(band);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
            if (resume) {
                writer.drain(); // replaying merges (and may write) on this thread
            }
            DetectionJournal journal;
            BitSet replayed = new BitSet();
            int[] replayedNodata = {0};
            DetectionJournal.Replay replay = !resume ? null : DetectionJournal.resume(journalFile, identity, (index, found) -> {
                Tile tile = grid.tile(index);
                if (found == null) {
                    merger.skip(tile);
                    replayedNodata[0]++;
                } else {
                    merger.accept(tile, found);
                }
            });
            if (replay != null) {
                journal = replay.journal();
                replayed = replay.tiles();
            } else {
                journal = DetectionJournal.create(journalFile, identity);
            }
            nodata += replayedNodata[0];
            try (journal) {
                resumed = replayed.cardinality();
                progress.sceneStarted(scene.name(), sceneIndex, sceneCount, grid.size(), resumed, scale.factor());
                setupNanos = System.nanoTime() - t0;
                int done = resumed;
                double km2 = 0;
                RuntimeOptions runtime = options.runtime();
                List<TileData> batch = new ArrayList<>(runtime.batchSize());
                Prepared pending = null;
                IntPredicate read = readAgain(scene, replayed);
                // the writer stops here, before the journal closes, however this block ends
                try (writer; Preparer preparer = new Preparer();
                        TileSource source = TileSource.open(scene, grid, new TileSource.Options(runtime.readThreads(),
                        Math.max(2 * runtime.readThreads(), runtime.batchSize() + runtime.readThreads()), true), read)) {
                    while (source.hasNext()) {
                        if (stop.isRequested()) {
                            throw stopped(writer);
                        }
                        long r0 = System.nanoTime();
                        TileData data = source.next();
                        readNanos += System.nanoTime() - r0;
                        int index = data.tile().index();
                        if (replayed.get(index)) { // read again only for the quicklook (see readAgain)
                            writer.submit(() -> outputs.addTile(data));
                            continue;
                        }
                        km2 += km2PerPixel * data.tile().window().clip(scene.width(), scene.height()).pixelCount();
                        if (data.isSkipped()) {
                            Tile skipped = data.tile();
                            writer.submit(() -> {
                                journal.skipped(index);
                                merger.skip(skipped);
                            });
                            nodata++;
                            done++;
                            continue;
                        }
                        batch.add(data);
                        if (batch.size() == runtime.batchSize()) {
                            // the next batch's input is built while this thread runs the previous one
                            Prepared next = preparer.submit(batch);
                            batch.clear();
                            if (pending != null) {
                                done += infer(pending, journal, merger, outputs, writer);
                                progress.tilesDone(scene.name(), done, grid.size(), (System.nanoTime() - t0) / 1e9, km2);
                            }
                            pending = next;
                        }
                    }
                    if (!batch.isEmpty()) {
                        Prepared next = preparer.submit(batch);
                        batch.clear();
                        if (pending != null) {
                            done += infer(pending, journal, merger, outputs, writer);
                        }
                        pending = next;
                    }
                    if (pending != null) {
                        done += infer(pending, journal, merger, outputs, writer);
                        progress.tilesDone(scene.name(), done, grid.size(), (System.nanoTime() - t0) / 1e9, km2);
                    }
                    long d0 = System.nanoTime();
                    writer.drain();
                    writeWaitNanos += System.nanoTime() - d0;
                    mergeWriteNanos += writer.busyNanos();
                }
                long w0 = System.nanoTime();
                merger.finish();
                // every output whole on storage before any appears; then the marker; then the renames: a
                // failure before the last step commits nothing, and a failed rename takes the marker back
                outputs.get().prepare();
                AtomicFile.writeString(doneFile, identity);
                try {
                    outputs.get().commit();
                } catch (IOException | RuntimeException e) {
                    Files.deleteIfExists(doneFile);
                    throw e;
                }
                finishNanos = System.nanoTime() - w0;
                mergeWriteNanos += finishNanos;
            }
            Files.deleteIfExists(journalFile);
        } catch (UncheckedIOException e) {
            throw new SeamlineException(outDir + ": cannot write outputs for " + scene.name() + ": "
                    + Failures.oneLine(e.getCause()), e.getCause());
        } catch (IOException e) {
            throw new SeamlineException(outDir + ": cannot write outputs for " + scene.name() + ": " + Failures.oneLine(e), e);
        }
        Map<String, Double> seconds = new LinkedHashMap<>();
        seconds.put("setup", setupNanos / 1e9);
        seconds.put("read_wait", readNanos / 1e9);
        seconds.put("infer", inferNanos / 1e9);
        InferenceTimings model = detector.timings().minus(before);
        seconds.put("infer_forward", model.forwardNanos() / 1e9);
        seconds.put("infer_preprocess_decode", (model.preprocessNanos() + model.decodeNanos()) / 1e9);
        seconds.put("infer_preprocess", model.preprocessNanos() / 1e9);
        seconds.put("infer_decode", model.decodeNanos() / 1e9);
        seconds.put("merge_write", mergeWriteNanos / 1e9);
        seconds.put("merge_write_wait", writeWaitNanos / 1e9);
        seconds.put("prepare_wait", prepareWaitNanos / 1e9);
        seconds.put("finish", finishNanos / 1e9);
        if (scale.resampled()) {
            seconds.put("resample", resampleNanos / 1e9);
        }
        seconds.put("total", (System.nanoTime() - t0) / 1e9);
        double area = km2PerPixel * scene.width() * (double) scene.height();
        return new SceneResult(scenePath, SceneResult.Status.DONE, "", grid.size(), nodata, resumed, new TreeMap<>(counts),
                area, seconds, scale.factor());
    }

    /**
     * Which tiles the tile source reads: every tile not replayed from the journal and, only for the
     * quicklook's pixels, the replayed ones too. Without a quicklook a resumed tile is not read again.
     */
    private IntPredicate readAgain(Scene scene, BitSet replayed) {
        if (options.outputs().quicklook() || replayed.isEmpty()) {
            return index -> true;
        }
        LOG.debug("{}: {} tile(s) replayed from the journal are not read again (no quicklook)", scene.name(),
                replayed.cardinality());
        BitSet skip = (BitSet) replayed.clone();
        return index -> !skip.get(index);
    }

    /**
     * The scene's outputs once the writer thread has opened them: its later tasks, and this thread
     * after {@link WriterThread#drain()}, see them. Closing closes them (removing them unless committed).
     */
    private static final class OpenOutputs implements AutoCloseable {

        private volatile SceneOutputs outputs;

        void set(SceneOutputs opened) {
            outputs = opened;
        }

        SceneOutputs get() {
            SceneOutputs o = outputs;
            if (o == null) {
                throw new IllegalStateException("the outputs are not open");
            }
            return o;
        }

        /** A tile went past: its pixels go to the quicklook, if any (a skipped tile has none). */
        void addTile(TileData tile) {
            if (!tile.isSkipped()) {
                get().addTile(tile.tile().window(), tile.pixels());
            }
        }

        @Override
        public void close() throws IOException {
            if (outputs != null) {
                outputs.close();
            }
        }
    }

    /** A batch whose model input is being built on the {@link Preparer}'s thread. */
    private record Prepared(List<TileData> tiles, Future<List<PixelBuffer>> input, double[] kx, double[] ky) {
    }

    /**
     * The thread that builds each batch's model input (resampling when the GSDs differ, then the
     * detector's {@link Detector#prepare}: normalised float32 in the model's layout) while the inference
     * thread runs the previous batch, so that the forward pass does not wait for its input.
     */
    private final class Preparer implements AutoCloseable {

        private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "seamline-prepare");
            t.setDaemon(true);
            return t;
        });

        Prepared submit(List<TileData> batch) {
            List<TileData> tiles = List.copyOf(batch);
            double[] kx = new double[tiles.size()];
            double[] ky = new double[tiles.size()];
            boolean resampled = scale.resampled();
            Future<List<PixelBuffer>> input = executor.submit(() -> {
                List<PixelBuffer> pixels = new ArrayList<>(tiles.size());
                long r0 = System.nanoTime();
                for (int k = 0; k < tiles.size(); k++) {
                    PixelBuffer p = tiles.get(k).pixels();
                    if (resampled) {
                        int ow = scale.modelSize(p.width());
                        int oh = scale.modelSize(p.height());
                        kx[k] = (double) p.width() / ow;
                        ky[k] = (double) p.height() / oh;
                        p = TileResampler.resample(p, ow, oh);
                    }
                    pixels.add(p);
                }
                if (resampled) {
                    synchronized (SceneRun.this) {
                        resampleNanos += System.nanoTime() - r0;
                    }
                }
                return detector.prepare(pixels);
            });
            return new Prepared(tiles, input, kx, ky);
        }

        @Override
        public void close() {
            executor.shutdownNow();
            try {
                executor.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Infers a prepared batch, then hands the writer thread the quicklook, and the journaling and
     * merging of each tile's detections, shifted to scene pixels (the one place where tile pixels become
     * scene pixels; scaled about the tile's origin too when tiles were resampled); returns the number of
     * tiles.
     */
    private int infer(Prepared batch, DetectionJournal journal, SeamMerger merger, OpenOutputs outputs,
            WriterThread writer) throws SeamlineException, IOException {
        long i0 = System.nanoTime();
        List<PixelBuffer> pixels;
        try {
            pixels = batch.input().get();
            prepareWaitNanos += System.nanoTime() - i0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SeamlineException(scenePath + ": interrupted while preparing tiles", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SeamlineException se) {
                throw se;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new SeamlineException(scenePath + ": preparing tiles failed: " + cause, cause);
        }
        // a scene of one tile smaller than the input is a whole image: fed as the bundle's "resize" says
        PixelBuffer only = oneTile && pixels.size() == 1 ? pixels.get(0) : null;
        List<List<Detection>> found = only != null && detector.letterboxes(only)
                ? List.of(detector.detectImage(only)) : detector.detect(pixels);
        inferNanos += System.nanoTime() - i0;
        long w0 = System.nanoTime();
        boolean resampled = scale.resampled();
        List<TileData> tiles = batch.tiles();
        double[] kx = batch.kx();
        double[] ky = batch.ky();
        writer.submit(() -> {
            for (int k = 0; k < tiles.size(); k++) {
                TileData data = tiles.get(k);
                outputs.addTile(data);
                Tile tile = data.tile();
                List<Detection> shifted = new ArrayList<>(found.get(k).size());
                for (Detection d : found.get(k)) {
                    shifted.add(resampled ? TileResampler.toScene(d, tile.window(), kx[k], ky[k])
                            : d.shift(tile.window().x(), tile.window().y()));
                }
                journal.tile(tile.index(), shifted);
                merger.accept(tile, shifted);
            }
            journal.flush();
        });
        writeWaitNanos += System.nanoTime() - w0;
        return tiles.size();
    }

    private static void checkBands(Scene scene, ModelBundle bundle) throws BadInputException {
        for (int band : bundle.bands()) {
            if (band > scene.bandCount()) {
                throw new BadInputException(scene.path(), "the model reads band " + band + " but the scene has "
                        + scene.bandCount() + " band(s)");
            }
        }
    }

    /**
     * The scene's tiling and how tiles reach the model: without resampling, tiles of the model's tile
     * size and overlap; with it, tiles of {@code tile · modelGsd / sceneGsd} scene pixels (the same
     * ground extent), overlap likewise, each resampled to {@code modelTile} pixels. Resampling has a sense
     * of proportion: beyond {@link TilingOptions#MAX_UPSAMPLING}× up or {@link TilingOptions#MAX_DOWNSAMPLING}×
     * down the scene fails (one line: both GSDs, the factor, what the model's objects would measure in the
     * scene's pixels) unless the options force it ({@link TilingOptions.Resample#FORCE}).
     *
     * @param sceneTile    tile size in scene pixels
     * @param sceneOverlap overlap in scene pixels
     * @param modelTile    tile size in model pixels (the tile size of the options)
     * @param resampled    whether tiles are resampled
     */
    record Scale(int sceneTile, int sceneOverlap, int modelTile, boolean resampled) {

        /**
         * Model pixels per scene pixel as applied to a whole tile, {@code modelTile / sceneTile} (about the
         * scene's GSD over the model's: 100 is upsampling 100×, 0.06 downsampling 16.7×); 1 when tiles
         * are not resampled.
         */
        double factor() {
            return resampled ? (double) modelTile / sceneTile : 1;
        }

        /** {@link #of(Scene, ModelBundle, DetectOptions, int, int)} with the overlap the options state. */
        static Scale of(Scene scene, ModelBundle bundle, DetectOptions options, int tileSize) throws BadInputException {
            return of(scene, bundle, options, tileSize, options.tiling().overlap());
        }

        /**
         * The plan for a scene, tiles of {@code tileSize} and {@code overlap} model pixels.
         *
         * @throws BadInputException when the scene would be resampled beyond the limits and the options do
         *         not force it
         */
        static Scale of(Scene scene, ModelBundle bundle, DetectOptions options, int tileSize, int overlap)
                throws BadInputException {
            Scale none = new Scale(tileSize, overlap, tileSize, false);
            if (bundle.gsd().isEmpty() || scene.groundSampleDistance().isEmpty()) {
                return none;
            }
            double sceneGsd = scene.groundSampleDistance().getAsDouble();
            double modelGsd = bundle.gsd().getAsDouble();
            if (Math.abs(sceneGsd / modelGsd - 1) <= TileResampler.TOLERANCE) {
                return none;
            }
            if (!bundle.resample() || !options.tiling().resample()) {
                LOG.warn(String.format(java.util.Locale.ROOT, "%s: ground sample distance %s differs from the "
                        + "model's %s and resampling is off (%s), so detection quality may suffer", scene.name(),
                        metres(sceneGsd), metres(modelGsd), bundle.resample() ? "--no-resample" : "the model's \"resample\": false"));
                return none;
            }
            double f = modelGsd / sceneGsd;
            int sceneTile = Math.max(1, (int) Math.round(tileSize * f));
            int sceneOverlap = Math.min(sceneTile - 1, (int) Math.round(overlap * f));
            if (options.tiling().resampling() != TilingOptions.Resample.FORCE
                    && (1 / f > TilingOptions.MAX_UPSAMPLING * (1 + 1e-9) || f > TilingOptions.MAX_DOWNSAMPLING * (1 + 1e-9))) {
                throw new BadInputException(scene.path(), tooFar(bundle, sceneGsd, modelGsd, tileSize, sceneTile));
            }
            LOG.info(String.format(java.util.Locale.ROOT, "%s: ground sample distance %s, the model's %s: "
                    + "tiles of %d scene pixels (overlap %d) are resampled to %d (x%s)", scene.name(), metres(sceneGsd),
                    metres(modelGsd), sceneTile, sceneOverlap, tileSize, factorText(sceneGsd / modelGsd)));
            return new Scale(sceneTile, sceneOverlap, tileSize, true);
        }

        /** The one line of a scene resampled too far: both GSDs, the factor, the model's objects in scene pixels. */
        private static String tooFar(ModelBundle bundle, double sceneGsd, double modelGsd, int tileSize, int sceneTile) {
            double k = sceneGsd / modelGsd; // model pixels per scene pixel
            boolean up = k > 1;
            String how = up ? String.format(java.util.Locale.ROOT, "upsampled %sx (the limit is %sx)", factorText(k),
                    factorText(TilingOptions.MAX_UPSAMPLING))
                    : String.format(java.util.Locale.ROOT, "downsampled %sx (the limit is %sx)", factorText(1 / k),
                    factorText(TilingOptions.MAX_DOWNSAMPLING));
            String objects = bundle.maxObjectPx().isPresent()
                    ? String.format(java.util.Locale.ROOT, "the model's largest object (%d px at %s) would measure %s px "
                            + "here, ", bundle.maxObjectPx().getAsInt(), metres(modelGsd),
                            pixels(bundle.maxObjectPx().getAsInt() / k))
                    : "";
            return String.format(java.util.Locale.ROOT, "ground sample distance %s against the model's %s: its tiles "
                    + "would be %s; %sa %d-px model tile would cover %s scene px; give --resample force (a preset: "
                    + "resample: force) to run it anyway, or use a model trained nearer %s", metres(sceneGsd),
                    metres(modelGsd), how, objects, tileSize, pixels(tileSize / k), metres(sceneGsd));
        }

        /** Metres per pixel as people read them: 30 m, 0.3 m, 0.018 m. */
        static String metres(double m) {
            return new java.math.BigDecimal(m).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString()
                    + " m";
        }

        /** A factor to three significant digits: 100, 16.7, 1.67, 0.06. */
        static String factorText(double f) {
            return new java.math.BigDecimal(f).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
        }

        /** A size in pixels to two significant digits below 100, whole above. */
        private static String pixels(double px) {
            if (px >= 100) {
                return String.format(java.util.Locale.ROOT, "%,d", Math.round(px));
            }
            return new java.math.BigDecimal(px).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString();
        }

        /**
         * The model-pixel size of a tile side of {@code scenePixels}: the model tile for a whole tile,
         * proportionally less for the tile of a scene smaller than one tile.
         */
        int modelSize(int scenePixels) {
            if (scenePixels >= sceneTile) {
                return modelTile;
            }
            return Math.max(1, Math.min(modelTile, (int) Math.round((double) scenePixels * modelTile / sceneTile)));
        }
    }
}
