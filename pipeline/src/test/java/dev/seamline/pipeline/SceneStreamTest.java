package dev.seamline.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seamline.detector.DeviceChoice;
import dev.seamline.detector.ModelBundle;
import dev.seamline.outputs.OutputFormat;
import dev.seamline.samples.SceneFiles;
import dev.seamline.samples.SceneSpec;
import dev.seamline.samples.SyntheticScene;
import dev.seamline.tiling.merge.MatchMetric;
import dev.seamline.tiling.merge.SeamRule;
import dev.seamline.testkit.GeoPackageRows;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;





import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's one tile stream across a run's scenes: many small scenes make full batches, and every
 * scene's files are those it gives run alone (every file byte for byte, the GeoPackage by its tables);
 * a bad scene in the middle fails alone; a stopped stream resumes to the same files.
 */
class SceneStreamTest {

    private static final EnumSet<OutputFormat> FORMATS = EnumSet.of(OutputFormat.GEOJSON, OutputFormat.GPKG,
            OutputFormat.COCO, OutputFormat.DOTA, OutputFormat.STAC);

    @TempDir
    static Path shared;
    private static ModelBundle model;

    @BeforeAll
    static void model() throws Exception {
        model = ModelBundle.load(TestModels.randomBuiltin(shared.resolve("model"), 0.3));
    }

    @Test
    void sixtyFourSmallScenesMakeFullBatchesAndTheFilesOfEachSceneRunAlone(@TempDir Path dir) throws Exception {
        List<Path> scenes = scenes(dir.resolve("scenes"), 64, 512, 512, 100);
        DetectOptions options = options(8, true);

        Path stream = dir.resolve("stream");
        RunSummary run = Seamline.detect(scenes, model, options, stream, ids(scenes), ProgressListener.NONE);
        assertTrue(run.failures().isEmpty(), run.failures().toString());
        JsonNode json = new ObjectMapper().readTree(stream.resolve("run.json").toFile());
        assertEquals(8, json.get("batches").asInt(), "64 one-tile scenes in passes of 8");
        assertEquals(1.0, json.get("batch_fill").asDouble());
        for (JsonNode s : json.get("scenes")) {
            assertEquals(1, s.get("batches").asInt(), s.toString());
            assertEquals(1.0, s.get("batch_fill").asDouble(), s.toString());
        }

        // the reference: the scenes one at a time, each batch within one scene, and some in runs of their own
        Path alone = dir.resolve("alone");
        RunSummary oneByOne = Seamline.detect(scenes, model, options.withRuntime(options.runtime().withSceneStream(false)),
                alone, ids(scenes), ProgressListener.NONE);
        for (SceneResult r : oneByOne.scenes()) {
            assertEquals(0.125, r.batchFill(), "alone, a one-tile scene fills 1 of 8");
        }
        assertSameFiles(alone, stream);
        Path separate = dir.resolve("separate");
        for (int i : new int[] {0, 13, 38, 63}) {
            Seamline.detect(List.of(scenes.get(i)), model, options, separate, ids(scenes), ProgressListener.NONE);
            String stem = String.format(java.util.Locale.ROOT, "s%02d.", i);
            List<String> own = outputs(separate).stream().filter(f -> f.startsWith(stem)).toList();
            assertTrue(own.size() >= FORMATS.size(), own.toString()); // the run-level DOTA files hold what the folder holds
            for (String f : own) {
                assertSame(separate.resolve(f), stream.resolve(f));
            }
        }
        assertTrue(Files.size(stream.resolve("s00.geojson")) > 1000, "the model found something to write");
    }

    @Test
    void aBadSceneInTheMiddleFailsAloneAndTheOthersAreAsRunAlone(@TempDir Path dir) throws Exception {
        // 700 x 600 scenes are 2 x 2 tiles of 512: batches of 3 take tiles across scenes
        List<Path> scenes = new ArrayList<>(scenes(dir.resolve("scenes"), 4, 700, 600, 200));
        Path unreadable = dir.resolve("scenes/unreadable.tif"); // opens, then its tiles cannot be read
        unreadableCopy(scenes.get(0), unreadable);
        byte[] good = Files.readAllBytes(scenes.get(0));
        Path corrupt = dir.resolve("scenes/corrupt.tif"); // does not open
        Files.write(corrupt, java.util.Arrays.copyOf(good, 3000));
        scenes.add(1, unreadable);
        scenes.add(3, corrupt);
        DetectOptions options = options(3, false);

        Path stream = dir.resolve("stream");
        RunSummary run = Seamline.detect(scenes, model, options, stream, ids(scenes), ProgressListener.NONE);
        List<SceneResult.Status> statuses = run.scenes().stream().map(SceneResult::status).toList();
        assertEquals(6, statuses.size());
        for (int i = 0; i < scenes.size(); i++) {
            boolean bad = i == 1 || i == 3;
            assertEquals(bad, run.scenes().get(i).isFailure(), i + ": " + run.scenes().get(i));
        }
        assertTrue(run.scenes().get(1).error().contains("unreadable.tif") && !run.scenes().get(1).error().contains("\n"),
                run.scenes().get(1).error());
        assertTrue(run.scenes().get(3).error().contains("corrupt.tif"), run.scenes().get(3).error());
        assertTrue(Files.notExists(stream.resolve("unreadable.geojson")) && Files.notExists(stream.resolve("corrupt.gpkg")));

        Path alone = dir.resolve("alone");
        for (Path scene : scenes) {
            if (scene != unreadable && scene != corrupt) {
                Seamline.detect(List.of(scene), model, options, alone, ids(scenes), ProgressListener.NONE);
            }
        }
        assertSameFiles(alone, stream);
    }

