package dev.seamline.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.SampleType;
import dev.seamline.geo.write.GeoTiffLayout;
import dev.seamline.geo.write.GeoTiffOptions;
import dev.seamline.geo.write.GeoTiffWriter;
import dev.seamline.testkit.Rasters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Decoded-block arrays are reused once evicted and released: with a cache far smaller than the windows
 * in flight, eight threads reading overlapping windows (half into reused arrays) still get exactly the
 * samples the scene was written with, a known function of position and band. Any block array recycled
 * while a reader still copied from it would show as wrong samples.
 */
class EvictionUnderLoadTest {

    /** The written sample of band b at pixel (x, y): an integer hash, so neighbouring tiles differ. */
    private static int sample(int x, int y, int b, int max) {
        int h = x * 0x9E3779B1 ^ y * 0x85EBCA77 ^ b * 0xC2B2AE3D;
        h ^= h >>> 15;
        return Math.floorMod(h * 0x27D4EB2F ^ (h >>> 13), max + 1);
    }

    @ParameterizedTest
    @CsvSource({"UINT8, 3", "UINT16, 4", "UINT8, 1"})
    void manyThreadsThroughATinyCacheReadExactlyWhatWasWritten(SampleType type, int bands, @TempDir Path dir) throws Exception {
        int width = 1500, height = 1100, tile = 128, max = type == SampleType.UINT8 ? 255 : 65535;
        GeoTiffLayout layout = new GeoTiffLayout(width, height, bands, type, tile, tile);
        Path file = dir.resolve("scene.tif");
        try (GeoTiffWriter w = GeoTiffWriter.create(file, layout, new GeoTiffOptions(java.util.Optional.empty(),
                java.util.OptionalDouble.empty(), GeoTiffOptions.BigTiff.AUTO, 1))) {
            for (int r = 0; r < layout.tileRows(); r++) {
                for (int c = 0; c < layout.tileColumns(); c++) {
                    PixelWindow win = layout.tileWindow(c, r);
                    w.writeTile(c, r, expected(win, allBands(bands), type, max));
                }
            }
            w.finish();
        }
        // 1 MB holds 21 three-band 8-bit tiles of 48 KB; eight threads' 256² windows touch up to 72 at once
        try (Scene s = Scene.openForPixels(file, 1)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Integer>> jobs = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int seed = t;
                    jobs.add(pool.submit(() -> readAndCheck(s, seed, bands, type, max)));
                }
                int windows = 0;
                for (Future<Integer> f : jobs) {
                    windows += f.get();
                }
                assertEquals(8 * 30, windows);
            } finally {
                pool.shutdownNow();
            }
            long tiles = (long) layout.tileRows() * layout.tileColumns();
            assertTrue(s.blocksDecoded() > 2 * tiles, "the cache was too small to spare decoding (" + s.blocksDecoded()
                    + " decodes of " + tiles + " tiles), so arrays were recycled");
        }
    }

    private static int readAndCheck(Scene s, int seed, int bands, SampleType type, int max) throws Exception {
        Random r = new Random(seed);
        int[] bandList = seed % 3 == 0 && bands > 1 ? new int[] {bands - 1, 0} : allBands(bands);
        int side = 256;
        Object reused = PixelBuffer.newArray(type, side * side * bandList.length);
        for (int i = 0; i < 30; i++) {
            PixelWindow win = new PixelWindow(r.nextInt(s.width() - side / 2) - 50, r.nextInt(s.height() - side / 2) - 50, side, side);
            PixelBuffer got;
            if (seed % 2 == 0) {
                got = new PixelBuffer(win, s.readInto(win, bandList, reused), bandList.length, type, reused);
            } else {
                got = s.read(win, bandList);
            }
            PixelWindow valid = got.valid();
            for (int k = 0; k < bandList.length; k++) {
                for (int y = valid.y(); y < valid.endY(); y++) {
                    for (int x = valid.x(); x < valid.endX(); x++) {
                        int at = k * side * side + (y - win.y()) * side + (x - win.x());
                        int v = type == SampleType.UINT8 ? ((byte[]) got.data())[at] & 0xFF : ((short[]) got.data())[at] & 0xFFFF;
                        if (v != sample(x, y, bandList[k], max)) {
                            throw new AssertionError("thread " + seed + ", window " + win + ": band " + bandList[k] + " at ("
                                    + x + ", " + y + ") is " + v + ", written " + sample(x, y, bandList[k], max));
                        }
                    }
                }
            }
        }
        return 30;
    }

    private static PixelBuffer expected(PixelWindow win, int[] bands, SampleType type, int max) {
        return Rasters.buffer(win, win, bands, type, (b, x, y) -> sample(x, y, b, max));
    }

    private static int[] allBands(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }
}
