package dev.seamline.tiling;

import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The merge benchmark, a command rather than a timed test (see README, Benchmarks). A simulated
 * detector reports objects (12–60 px, uniform over the scene, five classes) in every 1024-px tile
 * (overlap 128) that sees them, cut at tile edges, one view in five with a weaker shifted duplicate,
 * until there are {@code detections} in all. On one thread it then times, best of three:
 * {@link SeamMerger} fed tile by tile in row-major order (seam rule + greedy NMS IoU 0.5, band by
 * band), and {@link GreedyNms#merge} of the whole list at once (wall, thread CPU and GC seconds).
 * Side by side with the textbook O(n²) greedy NMS ({@link NaiveMerges}): equality of the outputs on
 * the first 20,000 detections (also for the streaming merger without the seam rule), and both
 * timings on the first 100,000, with their ratio. Prints one JSON line.
 *
 * <p>Run (after {@code mvn -B -q -pl tiling -am test-compile}): {@code java -Xmx3g -cp
 * tiling/target/classes:tiling/target/test-classes:core/target/classes
 * dev.seamline.tiling.MergeBenchmark [detections] [sceneSize]} (defaults 1,000,000 and 40,000).
 */
public final class MergeBenchmark {

    private MergeBenchmark() {
    }

    /** Detections per tile of a simulated detector: objects 12–60 px, seam views cut, 20 % weaker duplicates. */
    static List<List<Detection>> simulate(TileGrid grid, int total, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<List<Detection>> perTile = new ArrayList<>(grid.size());
        for (int i = 0; i < grid.size(); i++) {
            perTile.add(new ArrayList<>());
        }
        int size = grid.sceneWidth(), stride = grid.layout().stride();
        int count = 0;
        while (count < total) {
            double w = 12 + 48 * r.nextDouble(), h = 12 + 48 * r.nextDouble();
            Box b = Box.ofXywh(r.nextDouble() * (grid.sceneWidth() - w), r.nextDouble() * (grid.sceneHeight() - h), w, h);
            int cls = r.nextInt(5);
            double score = 0.3 + 0.7 * r.nextDouble();
            int c0 = Math.max(0, (int) (b.x0() / stride) - 2), c1 = Math.min(grid.columns() - 1, (int) (b.x1() / stride) + 1);
            int r0 = Math.max(0, (int) (b.y0() / stride) - 2), r1 = Math.min(grid.rows() - 1, (int) (b.y1() / stride) + 1);
            for (int row = r0; row <= r1 && count < total; row++) {
                for (int col = c0; col <= c1 && count < total; col++) {
                    Tile t = grid.tile(col, row);
                    Box seen = b.intersection(t.window().toBox());
                    if (seen.width() < 3 || seen.height() < 3) {
                        continue;
                    }
                    double s = seen.equals(b) ? score : score * 0.9 * seen.area() / b.area();
                    perTile.get(t.index()).add(Detection.of(seen, cls, s));
                    count++;
                    Box duplicate = seen.shift(0.1 * w, 0.05 * h).intersection(t.window().toBox());
                    if (count < total && r.nextInt(5) == 0 && duplicate.width() >= 3 && duplicate.height() >= 3) {
                        perTile.get(t.index()).add(Detection.of(duplicate, cls, s * 0.8));
                        count++;
                    }
                }
            }
        }
        return perTile;
    }

    private static long gcMillis() {
        long t = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            t += Math.max(0, gc.getCollectionTime());
        }
        return t;
    }

    /** Prints one JSON line; see the class documentation. */
    public static void main(String[] args) {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int scene = args.length > 1 ? Integer.parseInt(args[1]) : 40_000;
        TileGrid grid = TileGrid.of(scene, scene, TileLayout.of(1024, 128));
        List<List<Detection>> perTile = simulate(grid, total, 1);
        List<Detection> all = new ArrayList<>(total);
        perTile.forEach(all::addAll);
        GreedyNms nms = GreedyNms.iou(0.5);
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        double wallStream = Double.MAX_VALUE, wallPlain = Double.MAX_VALUE, cpuStream = Double.MAX_VALUE, cpuPlain = Double.MAX_VALUE;
        int streamed = 0, plain = 0, held = 0;
        double gcStream = Double.MAX_VALUE;
        for (int rep = 0; rep < 3; rep++) {
            System.gc();
            long g0 = gcMillis();
            long t0 = System.nanoTime(), c0 = cpu.getCurrentThreadCpuTime();
            int[] n = new int[1];
            SeamMerger m = new SeamMerger(grid, nms, SeamRule.DEFAULT, band -> n[0] += band.size());
            for (Tile t : grid.tiles()) {
                m.accept(t, perTile.get(t.index()));
            }
            m.finish();
            wallStream = Math.min(wallStream, (System.nanoTime() - t0) / 1e9);
            cpuStream = Math.min(cpuStream, (cpu.getCurrentThreadCpuTime() - c0) / 1e9);
            gcStream = Math.min(gcStream, (gcMillis() - g0) / 1e3);
            streamed = n[0];
            held = m.maxHeld();
            System.gc();
            t0 = System.nanoTime();
            c0 = cpu.getCurrentThreadCpuTime();
            plain = nms.merge(all).size();
            wallPlain = Math.min(wallPlain, (System.nanoTime() - t0) / 1e9);
            cpuPlain = Math.min(cpuPlain, (cpu.getCurrentThreadCpuTime() - c0) / 1e9);
        }

        // equality with the textbook merge on the first 20,000 detections (the first tiles, row-major)
        List<Detection> first20k = all.subList(0, Math.min(20_000, all.size()));
        List<Detection> naive20k = NaiveMerges.greedyNms(first20k, nms.matching());
        boolean plainEqual = naive20k.equals(nms.merge(first20k));
        java.util.Map<Tile, List<Detection>> subset = new java.util.HashMap<>();
        int taken = 0;
        for (Tile t : grid.tiles()) {
            List<Detection> d = perTile.get(t.index());
            int k = Math.min(d.size(), first20k.size() - taken);
            if (k <= 0) {
                break;
            }
            subset.put(t, d.subList(0, k));
            taken += k;
        }
        boolean streamEqual = naive20k.equals(SeamMerger.mergeAll(grid, nms, SeamRule.OFF, subset));

        // speed-up over the O(n²) merge at 100,000 detections
        List<Detection> first100k = all.subList(0, Math.min(100_000, all.size()));
        long t0 = System.nanoTime();
        int indexedKept = 0;
        for (int rep = 0; rep < 3; rep++) {
            indexedKept = nms.merge(first100k).size();
        }
        double indexed100k = (System.nanoTime() - t0) / 3e9;
        t0 = System.nanoTime();
        int naiveKept = NaiveMerges.greedyNmsArrays(first100k, 0.5);
        double naive100k = (System.nanoTime() - t0) / 1e9;

        System.out.println(String.format(Locale.ROOT, "{\"detections\": %d, \"scene\": %d, \"tiles\": %d, "
                + "\"seamMergerSeconds\": %.3f, \"seamMergerCpuSeconds\": %.3f, \"seamMergerGcSeconds\": %.3f, "
                + "\"seamMergerOut\": %d, \"maxHeld\": %d, "
                + "\"greedyNmsSeconds\": %.3f, \"greedyNmsCpuSeconds\": %.3f, \"greedyNmsOut\": %d, "
                + "\"equalToNaiveAt20k\": %b, \"seamMergerRuleOffEqualToNaiveAt20k\": %b, "
                + "\"indexedSecondsAt100k\": %.4f, \"naiveSecondsAt100k\": %.3f, \"keptEqualAt100k\": %b, \"speedupAt100k\": %.1f}",
                all.size(), scene, grid.size(), wallStream, cpuStream, gcStream, streamed, held, wallPlain, cpuPlain, plain,
                plainEqual, streamEqual, indexed100k, naive100k, indexedKept == naiveKept, naive100k / indexed100k));
    }
}
