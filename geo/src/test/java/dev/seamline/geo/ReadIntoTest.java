package dev.seamline.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Scene#readInto} into one array reused window after window gives what a fresh {@link Scene#read}
 * gives (whose pixels {@code SceneAgainstGdalTest} checks against GDAL): no sample of an earlier window
 * survives, padding included, with and without the block cache.
 */
class ReadIntoTest {

    @ParameterizedTest
    @ValueSource(strings = {"tiled_deflate.tif", "striped_lzw.tif", "striped_none.tif", "uint16_4band.tif",
        "uint16_4band_planar_be.tif", "float32_pred3.tif", "packbits_int16.tif", "cog.tif"})
    void aReusedArrayHoldsExactlyTheWindow(String file) throws Exception {
        for (int cacheMb : new int[] {0, 8}) {
            try (Scene s = Scene.openForPixels(Fixtures.resource("made/" + file), cacheMb)) {
                Random r = new Random(file.hashCode() + cacheMb);
                int w = 37, h = 29;
                int[][] bandLists = {allBands(s), {s.bandCount() - 1}, s.bandCount() > 2 ? new int[] {2, 0} : new int[] {0}};
                for (int[] bands : bandLists) {
                    Object reused = PixelBuffer.newArray(s.sampleType(), w * h * bands.length);
                    for (int i = 0; i < 40; i++) {
                        PixelWindow win = new PixelWindow(r.nextInt(s.width() + 40) - 20, r.nextInt(s.height() + 40) - 20, w, h);
                        PixelWindow valid = s.readInto(win, bands, reused);
                        PixelBuffer fresh = s.read(win, bands);
                        assertEquals(fresh.valid(), valid);
                        assertEquals(Fixtures.digest(fresh),
                                Fixtures.digest(new PixelBuffer(win, valid, bands.length, s.sampleType(), reused)),
                                file + " " + win + " bands " + java.util.Arrays.toString(bands));
                    }
                }
                assertThrows(IllegalArgumentException.class,
                        () -> s.readInto(new PixelWindow(0, 0, 4, 4), new int[] {0}, PixelBuffer.newArray(s.sampleType(), 15)));
                assertThrows(IllegalArgumentException.class,
                        () -> s.readInto(new PixelWindow(0, 0, 4, 4), new int[] {0}, new double[16][0]));
            }
        }
    }

    private static int[] allBands(Scene s) {
        return java.util.stream.IntStream.range(0, s.bandCount()).toArray();
    }
}
