package dev.seamline.outputs;

import dev.seamline.core.Box;
import dev.seamline.core.ClassCatalog;
import dev.seamline.core.Detection;
import dev.seamline.core.OrientedBox;
import dev.seamline.geo.Georeferencing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark (a command, not a test): writes N detections of a 40,000² UTM scene (0.3 m pixels) as
 * GeoPackage and GeoJSON with Seamline's sinks, in bands of 1,000, and times GDAL's {@code ogr2ogr}
 * producing the same layers side by side in the same run: the GeoPackage in the scene CRS from
 * Seamline's GeoJSON ({@code ogr2ogr -f GPKG -t_srs EPSG:32633}, pixel_box lists kept as text), the GeoJSON in WGS84 from
 * Seamline's GeoPackage ({@code ogr2ogr -f GeoJSON -t_srs EPSG:4326 -lco RFC7946=YES
 * -lco COORDINATE_PRECISION=15}). GDAL also reads its input, so the ratio favours GDAL. Prints one
 * line per format: seconds for each side and Seamline / GDAL.
 *
 * <pre>
 * mvn -q -Dseamline.buildDir=target-export -pl outputs -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp "outputs/target-export/test-classes:outputs/target-export/classes:$(cat /tmp/cp.txt)" \
 *     dev.seamline.outputs.OutputBench 100000 /tmp/outbench
 * </pre>
 */
public final class OutputBench {

    private OutputBench() {
    }

    /** Arguments: detection count, scratch folder. */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Path.of(args.length > 1 ? args[1] : "/tmp/seamline-outbench");
        Files.createDirectories(dir);
        Georeferencing utm = Georeferencing.of(32633, new double[] {500_000, 0.3, 0, 5_000_000, 0, -0.3});
        ClassCatalog classes = ClassCatalog.ofNames(List.of("small-vehicle", "large-vehicle", "ship", "plane"));
        OutputContext ctx = new OutputContext(dir, "bench", "bench.tif", 40_000, 40_000, Optional.of(utm), classes, 1);
        List<List<Detection>> bands = bands(n);
        write(OutputFormat.GEOJSON, ctx, bands); // warm-up: JIT, SQLite native library, SIS
        write(OutputFormat.GPKG, ctx, bands);
        double gpkg = write(OutputFormat.GPKG, ctx, bands);
        double geojson = write(OutputFormat.GEOJSON, ctx, bands);
        Path refGpkg = dir.resolve("ref.gpkg"), refJson = dir.resolve("ref.geojson");
        Files.deleteIfExists(refGpkg);
        Files.deleteIfExists(refJson);
        double gdalGpkg = run("ogr2ogr", "-f", "GPKG", "-t_srs", "EPSG:32633", "-nln", "detections", "-mapFieldType",
                "RealList=String", refGpkg.toString(),
                dir.resolve("bench.geojson").toString());
        double gdalJson = run("ogr2ogr", "-f", "GeoJSON", "-t_srs", "EPSG:4326", "-lco", "RFC7946=YES", "-lco",
                "COORDINATE_PRECISION=15", refJson.toString(), dir.resolve("bench.gpkg").toString());
        System.out.printf(Locale.ROOT, "%d detections, GeoPackage: Seamline %.2f s, ogr2ogr %.2f s, ratio %.2f%n", n, gpkg,
                gdalGpkg, gpkg / gdalGpkg);
        System.out.printf(Locale.ROOT, "%d detections, GeoJSON:    Seamline %.2f s, ogr2ogr %.2f s, ratio %.2f%n", n,
                geojson, gdalJson, geojson / gdalJson);
    }

    /** Random cars, trucks, ships and planes over the scene, a third oriented, in bands of 1,000. */
    static List<List<Detection>> bands(int n) {
        Random r = new Random(1);
        List<List<Detection>> bands = new ArrayList<>();
        List<Detection> band = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = r.nextDouble() * 39_900, y = r.nextDouble() * 39_900;
            band.add(i % 3 == 0 ? Detection.of(new OrientedBox(x, y, 15, 6, r.nextDouble() * Math.PI), i % 4, r.nextDouble())
                    : Detection.of(new Box(x, y, x + 15, y + 6), i % 4, r.nextDouble()));
            if (band.size() == 1000) {
                bands.add(band);
                band = new ArrayList<>();
            }
        }
        bands.add(band);
        return bands;
    }

    static double write(OutputFormat f, OutputContext ctx, List<List<Detection>> bands) throws Exception {
        long t0 = System.nanoTime();
        try (DetectionSink sink = f.open(ctx)) {
            for (List<Detection> b : bands) {
                sink.accept(b);
            }
            sink.commit();
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    static double run(String... cmd) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed");
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
