package dev.seamline.tiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A tile source opened with an include filter reads and delivers only those tiles (a resume without quicklook). */
@Timeout(60)
class TileSourceIncludeTest {

    @Test
    void readsAndDeliversOnlyTheIncludedTiles() throws Exception {
        InMemoryRaster raster = new InMemoryRaster(1000, 800, 1, null, null);
        TileGrid grid = TileGrid.of(1000, 800, TileLayout.of(256, 56));
        List<Integer> delivered = new ArrayList<>();
        try (TileSource src = TileSource.open(raster, grid, TileSource.Options.of(3), i -> i % 3 != 0)) {
            while (src.hasNext()) {
                TileData t = src.next();
                delivered.add(t.tile().index());
                assertEquals(t.tile().window(), t.pixels().window());
            }
            assertThrows(NoSuchElementException.class, src::next);
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < grid.size(); i++) {
            if (i % 3 != 0) {
                expected.add(i);
            }
        }
        assertEquals(expected, delivered);
        assertEquals(expected.size(), raster.reads.get(), "the excluded tiles are not read");
    }

    @Test
    void nothingIncludedReadsNothing() throws Exception {
        InMemoryRaster raster = new InMemoryRaster(600, 600, 1, null, null);
        try (TileSource src = TileSource.open(raster, TileGrid.of(600, 600, TileLayout.of(256, 0)), TileSource.Options.of(2),
                i -> false)) {
            assertFalse(src.hasNext());
        }
        assertEquals(0, raster.reads.get());
    }
}
