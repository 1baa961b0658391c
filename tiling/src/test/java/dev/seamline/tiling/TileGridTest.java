package dev.seamline.tiling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.core.Box;
import dev.seamline.core.PixelWindow;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class TileGridTest {

    static List<Arguments> layouts() {
        return List.of(
                Arguments.of(1000, 700, 512, 128, EdgePolicy.SHIFT_INSIDE, null),
                Arguments.of(1000, 700, 512, 128, EdgePolicy.PAD, null),
                Arguments.of(1023, 1025, 256, 63, EdgePolicy.SHIFT_INSIDE, null),
                Arguments.of(1023, 1025, 256, 63, EdgePolicy.PAD, null),
                Arguments.of(300, 200, 512, 64, EdgePolicy.SHIFT_INSIDE, null), // scene smaller than a tile
                Arguments.of(300, 200, 512, 64, EdgePolicy.PAD, null),
                Arguments.of(1, 1, 64, 0, EdgePolicy.SHIFT_INSIDE, null),
                Arguments.of(777, 513, 512, 0, EdgePolicy.SHIFT_INSIDE, null), // no overlap
                Arguments.of(2000, 1500, 512, 128, EdgePolicy.SHIFT_INSIDE, new PixelWindow(1700, 1300, 300, 200)), // ROI at the corner
                Arguments.of(2000, 1500, 512, 128, EdgePolicy.SHIFT_INSIDE, new PixelWindow(-50, 1100, 700, 500)), // ROI reaching out
                Arguments.of(2000, 1500, 512, 128, EdgePolicy.PAD, new PixelWindow(1601, 7, 399, 1493)),
                Arguments.of(2000, 1500, 333, 100, EdgePolicy.SHIFT_INSIDE, new PixelWindow(401, 333, 901, 777)));
    }

    /**
     * Counts, pixel by pixel, how many windows and cores hold each pixel centre: every pixel of the
     * covered area must lie in at least one window and exactly one core, and the cores must not reach
     * outside it.
     */
    @ParameterizedTest
    @MethodSource("layouts")
    void everyPixelIsCoveredAndInExactlyOneCore(int w, int h, int size, int overlap, EdgePolicy policy, PixelWindow roi) {
        TileLayout layout = new TileLayout(size, Overlap.ofPixels(overlap), policy);
        TileGrid grid = roi == null ? TileGrid.of(w, h, layout) : TileGrid.of(w, h, layout, roi);
        PixelWindow area = roi == null ? new PixelWindow(0, 0, w, h) : roi.clip(w, h);
        assertEquals(area, grid.region());
        int[] windows = new int[w * h];
        int[] cores = new int[w * h];
        int index = 0;
        for (Tile t : grid.tiles()) {
            assertEquals(index++, t.index());
            assertEquals(size, t.window().width());
            assertEquals(size, t.window().height());
            if (policy == EdgePolicy.SHIFT_INSIDE && w >= size && h >= size) {
                assertTrue(t.window().isInside(new PixelWindow(0, 0, w, h)), "shifted tile inside the scene: " + t);
            }
            assertTrue(area.toBox().contains(t.core()), "core inside the covered area: " + t);
            PixelWindow win = t.window().clip(w, h);
            for (int y = win.y(); y < win.endY(); y++) {
                for (int x = win.x(); x < win.endX(); x++) {
                    windows[y * w + x]++;
                    if (t.core().contains(x + 0.5, y + 0.5)) {
                        cores[y * w + x]++;
                    }
                }
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean inside = area.toBox().contains(x + 0.5, y + 0.5);
                if (inside) {
                    assertTrue(windows[y * w + x] >= 1, "pixel " + x + "," + y + " not covered");
                    assertEquals(1, cores[y * w + x], "pixel " + x + "," + y + " cores");
                } else {
                    assertEquals(0, cores[y * w + x], "pixel " + x + "," + y + " outside the area in a core");
                }
            }
        }
        // cores tile the area exactly: their areas add up
        double sum = 0;
        for (Tile t : grid.tiles()) {
            sum += t.core().area();
        }
        assertEquals(area.pixelCount(), sum, 1e-9);
    }

    /**
     * Window origins computed by hand with SAHI's {@code get_slice_bboxes} loop (step by size − overlap;
     * when a slice would pass the edge, start it at {@code edge − size}) and the DOTA devkit's
     * {@code ImgSplit} (the same shift-back rule).
     */
    @Test
    void originsFollowSahiAndDotaDevkit() {
        TileGrid g = TileGrid.of(1000, 700, TileLayout.of(512, 128));
        assertArrayEquals(new int[] {0, 384, 488}, xs(g));
        assertArrayEquals(new int[] {0, 188}, ys(g));
        TileGrid dota = TileGrid.of(4000, 3000, TileLayout.of(1024, 200)); // DOTA devkit: gap 200, subsize 1024
        assertArrayEquals(new int[] {0, 824, 1648, 2472, 2976}, xs(dota));
        assertArrayEquals(new int[] {0, 824, 1648, 1976}, ys(dota));
        TileGrid padded = TileGrid.of(1000, 700, new TileLayout(512, Overlap.ofPixels(128), EdgePolicy.PAD));
        assertArrayEquals(new int[] {0, 384, 768}, xs(padded));
        assertArrayEquals(new int[] {0, 384}, ys(padded));
        // SAHI overlap ratio 0.2 of 512 is 102.4 px, rounded to 102: stride 410
        TileGrid frac = TileGrid.of(1000, 600, new TileLayout(512, Overlap.ofFraction(0.2), EdgePolicy.SHIFT_INSIDE));
        assertArrayEquals(new int[] {0, 410, 488}, xs(frac));
    }

    @Test
    void coresSplitOverlapsAtTheirMiddle() {
        TileGrid g = TileGrid.of(1000, 700, TileLayout.of(512, 128));
        // overlaps [384,512) and [488,896): middles 448 and 692
        assertEquals(new Box(0, 0, 448, 350), g.tile(0, 0).core());
        assertEquals(new Box(448, 0, 692, 350), g.tile(1, 0).core());
        assertEquals(new Box(692, 350, 1000, 700), g.tile(2, 1).core());
        Tile middle = g.tile(1, 0);
        assertTrue(middle.seamLeft() && middle.seamRight() && middle.seamBottom() && !middle.seamTop());
        assertFalse(middle.isCut(new Box(500, 10, 520, 30), 0));
        assertTrue(middle.isCut(new Box(384, 10, 400, 30), 0)); // on the left seam
        assertTrue(middle.isCut(new Box(880, 10, 895.5, 30), 1)); // within 1 px of the right seam
        assertFalse(middle.isCut(new Box(500, 0, 520, 30), 1)); // the scene's top edge is no seam
    }

    @Test
    void rejectsBadOptions() {
        assertThrows(IllegalArgumentException.class, () -> TileLayout.of(512, 512));
        assertThrows(IllegalArgumentException.class, () -> TileLayout.of(0, 0));
        assertThrows(IllegalArgumentException.class, () -> Overlap.ofFraction(1.0));
        assertThrows(IllegalArgumentException.class, () -> TileGrid.of(0, 10, TileLayout.of(64, 8)));
        assertThrows(IllegalArgumentException.class,
                () -> TileGrid.of(100, 100, TileLayout.of(64, 8), new PixelWindow(200, 0, 10, 10)));
    }

    @Test
    void valueSemantics() {
        TileGrid a = TileGrid.of(1000, 700, TileLayout.of(512, 128));
        TileGrid b = TileGrid.of(1000, 700, TileLayout.of(512, 128));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(a.tile(4), b.tile(1, 1));
        assertTrue(a.contains(b.tile(5)));
    }

    private static int[] xs(TileGrid g) {
        int[] r = new int[g.columns()];
        for (int c = 0; c < r.length; c++) {
            r[c] = g.tile(c, 0).window().x();
        }
        return r;
    }

    private static int[] ys(TileGrid g) {
        int[] r = new int[g.rows()];
        for (int c = 0; c < r.length; c++) {
            r[c] = g.tile(0, c).window().y();
        }
        return r;
    }
}
