package dev.seamline.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.detector.ModelBundle;
import dev.seamline.outputs.OutputFormat;
import dev.seamline.pipeline.DetectOptions;
import dev.seamline.pipeline.ProgressListener;
import dev.seamline.pipeline.RunSummary;
import dev.seamline.pipeline.Seamline;
import dev.seamline.pipeline.SceneResult;
import dev.seamline.pipeline.TilingOptions;
import dev.seamline.samples.SceneFiles;
import dev.seamline.samples.SceneSpec;
import dev.seamline.samples.SyntheticScene;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job against {@code seamline detect} on the same scenes, model and PyTorch thread count
 * (surefire sets one thread): every output file byte-identical (GeoPackage by table content), whether
 * a scene is one band or split into 3 or 7, and when a band task or a scene's reducer fails once and
 * is retried. The GeoParquet dataset ({@code geoparquet/<stem>.parquet}, written by each scene's
 * reducer) is among the files compared byte for byte.
 */
class SparkDetectTest {

    @TempDir
    static Path dir;

    static Path model;
    static Path tall, wide, small;
    static DetectOptions options;
    static Path expected;

    @BeforeAll
    static void detectOnOneMachine() throws Exception {
        model = SharedSpark.randomModel(dir.resolve("model"), 0.3);
        tall = scene("tall", 288, 864, 31);   // tiles of 128, overlap 32: 9 rows x 3 columns
        wide = scene("wide", 320, 256, 32);   // 3 x 3: bands of 3 tiles cut batches of 4
        small = scene("small", 100, 90, 33);  // smaller than one tile
        options = DetectOptions.defaults().withTiling(new TilingOptions(OptionalInt.of(128), 32, true))
                .withFormats(EnumSet.of(OutputFormat.GEOJSON, OutputFormat.GPKG, OutputFormat.CSV, OutputFormat.COCO,
                        OutputFormat.DOTA, OutputFormat.GEOPARQUET))
                .withQuicklook(false);
        expected = dir.resolve("detect");
        RunSummary summary = Seamline.detect(List.of(tall, wide, small), ModelBundle.load(model), options, expected,
                Seamline.RunControl.FRESH, ProgressListener.NONE);
        assertTrue(summary.failures().isEmpty(), summary.toString());
        assertTrue(summary.scenes().get(0).detections() > 100, "a hard load for merging: " + summary.scenes().get(0));
    }

    static Path scene(String name, int width, int height, long seed) throws Exception {
        Path folder = dir.resolve("scenes-" + name);
        SceneFiles.write(SyntheticScene.of(SceneSpec.of(width, height, seed)), folder, 1);
        Path file = dir.resolve(name + ".tif");
        Files.move(folder.resolve(SceneFiles.SCENE), file);
        return file;
    }

    static SparkDetect.Outcome spark(Path out, Bands bands, Set<String> hooks) throws Exception {
        return SparkDetect.run(SharedSpark.session(), new SparkDetect.Request(
                List.of(tall.toString(), wide.toString(), small.toString()), model.toString(), options, out.toString(),
                bands, false, Map.of(), hooks));
    }

    @Test
    void aSceneListInOneTwoThreeAndSevenBandsGivesDetectsFiles() throws Exception {
        for (int bands : new int[] {1, 3, 7}) {
            Path out = dir.resolve("spark-" + bands);
            SparkDetect.Outcome outcome = spark(out, new Bands(bands), Set.of());
            assertTrue(outcome.summary().failures().isEmpty(), outcome.summary().toString());
            // the tall scene has 9 grid rows: 1, 3 or 7 bands; the wide one 3 rows, the small one 1
            assertEquals(Math.min(bands, 9) + Math.min(bands, 3) + 1, outcome.stats().bandTasks());
            // whole scenes merge everything in their task; split ones send raw only the groups near a band's edge
            SparkDetect.Stats s = outcome.stats();
            assertTrue(bands == 1 ? s.shippedRaw() == 0 : s.shippedRaw() > 0 && s.shippedMerged() > s.shippedRaw(),
                    s.toString());
            assertSameOutputs(expected, out);
        }
    }

