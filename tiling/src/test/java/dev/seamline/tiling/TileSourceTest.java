package dev.seamline.tiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.core.BadInputException;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.SampleType;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TileSourceTest {

    @Test
    void deliversEveryTileInRowMajorOrderWithTheRightPixels() throws Exception {
        InMemoryRaster raster = new InMemoryRaster(700, 500, 3, null, null);
        TileGrid grid = TileGrid.of(700, 500, new TileLayout(256, Overlap.ofPixels(40), EdgePolicy.PAD));
        for (int threads : new int[] {1, 3, 8}) {
            List<Integer> order = new ArrayList<>();
            try (TileSource src = TileSource.open(raster, grid, TileSource.Options.of(threads))) {
                while (src.hasNext()) {
                    TileData t = src.next();
                    order.add(t.tile().index());
                    PixelBuffer p = t.pixels();
                    assertEquals(t.tile().window(), p.window());
                    assertEquals(3, p.bandCount());
                    int x = 100, y = 77;
                    int sx = p.window().x() + x, sy = p.window().y() + y;
                    int expected = sx < 700 && sy < 500 ? InMemoryRaster.value(2, sx, sy) : 0;
                    assertEquals(expected, (int) p.sample(2, x, y));
                }
            }
            assertEquals(grid.size(), order.size());
            for (int i = 0; i < order.size(); i++) {
                assertEquals(i, order.get(i), threads + " threads");
            }
        }
    }

    @Test
    void skipsTilesThatAreEntirelyNodata() throws Exception {
        // the blank block covers tiles (1..2, 1) completely, and tile (0,1) and (3,1) partly
        InMemoryRaster raster = new InMemoryRaster(1000, 800, 2, 0, new PixelWindow(180, 180, 640, 620));
        TileGrid grid = TileGrid.of(1000, 800, TileLayout.of(256, 56));
        List<Integer> skipped = new ArrayList<>();
        int delivered = 0;
        try (TileSource src = TileSource.open(raster, grid, TileSource.Options.of(2))) {
            while (src.hasNext()) {
                TileData t = src.next();
                delivered++;
                if (t.isSkipped()) {
                    skipped.add(t.tile().index());
                    assertTrue(t.pixelBuffer().isEmpty());
                }
            }
        }
        assertEquals(grid.size(), delivered);
        List<Integer> expected = new ArrayList<>();
        for (Tile t : grid.tiles()) {
            PixelWindow w = t.window();
            if (w.x() >= 180 && w.y() >= 180 && w.endX() <= 820 && w.endY() <= 800) {
                expected.add(t.index());
            }
        }
        assertFalse(expected.isEmpty());
        assertEquals(expected, skipped);
        // a raster without nodata never skips
        InMemoryRaster noNodata = new InMemoryRaster(1000, 800, 1, null, new PixelWindow(0, 0, 1000, 800));
        try (TileSource src = TileSource.open(noNodata, grid, TileSource.Options.of(2))) {
            while (src.hasNext()) {
                assertFalse(src.next().isSkipped());
            }
        }
    }

    @Test
    void backPressureBoundsTheTilesReadAhead() throws Exception {
        InMemoryRaster raster = new InMemoryRaster(2000, 2000, 1, null, null);
        TileGrid grid = TileGrid.of(2000, 2000, TileLayout.of(128, 16));
        TileSource.Options options = new TileSource.Options(4, 6, true);
        try (TileSource src = TileSource.open(raster, grid, options)) {
            for (int i = 0; i < 20; i++) {
                src.next();
                Thread.sleep(5); // a slow consumer
                int readAhead = raster.reads.get() - (i + 1);
                assertTrue(readAhead <= options.queueCapacity(), "read ahead " + readAhead);
            }
            assertTrue(raster.maxInFlight.get() <= options.threads());
        }
        assertTrue(raster.reads.get() <= 20 + options.queueCapacity(), "reads " + raster.reads.get());
    }

    @Test
    void readsInParallel() throws Exception {
        InMemoryRaster raster = new InMemoryRaster(1500, 1500, 1, null, null);
        raster.delayMillis = 20;
        TileGrid grid = TileGrid.of(1500, 1500, TileLayout.of(256, 0));
        try (TileSource src = TileSource.open(raster, grid, new TileSource.Options(4, 8, true))) {
            while (src.hasNext()) {
                src.next();
            }
        }
        assertTrue(raster.maxInFlight.get() > 1, "max reads at once " + raster.maxInFlight.get());
    }

    @Test
    void nextIsReadyOnlyOnceTheHeadTileIsRead() throws Exception {
        InMemoryRaster raster = new InMemoryRaster(1024, 512, 1, null, null);
        raster.delayMillis = 300;
        TileGrid grid = TileGrid.of(1024, 512, TileLayout.of(512, 0));
        try (TileSource src = TileSource.open(raster, grid, new TileSource.Options(1, 1, true))) {
            assertFalse(src.nextIsReady(), "its read has just started (300 ms)");
            long t0 = System.nanoTime();
            while (!src.nextIsReady()) {
                Thread.sleep(5);
                assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "the read never ended");
            }
            assertEquals(0, src.next().tile().index()); // at once: it was read
            src.next();
            assertFalse(src.hasNext());
            assertFalse(src.nextIsReady(), "no tile remains");
        }
    }

    @Test
    void propagatesReadErrorsAndClosesCleanly() throws Exception {
        InMemoryRaster raster = new InMemoryRaster(1000, 600, 1, null, null);
        raster.failOnX = x -> x == 384;
        TileGrid grid = TileGrid.of(1000, 600, TileLayout.of(512, 128));
        TileSource src = TileSource.open(raster, grid, TileSource.Options.of(2));
        assertEquals(0, src.next().tile().index());
        BadInputException e = assertThrows(BadInputException.class, src::next);
        assertEquals("memory.tif: corrupt tile at column 384", e.getMessage());
        src.close();
        src.close();
        assertFalse(src.hasNext());
        assertThrows(IllegalStateException.class, src::next);
        assertFalse(raster.closed, "the raster belongs to the caller");
    }

    @Test
    void noReadIsRunningOnceClosed() throws Exception {
        InMemoryRaster raster = new InMemoryRaster(2000, 2000, 1, null, null);
        raster.delayMillis = 40;
        TileGrid grid = TileGrid.of(2000, 2000, TileLayout.of(256, 0));
        TileSource src = TileSource.open(raster, grid, new TileSource.Options(4, 8, true));
        src.next();
        src.close();
        assertEquals(0, raster.inFlight.get(), "reads still running after close");
        int reads = raster.reads.get();
        Thread.sleep(100);
        assertEquals(reads, raster.reads.get(), "no read starts after close");
    }

    @Test
    void rejectsAGridForAnotherScene() {
        InMemoryRaster raster = new InMemoryRaster(1000, 600, 1, null, null);
        assertThrows(IllegalArgumentException.class,
                () -> TileSource.open(raster, TileGrid.of(999, 600, TileLayout.of(512, 64)), TileSource.Options.of(1)));
    }

    @Test
    void nodataComparisonFollowsTheSampleType() {
        PixelWindow w = new PixelWindow(0, 0, 2, 1);
        assertTrue(TileSource.allNodata(new PixelBuffer(w, w, 1, SampleType.UINT16, new short[] {(short) 65535, (short) 65535}),
                OptionalDouble.of(65535)));
        assertFalse(TileSource.allNodata(new PixelBuffer(w, w, 1, SampleType.UINT16, new short[] {(short) 65535, 0}),
                OptionalDouble.of(65535)));
        assertTrue(TileSource.allNodata(new PixelBuffer(w, w, 1, SampleType.FLOAT32, new float[] {Float.NaN, Float.NaN}),
                OptionalDouble.of(Double.NaN)));
        assertTrue(TileSource.allNodata(new PixelBuffer(w, w, 1, SampleType.UINT8, new byte[] {(byte) 255, (byte) 255}),
                OptionalDouble.of(255)));
        assertFalse(TileSource.allNodata(new PixelBuffer(w, w, 1, SampleType.UINT8, new byte[] {0, 0}),
                OptionalDouble.of(-9999)));
        assertFalse(TileSource.allNodata(new PixelBuffer(w, w, 1, SampleType.INT16, new short[] {0, 0}),
                OptionalDouble.empty()));
    }
}
