package dev.seamline.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.seamline.core.PixelWindow;
import org.junit.jupiter.api.Test;

/** A read decodes only the blocks its window touches, and the cache spares decoding them again. */
class ReadCostTest {

    @Test
    void readDecodesOnlyTheBlocksItTouches() throws Exception {
        // tiled_deflate.tif: 150 x 100, tiles 32 x 48 -> 5 x 3 tiles
        try (Scene s = Scene.open(Fixtures.resource("made/tiled_deflate.tif"), 8)) {
            s.read(new PixelWindow(33, 49, 10, 10));
            assertEquals(1, s.blocksDecoded(), "one tile");
            s.read(new PixelWindow(30, 40, 10, 10));
            assertEquals(1 + 3, s.blocksDecoded(), "four tiles, one already cached");
            s.read(new PixelWindow(-50, -50, 40, 40));
            assertEquals(4, s.blocksDecoded(), "window outside the scene decodes nothing");
            s.read(new PixelWindow(0, 0, 150, 100));
            assertEquals(15, s.blocksDecoded(), "whole scene: every tile once");
        }
        try (Scene s = Scene.open(Fixtures.resource("made/striped_lzw.tif"), 0)) {
            // strips of 7 rows: rows 20..29 touch strips 2, 3 and 4; without a cache each read decodes again
            s.read(new PixelWindow(0, 20, 5, 10));
            assertEquals(3, s.blocksDecoded());
            s.read(new PixelWindow(0, 20, 5, 10));
            assertEquals(6, s.blocksDecoded());
        }
    }
}
