package dev.seamline.tiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.tiling.merge.GreedyNms;
import dev.seamline.tiling.merge.MergeAssertions;
import dev.seamline.tiling.merge.SeamMerger;
import dev.seamline.tiling.merge.SeamRule;
import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.RasterSource;
import dev.seamline.core.SampleType;
import dev.seamline.testkit.Rasters;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Pixels to merged objects: a raster with painted rectangles, streamed by {@link TileSource}, seen by
 * a blob "detector" that reports the bounding box of each bright connected region in the tile (so
 * objects crossing a tile edge come out cut, exactly as the tile shows them), merged by
 * {@link SeamMerger} while tiles finish out of order on a pool. The result is the painted rectangles,
 * exactly, whatever the thread count.
 */
@Timeout(120)
class EndToEndTest {

    private static final int W = 1900, H = 1500;

    @Test
    void paintedObjectsComeOutOnceAndExact() throws Exception {
        List<Box> truth = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(9);
        byte[] image = new byte[W * H];
        // the bottom-right block is nodata (value 255): its tiles are skipped
        for (int y = 1024; y < H; y++) {
            for (int x = 1280; x < W; x++) {
                image[y * W + x] = (byte) 255;
            }
        }
        while (truth.size() < 400) {
            int w = 6 + r.nextInt(50), h = 6 + r.nextInt(50);
            int x = 1 + r.nextInt(W - w - 2), y = 1 + r.nextInt(H - h - 2);
            Box b = new Box(x, y, x + w, y + h);
            Box grown = new Box(x - 1, y - 1, x + w + 1, y + h + 1); // keep a 1-px gap between objects
            if (x + w > 1270 && y + h > 1014 || truth.stream().anyMatch(o -> o.intersectionArea(grown) > 0)) {
                continue;
            }
            truth.add(b);
            for (int yy = y; yy < y + h; yy++) {
                for (int xx = x; xx < x + w; xx++) {
                    image[yy * W + xx] = (byte) 200;
                }
            }
        }
        // one band, 8-bit, nodata 255
        RasterSource raster = Rasters.source("painted.tif", W, H, 1, SampleType.UINT8, OptionalDouble.of(255),
                (band, x, y) -> image[y * W + x]);
        TileGrid grid = TileGrid.of(W, H, TileLayout.of(256, 64));
        List<Detection> expected = truth.stream().map(b -> Detection.of(b, 0, 0.9)).toList();
        List<Detection> first = null;
        for (int threads : new int[] {1, 3}) {
            List<Detection> merged = run(raster, grid, threads);
            MergeAssertions.assertOneToOne(expected, merged, 0.999999, threads + " threads");
            if (first == null) {
                first = merged;
            } else {
                assertEquals(first, merged);
            }
        }
    }

    private static List<Detection> run(RasterSource raster, TileGrid grid, int threads) throws Exception {
        List<Detection> out = new ArrayList<>();
        SeamMerger merger = new SeamMerger(grid, GreedyNms.iou(0.5), SeamRule.DEFAULT, out::addAll);
        ExecutorService detectors = Executors.newFixedThreadPool(threads);
        List<Future<?>> pending = new ArrayList<>();
        int skipped = 0;
        try (TileSource tiles = TileSource.open(raster, grid, new TileSource.Options(threads, 2 * threads, true))) {
            while (tiles.hasNext()) {
                TileData t = tiles.next();
                if (t.isSkipped()) {
                    merger.skip(t.tile());
                    skipped++;
                    continue;
                }
                pending.add(detectors.submit(() -> {
                    List<Detection> found = blobs(t.pixels());
                    if (t.tile().index() % 3 == 0) {
                        Thread.sleep(2); // some tiles finish late
                    }
                    merger.accept(t.tile(), found);
                    return null;
                }));
            }
            for (Future<?> f : pending) {
                f.get();
            }
        } finally {
            detectors.shutdown();
        }
        merger.finish();
        assertTrue(skipped > 0, "nodata tiles skipped");
        return out;
    }

    /** The bounding boxes of bright 4-connected regions, in scene pixels, score 0.9. */
    static List<Detection> blobs(PixelBuffer p) {
        int w = p.width(), h = p.height();
        byte[] px = p.asBytes();
        boolean[] seen = new boolean[w * h];
        List<Detection> found = new ArrayList<>();
        ArrayDeque<Integer> stack = new ArrayDeque<>();
        for (int start = 0; start < w * h; start++) {
            if (seen[start] || (px[start] & 0xFF) != 200) {
                continue;
            }
            int x0 = w, y0 = h, x1 = -1, y1 = -1;
            stack.push(start);
            seen[start] = true;
            while (!stack.isEmpty()) {
                int i = stack.pop(), x = i % w, y = i / w;
                x0 = Math.min(x0, x);
                y0 = Math.min(y0, y);
                x1 = Math.max(x1, x);
                y1 = Math.max(y1, y);
                int[] next = {x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1};
                for (int j : next) {
                    if (j >= 0 && !seen[j] && (px[j] & 0xFF) == 200) {
                        seen[j] = true;
                        stack.push(j);
                    }
                }
            }
            found.add(Detection.of(new Box(x0, y0, x1 + 1, y1 + 1).shift(p.window().x(), p.window().y()), 0, 0.9));
        }
        return found;
    }
}
