package dev.seamline.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.core.Box;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generator's promises: window-independent pixels, determinism, sound ground truth, seam objects. */
class SyntheticSceneTest {

    static final SyntheticScene SCENE = SyntheticScene.of(SceneSpec.of(6000, 6000, 11));

    @Test
    void aPixelDoesNotDependOnTheWindowItIsRenderedIn() {
        SyntheticScene s = SyntheticScene.of(SceneSpec.of(2000, 1500, 3));
        PixelWindow big = new PixelWindow(700, 500, 900, 700);
        PixelWindow small = new PixelWindow(1013, 777, 211, 157);
        PixelBuffer a = s.render(big), b = s.render(small);
        for (int band = 0; band < 3; band++) {
            for (int y = 0; y < small.height(); y++) {
                for (int x = 0; x < small.width(); x++) {
                    assertEquals(a.sample(band, small.x() - big.x() + x, small.y() - big.y() + y), b.sample(band, x, y));
                }
            }
        }
    }

    @Test
    void tilesOfAnySizeComposeTheWholeScene() {
        SyntheticScene s = SyntheticScene.of(SceneSpec.of(1900, 1700, 12));
        byte[] whole = s.render(new PixelWindow(0, 0, 1900, 1700)).asBytes();
        int n = 1900 * 1700;
        for (int tile : new int[] {256, 333}) {
            for (int ty = 0; ty < 1700; ty += tile) {
                for (int tx = 0; tx < 1900; tx += tile) {
                    PixelBuffer t = s.render(new PixelWindow(tx, ty, tile, tile));
                    for (int b = 0; b < 3; b++) {
                        for (int y = 0; y < t.valid().height(); y++) {
                            for (int x = 0; x < t.valid().width(); x++) {
                                if (whole[b * n + (ty + y) * 1900 + tx + x] != t.asBytes()[t.index(b, x, y)]) {
                                    throw new AssertionError("tile " + tile + " at (" + tx + ", " + ty + ") differs at ("
                                            + (tx + x) + ", " + (ty + y) + ") band " + b);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void windowsPastTheEdgeArePaddedWithZero() {
        SyntheticScene s = SyntheticScene.of(SceneSpec.of(300, 200, 3));
        PixelBuffer b = s.render(new PixelWindow(250, 150, 100, 100));
        assertEquals(new PixelWindow(250, 150, 50, 50), b.valid());
        assertEquals(0, b.sample(0, 60, 10));
        assertEquals(0, b.sample(2, 10, 70));
        assertFalse(b.sample(0, 10, 10) == 0 && b.sample(1, 10, 10) == 0 && b.sample(2, 10, 10) == 0);
    }

    @Test
    void theSameSpecGivesTheSameSceneAndAnotherSeedAnotherOne() {
        SceneSpec spec = SceneSpec.of(2500, 2500, 99);
        SyntheticScene a = SyntheticScene.of(spec), b = SyntheticScene.of(spec);
        assertEquals(a.objects(), b.objects());
        PixelWindow w = new PixelWindow(1000, 1000, 512, 512);
        assertArrayEquals(a.render(w).asBytes(), b.render(w).asBytes());
        SyntheticScene c = SyntheticScene.of(SceneSpec.of(2500, 2500, 100));
        assertNotEquals(a.objects(), c.objects());
        assertFalse(java.util.Arrays.equals(a.render(w).asBytes(), c.render(w).asBytes()));
    }

    @Test
    void groundTruthIsInsideTheSceneNumberedAndNonOverlapping() {
        List<SceneObject> objects = SCENE.objects();
        assertTrue(objects.size() > 200, "a 6,000² scene holds hundreds of objects, got " + objects.size());
        Map<SyntheticClass, Integer> counts = new EnumMap<>(SyntheticClass.class);
        int occluded = 0;
        for (int i = 0; i < objects.size(); i++) {
            SceneObject o = objects.get(i);
            assertEquals(i + 1, o.id());
            Box b = o.box().bounds();
            assertTrue(b.x0() >= 0 && b.y0() >= 0 && b.x1() <= 6000 && b.y1() <= 6000, o.toString());
            counts.merge(o.type(), 1, Integer::sum);
            occluded += o.occluded() ? 1 : 0;
            for (int j = i + 1; j < objects.size(); j++) {
                assertFalse(Layout.overlaps(o.box(), objects.get(j).box(), 0), o + " overlaps " + objects.get(j));
            }
        }
        for (SyntheticClass c : SyntheticClass.values()) {
            assertTrue(counts.getOrDefault(c, 0) > 0, "no " + c + " in " + counts);
        }
        assertTrue(occluded > 0, "some objects are partly under canopy");
    }

    @Test
    void objectSizesFollowTheGsd() {
        for (SceneObject o : SCENE.objects()) {
            double lengthM = o.box().width() * 0.3, widthM = o.box().height() * 0.3;
            switch (o.type()) {
                case SMALL_VEHICLE -> assertTrue(lengthM >= 4.2 && lengthM <= 5.0 && widthM >= 1.75 && widthM <= 2.0, o.toString());
                case LARGE_VEHICLE -> assertTrue(lengthM >= 8 && lengthM <= 14, o.toString());
                case SHIP -> assertTrue(lengthM >= 20 && lengthM <= 60, o.toString());
                case PLANE -> assertTrue(lengthM >= 30 && lengthM <= 60 && widthM >= 25, o.toString());
            }
        }
        SyntheticScene coarse = SyntheticScene.of(SceneSpec.of(3000, 3000, 11).withGsd(0.6));
        for (SceneObject o : coarse.objects()) {
            if (o.type() == SyntheticClass.SMALL_VEHICLE) {
                assertTrue(o.box().width() * 0.6 >= 4.2 && o.box().width() * 0.6 <= 5.0, o.toString());
            }
        }
    }

    @Test
    void objectsAreCentredOnTheSeamsAndCornersOfEveryCommonTileGrid() {
        // deliberately placed objects have their centre exactly on a tile edge (k·stride or k·stride + size)
        int total = 0;
        for (int[] grid : Layout.GRIDS) {
            int size = grid[0], stride = grid[0] - grid[1];
            int seams = 0, corners = 0;
            for (SceneObject o : SCENE.objects()) {
                boolean sx = onSeam(o.box().cx(), size, stride), sy = onSeam(o.box().cy(), size, stride);
                seams += sx || sy ? 1 : 0;
                corners += sx && sy ? 1 : 0;
            }
            assertTrue(seams >= 2, "objects centred on seams of the " + size + "/" + grid[1] + " grid: " + seams);
            total += corners;
        }
        assertTrue(total >= 9, "objects centred on four-tile corners: " + total);
    }

    private static boolean onSeam(double v, int size, int stride) {
        return v == Math.rint(v) && ((long) v % stride == 0 || ((long) v - size) >= 0 && ((long) v - size) % stride == 0);
    }

    @Test
    void objectsInAWindowAreTheOnesThatMeetIt() {
        PixelWindow w = new PixelWindow(1000, 2000, 1024, 1024);
        List<SceneObject> in = SCENE.objectsIn(w);
        assertFalse(in.isEmpty());
        for (SceneObject o : SCENE.objects()) {
            assertEquals(o.box().bounds().intersectionArea(w.toBox()) > 0, in.contains(o), o.toString());
        }
    }

    @Test
    void objectsStandOutFromTheirSurroundings() {
        // a detector must be able to see them: the pixels inside each box differ from a ring around it
        SyntheticScene s = SyntheticScene.of(SceneSpec.of(3000, 3000, 5));
        PixelBuffer all = s.render(new PixelWindow(0, 0, 3000, 3000));
        int visible = 0, total = 0;
        for (SceneObject o : s.objects()) {
            if (o.occluded()) {
                continue;
            }
            total++;
            double inside = 0, ring = 0;
            int ni = 0, nr = 0;
            Box b = o.box().bounds();
            for (int y = (int) b.y0() - 3; y < b.y1() + 3; y++) {
                for (int x = (int) b.x0() - 3; x < b.x1() + 3; x++) {
                    if (x < 0 || y < 0 || x >= 3000 || y >= 3000) {
                        continue;
                    }
                    double d = CellBuilder.distanceToBox(o.box(), x + 0.5, y + 0.5);
                    double v = all.sample(0, x, y) + all.sample(1, x, y) + all.sample(2, x, y);
                    if (d == 0 && inside(o, x + 0.5, y + 0.5, 0.3)) {
                        inside += v;
                        ni++;
                    } else if (d > 2) {
                        ring += v;
                        nr++;
                    }
                }
            }
            if (ni > 0 && nr > 0 && Math.abs(inside / ni - ring / nr) > 30) {
                visible++;
            }
        }
        assertTrue(visible > 0.8 * total, visible + " of " + total + " objects differ from their surroundings");
    }

    private static boolean inside(SceneObject o, double x, double y, double shrink) {
        double c = Math.cos(o.box().angle()), s = Math.sin(o.box().angle());
        double dx = x - o.box().cx(), dy = y - o.box().cy();
        return Math.abs(dx * c + dy * s) < o.box().width() / 2 * (1 - shrink)
                && Math.abs(-dx * s + dy * c) < o.box().height() / 2 * (1 - shrink);
    }
}
