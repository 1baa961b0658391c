package dev.seamline.cli;

import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.tiling.merge.GreedyNms;
import dev.seamline.tiling.merge.SeamMerger;
import dev.seamline.tiling.merge.SeamRule;
import dev.seamline.tiling.Tile;
import dev.seamline.tiling.TileGrid;
import dev.seamline.tiling.TileLayout;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code seamline bench merge [--detections 1000000] [--scene 40000] [--equal-at 20000]
 * [--speedup-at 100000]}: the cost of merging a tiled scene's detections, side by side with the
 * textbook O(n²) greedy NMS.
 *
 * <p>A simulated detector reports objects (12–60 px, uniform over a square scene, five classes) in
 * every tile (1024 px, overlap 128) that sees them, cut at the tile edges with a score scaled by the
 * visible part, one view in five with a weaker shifted duplicate, until there are {@code --detections}.
 * On the calling thread, best of three: the streaming {@link SeamMerger} fed tile by tile in row-major
 * order (seam rule, greedy NMS at IoU 0.5), and {@link GreedyNms#merge} of the whole list; wall, thread
 * CPU and GC seconds. Then the reference, greedy NMS comparing every pair: its output must equal
 * Seamline's on the first {@code --equal-at} detections (also the streaming merger's without the seam
 * rule), and both are timed on the first {@code --speedup-at}. Prints one JSON line.
 */
@Command(name = "merge", description = "Merge a simulated tiled scene's detections (1,000,000 over 40,000² by default) "
        + "on one thread; check and time against the O(n²) greedy NMS. Prints one JSON line.")
