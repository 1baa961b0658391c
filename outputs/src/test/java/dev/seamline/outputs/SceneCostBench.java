package dev.seamline.outputs;

import dev.seamline.core.ClassCatalog;
import dev.seamline.core.Detection;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.SampleType;
import dev.seamline.geo.Georeferencing;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Benchmark (a command, not a test): what each output format costs per scene when scenes are small, the
 * fixed part a run of many small scenes pays once per scene. For each format it writes the same 50
 * detections of a 512² UTM scene as a new output, {@code scenes} times one after another on one thread
 * (open, one band, commit, close), and prints the median wall and thread CPU of the second half of the
 * scenes (a warmed JIT), and the first scene's wall; then the same for the quicklook, with the scene's
 * one tile.
 *
 * <pre>
 * mvn -q -pl outputs -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp "outputs/target/test-classes:outputs/target/classes:$(cat /tmp/cp.txt)" \
 *     dev.seamline.outputs.SceneCostBench 900 /tmp/scenecost
 * </pre>
 */
public final class SceneCostBench {

    private SceneCostBench() {
    }

    /** Arguments: scenes per format, scratch folder. */
    public static void main(String[] args) throws Exception {
        int scenes = args.length > 0 ? Integer.parseInt(args[0]) : 900;
        Path dir = Files.createDirectories(Path.of(args.length > 1 ? args[1] : "/tmp/seamline-scenecost"));
        Georeferencing utm = Georeferencing.of(32633, new double[] {500_000, 0.3, 0, 5_000_000, 0, -0.3});
        ClassCatalog classes = ClassCatalog.ofNames(List.of("small-vehicle", "large-vehicle", "ship", "plane"));
        List<List<Detection>> bands = OutputBench.bands(50);
        for (OutputFormat f : List.of(OutputFormat.GPKG, OutputFormat.GEOJSON, OutputFormat.CSV, OutputFormat.COCO)) {
            time(f.toString(), "", scenes, dir, utm, classes, ctx -> f.open(ctx), bands);
        }
        // the quicklook of the same scene: its one tile (random 8-bit RGB), the boxes, the PNG
        PixelWindow whole = new PixelWindow(0, 0, 512, 512);
        byte[] rgb = new byte[3 * 512 * 512];
        new java.util.Random(3).nextBytes(rgb);
        PixelBuffer tile = new PixelBuffer(whole, whole, 3, SampleType.UINT8, rgb);
        time("QUICKLOOK", " (the PNG's parts on other threads not counted)", scenes, dir, utm, classes, ctx -> {
            Quicklook q = new Quicklook(ctx);
            q.addTile(whole, tile);
            return q;
        }, bands);
    }

    /** A new output of one scene. */
    private interface Output {
        DetectionSink open(OutputContext context) throws Exception;
    }

    /** Writes {@code bands} as a new output {@code scenes} times and prints the medians of the second half. */
    private static void time(String name, String note, int scenes, Path dir, Georeferencing utm, ClassCatalog classes,
            Output output, List<List<Detection>> bands) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] wall = new double[scenes];
        double[] cpu = new double[scenes];
        for (int i = 0; i < scenes; i++) {
            OutputContext ctx = new OutputContext(dir, "s" + (i % 8), "s.tif", 512, 512, Optional.of(utm), classes, 1);
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            try (DetectionSink sink = output.open(ctx)) {
                for (List<Detection> b : bands) {
                    sink.accept(b);
                }
                sink.commit();
            }
            wall[i] = (System.nanoTime() - t0) / 1e6;
            cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        System.out.printf(Locale.ROOT, "%-9s 50 detections, 512² scene: median of the last %d scenes %.2f ms wall, "
                + "%.2f ms thread CPU%s; the first scene %.0f ms%n", name, scenes - scenes / 2,
                median(wall, scenes / 2), median(cpu, scenes / 2), note, wall[0]);
    }

    private static double median(double[] v, int from) {
        double[] s = Arrays.copyOfRange(v, from, v.length);
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
