package dev.seamline.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.formats.coco.CocoDataset;
import dev.seamline.formats.coco.CocoResult;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Scale inside one image (issue 14, finding 7): COCO on one image with tens of thousands of GT and
 * detections finds candidate pairs with a spatial index, never a detections × GT table. The
 * 30,000 × 30,000 case runs in a forked JVM with a 128 MiB heap (the dense table alone would be
 * 7.2 GB); its stats equal those of the same boxes cut into separate images along empty lanes
 * (where per-image groups are small), and, on a smaller image, the index gives exactly what a scan
 * of every GT gives.
 */
class CocoLargeImageTest {

    /** Boxes in blocks of 30 × 30 lattice cells of 64 px, blocks apart by 3 empty cells. */
    record Case(CocoDataset oneImage, List<CocoResult> oneImageResults, CocoDataset tiled, List<CocoResult> tiledResults) {
    }

    static Case make(int blocksPerSide, long seed) {
        Random rng = new Random(seed);
        int cell = 64, per = 30, stride = per + 3;
        List<CocoDataset.Annotation> anns = new ArrayList<>(), tAnns = new ArrayList<>();
        List<double[]> dets = new ArrayList<>(); // x, y, w, h, category, block
        int nBlocks = blocksPerSide * blocksPerSide;
        for (int b = 0; b < nBlocks; b++) {
            int bx = b % blocksPerSide, by = b / blocksPerSide;
            for (int j = 0; j < per * per; j++) {
                double x = ((long) bx * stride + j % per) * cell + rng.nextInt(32);
                double y = ((long) by * stride + j / per) * cell + rng.nextInt(32);
                double w = 8 + rng.nextInt(123), h = 8 + rng.nextInt(123);
                long cat = 1 + rng.nextInt(2);
                boolean crowd = rng.nextDouble() < 0.01;
                double area = Math.round(w * h * (0.6 + 0.4 * rng.nextDouble()) * 100) / 100.0;
                long id = anns.size() + 1;
                anns.add(new CocoDataset.Annotation(id, 1, cat, x, y, w, h, area, crowd));
                tAnns.add(new CocoDataset.Annotation(id, b + 1, cat, x, y, w, h, area, crowd));
                if (rng.nextDouble() < 0.85) {
                    double s = rng.nextInt(3) * 0.08;
                    dets.add(new double[] {x + rng.nextGaussian() * s * w, y + rng.nextGaussian() * s * h,
                            Math.max(1, w * (1 + rng.nextGaussian() * s)), Math.max(1, h * (1 + rng.nextGaussian() * s)),
                            rng.nextDouble() < 0.9 ? cat : 3 - cat, b});
                }
                if (rng.nextDouble() < 0.15) { // background, inside the block
                    dets.add(new double[] {x + rng.nextInt(40), y + rng.nextInt(40), 4 + rng.nextInt(60), 4 + rng.nextInt(60),
                            1 + rng.nextInt(2), b});
                }
            }
        }
        // distinct scores in random order
        int n = dets.size();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int k = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[k];
            perm[k] = t;
        }
        List<CocoResult> res = new ArrayList<>(), tRes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] d = dets.get(i);
            double score = (perm[i] + 1) / (double) (n + 1);
            res.add(new CocoResult(1, (long) d[4], d[0], d[1], d[2], d[3], score));
            tRes.add(new CocoResult((long) d[5] + 1, (long) d[4], d[0], d[1], d[2], d[3], score));
        }
        List<CocoDataset.Category> cats = List.of(new CocoDataset.Category(1, "a", ""), new CocoDataset.Category(2, "b", ""));
        List<CocoDataset.Image> tImages = new ArrayList<>();
        for (int b = 0; b < nBlocks; b++) {
            tImages.add(new CocoDataset.Image(b + 1, "t" + b, 0, 0));
        }
        return new Case(new CocoDataset(List.of(new CocoDataset.Image(1, "scene", 0, 0)), cats, anns), res,
                new CocoDataset(tImages, cats, tAnns), tRes);
    }

    /** Forked: evaluates the one-image case and prints its 12 stats, one per line. */
    public static void main(String[] args) {
        Case c = make(Integer.parseInt(args[0]), Long.parseLong(args[1]));
        CocoEval.Result r = CocoEval.evaluate(c.oneImage(), c.oneImageResults(), c.oneImageResults().size());
        StringBuilder sb = new StringBuilder();
        for (double s : r.stats()) {
            sb.append(Double.doubleToLongBits(s)).append('\n');
        }
        System.out.print(sb);
    }

    @Test
    void thirtyThousandInOneImageUnderA128MiBHeap() throws Exception {
        int blocks = 6; // 6 × 6 blocks of 900: 32,400 GT, about 32,400 detections
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                CocoLargeImageTest.class.getName(), Integer.toString(blocks), "3").redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "forked evaluation did not finish");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "forked evaluation failed:\n" + text);
        double[] forked = text.lines().mapToDouble(l -> Double.longBitsToDouble(Long.parseLong(l.strip()))).toArray();
        assertEquals(12, forked.length, text);

        Case c = make(blocks, 3);
        assertTrue(c.oneImage().annotations().size() >= 30_000 && c.oneImageResults().size() >= 30_000);
        CocoEval.Result tiled = CocoEval.evaluate(c.tiled(), c.tiledResults(), c.tiledResults().size());
        double[] ts = tiled.stats();
        // every stat but AR@1 and AR@10 (their maxDets are per image) is the same, bit for bit
        for (int i : new int[] {0, 1, 2, 3, 4, 5, 8, 9, 10, 11}) {
            assertEquals(ts[i], forked[i], 0.0, "stats[" + i + "]");
        }
        assertTrue(forked[0] > 0.2 && forked[0] < 0.9, "AP " + forked[0]);
    }

    @Test
    void theIndexFindsWhatAScanFinds() {
        Case c = make(2, 9); // 3,600 GT in one image
        int md = c.oneImageResults().size();
        double[] indexed = CocoEval.evaluate(c.oneImage(), c.oneImageResults(), md).stats();
        double[] scanned = CocoEval.evaluateByScan(c.oneImage(), c.oneImageResults(), md).stats();
        assertArrayEquals(scanned, indexed, 0.0, Arrays.toString(indexed));
    }
}