final class BenchMergeCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--detections", defaultValue = "1000000", description = "Detections in all (default ${DEFAULT-VALUE}).")
    int detections;

    @Option(names = "--scene", defaultValue = "40000", description = "Scene width and height, pixels (default ${DEFAULT-VALUE}).")
    int scene;

    @Option(names = "--equal-at", defaultValue = "20000", description = "Detections compared with the O(n²) merge "
            + "(default ${DEFAULT-VALUE}).")
    int equalAt;

    @Option(names = "--speedup-at", defaultValue = "100000", description = "Detections timed against the O(n²) merge "
            + "(default ${DEFAULT-VALUE}; 0 skips it).")
    int speedupAt;

    private static final Comparator<Detection> ORDER = Comparator.comparingDouble((Detection d) -> d.box().y0())
            .thenComparingDouble(d -> d.box().x0()).thenComparingDouble(d -> d.box().y1())
            .thenComparingDouble(d -> d.box().x1()).thenComparingInt(Detection::classId)
            .thenComparingDouble(d -> -d.score());

    @Override
    public Integer call() {
        if (detections < 1 || scene < 1024 || equalAt < 0 || speedupAt < 0) {
            throw new ParameterException(spec.commandLine(), "need --detections >= 1, --scene >= 1024, "
                    + "--equal-at >= 0 and --speedup-at >= 0");
        }
        TileGrid grid = TileGrid.of(scene, scene, TileLayout.of(1024, 128));
        List<List<Detection>> perTile = simulate(grid, detections, 1);
        List<Detection> all = new ArrayList<>(detections);
        perTile.forEach(all::addAll);
        GreedyNms nms = GreedyNms.iou(0.5);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double[] stream = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] whole = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        int streamed = 0, merged = 0, held = 0;
        for (int rep = 0; rep < 3; rep++) {
            System.gc();
            long g0 = gcMillis(), t0 = System.nanoTime(), c0 = cpu.getCurrentThreadCpuTime();
            int[] n = new int[1];
            SeamMerger m = new SeamMerger(grid, nms, SeamRule.DEFAULT, band -> n[0] += band.size());
            for (Tile t : grid.tiles()) {
                m.accept(t, perTile.get(t.index()));
            }
            m.finish();
            best(stream, t0, c0, g0, cpu);
            streamed = n[0];
            held = m.maxHeld();
            System.gc();
            g0 = gcMillis();
            t0 = System.nanoTime();
            c0 = cpu.getCurrentThreadCpuTime();
            merged = nms.merge(all).size();
            best(whole, t0, c0, g0, cpu);
        }

        List<Detection> first = all.subList(0, Math.min(equalAt, all.size()));
        List<Detection> reference = sorted(naiveNms(first, 0.5));
        boolean equal = reference.equals(sorted(nms.merge(first)));
        Map<Tile, List<Detection>> subset = new HashMap<>();
        int taken = 0;
        for (Tile t : grid.tiles()) {
            List<Detection> d = perTile.get(t.index());
            int k = Math.min(d.size(), first.size() - taken);
            if (k <= 0) {
                break;
            }
            subset.put(t, d.subList(0, k));
            taken += k;
        }
        boolean streamEqual = reference.equals(sorted(SeamMerger.mergeAll(grid, nms, SeamRule.OFF, subset)));

        List<Detection> many = all.subList(0, Math.min(speedupAt, all.size()));
        double indexed = Double.NaN, naive = Double.NaN;
        boolean sameCount = true;
        if (!many.isEmpty()) {
            long t0 = System.nanoTime();
            int kept = 0;
            for (int rep = 0; rep < 3; rep++) {
                kept = nms.merge(many).size();
            }
            indexed = (System.nanoTime() - t0) / 3e9;
            t0 = System.nanoTime();
            int naiveKept = naiveNms(many, 0.5).size();
            naive = (System.nanoTime() - t0) / 1e9;
            sameCount = kept == naiveKept;
        }
        spec.commandLine().getOut().println(String.format(Locale.ROOT, "{\"detections\": %d, \"scene\": %d, \"tiles\": %d, "
                + "\"seamMergerSeconds\": %.3f, \"seamMergerCpuSeconds\": %.3f, \"seamMergerGcSeconds\": %.3f, "
                + "\"seamMergerOut\": %d, \"maxHeld\": %d, "
                + "\"greedyNmsSeconds\": %.3f, \"greedyNmsCpuSeconds\": %.3f, \"greedyNmsGcSeconds\": %.3f, \"greedyNmsOut\": %d, "
                + "\"equalAt\": %d, \"equalToNaive\": %b, \"seamMergerRuleOffEqualToNaive\": %b, "
                + "\"speedupAt\": %d, \"indexedSeconds\": %s, \"naiveSeconds\": %s, \"keptEqual\": %b, \"speedup\": %s}",
                all.size(), scene, grid.size(), stream[0], stream[1], stream[2], streamed, held,
                whole[0], whole[1], whole[2], merged, first.size(), equal, streamEqual,
                many.size(), json(indexed, "%.4f"), json(naive, "%.3f"), sameCount, json(naive / indexed, "%.1f")));
        spec.commandLine().getOut().flush();
        return equal && streamEqual && sameCount ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    /** A number for JSON: {@code null} when it was not measured. */
    private static String json(double v, String format) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "null";
    }

    private static void best(double[] into, long t0, long c0, long g0, ThreadMXBean cpu) {
        into[0] = Math.min(into[0], (System.nanoTime() - t0) / 1e9);
        into[1] = Math.min(into[1], (cpu.getCurrentThreadCpuTime() - c0) / 1e9);
        into[2] = Math.min(into[2], (gcMillis() - g0) / 1e3);
    }

    private static long gcMillis() {
        long t = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            t += Math.max(0, gc.getCollectionTime());
        }
        return t;
    }

    private static List<Detection> sorted(List<Detection> d) {
        List<Detection> s = new ArrayList<>(d);
        s.sort(ORDER);
        return s;
    }

    /**
     * What a tiled detector reports: each object in every tile whose window it meets, clipped to the
     * window (a score scaled by the visible part when cut), slivers under 3 px missed, and one view in
     * five with a weaker duplicate shifted by a tenth of the object.
     */
    static List<List<Detection>> simulate(TileGrid grid, int total, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<List<Detection>> perTile = new ArrayList<>(grid.size());
        for (int i = 0; i < grid.size(); i++) {
            perTile.add(new ArrayList<>());
        }
        int stride = grid.layout().stride();
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
                    Box window = t.window().toBox();
                    Box seen = b.intersection(window);
                    if (seen.width() < 3 || seen.height() < 3) {
                        continue;
                    }
                    double s = seen.equals(b) ? score : score * 0.9 * seen.area() / b.area();
                    perTile.get(t.index()).add(Detection.of(seen, cls, s));
                    count++;
                    Box duplicate = seen.shift(0.1 * w, 0.05 * h).intersection(window);
                    if (count < total && r.nextInt(5) == 0 && duplicate.width() >= 3 && duplicate.height() >= 3) {
                        perTile.get(t.index()).add(Detection.of(duplicate, cls, s * 0.8));
                        count++;
                    }
                }
            }
        }
        return perTile;
    }

    /**
     * The reference: class-aware greedy NMS as torchvision defines it (descending score, ties by y0, x0,
     * y1, x1, class; drop IoU &gt; threshold), comparing every pair, on primitive arrays.
     */
    static List<Detection> naiveNms(List<Detection> input, double threshold) {
        List<Detection> d = new ArrayList<>(input);
        d.sort(Comparator.comparingDouble((Detection x) -> -x.score()).thenComparingDouble(x -> x.box().y0())
                .thenComparingDouble(x -> x.box().x0()).thenComparingDouble(x -> x.box().y1())
                .thenComparingDouble(x -> x.box().x1()).thenComparingInt(Detection::classId));
        int n = d.size();
        double[] x0 = new double[n], y0 = new double[n], x1 = new double[n], y1 = new double[n], area = new double[n];
        int[] cls = new int[n];
        for (int i = 0; i < n; i++) {
            Box b = d.get(i).box();
            x0[i] = b.x0();
            y0[i] = b.y0();
            x1[i] = b.x1();
            y1[i] = b.y1();
            area[i] = b.area();
            cls[i] = d.get(i).classId();
        }
        boolean[] gone = new boolean[n];
        List<Detection> kept = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (gone[i]) {
                continue;
            }
            kept.add(d.get(i));
            for (int j = i + 1; j < n; j++) {
                if (gone[j] || cls[j] != cls[i]) {
                    continue;
                }
                double w = Math.min(x1[i], x1[j]) - Math.max(x0[i], x0[j]);
                double h = Math.min(y1[i], y1[j]) - Math.max(y0[i], y0[j]);
                if (w > 0 && h > 0) {
                    double inter = w * h;
                    if (inter / (area[i] + area[j] - inter) > threshold) {
                        gone[j] = true;
                    }
                }
            }
        }
        return kept;
    }
}
