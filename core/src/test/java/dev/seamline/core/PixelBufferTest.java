package dev.seamline.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** copyFloats gives every sample type's values as float32, equal to {@code (float) sample(...)}. */
class PixelBufferTest {

    private static final PixelWindow W = new PixelWindow(0, 0, 3, 2);

    private static PixelBuffer buffer(SampleType type, Object data) {
        return new PixelBuffer(W, W, 1, type, data);
    }

    @Test
    void everyTypeReadsAsSampleDoesAndUnsignedStaysUnsigned() {
        PixelBuffer[] all = {
            buffer(SampleType.UINT8, new byte[] {0, 1, 127, -128, -1, 42}),
            buffer(SampleType.INT8, new byte[] {0, 1, 127, -128, -1, 42}),
            buffer(SampleType.UINT16, new short[] {0, 1, Short.MAX_VALUE, Short.MIN_VALUE, -1, 4242}),
            buffer(SampleType.INT16, new short[] {0, 1, Short.MAX_VALUE, Short.MIN_VALUE, -1, 4242}),
            buffer(SampleType.UINT32, new int[] {0, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, -1, 16_777_217}),
            buffer(SampleType.INT32, new int[] {0, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, -1, 16_777_217}),
            buffer(SampleType.FLOAT32, new float[] {0, 1.5f, Float.NaN, -0f, Float.MAX_VALUE, 1e-40f}),
            buffer(SampleType.FLOAT64, new double[] {0, 1.5, Double.NaN, -0.0, 1e300, 0.1}),
        };
        for (PixelBuffer b : all) {
            float[] expected = new float[8];
            for (int i = 0; i < 6; i++) {
                expected[i + 1] = (float) b.sample(0, i % 3, i / 3);
            }
            float[] got = new float[8];
            b.copyFloats(0, got, 1, 6);
            assertArrayEquals(expected, got, b.sampleType().toString());
        }
        float[] part = new float[2];
        all[0].copyFloats(3, part, 0, 2);
        assertArrayEquals(new float[] {128, 255}, part, "from an offset");
        assertEquals(4294967295f, copy(all[4], 4), "UINT32 -1 is 2^32 - 1");
        assertEquals(16_777_216f, copy(all[5], 5), "rounded to the nearest float, as a cast");
    }

    private static float copy(PixelBuffer b, int at) {
        float[] one = new float[1];
        b.copyFloats(at, one, 0, 1);
        return one[0];
    }
}
