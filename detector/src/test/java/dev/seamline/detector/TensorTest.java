package dev.seamline.detector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.SampleType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Input tensors: every sample type read right (unsigned as unsigned), band mapping, padding, stretches. */
class TensorTest {

    private static TileTranslator translator(List<Integer> bands, Normalization n, int size) {
        return TileTranslator.builder(Decoder.BOXES).setInputSize(size, size).setBands(bands).setNormalization(n)
                .setClassSlots(1).build();
    }

    private static Normalization identity(int channels) {
        return Normalization.ofScale(1, java.util.Collections.nCopies(channels, 0.0), java.util.Collections.nCopies(channels, 1.0));
    }

    private static float[] tensor(TileTranslator t, PixelBuffer tile, int size) {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray x = t.tensor(m, List.of(tile), size, size);
            return x.toFloatArray();
        }
    }

    private static PixelBuffer row(SampleType type, Object data, int n) {
        PixelWindow w = new PixelWindow(0, 0, n, 1);
        return new PixelBuffer(w, w, 1, type, data);
    }

    @Test
    void everySampleTypeBecomesItsValue() {
        TileTranslator t = TileTranslator.builder(Decoder.BOXES).setInputSize(5, 1).setBands(List.of(1))
                .setNormalization(identity(1)).setClassSlots(1).build();
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            assertArrayEquals(new float[] {0, 1, 32767, 32768, 65535}, t.tensor(m, List.of(row(SampleType.UINT16,
                    new short[] {0, 1, 32767, (short) 32768, (short) 65535}, 5)), 5, 1).toFloatArray());
            assertArrayEquals(new float[] {-32768, -1, 0, 1, 32767}, t.tensor(m, List.of(row(SampleType.INT16,
                    new short[] {-32768, -1, 0, 1, 32767}, 5)), 5, 1).toFloatArray());
            assertArrayEquals(new float[] {0, 127, 128, 200, 255}, t.tensor(m, List.of(row(SampleType.UINT8,
                    new byte[] {0, 127, (byte) 128, (byte) 200, (byte) 255}, 5)), 5, 1).toFloatArray());
            assertArrayEquals(new float[] {-128, -1, 0, 1, 127}, t.tensor(m, List.of(row(SampleType.INT8,
                    new byte[] {-128, -1, 0, 1, 127}, 5)), 5, 1).toFloatArray());
            assertArrayEquals(new float[] {0, 1, 65536, 2147483648f, 4294967295f}, t.tensor(m, List.of(row(SampleType.UINT32,
                    new int[] {0, 1, 65536, Integer.MIN_VALUE, -1}, 5)), 5, 1).toFloatArray());
            assertArrayEquals(new float[] {-2147483648f, -1, 0, 1, 7}, t.tensor(m, List.of(row(SampleType.INT32,
                    new int[] {Integer.MIN_VALUE, -1, 0, 1, 7}, 5)), 5, 1).toFloatArray());
            assertArrayEquals(new float[] {-1.5f, 0, 2.25f, 1e6f, 3}, t.tensor(m, List.of(row(SampleType.FLOAT32,
                    new float[] {-1.5f, 0, 2.25f, 1e6f, 3}, 5)), 5, 1).toFloatArray());
            assertArrayEquals(new float[] {-1.5f, 0, 2.25f, 1e6f, 3}, t.tensor(m, List.of(row(SampleType.FLOAT64,
                    new double[] {-1.5, 0, 2.25, 1e6, 3}, 5)), 5, 1).toFloatArray());
        }
    }

    @Test
    void bandsMapToChannelsAndSmallTilesArePaddedWithZeroBeforeNormalising() {
        // a 2x1 tile of 3 bands: band b holds values 10b, 10b+1
        PixelWindow w = new PixelWindow(0, 0, 2, 1);
        PixelBuffer tile = new PixelBuffer(w, w, 3, SampleType.UINT8, new byte[] {10, 11, 20, 21, 30, 31});
        Normalization n = Normalization.ofScale(0.5, List.of(1.0, 2.0), List.of(2.0, 4.0));
        float[] x = tensor(translator(List.of(3, 1), n, 3), tile, 3);
        // channel 0 = band 3: (v*0.5 - 1)/2 ; channel 1 = band 1: (v*0.5 - 2)/4 ; padding v = 0
        float[] expected = {
            7f, 7.25f, -0.5f, -0.5f, -0.5f, -0.5f, -0.5f, -0.5f, -0.5f,
            0.75f, 0.875f, -0.5f, -0.5f, -0.5f, -0.5f, -0.5f, -0.5f, -0.5f};
        assertArrayEquals(expected, x, 1e-6f);
    }

    @Test
    void rangeClampsAndPercentileFollowsNumpy() {
        short[] values = new short[100];
        for (int i = 0; i < 100; i++) {
            values[i] = (short) (i * 100);  // 0 … 9900
        }
        PixelWindow w = new PixelWindow(0, 0, 10, 10);
        PixelBuffer tile = new PixelBuffer(w, w, 1, SampleType.UINT16, values);
        float[] range = tensor(translator(List.of(1), Normalization.ofRange(1000, 5000, List.of(0.0), List.of(1.0)), 10),
                tile, 10);
        assertEquals(0f, range[5], 0f);
        assertEquals(0.5f, range[30], 1e-6f);
        assertEquals(1f, range[99], 0f);
        // numpy: np.percentile(np.arange(100) * 100, [2, 98]) == [198, 9702]
        float[] pct = tensor(translator(List.of(1), Normalization.ofPercentile(2, 98, List.of(0.0), List.of(1.0)), 10),
                tile, 10);
        assertEquals(0f, pct[1], 0f);
        assertEquals((5000f - 198f) / (9702f - 198f), pct[50], 1e-6f);
        assertEquals(1f, pct[99], 0f);
    }

    @Test
    void percentilesIgnoreThePaddingOutsideTheRaster() {
        // a 4x1 window of which only the first 3 pixels lie inside the raster; the 4th is nodata 60000
        PixelWindow window = new PixelWindow(10, 0, 4, 1);
        PixelWindow valid = new PixelWindow(10, 0, 3, 1);
        PixelBuffer tile = new PixelBuffer(window, valid, 1, SampleType.UINT16, new short[] {100, 200, 300, (short) 60000});
        TileTranslator t = TileTranslator.builder(Decoder.BOXES).setInputSize(4, 1).setBands(List.of(1))
                .setNormalization(Normalization.ofPercentile(0, 100, List.of(0.0), List.of(1.0))).setClassSlots(1).build();
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            assertArrayEquals(new float[] {0f, 0.5f, 1f, 1f}, t.tensor(m, List.of(tile), 4, 1).toFloatArray(), 1e-6f);
        }
    }

    @Test
    void shiftedMaximaEqualMaxPooling() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray heat = m.randomUniform(0, 1, new ai.djl.ndarray.types.Shape(2, 3, 17, 23));
            NDArray pooled = ai.djl.nn.pooling.Pool.maxPool2d(heat, new ai.djl.ndarray.types.Shape(3, 3),
                    new ai.djl.ndarray.types.Shape(1, 1), new ai.djl.ndarray.types.Shape(1, 1), false);
            assertArrayEquals(pooled.toFloatArray(), CenterNetTranslator.max3x3(heat).toFloatArray(), 0f);
        }
    }

    @Test
    void deviceChoicesParse() throws Exception {
        assertEquals(DeviceChoice.AUTO, DeviceChoice.parse("auto"));
        assertEquals(DeviceChoice.CPU, DeviceChoice.parse("CPU"));
        assertEquals(DeviceChoice.gpu(0), DeviceChoice.parse("gpu"));
        assertEquals(DeviceChoice.gpu(3), DeviceChoice.parse("gpu:3"));
        assertEquals("gpu:3", DeviceChoice.gpu(3).toString());
        dev.seamline.core.BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.seamline.core.BadInputException.class, () -> DeviceChoice.parse("tpu"));
        assertEquals("--device: expected auto, cpu, gpu or gpu:N, found 'tpu'", e.getMessage());
    }
}
