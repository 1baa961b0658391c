package dev.seamline.detector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.seamline.core.BadInputException;
import dev.seamline.core.Detection;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.SampleType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs built ahead in Java ({@link Detector#prepare}) hold exactly the values of the NDArray path
 * (the reference: {@link TileTranslator#tensor}), for every stretch it takes, padding included; a
 * prepared batch is detected exactly as the tiles themselves.
 */
class PreparedInputTest {

    @TempDir
    Path temp;

    private static float[] packed(TileTranslator t, List<PixelBuffer> tiles, int size) {
        int n = tiles.size() * t.bands.length * size * size;
        FloatBuffer out = ByteBuffer.allocateDirect(n * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        t.pack(tiles, out);
        float[] values = new float[n];
        out.get(0, values);
        return values;
    }

    private static float[] reference(TileTranslator t, List<PixelBuffer> tiles, int size) {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            return t.tensor(m, tiles, size, size, false).toFloatArray();
        }
    }

    private static PixelBuffer random(SampleType type, int bands, int w, int h, long seed) {
        Random r = new Random(seed);
        PixelWindow win = new PixelWindow(0, 0, w, h);
        int n = bands * w * h;
        Object data = switch (type) {
            case UINT8, INT8 -> {
                byte[] a = new byte[n];
                r.nextBytes(a);
                yield a;
            }
            case UINT16, INT16 -> {
                short[] a = new short[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (short) r.nextInt(65536);
                }
                yield a;
            }
            case FLOAT32 -> {
                float[] a = new float[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (float) (r.nextGaussian() * 1000);
                }
                yield a;
            }
            default -> throw new IllegalArgumentException(type.toString());
        };
        return new PixelBuffer(win, win, bands, type, data);
    }

    @Test
    void packedValuesEqualTheNdArrayPath() {
        // 200: an 8-bit plane of more floats than one bulk put of pack() takes
        for (int size : new int[] {24, 200}) {
            packedValuesEqualTheNdArrayPath(size);
        }
    }

    private void packedValuesEqualTheNdArrayPath(int size) {
        List<Normalization> stretches = List.of(
                Normalization.ofScale(1 / 255.0, List.of(0.485, 0.456, 0.406), List.of(0.229, 0.224, 0.225)),
                Normalization.ofScale(0.5, List.of(1.0, 2.0, 3.0), List.of(2.0, 4.0, 0.5)),
                Normalization.ofRange(100, 3000, List.of(0.5, 0.0, 0.1), List.of(0.25, 1.0, 0.3)));
        for (SampleType type : List.of(SampleType.UINT8, SampleType.INT8, SampleType.UINT16, SampleType.INT16,
                SampleType.FLOAT32)) {
            for (Normalization n : stretches) {
                TileTranslator t = TileTranslator.builder(Decoder.BOXES).setInputSize(size, size)
                        .setBands(List.of(3, 1, 4)).setNormalization(n).setClassSlots(1).build();
                // a full tile, one narrower and shorter (padded), one full again
                List<PixelBuffer> tiles = List.of(random(type, 4, size, size, 1), random(type, 4, 17, 11, 2),
                        random(type, 4, size, size, 3));
                assertTrue(t.packable(tiles));
                float[] expected = reference(t, tiles, size);
                float[] got = packed(t, tiles, size);
                assertEquals(expected.length, got.length);
                for (int i = 0; i < got.length; i++) {
                    // SCALE: the same two float operations, so bit for bit; RANGE: torch may divide by a
                    // reciprocal multiply, one rounding apart
                    float tol = n.stretch() == Normalization.Stretch.SCALE ? 0f : Math.ulp(expected[i]) * 4;
                    assertEquals(expected[i], got[i], tol, type + " " + n.stretch() + " at " + i);
                }
            }
        }
    }

    @Test
    void percentileAndWideTypesAreNotPrepared() {
        TileTranslator pct = TileTranslator.builder(Decoder.BOXES).setInputSize(8, 8).setBands(List.of(1))
                .setNormalization(Normalization.ofPercentile(2, 98, List.of(0.0), List.of(1.0))).setClassSlots(1).build();
        assertTrue(!pct.packable(List.of(random(SampleType.UINT8, 1, 8, 8, 1))));
        TileTranslator scale = TileTranslator.builder(Decoder.BOXES).setInputSize(8, 8).setBands(List.of(1))
                .setNormalization(Normalization.ofScale(1, List.of(0.0), List.of(1.0))).setClassSlots(1).build();
        PixelWindow w = new PixelWindow(0, 0, 8, 8);
        assertTrue(!scale.packable(List.of(new PixelBuffer(w, w, 1, SampleType.FLOAT64, new double[64]))));
    }

    @Test
    void aPreparedBatchDetectsAsTheTilesThemselves() throws Exception {
        Path bundle = BatchingTest.builtinBundle(temp, 64);
        List<PixelBuffer> tiles = new java.util.ArrayList<>(BatchingTest.randomTiles(3, 64, 11));
        // a smaller tile too: padded in the prepared input exactly as in the NDArray path
        PixelBuffer big = BatchingTest.randomTiles(1, 64, 12).get(0);
        PixelWindow small = new PixelWindow(0, 0, 40, 52);
        byte[] cut = new byte[3 * 40 * 52];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 52; y++) {
                System.arraycopy(big.asBytes(), (c * 64 + y) * 64, cut, (c * 52 + y) * 40, 40);
            }
        }
        tiles.add(new PixelBuffer(small, small, 3, SampleType.UINT8, cut));
        DetectorOptions options = DetectorOptions.defaults().withDevice(DeviceChoice.CPU).withBatchSize(4)
                .withScoreThreshold(0.0);
        try (Detector detector = Detector.open(bundle, options)) {
            java.lang.reflect.Field field = Detector.class.getDeclaredField("translator");
            field.setAccessible(true);
            TileTranslator translator = (TileTranslator) field.get(detector);
            List<List<Detection>> plain = detector.detect(tiles);
            assertEquals(0, translator.preparedBatches);
            for (int round = 0; round < 3; round++) { // buffers come back to the pool and are reused
                List<PixelBuffer> prepared = detector.prepare(tiles);
                assertNotSame(tiles, prepared);
                assertEquals(tiles, prepared);
                List<List<Detection>> got = detector.detect(prepared);
                for (int i = 0; i < tiles.size(); i++) {
                    Fixtures.assertDetectionsEqual(plain.get(i), got.get(i), "tile " + i, 0);
                }
                assertEquals(round + 1, translator.preparedBatches, "the forward pass took the prepared input");
            }
            int total = plain.stream().mapToInt(List::size).sum();
            assertTrue(total > tiles.size(), "the check needs detections, found " + total);
            InferenceTimings t = detector.timings();
            assertEquals(16, t.tiles());
            assertEquals(4, t.batches());
            assertTrue(t.preprocessNanos() > 0);
        }
    }

    @Test
    void aTileThatDoesNotFitIsBadInput() throws Exception {
        Path bundle = BatchingTest.builtinBundle(temp, 64);
        try (Detector detector = Detector.open(bundle, DetectorOptions.defaults().withDevice(DeviceChoice.CPU))) {
            PixelBuffer tooBig = BatchingTest.randomTiles(1, 96, 1).get(0);
            BadInputException e = assertThrows(BadInputException.class, () -> detector.prepare(List.of(tooBig)));
            assertTrue(e.getMessage().contains("96x96") && !e.getMessage().contains("\n"), e.getMessage());
            // a percentile bundle would come back unprepared: the same list
            List<PixelBuffer> none = List.of();
            assertSame(none, detector.prepare(none));
        }
    }

    @Test
    void uint8TransferGivesTheFloatPathsValuesAndDetections() throws Exception {
        Path bundle = BatchingTest.builtinBundle(temp, 64);
        List<PixelBuffer> tiles = new java.util.ArrayList<>(BatchingTest.randomTiles(3, 64, 21));
        PixelBuffer big = BatchingTest.randomTiles(1, 64, 22).get(0);
        PixelWindow small = new PixelWindow(0, 0, 40, 52); // padded on the device as on the host
        byte[] cut = new byte[3 * 40 * 52];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 52; y++) {
                System.arraycopy(big.asBytes(), (c * 64 + y) * 64, cut, (c * 52 + y) * 40, 40);
            }
        }
        tiles.add(new PixelBuffer(small, small, 3, SampleType.UINT8, cut));
        DetectorOptions floats = DetectorOptions.defaults().withDevice(DeviceChoice.CPU).withBatchSize(4)
                .withScoreThreshold(0.0);
        List<List<Detection>> expected;
        float[] expectedInput;
        try (Detector detector = Detector.open(bundle, floats)) {
            List<PixelBuffer> prepared = detector.prepare(tiles);
            expectedInput = input(detector, prepared);
            expected = detector.detect(prepared);
        }
        try (Detector detector = Detector.open(bundle, floats.withInput(DetectorOptions.InputTransfer.UINT8))) {
            List<PixelBuffer> prepared = detector.prepare(tiles);
            PreparedTiles raw = (PreparedTiles) prepared;
            assertTrue(raw.raw());
            assertEquals(4 * 3 * 64 * 64, raw.buffer().remaining(), "one byte a sample crosses");
            assertArrayEquals(expectedInput, input(detector, prepared), "the same float32 values, bit for bit");
            List<List<Detection>> got = detector.detect(detector.prepare(tiles));
            for (int i = 0; i < tiles.size(); i++) {
                Fixtures.assertDetectionsEqual(expected.get(i), got.get(i), "tile " + i, 0);
            }
            assertTrue(expected.stream().mapToInt(List::size).sum() > tiles.size(), "the check needs detections");
        }
    }

    /** The model input a prepared batch becomes, through the detector's own translator. */
    private static float[] input(Detector detector, List<PixelBuffer> prepared) throws Exception {
        java.lang.reflect.Field field = Detector.class.getDeclaredField("translator");
        field.setAccessible(true);
        TileTranslator translator = (TileTranslator) field.get(detector);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            return translator.tensor(m, prepared, 64, 64, false).toFloatArray();
        }
    }
}
