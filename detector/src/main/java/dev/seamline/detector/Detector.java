package dev.seamline.detector;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.nn.Block;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.translate.TranslateException;
import dev.seamline.core.BadInputException;
import dev.seamline.core.Detection;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.SampleType;
import dev.seamline.core.SeamlineException;
import dev.seamline.detector.builtin.CenterNetTrainer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link ModelBundle} on tiles through DJL's PyTorch engine (or its OnnxRuntime engine for ONNX
 * bundles): one forward pass per batch of tiles, detections in TILE pixels (the pipeline shifts them to
 * scene pixels).
 *
 * <p>{@link #open} loads the model (TorchScript through DJL {@code Criteria}, an ONNX file through ONNX
 * Runtime, or a built-in network's parameters), chooses the device ({@link DeviceChoice}: the GPU when PyTorch sees one, else the CPU,
 * and the log says so plainly) and runs one all-zero tile through it to check that the output fits
 * the bundle's decoder and class catalog, so a wrong bundle fails at once with a one-line
 * {@link BadInputException} naming what was expected and what was found.
 *
 * <p>Threads: unless set already, {@code ai.djl.pytorch.num_interop_threads} is set to 1 before the
 * engine starts (one forward at a time gains nothing from inter-op threads); intra-op threads stay
 * PyTorch's default, one per physical core, or {@code -Dai.djl.pytorch.num_threads=N} (ONNX Runtime
 * follows the same property). An ONNX file whose batch is fixed at 1 runs one tile at a time, whatever
 * the batch size asked for (the log says so once). Every forward pass holds the batch size's tiles: a
 * short batch is filled up with blank tiles whose detections are dropped, so that a tile's detections do
 * not depend on how many tiles share its pass (some CPU kernels round differently by batch size, ~1e-5
 * px) and a scene gives the same bytes alone, among other scenes, or split into bands. Set the
 * environment variable {@code OMP_WAIT_POLICY=PASSIVE} (the {@code seamline} launcher does): OpenMP
 * threads otherwise spin between forward passes and starve the tile readers.
 *
 * <p>{@link #detect} is synchronized: share one detector between threads, or open one per thread.
 * {@link #prepare} is not: call it on another thread to build the next batch's input while {@code detect}
 * runs the current one (the pipeline does), so that the forward passes follow each other closely.
 * Close it to free the model's native memory.
 *
 * <p>Why one class of this length: it owns one model's life (open, validate, close) and every way a batch
 * reaches it (prepared ahead, filled to the batch size, letterboxed whole images), which share the
 * predictor, its synchronisation and the timings; the decoders live in the {@link TileTranslator}s.
 */
public final class Detector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Detector.class);
    private static final AtomicBoolean WARNED_OMP = new AtomicBoolean();
    private static final AtomicBoolean WARNED_FIXED_BATCH = new AtomicBoolean();

    private final ModelBundle bundle;
    private final DetectorOptions options;
    private final DeviceChoice device;
    private final Model model;
    private final TileTranslator translator;
    private final Predictor<List<PixelBuffer>, List<List<Detection>>> predictor;
    /** The most tiles one forward pass takes: 1 for an ONNX file with a fixed batch of 1. */
    private final int maxBatch;
    private long tiles;
    private long blankTiles;
    private long batches;
    private long forwardNanos;
    /** Time {@link #prepare} spent, on whichever threads called it. */
    private final java.util.concurrent.atomic.AtomicLong prepareNanos = new java.util.concurrent.atomic.AtomicLong();
    /** Direct buffers of prepared batches already detected, for the next {@link #prepare}s. */
    private final java.util.concurrent.ConcurrentLinkedDeque<java.nio.ByteBuffer> spare =
            new java.util.concurrent.ConcurrentLinkedDeque<>();
    /** The blank tile that fills short batches (zero samples), made on first need; read-only once made. */
    private volatile PixelBuffer blank;

    private Detector(ModelBundle bundle, DetectorOptions options, DeviceChoice device, Model model,
            TileTranslator translator, Predictor<List<PixelBuffer>, List<List<Detection>>> predictor, int maxBatch) {
        this.bundle = bundle;
        this.maxBatch = maxBatch;
        this.options = options;
        this.device = device;
        this.model = model;
        this.translator = translator;
        this.predictor = predictor;
    }

    /**
     * Loads the bundle's model on the chosen device and checks it with one all-zero tile.
     *
     * @throws BadInputException when the weights are not a model, the output fits no decoder or not the
     *                           catalog, the model rejects the bundle's input size, or a GPU asked for
     *                           is not there
     * @throws SeamlineException when the engine fails otherwise
     */
    public static Detector open(ModelBundle bundle, DetectorOptions options) throws SeamlineException {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(options, "options");
        configureThreads();
        OnnxRuntime.Inspection onnx = bundle.isOnnx() ? OnnxRuntime.inspect(bundle) : null;
        DeviceChoice chosen = onnx != null ? OnnxRuntime.chooseDevice(options.device()) : chooseDevice(options.device());
        MemoryBudget.requireFits(bundle, options.batchSize(), chosen.kind() != DeviceChoice.Kind.GPU);
        Device djlDevice = chosen.kind() == DeviceChoice.Kind.GPU ? Device.gpu(chosen.index()) : Device.cpu();
        double threshold = options.scoreThreshold().orElse(bundle.scoreThreshold());
        TileTranslator translator = TileTranslator.builder(bundle.decoder()).fromBundle(bundle, threshold).build();
        int maxBatch = Integer.MAX_VALUE;
        if (onnx != null && onnx.fixedBatch() == 1) {
            maxBatch = 1;
            if (options.batchSize() > 1 && WARNED_FIXED_BATCH.compareAndSet(false, true)) {
                LOG.info("detector: {} has a fixed batch of 1: one tile at a time, not {} (export it with a free "
                        + "batch, Ultralytics: dynamic=True, for batches)", bundle.weights().getFileName(),
                        options.batchSize());
            }
        }
        Model model = onnx != null ? OnnxRuntime.load(bundle, djlDevice)
                : NullModel.is(bundle) ? NullModel.load(bundle, djlDevice)
                : bundle.isBuiltin() ? loadBuiltin(bundle, djlDevice) : loadTorchScript(bundle, djlDevice, translator);
        Detector detector = null;
        try {
            detector = new Detector(bundle, options, chosen, model, translator, model.newPredictor(translator), maxBatch);
            detector.validate();
            return detector;
        } catch (SeamlineException | RuntimeException e) {
            if (detector != null) {
                detector.close();
            } else {
                translator.release();
                model.close();
            }
            throw e;
        }
    }

    /** Opens a bundle with the given options: {@code open(ModelBundle.load(path), options)}. */
    public static Detector open(java.nio.file.Path bundle, DetectorOptions options) throws SeamlineException {
        return open(ModelBundle.load(bundle), options);
    }

    private static void configureThreads() {
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        if (System.getenv("OMP_WAIT_POLICY") == null && WARNED_OMP.compareAndSet(false, true)) {
            LOG.warn("OMP_WAIT_POLICY is not set: PyTorch's OpenMP threads will spin-wait between batches and slow "
                    + "the readers; set OMP_WAIT_POLICY=PASSIVE (the seamline launcher does)");
        }
    }

    private static DeviceChoice chooseDevice(DeviceChoice wanted) throws BadInputException {
        if (wanted.kind() == DeviceChoice.Kind.CPU) {
            LOG.info("detector: running on the CPU (asked for)");
            return DeviceChoice.CPU;
        }
        Engine engine = Engine.getEngine("PyTorch");
        int gpus = engine.getGpuCount();
        if (wanted.kind() == DeviceChoice.Kind.GPU) {
            if (wanted.index() >= gpus) {
                throw new BadInputException("--device " + wanted + ": PyTorch " + engine.getVersion() + " sees "
                        + gpus + " GPU" + (gpus == 1 ? "" : "s") + (gpus == 0 ? " (CPU-only natives, or no CUDA driver; "
                        + "see docs/usage.md, GPU)" : ""));
            }
            LOG.info("detector: running on GPU {} (asked for)", wanted.index());
            return wanted;
        }
        if (gpus > 0) {
            LOG.info("detector: running on GPU 0 of {} that PyTorch {} sees", gpus, engine.getVersion());
            return DeviceChoice.gpu(0);
        }
        LOG.info("detector: no GPU visible to PyTorch {} (CPU-only natives or no CUDA driver): falling back to the "
                + "CPU. See docs/usage.md, GPU, for the CUDA natives.", engine.getVersion());
        return DeviceChoice.CPU;
    }

    @SuppressWarnings("unchecked")
    private static Model loadTorchScript(ModelBundle bundle, Device device, TileTranslator translator)
            throws BadInputException {
        Class<List<PixelBuffer>> in = (Class<List<PixelBuffer>>) (Class<?>) List.class;
        Class<List<List<Detection>>> out = (Class<List<List<Detection>>>) (Class<?>) List.class;
        Criteria<List<PixelBuffer>, List<List<Detection>>> criteria = Criteria.builder()
                .setTypes(in, out)
                // the folder and the file's name: DJL warns about a model path that is a plain file
                .optModelPath(bundle.weights().toAbsolutePath().getParent())
                .optModelName(bundle.weights().getFileName().toString())
                .optEngine("PyTorch")
                .optDevice(device)
                .optOption("mapLocation", "true")
                .optTranslator(translator)
                .build();
        try {
            return criteria.loadModel();
        } catch (IOException | ModelNotFoundException | MalformedModelException | RuntimeException e) {
            throw new BadInputException(bundle.weights(), "not a TorchScript model PyTorch can load (architecture "
                    + "\"torchscript\" expects a file from torch.jit.save): " + firstLine(e), e);
        }
    }

    private static Model loadBuiltin(ModelBundle bundle, Device device) throws SeamlineException {
        Model model = Model.newInstance(bundle.name(), device, "PyTorch");
        try {
            Block block = CenterNetTrainer.loadParameters(bundle.weights(), bundle.builtinName(), bundle.classSlots(),
                    model.getNDManager());
            model.setBlock(block);
            return model;
        } catch (SeamlineException | RuntimeException e) {
            model.close();
            throw new BadInputException(bundle.weights(), "not parameters of " + bundle.architecture() + " with "
                    + bundle.classSlots() + " classes: " + firstLine(e), e);
        }
    }

    /** One all-zero tile of the bundle's input size through the model and its decoder. */
    private void validate() throws SeamlineException {
        int bands = bundle.bands().stream().mapToInt(Integer::intValue).max().orElse(1);
        int w = bundle.inputWidth();
        int h = bundle.inputHeight();
        PixelWindow window = new PixelWindow(0, 0, w, h);
        PixelBuffer zero = new PixelBuffer(window, window, bands, SampleType.UINT8,
                PixelBuffer.newArray(SampleType.UINT8, bands * w * h));
        try {
            predictor.predict(List.of(zero));
        } catch (TranslateException | RuntimeException e) {
            OutputLayoutException layout = find(e, OutputLayoutException.class);
            if (layout != null) {
                throw new BadInputException(bundle.weights(), layout.getMessage() + " (decoder " + bundle.decoder()
                        + " from " + ModelBundle.DESCRIPTOR + ")", e);
            }
            throw new BadInputException(bundle.weights(), "the model fails on a [1, " + bundle.channels() + ", " + h
                    + ", " + w + "] input, the size " + ModelBundle.DESCRIPTOR + " gives as input (" + w + "x" + h
                    + "): " + firstLine(rootCause(e)), e);
        }
        translator.preprocessNanos = 0;
        translator.decodeNanos = 0;
    }

    /**
     * Detects objects in tiles, {@code batchSize} tiles per forward pass.
     *
     * @param tileList tiles no larger than the model input, all of one sample type, each holding every
     *                 band the bundle reads; smaller tiles are zero-padded at the right and bottom
     * @return per tile, its detections in tile pixels, best first (the decoder's order)
     * @throws BadInputException when a tile does not fit the model or the model's output does not fit
     * @throws SeamlineException when inference fails
     */
    public synchronized List<List<Detection>> detect(List<PixelBuffer> tileList) throws SeamlineException {
        List<List<Detection>> result = new ArrayList<>(tileList.size());
        // a prepared batch is one forward pass, whatever its size
        int size = tileList instanceof PreparedTiles ? Math.max(1, tileList.size()) : forwardSize();
        for (int from = 0; from < tileList.size(); from += size) {
            List<PixelBuffer> batch = size >= tileList.size() ? tileList
                    : tileList.subList(from, Math.min(tileList.size(), from + size));
            long pre = translator.preprocessNanos;
            long dec = translator.decodeNanos;
            long t0 = System.nanoTime();
            List<PixelBuffer> forward = batch instanceof PreparedTiles ? batch : filled(batch);
            int passTiles = batch instanceof PreparedTiles p ? p.forwardSize() : forward.size();
            List<List<Detection>> out;
            try {
                out = predictor.predict(forward);
            } catch (TranslateException | RuntimeException e) {
                throw failure(e);
            }
            long total = System.nanoTime() - t0;
            forwardNanos += total - (translator.preprocessNanos - pre) - (translator.decodeNanos - dec);
            tiles += batch.size();
            blankTiles += passTiles - batch.size();
            batches++;
            for (int k = 0; k < batch.size(); k++) {
                result.add(Collections.unmodifiableList(out.get(k)));
            }
        }
        if (tileList instanceof PreparedTiles p && p.owner() == this && spare.size() < 4) {
            spare.push(p.rawBuffer());
        }
        return Collections.unmodifiableList(result);
    }

    /**
     * Builds ahead, on the calling thread, the input tensor of one batch (at most the batch size): the
     * tiles' samples normalised to float32 in the model's {@code [B, C, H, W]} layout, in Java, into a
     * direct buffer that PyTorch then reads in place; with {@link DetectorOptions.InputTransfer#UINT8}
     * and 8-bit tiles, only their samples in that layout, converted and normalised by the engine on
     * the device when the batch is detected (the same values). Returns the same tiles, carrying that tensor;
     * {@link #detect(List)} runs them as one forward pass without building the input again, with
     * detections equal to those of the tiles themselves. Call it from another thread while
     * {@code detect} runs the previous batch, so that the forward pass never waits for its input (the
     * pipeline does). Thread-safe. Tiles this cannot build ahead (a torchvision model's list of images,
     * a percentile stretch, 32-bit integer or float64 samples) are returned as they are, and {@code detect}
     * builds their input as usual.
     *
     * @throws BadInputException when a tile does not fit the model (size, bands, sample type)
     */
    public List<PixelBuffer> prepare(List<PixelBuffer> tileList) throws BadInputException {
        if (!translator.packable(tileList) || tileList.size() > maxBatch) {
            return tileList;
        }
        long t0 = System.nanoTime();
        boolean raw = options.input() == DetectorOptions.InputTransfer.UINT8 && !bundle.isOnnx()
                && tileList.get(0).sampleType() == SampleType.UINT8;
        List<PixelBuffer> forward = filled(tileList);
        int bytes = forward.size() * bundle.channels() * bundle.inputWidth() * bundle.inputHeight()
                * (raw ? 1 : Float.BYTES);
        java.nio.ByteBuffer buffer = spare.poll();
        if (buffer == null || buffer.capacity() < bytes) {
            buffer = java.nio.ByteBuffer.allocateDirect(bytes).order(java.nio.ByteOrder.nativeOrder());
        }
        java.nio.ByteBuffer slice = buffer.slice(0, bytes).order(java.nio.ByteOrder.nativeOrder());
        try {
            if (raw) {
                translator.packBytes(forward, slice);
            } else {
                translator.pack(forward, slice.asFloatBuffer());
            }
        } catch (TileTranslator.TileMismatchException e) {
            spare.push(buffer);
            throw new BadInputException(bundle.source(), e.getMessage(), e);
        }
        prepareNanos.addAndGet(System.nanoTime() - t0);
        return new PreparedTiles(tileList, forward.size(), slice, this, raw);
    }

    /**
     * Tiles in every forward pass: the batch size (1 for an ONNX file with a fixed batch of 1). A shorter
     * batch (a scene's or a band's last) is filled up with blank tiles, whose detections are dropped, so
     * that every pass has the same shape: a tile's detections then never depend on how many tiles share
     * its pass, and a scene gives the same numbers alone, in a stream of scenes, or split into bands.
     */
    private int forwardSize() {
        return Math.min(options.batchSize(), maxBatch);
    }

    /** The batch, filled up to {@link #forwardSize()} tiles with blank ones like its first (see there). */
    private List<PixelBuffer> filled(List<PixelBuffer> batch) {
        int size = forwardSize();
        if (batch.isEmpty() || batch.size() >= size || !translator.fixedShapeBatches()) {
            return batch;
        }
        PixelBuffer first = batch.get(0);
        PixelBuffer blank = this.blank;
        if (blank == null || blank.sampleType() != first.sampleType() || blank.bandCount() != first.bandCount()) {
            PixelWindow whole = new PixelWindow(0, 0, bundle.inputWidth(), bundle.inputHeight());
            blank = new PixelBuffer(whole, whole, first.bandCount(), first.sampleType(),
                    PixelBuffer.newArray(first.sampleType(), first.bandCount() * (int) whole.pixelCount()));
            this.blank = blank;
        }
        List<PixelBuffer> filled = new ArrayList<>(size);
        filled.addAll(batch);
        while (filled.size() < size) {
            filled.add(blank);
        }
        return filled;
    }

    /**
     * Whether every forward pass has the batch size's shape (short batches filled with blank tiles), so
     * that a tile's detections do not depend on which tiles share its pass: true but for torchvision
     * models, which take a list of images. A run batches tiles of several scenes together only then.
     */
    public boolean fixedShapeBatches() {
        return translator.fixedShapeBatches();
    }

    /** Detections of one tile. */
    public List<Detection> detect(PixelBuffer tile) throws SeamlineException {
        return detect(List.of(tile)).get(0);
    }

    /**
     * Detections of a whole image (not a tile of a larger one), in the buffer's pixels. The image is the buffer's
     * valid part (the rest, if any, is padding). An image no larger than the input and smaller in width or
     * height is fed as the bundle's {@code resize} says: zero-padded at the right and bottom
     * ({@link InputResize#PAD}, as {@link #detect(PixelBuffer)}) or letterboxed as Ultralytics' predict does
     * ({@link InputResize#LETTERBOX}: scaled up, centred on grey 114, detections mapped back); any other image
     * is one tile as in {@link #detect(PixelBuffer)}. Boxes are not clipped to the image.
     */
    public List<Detection> detectImage(PixelBuffer image) throws SeamlineException {
        if (!letterboxes(image)) {
            return detect(image);
        }
        PixelWindow valid = validPart(image);
        int dx = valid.x() - image.window().x(), dy = valid.y() - image.window().y();
        Letterbox box = Letterbox.of(valid.width(), valid.height(), bundle.inputWidth(), bundle.inputHeight());
        List<Detection> inInput = detect(box.apply(image, dx, dy, valid.width(), valid.height()));
        List<Detection> out = new ArrayList<>(inInput.size());
        for (Detection d : inInput) {
            Detection back = box.toImage(d);
            out.add(dx == 0 && dy == 0 ? back : back.shift(dx, dy));
        }
        return Collections.unmodifiableList(out);
    }

    /** Whether {@link #detectImage} letterboxes this whole image (its valid part). */
    public boolean letterboxes(PixelBuffer image) {
        PixelWindow valid = validPart(image);
        int width = valid.width(), height = valid.height();
        return bundle.resize() == InputResize.LETTERBOX && width <= bundle.inputWidth() && height <= bundle.inputHeight()
                && (width < bundle.inputWidth() || height < bundle.inputHeight());
    }

    private static PixelWindow validPart(PixelBuffer image) {
        return image.valid().isEmpty() ? image.window() : image.valid();
    }

    private SeamlineException failure(Exception e) {
        OutputLayoutException layout = find(e, OutputLayoutException.class);
        if (layout != null) {
            return new BadInputException(bundle.weights(), layout.getMessage(), e);
        }
        TileTranslator.TileMismatchException tile = find(e, TileTranslator.TileMismatchException.class);
        if (tile != null) {
            return new BadInputException(bundle.source(), tile.getMessage(), e);
        }
        return new SeamlineException("inference failed on " + device + " with " + bundle.weights() + ": "
                + firstLine(rootCause(e)), e);
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return m.strip().lines().findFirst().orElse(m).strip();
    }

    /** The bundle this detector runs. */
    public ModelBundle bundle() {
        return bundle;
    }

    /** The device inference runs on ({@code cpu} or {@code gpu:N}). */
    public DeviceChoice device() {
        return device;
    }

    /** The most tiles one forward pass takes: the batch size, or 1 for an ONNX file with a fixed batch of 1. */
    public int batchSize() {
        return Math.min(options.batchSize(), maxBatch);
    }

    /** The options it was opened with. */
    public DetectorOptions options() {
        return options;
    }

    /** Where the time went since opening (the validation pass excluded). */
    public synchronized InferenceTimings timings() {
        return new InferenceTimings(tiles, batches, translator.preprocessNanos + prepareNanos.get(), forwardNanos,
                translator.decodeNanos, blankTiles);
    }

    @Override
    public void close() {
        predictor.close();
        translator.release();
        model.close();
    }
}
