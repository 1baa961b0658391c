package dev.seamline.detector;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import dev.seamline.core.Detection;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.SampleType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The DJL translator for a batch of tiles: builds one normalised {@code [B, C, H, W]} float32 tensor
 * from the tiles' planar samples with bulk copies and NDArray operations (no per-pixel Java loop),
 * runs as one forward pass, and decodes the output per tile with the decoder's subclass. Tiles
 * smaller than the model input are zero-padded at the right and bottom, so input pixels are tile
 * pixels. Built with {@link #builder(Decoder)}: {@code set*} for required, {@code opt*} for optional
 * settings. Not thread-safe (one per predictor).
 *
 * <p>Why one class of this length: it is the input side that every decoder shares — checking the
 * tiles, packing them into one tensor (the prepared-input path and the NDArray path, which must stay
 * bit-identical), the normalisations and the percentile stretch; each decoder's output code lives in
 * its subclass.
 */
abstract class TileTranslator implements NoBatchifyTranslator<List<PixelBuffer>, List<List<Detection>>> {

    final int width;
    final int height;
    final int[] bands;
    final Normalization normalization;
    final int classSlots;
    final float threshold;
    final double nmsIou;
    final int maxDetections;
    final int outputStride;
    final OrientedNms orientedNms;

    long preprocessNanos;
    long decodeNanos;
    /** Batches whose input {@link #pack} had built ahead (the rest were built here). */
    long preparedBatches;

    private int batchSize;
    /** The predictor's manager: holds the reused input tensors; null outside a predictor. */
    private NDManager predictorManager;
    /**
     * Float input tensors by shape, reused from batch to batch: a fresh 25 MB tensor per batch costs
     * more in page faults than the conversion itself (measured: converting into a kept tensor is about
     * three times faster than {@code toType}).
     */
    private final Map<Shape, NDArray> inputs = new HashMap<>();
    private ByteBuffer staging;
    /**
     * For a model whose engine is not PyTorch (ONNX Runtime): the PyTorch manager the input is built in
     * and the output decoded in, as for a TorchScript model (ONNX Runtime's own arrays support few
     * operations); null for PyTorch models.
     */
    private NDManager hostManager;
    /** This batch's manager under {@link #hostManager}, closed once its output is decoded. */
    private NDManager batchManager;
    /** This batch's manager of the model's engine, for input built ahead (read in place, no copy). */
    private NDManager engineManager;

    TileTranslator(Builder b) {
        this.width = b.width;
        this.height = b.height;
        this.bands = b.bands.stream().mapToInt(Integer::intValue).toArray();
        this.normalization = Objects.requireNonNull(b.normalization, "normalization");
        this.classSlots = b.classSlots;
        this.threshold = (float) b.threshold;
        this.nmsIou = b.nmsIou;
        this.maxDetections = b.maxDetections;
        this.outputStride = b.outputStride;
        this.orientedNms = b.orientedNms;
    }

    /** A builder for the decoder's translator. */
    static Builder builder(Decoder decoder) {
        return new Builder(decoder);
    }

    @Override
    public void prepare(TranslatorContext ctx) {
        predictorManager = ctx.getPredictorManager();
        if (!"PyTorch".equals(predictorManager.getEngine().getEngineName())) {
            hostManager = NDManager.newBaseManager(ai.djl.Device.cpu(), "PyTorch");
            predictorManager = hostManager;
        }
    }

    @Override
    public NDList processInput(TranslatorContext ctx, List<PixelBuffer> tiles) {
        long t0 = System.nanoTime();
        batchSize = tiles instanceof PreparedTiles p ? p.forwardSize() : tiles.size();
        NDManager manager = ctx.getNDManager();
        if (hostManager != null) {
            closeBatch();
            batchManager = hostManager.newSubManager();
            engineManager = manager;
            manager = batchManager;
        }
        NDList input = buildInput(manager, tiles);
        if (hostManager != null) {
            input.forEach(a -> a.setName(null));  // ONNX Runtime feeds unnamed inputs in the graph's order
        }
        preprocessNanos += System.nanoTime() - t0;
        return input;
    }

    private void closeBatch() {
        if (batchManager != null) {
            batchManager.close();
            batchManager = null;
        }
    }

    /** Frees the PyTorch arrays a model of another engine needed (the predictor's end). */
    void release() {
        closeBatch();
        inputs.clear();
        if (hostManager != null) {
            hostManager.close();
        }
    }

    /** The forward pass's input: one padded batch tensor (torchvision overrides: a list of images). */
    NDList buildInput(NDManager manager, List<PixelBuffer> tiles) {
        return new NDList(tensor(manager, tiles, width, height));
    }

    @Override
    public List<List<Detection>> processOutput(TranslatorContext ctx, NDList output) {
        long t0 = System.nanoTime();
        try {
            NDList local = output;
            if (hostManager != null) {
                // the engine's arrays into this batch's PyTorch manager (one copy), so that the decoders'
                // array operations run in PyTorch and are freed with the batch
                local = new NDList(output.size());
                for (NDArray a : output) {
                    NDArray copy = batchManager.from(a);
                    copy.setName(a.getName());
                    local.add(copy);
                }
            }
            List<List<Detection>> out = decode(local, batchSize);
            decodeNanos += System.nanoTime() - t0;
            return out;
        } finally {
            closeBatch();
        }
    }

    /** Decodes the output of a batch of {@code batch} tiles into detections in tile pixels. */
    abstract List<List<Detection>> decode(NDList output, int batch);

    /**
     * The normalised float32 tensor {@code [B, C, h, w]} of the tiles, each zero-padded (before
     * normalisation) at the right and bottom to {@code w × h}.
     */
    NDArray tensor(NDManager manager, List<PixelBuffer> tiles, int w, int h) {
        return tensor(manager, tiles, w, h, true);
    }

    /** As {@link #tensor(NDManager, List, int, int)}; {@code reuseInput} false for tensors that must outlive the call. */
    NDArray tensor(NDManager manager, List<PixelBuffer> tiles, int w, int h, boolean reuseInput) {
        if (tiles instanceof PreparedTiles p && w == width && h == height) {
            preparedBatches++;
            if (p.raw()) {
                // 8-bit samples from packBytes(): to the model's device as they are, then float32 and the
                // normalisation there, the same operations as the NDArray path below
                Shape shape = new Shape(p.forwardSize(), bands.length, h, w);
                NDArray bytes = manager.create(p.buffer(), shape, DataType.UINT8);
                NDArray x = reuseInput && predictorManager != null ? converted(shape, bytes, manager)
                        : bytes.toType(DataType.FLOAT32, false);
                return normalise(x, tiles, manager);
            }
            // built ahead by pack(): PyTorch reads the buffer in place (from_blob); the batch manager owns it
            NDManager target = engineManager != null ? engineManager : manager;
            return target.create(p.buffer(), new Shape(p.forwardSize(), bands.length, h, w), DataType.FLOAT32);
        }
        check(tiles, w, h);
        SampleType type = tiles.get(0).sampleType();
        int b = tiles.size();
        int c = bands.length;
        int plane = w * h;
        // 16-bit samples travel as little-endian byte pairs: DJL's PyTorch engine cannot create int16 tensors
        boolean pairs = type.bytes() == 2;
        ByteBuffer buffer = staging(b * c * plane * type.bytes(), pairs ? ByteOrder.LITTLE_ENDIAN : ByteOrder.nativeOrder());
        boolean padded = tiles.stream().anyMatch(t -> t.width() != w || t.height() != h);
        if (padded) {
            clear(buffer);
        }
        for (int i = 0; i < b; i++) {
            PixelBuffer t = tiles.get(i);
            int tw = t.width();
            int th = t.height();
            for (int ch = 0; ch < c; ch++) {
                int src = (bands[ch] - 1) * tw * th;
                int dst = (i * c + ch) * plane;
                if (tw == w) {
                    copy(t.data(), src, buffer, dst, tw * th, type);
                } else {
                    for (int y = 0; y < th; y++) {
                        copy(t.data(), src + y * tw, buffer, dst + y * w, tw, type);
                    }
                }
            }
        }
        buffer.rewind();
        NDArray x;
        if (pairs) {
            NDArray bytes = manager.create(buffer, new Shape(b, c, h, w, 2), DataType.UINT8).toType(DataType.FLOAT32, false);
            NDArray low = bytes.get("..., 0");
            NDArray high = bytes.get("..., 1");
            if (type == SampleType.INT16) {
                high = high.sub(high.gte(128f).toType(DataType.FLOAT32, false).mul(256f));
            }
            x = low.add(high.mul(256f));
        } else if ((type == SampleType.UINT8 || type == SampleType.INT8) && predictorManager != null && reuseInput) {
            Shape shape = new Shape(b, c, h, w);
            x = converted(shape, manager.create(buffer, shape, rawType(type)), manager);
        } else {
            x = toFloat(manager.create(buffer, new Shape(b, c, h, w), rawType(type)), type);
        }
        return normalise(x, tiles, manager);
    }

    /**
     * {@code raw} as float32 in the input tensor of its shape kept from batch to batch (in the predictor's
     * manager, on the model's device), lent to this batch's {@code manager}.
     */
    private NDArray converted(Shape shape, NDArray raw, NDManager manager) {
        if (inputs.size() > 4 && !inputs.containsKey(shape)) {
            inputs.values().forEach(NDArray::close);
            inputs.clear();
        }
        NDArray x = inputs.computeIfAbsent(shape, s -> predictorManager.zeros(s, DataType.FLOAT32));
        x.set(new NDIndex("..."), raw);
        // Every array the model derives from x joins x's manager. Lend x to this batch's manager,
        // so that those arrays (all activations) are freed with the batch; x returns to the
        // predictor's manager then. Without this, native memory grew by every batch's activations.
        x.tempAttach(manager);
        return x;
    }

    /** Throws a {@link TileMismatchException} unless every tile fits a {@code w × h} input of one sample type. */
    void check(List<PixelBuffer> tiles, int w, int h) {
        SampleType type = tiles.get(0).sampleType();
        int maxBand = Arrays.stream(bands).max().orElse(1);
        for (PixelBuffer t : tiles) {
            if (t.sampleType() != type) {
                throw new TileMismatchException("tiles of one batch must share a sample type: " + type + " and "
                        + t.sampleType());
            }
            if (t.width() > w || t.height() > h) {
                throw new TileMismatchException("a " + t.width() + "x" + t.height()
                        + " tile is larger than the model input " + w + "x" + h);
            }
            if (t.bandCount() < maxBand) {
                throw new TileMismatchException("the model reads band " + maxBand + " but a tile has "
                        + t.bandCount() + " band" + (t.bandCount() == 1 ? "" : "s"));
            }
        }
    }

    /**
     * Whether {@link #pack} can build this batch's input in Java: one batch tensor of the model's input
     * size (not torchvision's list of images), a per-channel affine stretch (SCALE or RANGE; PERCENTILE
     * needs each tile's sorted samples) and a sample type of at most 16 bits or float32.
     */
    /**
     * True when a batch is one tensor whose shape the model sees, so that the detector fills short batches
     * with blank tiles; false for a torchvision model's list of images, each its own input.
     */
    boolean fixedShapeBatches() {
        return !(this instanceof TorchvisionTranslator);
    }

    boolean packable(List<PixelBuffer> tiles) {
        if (this instanceof TorchvisionTranslator || tiles.isEmpty()
                || normalization.stretch() == Normalization.Stretch.PERCENTILE) {
            return false;
        }
        return switch (tiles.get(0).sampleType()) {
            case UINT8, INT8, UINT16, INT16, FLOAT32 -> true;
            default -> false;
        };
    }

    /**
     * The normalised float32 input {@code [B, C, H, W]} of a batch, in Java, into {@code out} (native
     * order, at least {@code B·C·H·W·4} bytes): the same float operations, in the same order, as
     * {@link #tensor}'s NDArray path ({@code v·mul + add} per channel after the stretch, padding zero
     * before normalisation), so the values are the same. Uses only final fields: thread-safe, callable
     * while this translator's predictor runs another batch.
     */
    void pack(List<PixelBuffer> tiles, java.nio.FloatBuffer out) {
        check(tiles, width, height);
        int c = bands.length;
        int plane = width * height;
        float[] mul = new float[c];
        float[] add = new float[c];
        coefficients(mul, add);
        boolean range = normalization.stretch() == Normalization.Stretch.RANGE;
        float low = (float) normalization.low();
        float span = (float) normalization.high() - (float) normalization.low();
        SampleType type = tiles.get(0).sampleType();
        // 8-bit samples: each channel's 256 values computed once, with the very expression below
        float[][] tables = type == SampleType.UINT8 || type == SampleType.INT8
                ? tables(type, c, range, low, span, mul, add) : null;
        float[] row = new float[Math.max(width, tables != null ? CHUNK : 0)];
        for (int i = 0; i < tiles.size(); i++) {
            PixelBuffer t = tiles.get(i);
            int tw = t.width();
            int th = t.height();
            for (int ch = 0; ch < c; ch++) {
                int src = (bands[ch] - 1) * tw * th;
                int dst = (i * c + ch) * plane;
                float m = mul[ch];
                float a = add[ch];
                float pad = normalised(0f, range, low, span, m, a);
                if (tw == width && tables != null) {
                    // the whole plane through the table, a chunk at a time, each chunk one bulk put
                    byte[] bytes = t.asBytes();
                    float[] table = tables[ch];
                    int n = tw * th;
                    for (int at = 0; at < n; at += CHUNK) {
                        int len = Math.min(CHUNK, n - at);
                        lookUp(bytes, src + at, row, len, table);
                        out.put(dst + at, row, 0, len);
                    }
                } else if (tw == width) {
                    // whole rows at a time: the loop over one row is what the JIT vectorises
                    for (int y = 0; y < th; y++) {
                        normalisedRow(t, src + y * tw, row, tw, range, low, span, m, a);
                        out.put(dst + y * width, row, 0, tw);
                    }
                } else {
                    java.util.Arrays.fill(row, 0, width, pad);
                    for (int y = 0; y < th; y++) {
                        if (tables != null) {
                            lookUp(t.asBytes(), src + y * tw, row, tw, tables[ch]);
                        } else {
                            normalisedRow(t, src + y * tw, row, tw, range, low, span, m, a);
                        }
                        java.util.Arrays.fill(row, tw, width, pad);
                        out.put(dst + y * width, row, 0, width);
                    }
                }
                java.util.Arrays.fill(row, 0, width, pad);
                for (int y = th; y < height; y++) {
                    out.put(dst + y * width, row, 0, width);
                }
            }
        }
    }

    /** Floats per bulk put of an 8-bit plane in {@link #pack}. */
    private static final int CHUNK = 1 << 14;

    /**
     * Per channel, the normalised value of each 8-bit sample, indexed by its byte ({@code b & 0xff}):
     * {@link #normalised} of the sample as float32, so that a look-up gives the very float the
     * arithmetic gives.
     */
    private static float[][] tables(SampleType type, int c, boolean range, float low, float span, float[] mul,
            float[] add) {
        float[][] tables = new float[c][256];
        for (int ch = 0; ch < c; ch++) {
            for (int b = 0; b < 256; b++) {
                float v = type == SampleType.UINT8 ? b : (byte) b;
                tables[ch][b] = normalised(v, range, low, span, mul[ch], add[ch]);
            }
        }
        return tables;
    }

    private static void lookUp(byte[] src, int from, float[] dst, int n, float[] table) {
        for (int k = 0; k < n; k++) {
            dst[k] = table[src[from + k] & 0xff];
        }
    }

    /**
     * The 8-bit samples of a batch in the model's {@code [B, C, H, W]} layout, zero-padded at the right and
     * bottom, into {@code out} (at least {@code B·C·H·W} bytes), for the engine to normalise on the device
     * ({@link #tensor}). Uses only final fields: thread-safe, as {@link #pack}.
     */
    void packBytes(List<PixelBuffer> tiles, ByteBuffer out) {
        check(tiles, width, height);
        int c = bands.length;
        int plane = width * height;
        byte[] zeros = new byte[width];
        for (int i = 0; i < tiles.size(); i++) {
            PixelBuffer t = tiles.get(i);
            byte[] src = t.asBytes();
            int tw = t.width();
            int th = t.height();
            for (int ch = 0; ch < c; ch++) {
                int from = (bands[ch] - 1) * tw * th;
                int dst = (i * c + ch) * plane;
                if (tw == width) {
                    out.put(dst, src, from, tw * th);
                } else {
                    for (int y = 0; y < th; y++) {
                        out.put(dst + y * width, src, from + y * tw, tw);
                        out.put(dst + y * width + tw, zeros, 0, width - tw);
                    }
                }
                for (int y = th; y < height; y++) {
                    out.put(dst + y * width, zeros, 0, width);
                }
            }
        }
    }

    private static float normalised(float v, boolean range, float low, float span, float m, float a) {
        float x = v;
        if (range) {
            x = (x - low) / span;
            x = x < 0f ? 0f : (x > 1f ? 1f : x);
        }
        return x * m + a;
    }

    /**
     * {@code n} samples of the tile from {@code from}, as float32, through the stretch and the affine
     * step; 8-bit unsigned samples with a SCALE stretch (the common case) in one fused pass.
     */
    private static void normalisedRow(PixelBuffer t, int from, float[] row, int n, boolean range, float low, float span,
            float m, float a) {
        if (t.sampleType() == SampleType.UINT8 && !range) {
            byte[] src = t.asBytes();
            for (int k = 0; k < n; k++) {
                row[k] = (src[from + k] & 0xff) * m + a;
            }
            return;
        }
        t.copyFloats(from, row, 0, n);
        affine(row, n, range, low, span, m, a);
    }

    private static void affine(float[] row, int n, boolean range, float low, float span, float m, float a) {
        if (range) {
            for (int k = 0; k < n; k++) {
                float x = (row[k] - low) / span;
                row[k] = (x < 0f ? 0f : (x > 1f ? 1f : x)) * m + a;
            }
        } else {
            for (int k = 0; k < n; k++) {
                row[k] = row[k] * m + a;
            }
        }
    }

    /** Per channel, the multiplier and addend of the final affine step: x·(scale/std) − mean/std. */
    private void coefficients(float[] mul, float[] add) {
        Normalization n = normalization;
        for (int ch = 0; ch < mul.length; ch++) {
            float std = n.std().get(ch).floatValue();
            float mean = n.mean().get(ch).floatValue();
            mul[ch] = (n.stretch() == Normalization.Stretch.SCALE ? (float) n.scale() : 1f) / std;
            add[ch] = -mean / std;
        }
    }

    /**
     * Stretch then (x − mean)/std, in place where possible (each full-size temporary costs more than the
     * arithmetic): the scale and the affine step are folded into one multiply-add per channel,
     * x·(scale/std) − mean/std, equal to the two-step form within float rounding.
     */
    private NDArray normalise(NDArray x, List<PixelBuffer> tiles, NDManager manager) {
        Normalization n = normalization;
        int c = bands.length;
        float[] mul = new float[c];
        float[] add = new float[c];
        coefficients(mul, add);
        switch (n.stretch()) {
            case SCALE -> { }
            case RANGE -> x = x.subi((float) n.low()).divi((float) n.high() - (float) n.low()).clip(0f, 1f);
            case PERCENTILE -> x = percentileStretch(x, tiles);
            default -> throw new IllegalStateException(n.stretch().toString());
        }
        return x.muli(manager.create(mul, new Shape(1, c, 1, 1))).addi(manager.create(add, new Shape(1, c, 1, 1)));
    }

    /**
     * The staging buffer for one batch's raw samples, {@code bytes} long, reused from batch to batch: a
     * fresh direct buffer per batch costs zeroing and, once the JVM's direct-memory budget is used,
     * garbage collections. PyTorch reads it in place ({@code from_blob}), so every tensor made from it is
     * converted or copied before the next batch overwrites it.
     */
    private ByteBuffer staging(int bytes, ByteOrder order) {
        if (staging == null || staging.capacity() < bytes) {
            staging = ByteBuffer.allocateDirect(bytes);
        }
        return staging.slice(0, bytes).order(order);
    }

    private static void clear(ByteBuffer buffer) {
        byte[] zeros = new byte[Math.min(buffer.capacity(), 1 << 16)];
        for (int at = 0; at < buffer.capacity(); at += zeros.length) {
            buffer.put(at, zeros, 0, Math.min(zeros.length, buffer.capacity() - at));
        }
    }

    private static void copy(Object src, int from, ByteBuffer dst, int to, int count, SampleType type) {
        switch (type) {
            case UINT8, INT8 -> dst.put(to, (byte[]) src, from, count);
            case UINT16, INT16 -> dst.asShortBuffer().put(to, (short[]) src, from, count);
            case UINT32, INT32 -> dst.asIntBuffer().put(to, (int[]) src, from, count);
            case FLOAT32 -> dst.asFloatBuffer().put(to, (float[]) src, from, count);
            case FLOAT64 -> dst.asDoubleBuffer().put(to, (double[]) src, from, count);
            default -> throw new IllegalStateException(type.toString());
        }
    }

    private static DataType rawType(SampleType type) {
        return switch (type) {
            case UINT8 -> DataType.UINT8;
            case INT8 -> DataType.INT8;
            case UINT32, INT32 -> DataType.INT32;
            case FLOAT32 -> DataType.FLOAT32;
            case FLOAT64 -> DataType.FLOAT64;
            case UINT16, INT16 -> throw new IllegalStateException("16-bit samples travel as byte pairs");
        };
    }

    /** Samples as float32, unsigned types read as unsigned. */
    private static NDArray toFloat(NDArray raw, SampleType type) {
        return switch (type) {
            case UINT32 -> {
                NDArray wide = raw.toType(DataType.INT64, false);
                yield wide.add(wide.lt(0).toType(DataType.INT64, false).mul(1L << 32)).toType(DataType.FLOAT32, false);
            }
            case FLOAT32 -> raw.toType(DataType.FLOAT32, true);  // a copy: raw lives in the staging buffer
            default -> raw.toType(DataType.FLOAT32, false);
        };
    }

    /** Per tile and channel: the low/high percentiles of the tile's own pixels map to 0 and 1. */
    private NDArray percentileStretch(NDArray x, List<PixelBuffer> tiles) {
        NDManager manager = x.getManager();
        int c = bands.length;
        List<NDArray> out = new ArrayList<>(tiles.size());
        for (int i = 0; i < tiles.size(); i++) {
            NDArray xi = x.get(i);
            PixelBuffer tile = tiles.get(i);
            // the tile's valid part only: samples outside the raster are padding (nodata)
            PixelWindow valid = tile.valid().isEmpty() ? tile.window() : tile.valid();
            int x0 = valid.x() - tile.window().x();
            int y0 = valid.y() - tile.window().y();
            int count = valid.width() * valid.height();
            NDArray sorted = xi.get(":, " + y0 + ":" + (y0 + valid.height()) + ", " + x0 + ":" + (x0 + valid.width()))
                    .reshape(c, -1).sort(1);
            NDArray lo = percentile(sorted, count, normalization.low(), manager);
            NDArray hi = percentile(sorted, count, normalization.high(), manager);
            NDArray span = hi.sub(lo).maximum(1e-12f);
            out.add(xi.sub(lo.reshape(c, 1, 1)).div(span.reshape(c, 1, 1)).clip(0f, 1f));
        }
        return ai.djl.ndarray.NDArrays.stack(new NDList(out));
    }

    /** numpy's default (linear) percentile of each row of {@code sorted}, [C]. */
    private static NDArray percentile(NDArray sorted, int n, double p, NDManager manager) {
        double pos = p / 100.0 * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, n - 1);
        float frac = (float) (pos - lo);
        NDArray a = sorted.get(":, " + lo);
        NDArray b = sorted.get(":, " + hi);
        return a.add(b.sub(a).mul(frac));
    }

    /** The shape as text, for messages: [1, 7, 1344]. */
    static String shapeText(NDArray a) {
        return Arrays.toString(a.getShape().getShape());
    }

    /** A tile that does not fit the model (size, bands, sample type); Detector reports it as bad input. */
    static final class TileMismatchException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        TileMismatchException(String message) {
            super(message);
        }
    }

    /** Builds a decoder's translator: {@code set*} required, {@code opt*} optional. */
    static final class Builder {
        private final Decoder decoder;
        private int width;
        private int height;
        private List<Integer> bands;
        private Normalization normalization;
        private int classSlots;
        private double threshold = 0.25;
        private double nmsIou = 0.45;
        private int maxDetections = 300;
        private int outputStride = 4;
        private OrientedNms orientedNms = OrientedNms.POLYGON;

        private Builder(Decoder decoder) {
            this.decoder = Objects.requireNonNull(decoder, "decoder");
        }

        /** The model input size, pixels. */
        Builder setInputSize(int w, int h) {
            this.width = w;
            this.height = h;
            return this;
        }

        /** The scene band (1-based) feeding each input channel. */
        Builder setBands(List<Integer> b) {
            this.bands = List.copyOf(b);
            return this;
        }

        /** Raw samples to input values. */
        Builder setNormalization(Normalization n) {
            this.normalization = n;
            return this;
        }

        /** The number of class scores the model outputs (largest class id + 1). */
        Builder setClassSlots(int n) {
            this.classSlots = n;
            return this;
        }

        /** Keep detections whose score exceeds this (default 0.25). */
        Builder optThreshold(double t) {
            this.threshold = t;
            return this;
        }

        /** Class-wise NMS IoU threshold (default 0.45). */
        Builder optNmsIou(double iou) {
            this.nmsIou = iou;
            return this;
        }

        /** Most detections per tile (default 300). */
        Builder optMaxDetections(int n) {
            this.maxDetections = n;
            return this;
        }

        /** CenterNet output stride (default 4). */
        Builder optOutputStride(int s) {
            this.outputStride = s;
            return this;
        }

        /** How rotated boxes are suppressed (YOLOV8_OBB; default POLYGON). */
        Builder optOrientedNms(OrientedNms rule) {
            this.orientedNms = Objects.requireNonNull(rule, "rule");
            return this;
        }

        /** Everything a bundle says, with its threshold replaced by {@code threshold}. */
        Builder fromBundle(ModelBundle bundle, double scoreThreshold) {
            return setInputSize(bundle.inputWidth(), bundle.inputHeight()).setBands(bundle.bands())
                    .setNormalization(bundle.normalization()).setClassSlots(bundle.classSlots())
                    .optThreshold(scoreThreshold).optNmsIou(bundle.nmsIou()).optMaxDetections(bundle.maxDetections())
                    .optOutputStride(bundle.outputStride()).optOrientedNms(bundle.orientedNms());
        }

        TileTranslator build() {
            if (width < 1 || height < 1 || bands == null || bands.isEmpty() || classSlots < 1) {
                throw new IllegalStateException("input size, bands and class count are required");
            }
            return switch (decoder) {
                case YOLOV5 -> new YoloTranslator(this, true);
                case YOLOV8 -> new YoloTranslator(this, false);
                case YOLOV8_OBB -> new ObbTranslator(this);
                case TORCHVISION -> new TorchvisionTranslator(this);
                case CENTERNET -> new CenterNetTranslator(this);
                case BOXES -> new BoxesTranslator(this);
                case OBB_BOXES -> new ObbBoxesTranslator(this);
            };
        }
    }
}
