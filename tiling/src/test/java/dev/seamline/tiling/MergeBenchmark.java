package dev.seamline.tiling;

import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The merge benchmark, a command rather than a timed test (see README, Benchmarks): detections of a
 * simulated detector over a tiled scene, merged by the streaming {@link SeamMerger} and by
 * {@link GreedyNms#merge} on one thread, side by side with the textbook O(n²) greedy NMS.
 *
 * <p>Run: {@code java -cp tiling/target/classes:tiling/target/test-classes:core/target/classes
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
                    if (count < total && r.nextInt(5) == 0) {
                        perTile.get(t.index()).add(Detection.of(seen.shift(0.1 * w, 0.05 * h).intersection(t.window().toBox()),
                                cls, s * 0.8));
                        count++;
                    }
                }
            }
        }
        return perTile;
    }

    public static void main(String[] args) {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int scene = args.length > 1 ? Integer.parseInt(args[1]) : 40_000;
        TileGrid grid = TileGrid.of(scene, scene, TileLayout.of(1024, 128));
        List<List<Detection>> perTile = simulate(grid, total, 1);
        List<Detection> all = new ArrayList<>(total);
        perTile.forEach(all::addAll);
        GreedyNms nms = GreedyNms.iou(0.5);
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        double bestStream = Double.MAX_VALUE, bestPlain = Double.MAX_VALUE, cpuStream = Double.MAX_VALUE, cpuPlain = Double.MAX_VALUE;
        int streamed = 0, plain = 0, held = 0;
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime(), c0 = cpu.getCurrentThreadCpuTime();
            int[] n = new int[1];
            SeamMerger m = new SeamMerger(grid, nms, SeamRule.DEFAULT, band -> n[0] += band.size());
            for (Tile t : grid.tiles()) {
                m.accept(t, perTile.get(t.index()));
            }
            m.finish();
            bestStream = Math.min(bestStream, (System.nanoTime() - t0) / 1e9);
            cpuStream = Math.min(cpuStream, (cpu.getCurrentThreadCpuTime() - c0) / 1e9);
            streamed = n[0];
            held = m.maxHeld();
            t0 = System.nanoTime();
            c0 = cpu.getCurrentThreadCpuTime();
            plain = nms.merge(all).size();
            bestPlain = Math.min(bestPlain, (System.nanoTime() - t0) / 1e9);
            cpuPlain = Math.min(cpuPlain, (cpu.getCurrentThreadCpuTime() - c0) / 1e9);
        }
        System.out.println(String.format(Locale.ROOT, "{\"detections\": %d, \"scene\": %d, \"tiles\": %d, "
                + "\"seamMergerSeconds\": %.3f, \"seamMergerCpu\": %.3f, \"seamMergerOut\": %d, \"maxHeld\": %d, "
                + "\"greedyNmsSeconds\": %.3f, \"greedyNmsCpu\": %.3f, \"greedyNmsOut\": %d}",
                all.size(), scene, grid.size(), bestStream, cpuStream, streamed, held, bestPlain, cpuPlain, plain));
    }
}
