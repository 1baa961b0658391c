package dev.seamline.pipeline;

import dev.seamline.core.BadInputException;
import dev.seamline.core.ClassCatalog;
import dev.seamline.core.Detection;
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
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scene of a run, as the steps a {@link SceneStream} calls from its threads: {@link #open} (the
 * opener thread: on resume the content identity, the completion check and the journal's replay; the
 * scene and its tiling, the outputs opening on the scene's writer thread, a fresh journal started there
 * too, the tile source starting to read ahead);
 * {@link #nextTile} (the inference thread takes the tiles to infer; tiles replayed from the journal
 * and all-nodata tiles are journaled and merged here); {@link #inferred} (a batch's detections of this
 * scene's tiles, shifted to scene pixels, journaled and merged on the writer thread while the next
 * batch is inferred); {@link #finish} (the finisher thread: the last band, every output whole on
 * storage, the completion marker, the renames) and {@link #close} (however the scene ended: the writer
 * stops before the journal closes, and the outputs vanish unless committed). Memory holds the tiles
 * read ahead, the scene's share of the batches in flight and the merger's active band. With
 * {@code resume}, tiles found in the scene's journal are replayed instead of inferred.
 *
 * <p>When the scene's ground sample distance differs from the model's by more than 5 % (and neither
 * the options nor the bundle turn resampling off), tiles cover the ground extent of a model tile
 * ({@link SceneScale}) and are resampled to the model's tile size ({@link TileResampler}) before
 * inference; their detections map back to scene pixels corner to corner, scaled about the tile's
 * origin, in the same one place where other runs shift tile pixels to scene pixels ({@link #inferred}).
 *
 * <p>Threads: each step runs on one thread at a time, handed from one to the next through the stream's
 * queues and futures (which order memory); the timers, which the preparing and inference threads add
 * to, are guarded by the object's lock.
 *
 * <p>Why one class: its parts are already their own types (the tiling plan {@link SceneScale}, the
 * {@link WriterThread}, the {@link DetectionJournal}, the merger, the outputs, the tile source); what is
 * left here is the one scene's lifecycle over them — which of them exist at each step, the order in
 * which they open, commit and close on failure, and the counters every step adds to. Split further,
 * that order would be spread over objects that each hold half of the same state.
 */
final class SceneRun implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SceneRun.class);

    private final Path scenePath;
    private final Detector detector;
    private final DetectOptions options;
    private final Path outDir;
    private final long cocoImageId;
    private final boolean resume;
    private final int sceneIndex, sceneCount;
    private final String stem;
    private final Path journalFile, doneFile;
    private final Map<String, Integer> counts = new TreeMap<>();
    /** Set on the opener thread when resuming, else by the writer's first tasks (read after draining it). */
    private volatile String identity;
    private Scene scene;
    private SceneScale scale;
    private TileGrid grid;
    /** Whether the scene is one tile. */
    private boolean oneTile;
    private double km2PerPixel, km2, squareKm;
    private OpenOutputs outputs;
    private WriterThread writer;
    private volatile DetectionJournal journal;
    private SeamMerger merger;
    private TileSource source;
    private BitSet replayed = new BitSet();
    private int nodata, resumed, done;
    private long t0, begun;
    private long setupNanos, readNanos, writeWaitNanos, mergeWriteNanos, finishNanos, resampleNanos;
    /** A batch's times shared among its scenes by their tiles in it, nanoseconds. */
    private double inferNanos, forwardNanos, preprocessNanos, decodeNanos, prepareWaitNanos;
    /** Forward passes that held this scene's tiles, and the sum of their fills (tiles / batch size). */
    private int batches;
    private double fillSum;

    SceneRun(Path scenePath, Detector detector, DetectOptions options, Path outDir, long cocoImageId, boolean resume,
            int sceneIndex, int sceneCount) {
        this.scenePath = scenePath;
        this.detector = detector;
        this.options = options;
        this.outDir = outDir;
        this.cocoImageId = cocoImageId;
        this.resume = resume;
        this.sceneIndex = sceneIndex;
        this.sceneCount = sceneCount;
        this.stem = stem(scenePath);
        Path stateDir = outDir.resolve(Seamline.STATE_DIR);
        this.journalFile = stateDir.resolve(stem + ".journal");
        this.doneFile = stateDir.resolve(stem + ".done");
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

    /** The scene file. */
    Path path() {
        return scenePath;
    }

    /**
     * Opens the scene for detection: returns its result when there is nothing to do (its outputs are
     * complete already, on resume), else null and its tiles are being read ahead. On failure whatever
     * was opened is closed again.
     */
    SceneResult open() throws SeamlineException {
        t0 = System.nanoTime();
        // a resumed scene is checked against its identity now; a fresh one's journal, which alone needs
        // it, is started on the writer thread while the first tiles are read (the digest of a 56 MB
        // scene costs ~50 ms)
        identity = resume ? identity() : null;
        try {
            Files.createDirectories(doneFile.getParent());
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
        boolean opened = false;
        try {
            scene = Scene.open(scenePath);
            plan();
            opened = true;
            return null;
        } catch (UncheckedIOException e) {
            throw writeFailure(e.getCause());
        } catch (IOException e) {
            throw writeFailure(e);
        } finally {
            if (!opened) {
                close();
            }
        }
    }

    /** The steps of {@link #open} once the scene is open: tiling, outputs, journal, the tile source. */
    private void plan() throws SeamlineException, IOException {
        ModelBundle bundle = detector.bundle();
        checkBands(scene, bundle);
        int tileSize = options.tiling().tileSizeFor(bundle.inputWidth());
        if (tileSize > bundle.inputWidth() || tileSize > bundle.inputHeight()) {
            throw new BadInputException("tile size " + tileSize + " is larger than the model input "
                    + bundle.inputWidth() + "x" + bundle.inputHeight());
        }
        scale = SceneScale.of(scene, bundle, options, tileSize, options.tiling().overlapFor(bundle.maxObjectPx(), tileSize));
        grid = TileGrid.of(scene.width(), scene.height(), new TileLayout(scale.sceneTile(),
                Overlap.ofPixels(scale.sceneOverlap()), EdgePolicy.SHIFT_INSIDE));
        oneTile = grid.size() == 1;
        ClassCatalog classes = bundle.classes();
        double gsd = scene.groundSampleDistance().orElse(Double.NaN);
        km2PerPixel = gsd * gsd / 1e6;
        squareKm = km2PerPixel * scene.width() * (double) scene.height();
        outputs = new OpenOutputs();
        writer = new WriterThread();
        // the outputs open on the writer thread (its first task) while the tiles are read
        writer.submit(() -> outputs.set(SceneOutputs.open(new OutputContext(outDir, stem,
                scene.path().getFileName().toString(), scene.width(), scene.height(), scene.georeferencing(), classes,
                cocoImageId, bundle.name(), bundle.weightsSha256()), options.outputs().formats(),
                options.outputs().quicklook(), scene.nodata(), provenance(scene.path(), bundle))));
        merger = new SeamMerger(grid, options.merge().strategy(), options.merge().seamRule(), band -> {
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
        } else if (resume) {
            journal = DetectionJournal.create(journalFile, identity);
        } else {
            writer.submit(() -> {
                identity = identity();
                journal = DetectionJournal.create(journalFile, identity);
            });
        }
        nodata += replayedNodata[0];
        resumed = replayed.cardinality();
        done = resumed;
        setupNanos = System.nanoTime() - t0;
        RuntimeOptions runtime = options.runtime();
        source = TileSource.open(scene, grid, new TileSource.Options(runtime.readThreads(),
                Math.max(2 * runtime.readThreads(), runtime.batchSize() + runtime.readThreads()), true),
                readAgain(scene, replayed));
        source.prefetch();
    }

    private SeamlineException writeFailure(IOException e) {
        return new SeamlineException(outDir + ": cannot write outputs for "
                + (scene != null ? scene.name() : scenePath.getFileName()) + ": " + Failures.oneLine(e), e);
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

    /** The inference thread starts taking the scene's tiles: the listener is told. */
    void begin(ProgressListener progress) {
        begun = System.nanoTime();
        progress.sceneStarted(scene.name(), sceneIndex, sceneCount, grid.size(), resumed, scale.factor());
    }

    /** The scene's tiling: how its tiles reach the model. */
    SceneScale scale() {
        return scale;
    }

    /** Whether the scene is one tile (fed as a whole image when the bundle letterboxes). */
    boolean oneTile() {
        return oneTile;
    }

    /** Whether {@link #nextTile} would return at once, its tile read already. */
    boolean nextTileReady() {
        return source != null && source.nextIsReady();
    }

    /** True while tiles of the scene remain to be taken by {@link #nextTile}. */
    boolean hasTiles() {
        return source != null && source.hasNext();
    }

    /**
     * Takes the scene's next tile: returns it when it is to be inferred, or null when it was handled
     * here (replayed from the journal and read again only for the quicklook, or all nodata: journaled and
     * merged as skipped). Once the last tile is taken the tile source closes.
     */
    TileData nextTile() throws SeamlineException {
        try {
            long r0 = System.nanoTime();
            TileData data = source.next();
            synchronized (this) {
                readNanos += System.nanoTime() - r0;
            }
            // the quicklook takes the tile now, on the writer thread, while the model works: so the scene's
            // picture can be rendered before its last detections come (tilesComplete)
            writer.offer(() -> outputs.addTile(data));
            if (!source.hasNext()) {
                source.close();
                writer.offer(() -> outputs.get().tilesComplete());
            }
            int index = data.tile().index();
            if (replayed.get(index)) { // read again only for the quicklook (see readAgain)
                return null;
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
                return null;
            }
            return data;
        } catch (UncheckedIOException e) {
            throw writeFailure(e.getCause());
        } catch (IOException e) {
            throw writeFailure(e);
        }
    }

    /**
     * Hands the writer thread the journaling and merging of each tile's detections (the quicklook took
     * the tiles when they were taken, {@link #nextTile}),
     * shifted to scene pixels (the one place where tile pixels become scene pixels; scaled about the
     * tile's origin too when tiles were resampled), then tells the listener.
     *
     * @param found per tile, its detections in model-input pixels
     * @param kx    per tile, scene pixels per model pixel across (when resampled)
     * @param ky    likewise down
     */
    void inferred(List<TileData> tiles, List<List<Detection>> found, double[] kx, double[] ky,
            ProgressListener progress) throws SeamlineException {
        long w0 = System.nanoTime();
        boolean resampled = scale.resampled();
        try {
            writer.submit(() -> {
                for (int k = 0; k < tiles.size(); k++) {
                    TileData data = tiles.get(k);
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
        } catch (UncheckedIOException e) {
            throw writeFailure(e.getCause());
        } catch (IOException e) {
            throw writeFailure(e);
        }
        synchronized (this) {
            writeWaitNanos += System.nanoTime() - w0;
        }
        done += tiles.size();
        progress.tilesDone(scene.name(), done, grid.size(), (System.nanoTime() - begun) / 1e9, km2);
    }

    /**
     * This scene's share of one forward pass: {@code share} of its tiles, of the pass's times (nanoseconds).
     *
     * @param fill the pass's tiles over the batch size
     */
    synchronized void shareOfPass(double share, double fill, long infer, long prepareWait, InferenceTimings model) {
        batches++;
        fillSum += fill;
        inferNanos += share * infer;
        prepareWaitNanos += share * prepareWait;
        forwardNanos += share * model.forwardNanos();
        preprocessNanos += share * model.preprocessNanos();
        decodeNanos += share * model.decodeNanos();
    }

    /** Time spent resampling this scene's tiles, nanoseconds. */
    synchronized void resampled(long nanos) {
        resampleNanos += nanos;
    }

    /**
     * Ends the scene once every tile has been handed to the writer: waits for it, merges the last band,
     * writes every output whole, then the marker, then the renames (a failure before the last step
     * commits nothing, and a failed rename takes the marker back); then closes everything and deletes
     * the journal.
     */
    SceneResult finish() throws SeamlineException {
        try {
            writer.drain();
            long w0 = System.nanoTime();
            merger.finish();
            outputs.get().prepare();
            AtomicFile.writeString(doneFile, identity);
            try {
                outputs.get().commit();
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(doneFile);
                throw e;
            }
            long finish = System.nanoTime() - w0;
            synchronized (this) {
                mergeWriteNanos += writer.busyNanos() + finish;
                finishNanos = finish;
            }
            writer.close();
            DetectionJournal j = journal;
            journal = null;
            j.close();
            OpenOutputs o = outputs;
            outputs = null;
            o.close();
            Files.deleteIfExists(journalFile);
        } catch (UncheckedIOException e) {
            throw writeFailure(e.getCause());
        } catch (IOException e) {
            throw writeFailure(e);
        } finally {
            close();
        }
        return result();
    }

    /**
     * Gives the scene up (the run stops): the tiles inferred so far reach the journal, for {@code --resume},
     * then everything closes and nothing is committed.
     */
    void stop() {
        if (writer != null) {
            try {
                writer.drain();
            } catch (IOException | RuntimeException e) {
                LOG.debug("writer failed while stopping", e);
            }
        }
        close();
    }

    private synchronized SceneResult result() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        seconds.put("setup", setupNanos / 1e9);
        seconds.put("read_wait", readNanos / 1e9);
        seconds.put("infer", inferNanos / 1e9);
        seconds.put("infer_forward", forwardNanos / 1e9);
        seconds.put("infer_preprocess_decode", (preprocessNanos + decodeNanos) / 1e9);
        seconds.put("infer_preprocess", preprocessNanos / 1e9);
        seconds.put("infer_decode", decodeNanos / 1e9);
        seconds.put("merge_write", mergeWriteNanos / 1e9);
        seconds.put("merge_write_wait", writeWaitNanos / 1e9);
        seconds.put("prepare_wait", prepareWaitNanos / 1e9);
        seconds.put("finish", finishNanos / 1e9);
        if (scale.resampled()) {
            seconds.put("resample", resampleNanos / 1e9);
        }
        seconds.put("total", (System.nanoTime() - t0) / 1e9);
        return new SceneResult(scenePath, SceneResult.Status.DONE, "", grid.size(), nodata, resumed, new TreeMap<>(counts),
                squareKm, seconds, scale.factor(), batches, batches == 0 ? Double.NaN : fillSum / batches);
    }

    /**
     * Closes what is open, in order: the tile source, the writer (its tasks dropped), the journal (kept
     * on disk), the outputs (removed unless committed), the scene; and lets go of them, so that a run of
     * many scenes holds no closed scene's buffers. Idempotent; failures are logged.
     */
    @Override
    public void close() {
        if (source != null) {
            source.close();
        }
        if (writer != null) {
            writer.close();
        }
        closeFiles();
        source = null;
        writer = null;
        journal = null;
        outputs = null;
        merger = null;
        scene = null;
    }

    private void closeFiles() {
        try {
            if (journal != null) {
                journal.close();
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("{}: closing the journal failed", scenePath, e);
        }
        try {
            if (outputs != null) {
                outputs.close();
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("{}: closing the outputs failed", scenePath, e);
        }
        try {
            if (scene != null) {
                scene.close();
            }
        } catch (SeamlineException | RuntimeException e) {
            LOG.debug("{}: closing the scene failed", scenePath, e);
        }
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
     * The scene's outputs once the writer thread has opened them: its later tasks, and other threads
     * after {@link WriterThread#drain()}, see them. Closing closes them (removing them unless committed);
     * closing twice is harmless.
     */
    private static final class OpenOutputs implements AutoCloseable {

        private volatile SceneOutputs outputs;
        private boolean closed;

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
        public synchronized void close() throws IOException {
            if (outputs != null && !closed) {
                closed = true;
                outputs.close();
            }
        }
    }

    private static void checkBands(Scene scene, ModelBundle bundle) throws BadInputException {
        for (int band : bundle.bands()) {
            if (band > scene.bandCount()) {
                throw new BadInputException(scene.path(), "the model reads band " + band + " but the scene has "
                        + scene.bandCount() + " band(s)");
            }
        }
    }
}