    @Test
    void aStoppedStreamResumesToTheFilesOfAnUninterruptedOne(@TempDir Path dir) throws Exception {
        List<Path> scenes = scenes(dir.resolve("scenes"), 5, 700, 600, 300);
        DetectOptions options = options(3, false);
        Path reference = dir.resolve("reference");
        Seamline.detect(scenes, model, options, reference, ids(scenes), ProgressListener.NONE);

        // 4 tiles a scene, 3 a batch: the third pass holds s01's last two tiles and s02's first; the run
        // stops once that pass is handed on, with s02 one tile into its journal and s03, s04 opened
        Path resumed = dir.resolve("resumed");
        StopSignal stop = new StopSignal();
        ProgressListener stopInS02 = new ProgressListener() {
            @Override
            public void tilesDone(String scene, int done, int total, double elapsedSeconds, double squareKm) {
                if (scene.equals("s02.tif") && done < total) {
                    stop.request("the test");
                }
            }
        };
        assertThrows(RunStoppedException.class, () -> Seamline.detect(scenes, model, options, resumed,
                new Seamline.RunControl(false, ids(scenes).cocoImageIds(), stop), stopInS02));
        List<String> journals;
        try (Stream<Path> s = Files.list(resumed.resolve(Seamline.STATE_DIR))) {
            journals = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".journal")).toList();
        }
        assertTrue(journals.contains("s02.journal"), "a scene stopped midway keeps its journal: " + journals);
        assertTrue(Files.exists(resumed.resolve("s01.gpkg")) && Files.notExists(resumed.resolve("s02.gpkg")),
                "the scenes whose tiles were all inferred are committed, the others not");

        RunSummary rest = Seamline.detect(scenes, model, options, resumed,
                new Seamline.RunControl(true, ids(scenes).cocoImageIds()), ProgressListener.NONE);
        assertTrue(rest.failures().isEmpty(), rest.failures().toString());
        assertEquals(List.of(SceneResult.Status.ALREADY_COMPLETE, SceneResult.Status.ALREADY_COMPLETE,
                SceneResult.Status.DONE, SceneResult.Status.DONE, SceneResult.Status.DONE),
                rest.scenes().stream().map(SceneResult::status).toList());
        assertEquals(1, rest.scenes().get(2).resumedTiles(), "s02's first tile is replayed from its journal");
        assertSameFiles(reference, resumed);
    }

    private static DetectOptions options(int batch, boolean quicklook) {
        return new DetectOptions(new TilingOptions(OptionalInt.of(512), 64, true),
                MergeOptions.of("nms", MatchMetric.IOU, 0.5, SeamRule.DEFAULT),
                new RuntimeOptions(batch, 2, DeviceChoice.CPU),
                new OutputOptions(FORMATS, OptionalDouble.empty(), quicklook));
    }

    /** COCO ids by position in the whole list, so that a scene run alone gets the id it has in the stream. */
    private static Seamline.RunControl ids(List<Path> scenes) {
        Map<String, Long> ids = new HashMap<>();
        for (int i = 0; i < scenes.size(); i++) {
            ids.put(scenes.get(i).getFileName().toString(), (long) (i + 1));
        }
        return new Seamline.RunControl(false, ids);
    }

    /** {@code n} synthetic scenes {@code s00.tif}, ... of seeds {@code seed}, {@code seed + 1}, .... */
    private static List<Path> scenes(Path dir, int n, int width, int height, long seed) throws Exception {
        List<Path> scenes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path tmp = dir.resolve("tmp");
            SceneFiles.write(SyntheticScene.of(SceneSpec.of(width, height, seed + i)), tmp, 1);
            Path scene = dir.resolve(String.format(java.util.Locale.ROOT, "s%02d.tif", i));
            Files.move(tmp.resolve(SceneFiles.SCENE), scene);
            scenes.add(scene);
        }
        return scenes;
    }

    /**
     * A copy of {@code scene} whose tile data is overwritten with bytes no decoder takes, its header
     * and directory left whole: it opens, and fails when its tiles are read.
     */
    private static void unreadableCopy(Path scene, Path copy) throws Exception {
        byte[] bytes = Files.readAllBytes(scene);
        long ifd = java.nio.ByteBuffer.wrap(bytes, 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
        int from = ifd < bytes.length / 2 ? (int) (bytes.length * 0.6) : (int) (bytes.length * 0.1);
        java.util.Arrays.fill(bytes, from, from + bytes.length / 4, (byte) 0xff);
        Files.write(copy, bytes);
    }

    /** Every output file but run.json (timings) and the state folder: the same names and contents. */
    private static void assertSameFiles(Path expected, Path actual) throws Exception {
        List<String> files = outputs(expected);
        assertEquals(files, outputs(actual), "the same output files");
        for (String f : files) {
            assertSame(expected.resolve(f), actual.resolve(f));
        }
    }

    /** The same bytes; a GeoPackage the same tables, a STAC item the same but for its {@code datetime} (now). */
    private static void assertSame(Path expected, Path actual) throws Exception {
        String name = expected.getFileName().toString();
        if (name.endsWith(".gpkg")) {
            assertEquals(GeoPackageRows.dump(expected), GeoPackageRows.dump(actual), name);
        } else if (name.endsWith(".stac.json")) {
            String dated = "\"datetime\" ?: ?\"[^\"]*\"";
            assertEquals(Files.readString(expected).replaceAll(dated, ""), Files.readString(actual).replaceAll(dated, ""), name);
        } else {
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(expected), Files.readAllBytes(actual)), name + " differs");
        }
    }

    private static List<String> outputs(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace(File.separatorChar, '/'))
                    .filter(p -> !p.equals("run.json") && !p.startsWith(Seamline.STATE_DIR + "/")).sorted().toList();
        }
    }

}