    @Test
    void aTaskThatFailsOnceIsRetriedAndTheFilesAreTheSame() throws Exception {
        Path out = dir.resolve("spark-retried");
        SparkDetect.Outcome outcome = spark(out, new Bands(3), Set.of("0:1", "1:merge"));
        assertTrue(outcome.summary().failures().isEmpty(), outcome.summary().toString());
        assertSameOutputs(expected, out);
    }

    @Test
    void aBadSceneFailsAloneAndARerunSkipsCompleteScenes() throws Exception {
        Path out = dir.resolve("spark-bad");
        Path broken = dir.resolve("broken.tif");
        Files.write(broken, new byte[] {'I', 'I', 42, 0, 1, 2, 3});
        // wide second, as in detect's run: the same COCO image id
        SparkDetect.Request first = new SparkDetect.Request(List.of(broken.toString(), wide.toString()), model.toString(),
                options, out.toString(), Bands.AUTO);
        RunSummary run = SparkDetect.run(SharedSpark.session(), first).summary();
        assertEquals(List.of(SceneResult.Status.BAD_INPUT, SceneResult.Status.DONE),
                run.scenes().stream().map(SceneResult::status).toList());
        String runJson = Files.readString(out.resolve("run.json"));
        assertTrue(runJson.contains("\"bad_input\"") && runJson.contains("broken.tif"), runJson);
        SparkDetect.Request again = new SparkDetect.Request(first.scenes(), first.model(), options, first.outDir(),
                Bands.AUTO, true, Map.of(), Set.of());
        SparkDetect.Outcome rerun = SparkDetect.run(SharedSpark.session(), again);
        assertEquals(SceneResult.Status.ALREADY_COMPLETE, rerun.summary().scenes().get(1).status());
        assertEquals(0, rerun.stats().bandTasks(), "the complete scene is not detected again, the bad one not planned");
        // the same marker as detect writes: detect --resume skips what Spark wrote
        assertEquals(Files.readString(expected.resolve(".seamline/wide.done")), Files.readString(out.resolve(".seamline/wide.done")));
    }

    /** Every file detect wrote, Spark wrote the same (GeoPackage by table content; run.json has timings). */
    static void assertSameOutputs(Path expected, Path actual) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(expected)) {
            files = s.filter(Files::isRegularFile).map(expected::relativize)
                    .filter(p -> !p.toString().equals("run.json") && !p.toString().endsWith(".lock")).sorted().toList();
        }
        List<Path> got;
        try (Stream<Path> s = Files.walk(actual)) {
            got = s.filter(Files::isRegularFile).map(actual::relativize)
                    .filter(p -> !p.toString().equals("run.json") && !p.toString().endsWith(".lock")).sorted().toList();
        }
        assertEquals(files, got);
        for (Path f : files) {
            if (f.toString().endsWith(".gpkg")) {
                assertEquals(tables(expected.resolve(f)), tables(actual.resolve(f)), f.toString());
            } else if (!java.util.Arrays.equals(Files.readAllBytes(expected.resolve(f)), Files.readAllBytes(actual.resolve(f)))) {
                List<String> a = Files.readAllLines(expected.resolve(f));
                List<String> b = Files.readAllLines(actual.resolve(f));
                int i = 0;
                while (i < Math.min(a.size(), b.size()) && a.get(i).equals(b.get(i))) {
                    i++;
                }
                assertEquals(i < a.size() ? a.get(i) : "<end>", i < b.size() ? b.get(i) : "<end>", f + " line " + (i + 1));
                assertArrayEquals(Files.readAllBytes(expected.resolve(f)), Files.readAllBytes(actual.resolve(f)), f.toString());
            }
        }
    }

    /** Every row of every table of a GeoPackage, as text (the file's bytes hold page layout and timestamps). */
    static Map<String, List<String>> tables(Path gpkg) throws Exception {
        Map<String, List<String>> out = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + gpkg); Statement st = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet r = st.executeQuery("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")) {
                while (r.next()) {
                    names.add(r.getString(1));
                }
            }
            for (String t : names) {
                List<String> rows = new ArrayList<>();
                try (ResultSet r = st.executeQuery("SELECT * FROM \"" + t + "\"")) {
                    int n = r.getMetaData().getColumnCount();
                    while (r.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= n; i++) {
                            Object v = r.getObject(i);
                            row.append(v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : String.valueOf(v)).append('|');
                        }
                        rows.add(row.toString());
                    }
                }
                out.put(t, rows);
            }
        }
        return out;
    }
}
