package dev.seamline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.core.Box;
import dev.seamline.formats.deepforest.DeepForestFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Scale inside one image (issue 14, finding 7): DeepForest with 16,900 trees in ONE image matches
 * cluster by cluster, never on a full truth × prediction table (that table alone would be 2.3 GB,
 * twice while it is solved). Run in a forked JVM with a 128 MiB heap, its match count equals the one
 * the full-table Hungarian gives tile by tile (the crowns never touch across the empty lanes
 * between tiles, so each tile is solved exactly as before).
 */
class DeepForestLargeImageTest {

    static final int TILES = 13, PER = 10, CELL = 40;

    /** Truth and predictions of one image, plus each box's tile. */
    record Forest(List<DeepForestFormat.Row> truth, List<DeepForestFormat.Row> pred, List<Integer> truthTile,
            List<Integer> predTile) {
    }

    static Forest make(long seed) {
        Random rng = new Random(seed);
        List<DeepForestFormat.Row> t = new ArrayList<>(), p = new ArrayList<>();
        List<Integer> tt = new ArrayList<>(), pt = new ArrayList<>();
        int stride = PER + 1; // one empty lane of cells between tiles
        for (int tile = 0; tile < TILES * TILES; tile++) {
            int tx = tile % TILES, ty = tile / TILES;
            for (int c = 0; c < PER * PER; c++) {
                double x = ((tx * stride) + c % PER) * CELL + rng.nextInt(10);
                double y = ((ty * stride) + c / PER) * CELL + rng.nextInt(10);
                double w = 20 + rng.nextInt(30), h = 20 + rng.nextInt(30); // up to 49 px: neighbours touch
                t.add(new DeepForestFormat.Row("scene.tif", new Box(x, y, x + w, y + h), "Tree", Double.NaN));
                tt.add(tile);
                int k = rng.nextInt(10);
                if (k < 8) {
                    double dx = rng.nextGaussian() * 4, dy = rng.nextGaussian() * 4;
                    double px = Math.max(tx * stride * CELL, x + dx), py = Math.max(ty * stride * CELL, y + dy);
                    p.add(new DeepForestFormat.Row("scene.tif", new Box(px, py, px + w * (0.7 + 0.5 * rng.nextDouble()),
                            py + h * (0.7 + 0.5 * rng.nextDouble())), "Tree", rng.nextDouble()));
                    pt.add(tile);
                }
            }
        }
        return new Forest(t, p, tt, pt);
    }

    /** Forked: scores the one image and prints the match count. */
    public static void main(String[] args) {
        Forest f = make(Long.parseLong(args[0]));
        System.out.println(DeepForestEval.score(f.truth(), f.pred(), DeepForestEval.IOU_THRESHOLD).matches());
    }

    @Test
    void sixteenThousandTreesInOneImageUnderA128MiBHeap() throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process proc = new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                DeepForestLargeImageTest.class.getName(), "5").redirectErrorStream(true).start();
        byte[] out = proc.getInputStream().readAllBytes();
        assertTrue(proc.waitFor(120, TimeUnit.SECONDS), "forked evaluation did not finish");
        String text = new String(out, StandardCharsets.UTF_8).strip();
        assertEquals(0, proc.exitValue(), "forked evaluation failed:\n" + text);

        Forest f = make(5);
        assertTrue(f.truth().size() >= 16_000);
        long expected = 0;
        for (int tile = 0; tile < TILES * TILES; tile++) {
            List<Box> g = new ArrayList<>(), p = new ArrayList<>();
            for (int i = 0; i < f.truth().size(); i++) {
                if (f.truthTile().get(i) == tile) {
                    g.add(f.truth().get(i).box());
                }
            }
            for (int i = 0; i < f.pred().size(); i++) {
                if (f.predTile().get(i) == tile) {
                    p.add(f.pred().get(i).box());
                }
            }
            double[][] inter = new double[g.size()][p.size()];
            for (int i = 0; i < g.size(); i++) {
                for (int j = 0; j < p.size(); j++) {
                    inter[i][j] = g.get(i).intersectionArea(p.get(j));
                }
            }
            int[] m = Hungarian.maximize(inter);
            for (int i = 0; i < g.size(); i++) {
                if (m[i] >= 0) {
                    double in = inter[i][m[i]];
                    double iou = in / (g.get(i).area() + p.get(m[i]).area() - in);
                    if (iou > DeepForestEval.IOU_THRESHOLD) {
                        expected++;
                    }
                }
            }
        }
        assertEquals(expected, Long.parseLong(text), "matches, one image vs tile by tile");
        assertTrue(expected > f.truth().size() / 2, "matches " + expected);
    }

    @Test
    void oneClusterTooLargeIsRefusedInOneLine() {
        // 4,001 × 4,001 boxes that all overlap: a 16 M-cell table, over the limit
        List<DeepForestFormat.Row> t = new ArrayList<>(), p = new ArrayList<>();
        for (int i = 0; i <= 4000; i++) {
            t.add(new DeepForestFormat.Row("big.tif", new Box(i * 0.01, 0, 100 + i * 0.01, 100), "Tree", Double.NaN));
            p.add(new DeepForestFormat.Row("big.tif", new Box(i * 0.01, 1, 100 + i * 0.01, 101), "Tree", 0.5));
        }
        DeepForestEval.ClusterTooLargeException e = org.junit.jupiter.api.Assertions.assertThrows(
                DeepForestEval.ClusterTooLargeException.class, () -> DeepForestEval.score(t, p, 0.4));
        assertTrue(e.getMessage().startsWith("image 'big.tif': 4001 truth and 4001 predicted boxes all touch"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
