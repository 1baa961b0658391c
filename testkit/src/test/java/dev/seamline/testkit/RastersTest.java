package dev.seamline.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.RasterSource;
import dev.seamline.core.SampleType;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class RastersTest {

    @Test
    void bufferIsBandSequentialInRasterCoordinates() {
        PixelWindow w = new PixelWindow(10, 20, 2, 1);
        PixelBuffer b = Rasters.buffer(w, w, new int[] {3, 1}, SampleType.UINT16, (band, x, y) -> band * 1000 + x + y);
        assertArrayEquals(new short[] {3030, 3031, 1030, 1031}, (short[]) b.data());
        PixelBuffer u = Rasters.buffer(w, w, new int[] {0}, SampleType.UINT8, (band, x, y) -> 255);
        assertArrayEquals(new byte[] {(byte) 255, (byte) 255}, (byte[]) u.data());
    }

    @Test
    void sourcePadsOutsideWithNodata() throws Exception {
        try (RasterSource r = Rasters.source("m.tif", 2, 2, 1, SampleType.UINT8, OptionalDouble.of(9), (band, x, y) -> x + 2 * y)) {
            PixelBuffer b = r.read(new PixelWindow(1, 1, 2, 2));
            assertArrayEquals(new byte[] {3, 9, 9, 9}, (byte[]) b.data());
            assertEquals(new PixelWindow(1, 1, 1, 1), b.valid());
            assertEquals("m.tif", r.name());
        }
    }
}
