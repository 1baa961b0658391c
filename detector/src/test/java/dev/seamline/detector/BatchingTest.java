package dev.seamline.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.seamline.core.ClassCatalog;
import dev.seamline.core.Detection;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.SampleType;
import dev.seamline.detector.builtin.BuiltinArchitectures;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One forward pass per batch gives what single calls give; padding, zips and the built-in network. */
class BatchingTest {

    @TempDir
    Path temp;

    static List<PixelBuffer> randomTiles(int count, int size, long seed) {
        Random random = new Random(seed);
        List<PixelBuffer> tiles = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] data = new byte[3 * size * size];
            // blocky images: random 8x8 cells, as the fixtures use
            for (int c = 0; c < 3; c++) {
                for (int cy = 0; cy < size; cy += 8) {
                    for (int cx = 0; cx < size; cx += 8) {
                        byte v = (byte) random.nextInt(256);
                        for (int y = cy; y < cy + 8; y++) {
                            java.util.Arrays.fill(data, (c * size + y) * size + cx, (c * size + y) * size + cx + 8, v);
                        }
                    }
                }
            }
            PixelWindow w = new PixelWindow(i * size, 0, size, size);
            tiles.add(new PixelBuffer(w, w, 3, SampleType.UINT8, data));
        }
        return tiles;
    }

    /**
     * Batched and single calls agree: same detections, scores within 1e-5, boxes within 1e-3 px plus
     * {@code relative}·|coordinate| (a batch may take other convolution kernels: float rounding only).
     */
    private static void assertSameAsSingles(Path bundle, List<PixelBuffer> tiles, DetectorOptions options, double relative)
            throws Exception {
        try (Detector batched = Detector.open(bundle, options.withBatchSize(8));
             Detector single = Detector.open(bundle, options.withBatchSize(1))) {
            List<List<Detection>> all = batched.detect(tiles);
            assertEquals(1, batched.timings().batches());
            int total = 0;
            for (int i = 0; i < tiles.size(); i++) {
                List<Detection> one = single.detect(tiles.get(i));
                Fixtures.assertDetectionsEqual(one, all.get(i), "tile " + i, relative);
                total += one.size();
            }
            assertEquals(tiles.size(), single.timings().batches());
            assertTrue(total > tiles.size(), "the check needs detections, found " + total);
        }
    }

    @Test
    void aBatchOfEightEqualsEightSingleCalls() throws Exception {
        assertSameAsSingles(Fixtures.folder("yolov8"), randomTiles(8, 64, 42),
                DetectorOptions.defaults().withDevice(DeviceChoice.CPU).withScoreThreshold(0.5), 0);
    }

    /** Untrained, the built-in network predicts boxes hundreds of pixels tall: hence the relative part. */
    @Test
    void theBuiltinNetworkBatchesAlike() throws Exception {
        Path bundle = builtinBundle(temp, 64);
        assertSameAsSingles(bundle, randomTiles(8, 64, 7),
                DetectorOptions.defaults().withDevice(DeviceChoice.CPU).withScoreThreshold(0.0), 1e-4);
    }

    /**
     * A short batch is filled up with blank tiles to the batch size, so its tiles get exactly the numbers
     * they get in a full batch (some CPU kernels round differently by batch size), prepared or not.
     */
    @Test
    void aShortBatchIsFilledToTheBatchSizeAndGivesTheFullBatchsNumbers() throws Exception {
        Path bundle = builtinBundle(temp, 64);
        List<PixelBuffer> tiles = randomTiles(7, 64, 11);
        DetectorOptions options = DetectorOptions.defaults().withDevice(DeviceChoice.CPU).withScoreThreshold(0.0)
                .withBatchSize(4);
        try (Detector d = Detector.open(bundle, options)) {
            List<List<Detection>> full = d.detect(tiles.subList(0, 4));
            List<List<Detection>> shortOne = d.detect(tiles.subList(0, 3));
            List<List<Detection>> prepared = d.detect(d.prepare(tiles.subList(0, 2)));
            List<List<Detection>> seven = d.detect(tiles);
            assertEquals(full.subList(0, 3), shortOne);
            assertEquals(full.subList(0, 2), prepared);
            assertEquals(full, seven.subList(0, 4));
            assertEquals(7, seven.size());
            InferenceTimings t = d.timings();
            assertEquals(4 + 3 + 2 + 7, t.tiles());
            assertEquals(1 + 1 + 1 + 2, t.batches());
            assertEquals(0 + 1 + 2 + 1, t.blankTiles());
            assertTrue(full.stream().mapToInt(List::size).sum() > 0, "the check needs detections");
        }
    }

    /** A bundle of the built-in CenterNet with freshly initialised weights. */
    static Path builtinBundle(Path dir, int inputSize) throws Exception {
        String arch = BuiltinArchitectures.CENTERNET_LITE_V1;
        Path params = dir.resolve("init.params");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Block block = BuiltinArchitectures.create(arch, 3);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, inputSize, inputSize));
            try (OutputStream out = Files.newOutputStream(params); DataOutputStream data = new DataOutputStream(out)) {
                block.saveParameters(data);
            }
        }
        ModelBundle draft = new ModelBundle(params, params, "builtin-test", "0", Decoder.CENTERNET,
                ModelBundle.BUILTIN_PREFIX + arch, inputSize, inputSize, List.of(1, 2, 3),
                Normalization.ofScale(1 / 255.0, List.of(0.5, 0.5, 0.5), List.of(0.25, 0.25, 0.25)),
                ClassCatalog.ofNames(List.of("car", "truck", "ship")), OptionalDouble.of(0.5), true, 0.3, 0.45, 20,
                BuiltinArchitectures.outputStride(arch), "");
        Path folder = dir.resolve("builtin-bundle");
        ModelBundle written = draft.writeTo(folder);
        assertEquals(draft.classes(), written.classes());
        assertEquals(draft.normalization(), written.normalization());
        return folder;
    }

    @Test
    void smallTilesArePaddedAtTheRightAndBottom() throws Exception {
        PixelBuffer full = randomTiles(1, 64, 3).get(0);
        int w = 48;
        int h = 40;
        byte[] src = full.asBytes();
        byte[] small = new byte[3 * w * h];
        byte[] padded = new byte[3 * 64 * 64];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(src, (c * 64 + y) * 64, small, (c * h + y) * w, w);
                System.arraycopy(src, (c * 64 + y) * 64, padded, (c * 64 + y) * 64, w);
            }
        }
        PixelWindow sw = new PixelWindow(0, 0, w, h);
        PixelWindow pw = new PixelWindow(0, 0, 64, 64);
        try (Detector d = Detector.open(Fixtures.folder("yolov8"),
                DetectorOptions.defaults().withDevice(DeviceChoice.CPU).withScoreThreshold(0.5))) {
            d.detect(randomTiles(2, 64, 99));  // leaves other samples in the reused buffers
            List<List<Detection>> out = d.detect(List.of(new PixelBuffer(sw, sw, 3, SampleType.UINT8, small),
                    new PixelBuffer(pw, pw, 3, SampleType.UINT8, padded)));
            assertFalse(out.get(1).isEmpty());
            Fixtures.assertDetectionsEqual(out.get(1), out.get(0), "padded");
            d.detect(randomTiles(1, 64, 98));
            Fixtures.assertDetectionsEqual(out.get(1), d.detect(new PixelBuffer(sw, sw, 3, SampleType.UINT8, small)),
                    "padded alone");
        }
    }

    @Test
    void aZippedBundleLoadsAndDetectsAlike() throws Exception {
        Path zip = temp.resolve("yolov8.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String name : List.of("model.json", "model.pt")) {
                out.putNextEntry(new ZipEntry("yolov8/" + name));
                Files.copy(Fixtures.folder("yolov8").resolve(name), out);
                out.closeEntry();
            }
        }
        ModelBundle bundle = ModelBundle.load(zip);
        assertEquals("tiny-yolov8", bundle.name());
        assertEquals(Decoder.YOLOV8, bundle.decoder());
        try (Detector d = Detector.open(bundle, DetectorOptions.defaults().withDevice(DeviceChoice.CPU))) {
            List<List<Detection>> out = d.detect(Fixtures.tiles("yolov8"));
            List<List<Detection>> expected = Fixtures.expectedDetections("yolov8");
            for (int i = 0; i < out.size(); i++) {
                Fixtures.assertDetectionsEqual(expected.get(i), out.get(i), "zip tile " + i);
            }
        }
    }
}
