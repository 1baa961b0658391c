package dev.seamline.tiling.merge;

import dev.seamline.tiling.Tile;
import dev.seamline.tiling.TileGrid;
import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A scene with known objects and a simulated detector for tests and benchmarks: objects are
 * axis-aligned boxes that do not overlap (some touch); the "detector" of a tile sees each object
 * through the tile's window: its box jittered by a fraction of the object size (differently in each
 * tile), clipped to the window, with a lower score when cut, missing slivers narrower than 3 px, and
 * now and then a second, weaker duplicate in the same tile. Deterministic for a seed.
 */
final class SyntheticScene {

    final int width;
    final int height;
    final List<Detection> truth;
    private final long seed;
    private final double jitter;
    private final double duplicateRate;

    private SyntheticScene(int width, int height, List<Detection> truth, long seed, double jitter, double duplicateRate) {
        this.width = width;
        this.height = height;
        this.truth = truth;
        this.seed = seed;
        this.jitter = jitter;
        this.duplicateRate = duplicateRate;
    }

    /**
     * About {@code count} objects of {@code minSize}..{@code maxSize} px in a {@code width × height}
     * scene, three classes; one object in ten is placed touching the previous one.
     */
    static SyntheticScene generate(int width, int height, int count, int minSize, int maxSize, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Detection> objects = new ArrayList<>();
        int cell = 2 * maxSize;
        int gx = width / cell + 1, gy = height / cell + 1;
        List<List<Box>> buckets = new ArrayList<>();
        for (int i = 0; i < gx * gy; i++) {
            buckets.add(new ArrayList<>());
        }
        int attempts = 0;
        Box previous = null;
        while (objects.size() < count && attempts++ < count * 20) {
            double w = minSize + r.nextDouble() * (maxSize - minSize);
            double h = minSize + r.nextDouble() * (maxSize - minSize);
            Box b;
            if (previous != null && r.nextInt(10) == 0) {
                b = Box.ofXywh(previous.x1(), previous.y0(), w, h); // touches the previous one
            } else {
                b = Box.ofXywh(1 + r.nextDouble() * (width - w - 2), 1 + r.nextDouble() * (height - h - 2), w, h);
            }
            if (b.x1() > width - 1 || b.y1() > height - 1 || !fits(b, buckets, gx, gy, cell)) {
                continue;
            }
            for (int y = (int) (b.y0() / cell); y <= (int) (b.y1() / cell); y++) {
                for (int x = (int) (b.x0() / cell); x <= (int) (b.x1() / cell); x++) {
                    buckets.get(y * gx + x).add(b);
                }
            }
            objects.add(Detection.of(b, r.nextInt(3), 1.0));
            previous = b;
        }
        return new SyntheticScene(width, height, List.copyOf(objects), seed, 0.005, 0.2);
    }

    private static boolean fits(Box b, List<List<Box>> buckets, int gx, int gy, int cell) {
        for (int y = (int) (b.y0() / cell); y <= Math.min(gy - 1, (int) (b.y1() / cell)); y++) {
            for (int x = (int) (b.x0() / cell); x <= Math.min(gx - 1, (int) (b.x1() / cell)); x++) {
                for (Box o : buckets.get(y * gx + x)) {
                    if (o.intersectionArea(b) > 0) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** What the simulated detector reports for one tile, in scene pixels. */
    List<Detection> detect(Tile tile) {
        Box window = tile.window().toBox().intersection(new Box(0, 0, width, height));
        List<Detection> out = new ArrayList<>();
        for (int k = 0; k < truth.size(); k++) {
            Detection t = truth.get(k);
            if (t.box().intersectionArea(window) <= 0) {
                continue;
            }
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + k * 7919L + tile.index());
            Box b = t.box();
            double jx = jitter * b.width(), jy = jitter * b.height();
            Box seen = new Box(b.x0() + (2 * r.nextDouble() - 1) * jx, b.y0() + (2 * r.nextDouble() - 1) * jy,
                    b.x1() + (2 * r.nextDouble() - 1) * jx, b.y1() + (2 * r.nextDouble() - 1) * jy);
            Box visible = seen.intersection(window);
            if (visible.width() < 3 || visible.height() < 3) {
                continue;
            }
            double fraction = visible.area() / seen.area();
            double score = (0.6 + 0.35 * r.nextDouble()) * (fraction > 0.999 ? 1 : 0.9 * fraction);
            out.add(Detection.of(visible, t.classId(), score));
            if (r.nextDouble() < duplicateRate) {
                Box dup = visible.shift(0.01 * b.width(), -0.01 * b.height()).intersection(window);
                out.add(Detection.of(dup, t.classId(), score * 0.7));
            }
        }
        return out;
    }

    /** The detector's output for every tile of the grid. */
    Map<Tile, List<Detection>> detectAll(TileGrid grid) {
        Map<Tile, List<Detection>> all = new LinkedHashMap<>();
        for (Tile t : grid.tiles()) {
            all.put(t, detect(t));
        }
        return all;
    }
}
