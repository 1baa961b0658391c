package dev.seamline.geo.write;

import dev.seamline.core.PixelBuffer;
import dev.seamline.geo.Scene;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Benchmark, not a test: re-encodes a GeoTIFF as 512 × 512 DEFLATE (level 6) tiles with Seamline's
 * {@link GeoTiffWriter} (read with {@link Scene}, a row of tiles at a time, compressed in parallel)
 * and with GDAL ({@code gdal_translate -co TILED=YES -co COMPRESS=DEFLATE -co ZLEVEL=6
 * -co NUM_THREADS=ALL_CPUS}), alternating, in one run; checks that both outputs hold the same pixels
 * ({@code gdalinfo -checksum}) and prints the best wall time of each and their ratio as JSON.
 *
 * <pre>
 * mvn -B -q -pl geo -am test-compile
 * java -cp "geo/target/classes:geo/target/test-classes:core/target/classes:$(cd geo &amp;&amp; mvn -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout)" \
 *     dev.seamline.geo.write.GeoTiffWriteBenchmark SCENE.tif OUT_DIR [RUNS]
 * </pre>
 */
public final class GeoTiffWriteBenchmark {

    private GeoTiffWriteBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path src = Path.of(args[0]), out = Path.of(args[1]);
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Files.createDirectories(out);
        Path mine = out.resolve("seamline.tif"), gdal = out.resolve("gdal.tif");
        double bestMine = Double.MAX_VALUE, bestGdal = Double.MAX_VALUE;
        for (int r = 0; r < runs; r++) {
            long t = System.nanoTime();
            seamline(src, mine);
            bestMine = Math.min(bestMine, (System.nanoTime() - t) / 1e9);
            t = System.nanoTime();
            run("gdal_translate", "-q", "-co", "TILED=YES", "-co", "BLOCKXSIZE=512", "-co", "BLOCKYSIZE=512",
                    "-co", "COMPRESS=DEFLATE", "-co", "ZLEVEL=6", "-co", "NUM_THREADS=ALL_CPUS", src.toString(), gdal.toString());
            bestGdal = Math.min(bestGdal, (System.nanoTime() - t) / 1e9);
        }
        String sumMine = checksums(mine), sumGdal = checksums(gdal);
        System.out.printf(Locale.ROOT, "{\"runs\": %d, \"seamlineSeconds\": %.2f, \"gdalSeconds\": %.2f, \"ratio\": %.3f, "
                + "\"seamlineBytes\": %d, \"gdalBytes\": %d, \"samePixels\": %b, \"checksums\": \"%s\"}%n",
                runs, bestMine, bestGdal, bestMine / bestGdal, Files.size(mine), Files.size(gdal), sumMine.equals(sumGdal), sumMine);
    }

    static void seamline(Path src, Path dst) throws Exception {
        try (Scene scene = Scene.open(src)) {
            GeoTiffLayout layout = GeoTiffLayout.of(scene.width(), scene.height(), scene.bandCount(), scene.sampleType(), 512);
            GeoTiffOptions options = GeoTiffOptions.defaults();
            if (scene.georeferencing().isPresent()) {
                options = options.withGeoreferencing(scene.georeferencing().get());
            }
            int[] bands = IntStream.range(0, scene.bandCount()).toArray();
            try (GeoTiffWriter w = GeoTiffWriter.create(dst, layout, options)) {
                for (int row = 0; row < layout.tileRows(); row++) {
                    int r = row;
                    List<PixelBuffer> tiles = IntStream.range(0, layout.tileColumns()).parallel().mapToObj(c -> {
                        try {
                            return scene.read(layout.tileWindow(c, r).clip(scene.width(), scene.height()), bands);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }).toList();
                    w.writeRow(row, tiles);
                }
                w.finish();
            }
        }
    }

    static String checksums(Path file) throws Exception {
        String info = run("gdalinfo", "-checksum", file.toString());
        List<String> sums = new ArrayList<>();
        for (String line : info.split("\n")) {
            if (line.strip().startsWith("Checksum=")) {
                sums.add(line.strip().substring("Checksum=".length()));
            }
        }
        return String.join(",", sums);
    }

    static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + text);
        }
        return text;
    }
}
