package dev.seamline.pipeline;

import dev.seamline.core.BadInputException;
import dev.seamline.core.Detection;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.SeamlineException;
import dev.seamline.detector.Detector;
import dev.seamline.detector.InferenceTimings;
import dev.seamline.detector.InputResize;
import dev.seamline.tiling.TileData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tile stream across the scenes of a run. An opener thread opens the scenes in order
 * ({@link SceneRun#open}: content identity, georeferencing, outputs, journal, tiles read ahead) at most
 * {@value #AHEAD} ahead of the scene whose tiles are being taken; the inference thread (the caller's)
 * takes tiles from one scene after another and fills each batch with as many scenes' tiles as it needs,
 * while a {@code seamline-prepare} thread builds the next batch's input; each scene's share of a batch
 * goes to that scene's writer thread; a finisher thread commits the scenes one at a time, in order, as
 * soon as the last batch holding a scene's tiles is inferred ({@link SceneRun#finish}). So the per-scene
 * fixed costs (opening, identity, georeferencing, the commit and the quicklook) happen off the
 * inference thread, and small scenes make full batches.
 *
 * <p>Every scene's merge, outputs, journal, resume and run.json entry stay its own and are what the
 * scene gives run alone: a forward pass has the batch size's shape whatever it holds
 * ({@link Detector#fixedShapeBatches()}; for a model without that, torchvision's, batches stay within
 * a scene), so a tile's detections depend only on its own pixels. A batch holds tiles of one sample
 * type, band count and resampling; a one-tile scene a bundle letterboxes is inferred alone, as a whole
 * image. A scene that fails (reading, writing, its share of a forward pass) fails alone: when a batch of
 * several scenes fails, each scene's tiles are inferred again on their own and only the scenes whose
 * tiles fail then fail. A stop request ends the run at a tile boundary: the scenes whose tiles were all
 * inferred are committed, the others keep their journals for {@code --resume}.
 *
 * <p>Memory: the tiles read ahead in at most {@value #AHEAD} + 1 scenes, two batches, and the open
 * outputs of the scenes whose tiles are in them (at most {@code 2 × batch + }{@value #AHEAD}{@code  + 2}
 * scenes open at once), whatever the number of scenes. With {@link RuntimeOptions#sceneStream()} off,
 * one scene at a time: a scene opens once the one before is committed, and no batch spans two.
 *
 * <p>Not thread-safe: one run, from one thread.
 */
final class SceneStream {

    /** Scenes opened ahead of the one whose tiles are being taken. */
    static final int AHEAD = 2;

    private static final Logger LOG = LoggerFactory.getLogger(SceneStream.class);
    private static final Opened END = new Opened(-1, null, null, null);

    private final List<Path> scenes;
    private final Detector detector;
    private final DetectOptions options;
    private final Path outDir;
    private final Seamline.RunControl control;
    private final ProgressListener progress;
    /** Whether a batch may take tiles of several scenes, and scenes open ahead. */
    private final boolean across;
    private final int batchSize;
    /** Scenes opened and not yet finished. */
    private final Semaphore inFlight;
    private final BlockingQueue<Opened> opened = new ArrayBlockingQueue<>(AHEAD);
    private final ExecutorService finisher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "seamline-finisher");
        t.setDaemon(true);
        return t;
    });
    private final List<Flow> flows = new ArrayList<>();
    private volatile boolean stopping;
    private volatile Throwable openerFailure;
    private List<Item> batch = new ArrayList<>();
    private Pass pending;
    private InferenceTimings lastTimings;

    SceneStream(List<Path> scenes, Detector detector, DetectOptions options, Path outDir, Seamline.RunControl control,
            ProgressListener progress) {
        this.scenes = List.copyOf(scenes);
        this.detector = detector;
        this.options = options;
        this.outDir = outDir;
        this.control = control;
        this.progress = new Serial(progress);
        this.across = options.runtime().sceneStream() && detector.fixedShapeBatches();
        this.batchSize = options.runtime().batchSize();
        this.inFlight = new Semaphore(across ? 2 * batchSize + AHEAD + 2 : 1);
    }

    /**
     * Runs every scene; returns their results in the order given.
     *
     * @throws RunStoppedException when the run's stop signal was raised
     */
    List<SceneResult> run() throws SeamlineException {
        Thread opener = new Thread(this::openAll, "seamline-opener");
        opener.setDaemon(true);
        lastTimings = detector.timings();
        try (Preparer preparer = new Preparer(detector)) {
            opener.start();
            stream(preparer);
            if (pending != null) {
                infer(pending);
                pending = null;
            }
            return results();
        } finally {
            shutDown(opener);
        }
    }

    /** The inference thread's loop: scenes in order, their tiles into batches. */
    private void stream(Preparer preparer) throws SeamlineException {
        Flow current = null;
        Path last = scenes.isEmpty() ? null : scenes.get(0);
        while (true) {
            if (control.stop().isRequested()) {
                throw stopped(current != null ? current.path : last);
            }
            if (current == null) {
                Opened o = opened.poll();
                if (o == null) {
                    inferPending(); // the model works while the next scene opens
                    o = take();
                }
                if (o == END) {
                    if (flows.size() < scenes.size() && control.stop().isRequested()) {
                        throw stopped(scenes.get(flows.size()));
                    }
                    if (openerFailure != null) {
                        throw new SeamlineException("opening scenes failed: " + Failures.oneLine(openerFailure), openerFailure);
                    }
                    break;
                }
                Flow flow = new Flow(o);
                last = flow.path;
                hand(flow);
                if (o.result() != null || o.failure() != null) {
                    flow.readDone = true;
                    flow.maybeComplete();
                    continue;
                }
                current = flow;
                flow.run.begin(progress);
                continue;
            }
            if (current.failure != null || !current.run.hasTiles()) {
                current.readDone = true;
                current.maybeComplete();
                if (!across) {
                    flush(preparer);
                    inferPending();
                }
                current = null;
                continue;
            }
            if (pending != null && !current.run.nextTileReady()) {
                inferPending(); // a prepared pass runs rather than wait for the readers (the first one, mostly)
            }
            TileData tile;
            try {
                tile = current.run.nextTile();
            } catch (SeamlineException | RuntimeException e) {
                current.fail(e);
                continue;
            }
            if (tile != null) {
                add(preparer, current, tile);
            }
        }
        flush(preparer);
    }

    private Opened take() throws SeamlineException {
        try {
            return opened.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SeamlineException("interrupted while waiting for the next scene", e);
        }
    }

    /** A tile into the batch being filled; the batch goes to the preparer when full. */
    private void add(Preparer preparer, Flow flow, TileData tile) throws SeamlineException {
        flow.outstanding++;
        Item item = new Item(flow, tile);
        if (flow.run.oneTile() && detector.bundle().resize() == InputResize.LETTERBOX) {
            submit(preparer, List.of(item), true); // a whole image, fed alone as the bundle says
            return;
        }
        if (!batch.isEmpty() && !compatible(batch.get(0), item)) {
            flush(preparer);
        }
        batch.add(item);
        if (batch.size() == batchSize) {
            flush(preparer);
        }
    }

    /** Whether two tiles may share a forward pass: the same sample type, bands and resampling. */
    private static boolean compatible(Item a, Item b) {
        PixelBuffer p = a.tile().pixels(), q = b.tile().pixels();
        return p.sampleType() == q.sampleType() && p.bandCount() == q.bandCount()
                && a.flow().run.scale().resampled() == b.flow().run.scale().resampled();
    }

    private void flush(Preparer preparer) throws SeamlineException {
        if (!batch.isEmpty()) {
            List<Item> full = batch;
            batch = new ArrayList<>(batchSize);
            submit(preparer, full, false);
        }
    }

    /** The batch's input is built while this thread infers the one before. */
    private void submit(Preparer preparer, List<Item> items, boolean whole) throws SeamlineException {
        Pass next = preparer.submit(items, whole);
        inferPending();
        pending = next;
    }

    private void inferPending() throws SeamlineException {
        if (pending != null) {
            Pass p = pending;
            pending = null;
            infer(p);
        }
    }

    /**
     * Infers a prepared batch and hands each scene its share. When the batch fails and holds several
     * scenes, each scene's tiles are inferred again on their own (the same numbers: every pass has the
     * batch size's shape), so that only a scene whose own tiles fail fails.
     */
    private void infer(Pass pass) throws SeamlineException {
        long i0 = System.nanoTime();
        long prepareWait = 0;
        Throwable failure = null;
        List<List<Detection>> found = null;
        try {
            List<PixelBuffer> input = pass.input().get();
            prepareWait = System.nanoTime() - i0;
            found = detect(input, pass.whole());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SeamlineException("interrupted while preparing tiles", e);
        } catch (ExecutionException e) {
            failure = e.getCause();
        } catch (SeamlineException | RuntimeException e) {
            failure = e;
        }
        long infer = System.nanoTime() - i0;
        InferenceTimings now = detector.timings();
        InferenceTimings model = now.minus(lastTimings);
        lastTimings = now;
        Map<Flow, List<Integer>> groups = new LinkedHashMap<>();
        for (int k = 0; k < pass.items().size(); k++) {
            groups.computeIfAbsent(pass.items().get(k).flow(), f -> new ArrayList<>()).add(k);
        }
        int passes = (int) Math.max(1, model.batches());
        double fill = (double) pass.items().size() / ((long) passes * detector.batchSize());
        for (Map.Entry<Flow, List<Integer>> g : groups.entrySet()) {
            Flow flow = g.getKey();
            List<Integer> at = g.getValue();
            flow.run.shareOfPass((double) at.size() / pass.items().size(), fill, infer, prepareWait, model);
            List<TileData> tiles = new ArrayList<>(at.size());
            double[] kx = new double[at.size()];
            double[] ky = new double[at.size()];
            for (int j = 0; j < at.size(); j++) {
                tiles.add(pass.items().get(at.get(j)).tile());
                kx[j] = pass.kx()[at.get(j)];
                ky[j] = pass.ky()[at.get(j)];
            }
            List<List<Detection>> mine = null;
            if (failure == null) {
                mine = new ArrayList<>(at.size());
                for (int k : at) {
                    mine.add(found.get(k));
                }
            } else if (flow.failure == null) {
                if (groups.size() == 1) {
                    flow.fail(failure);
                } else {
                    try {
                        List<Item> own = at.stream().map(pass.items()::get).toList();
                        mine = detect(modelPixels(own, kx, ky), false);
                    } catch (SeamlineException | RuntimeException e) {
                        flow.fail(e);
                    }
                }
            }
            if (flow.failure == null && mine != null) {
                try {
                    flow.run.inferred(tiles, mine, kx, ky, progress);
                } catch (SeamlineException | RuntimeException e) {
                    flow.fail(e);
                }
            }
            flow.outstanding -= at.size();
            flow.maybeComplete();
        }
    }

    /** One forward pass; a one-tile scene's tile passed {@code whole} is fed as a whole image. */
    private List<List<Detection>> detect(List<PixelBuffer> pixels, boolean whole) throws SeamlineException {
        PixelBuffer only = whole && pixels.size() == 1 ? pixels.get(0) : null;
        return only != null && detector.letterboxes(only) ? List.of(detector.detectImage(only)) : detector.detect(pixels);
    }

    /**
     * The tiles as the model takes them: resampled to the model's tile size when their scene's GSD
     * differs from the model's (scene pixels per model pixel into {@code kx}, {@code ky}), else as read.
     */
    private static List<PixelBuffer> modelPixels(List<Item> items, double[] kx, double[] ky) {
        List<PixelBuffer> pixels = new ArrayList<>(items.size());
        for (int k = 0; k < items.size(); k++) {
            PixelBuffer p = items.get(k).tile().pixels();
            SceneScale scale = items.get(k).flow().run.scale();
            if (scale.resampled()) {
                long r0 = System.nanoTime();
                int ow = scale.modelSize(p.width());
                int oh = scale.modelSize(p.height());
                kx[k] = (double) p.width() / ow;
                ky[k] = (double) p.height() / oh;
                p = TileResampler.resample(p, ow, oh);
                items.get(k).flow().run.resampled(System.nanoTime() - r0);
            }
            pixels.add(p);
        }
        return pixels;
    }

    /** Queues the scene's end on the finisher, in scene order. */
    private void hand(Flow flow) {
        flows.add(flow);
        flow.result = finisher.submit(() -> finish(flow));
    }

    /** On the finisher thread: waits for the scene's last batch, then commits it (or gives it up). */
    private SceneResult finish(Flow flow) {
        SceneResult result = null;
        try {
            if (flow.opened.result() != null) {
                result = flow.opened.result();
            } else if (flow.opened.failure() != null) {
                result = failed(flow.path, flow.opened.failure());
            } else {
                flow.inferred.join();
                if (flow.stopped) {
                    flow.run.stop();
                } else if (flow.failure != null) {
                    result = failed(flow.path, flow.failure);
                } else {
                    try {
                        result = flow.run.finish();
                    } catch (SeamlineException | RuntimeException e) {
                        result = failed(flow.path, e);
                    }
                }
            }
        } finally {
            if (flow.run != null) {
                flow.run.close();
            }
            inFlight.release();
        }
        if (result != null) {
            progress.sceneFinished(result);
        }
        return result;
    }

    private static SceneResult failed(Path scene, Throwable e) {
        if (e instanceof BadInputException) {
            LOG.debug("bad scene", e);
            return SceneResult.failed(scene, SceneResult.Status.BAD_INPUT, Failures.oneLine(e));
        }
        LOG.debug("scene failed", e);
        return SceneResult.failed(scene, SceneResult.Status.FAILED, Failures.oneLine(e));
    }

    /** Every scene's result, once the finisher has ended them all. */
    private List<SceneResult> results() throws SeamlineException {
        List<SceneResult> results = new ArrayList<>(flows.size());
        for (Flow flow : flows) {
            try {
                results.add(flow.result.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SeamlineException("interrupted while finishing scenes", e);
            } catch (ExecutionException e) {
                throw new SeamlineException(flow.path + ": finishing failed: " + Failures.oneLine(e.getCause()), e.getCause());
            }
        }
        return results;
    }

    private RunStoppedException stopped(Path scene) {
        return new RunStoppedException("stopped by " + control.stop().reason() + " at a tile boundary of " + scene
                + "; run the same command with --resume to go on from there");
    }

    /**
     * However the run ends: the opener stops, the scenes it opened that were not started close, the
     * scenes whose tiles were not all inferred are given up (their journals kept), and the finisher ends
     * the rest.
     */
    private void shutDown(Thread opener) {
        stopping = true;
        boolean interrupted = false;
        while (opener.isAlive()) {
            try {
                opener.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        for (Opened o; (o = opened.poll()) != null; ) {
            if (o.run() != null) {
                o.run().close();
                inFlight.release();
            }
        }
        for (Flow flow : flows) {
            if (!flow.inferred.isDone()) {
                flow.stopped = true;
                flow.inferred.complete(null);
            }
        }
        finisher.shutdown();
        while (true) {
            try {
                if (finisher.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The opener thread: opens the scenes in order, at most {@value #AHEAD} ahead of the inference thread. */
    private void openAll() {
        try {
            for (int i = 0; i < scenes.size() && !stopping && !control.stop().isRequested(); i++) {
                if (!acquire()) {
                    return;
                }
                Path scene = scenes.get(i);
                long imageId = control.cocoImageIds().getOrDefault(scene.getFileName().toString(), (long) (i + 1));
                SceneRun run = new SceneRun(scene, detector, options, outDir, imageId, control.resume(), i, scenes.size());
                Opened o;
                try {
                    SceneResult done = run.open();
                    o = new Opened(i, run, done, null);
                } catch (SeamlineException | RuntimeException e) {
                    o = new Opened(i, run, null, e);
                }
                if (!put(o)) {
                    run.close();
                    inFlight.release();
                    return;
                }
            }
        } catch (Throwable t) { // an Error: the run ends with it
            openerFailure = t;
        } finally {
            put(END);
        }
    }

    private boolean acquire() throws InterruptedException {
        while (!stopping) {
            if (inFlight.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        return false;
    }

    private boolean put(Opened o) {
        try {
            while (!stopping) {
                if (opened.offer(o, 50, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /**
     * A scene as the opener hands it on: opened ({@code run} with neither result nor failure), complete
     * already ({@code result}), or failed to open ({@code failure}).
     */
    private record Opened(int index, SceneRun run, SceneResult result, Throwable failure) {
    }

    /** A scene on its way through the stream; its fields are the inference thread's until {@code inferred} completes. */
    private static final class Flow {
        final Opened opened;
        final SceneRun run;
        final Path path;
        /** Completes when the scene's last tile has been inferred and handed to its writer (or it failed, or the run stops). */
        final CompletableFuture<Void> inferred = new CompletableFuture<>();
        Future<SceneResult> result;
        /** Tiles taken and not yet inferred. */
        int outstanding;
        boolean readDone;
        Throwable failure;
        boolean stopped;

        Flow(Opened opened) {
            this.opened = opened;
            this.run = opened.run();
            this.path = run.path();
        }

        void fail(Throwable e) {
            if (failure == null) {
                failure = e;
            }
            maybeComplete();
        }

        void maybeComplete() {
            if (readDone && (outstanding == 0 || failure != null) && !inferred.isDone()) {
                inferred.complete(null);
            }
        }
    }

    /** A tile taken for inference, and its scene. */
    private record Item(Flow flow, TileData tile) {
    }

    /** A batch whose model input is being built on the {@link Preparer}'s thread. */
    private record Pass(List<Item> items, Future<List<PixelBuffer>> input, double[] kx, double[] ky, boolean whole) {
    }

    /**
     * The thread that builds each batch's model input (resampling when a scene's GSD differs, then the
     * detector's {@link Detector#prepare}) while the inference thread runs the previous batch.
     */
    private static final class Preparer implements AutoCloseable {

        private final Detector detector;
        private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "seamline-prepare");
            t.setDaemon(true);
            return t;
        });

        Preparer(Detector detector) {
            this.detector = detector;
        }

        Pass submit(List<Item> batch, boolean whole) {
            List<Item> items = List.copyOf(batch);
            double[] kx = new double[items.size()];
            double[] ky = new double[items.size()];
            Future<List<PixelBuffer>> input = executor.submit(() -> detector.prepare(modelPixels(items, kx, ky)));
            return new Pass(items, input, kx, ky, whole);
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

    /** A listener called from one thread at a time (the inference and finisher threads both tell it). */
    private static final class Serial implements ProgressListener {
        private final ProgressListener delegate;

        Serial(ProgressListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public synchronized void sceneStarted(String scene, int index, int sceneCount, int tiles, int alreadyDone) {
            delegate.sceneStarted(scene, index, sceneCount, tiles, alreadyDone);
        }

        @Override
        public synchronized void sceneStarted(String scene, int index, int sceneCount, int tiles, int alreadyDone,
                double resampleFactor) {
            delegate.sceneStarted(scene, index, sceneCount, tiles, alreadyDone, resampleFactor);
        }

        @Override
        public synchronized void tilesDone(String scene, int done, int total, double elapsedSeconds, double squareKm) {
            delegate.tilesDone(scene, done, total, elapsedSeconds, squareKm);
        }

        @Override
        public synchronized void sceneFinished(SceneResult result) {
            delegate.sceneFinished(result);
        }
    }
}
