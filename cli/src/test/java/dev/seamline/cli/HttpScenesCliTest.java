package dev.seamline.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.SampleType;
import dev.seamline.geo.Georeferencing;
import dev.seamline.geo.write.GeoTiffLayout;
import dev.seamline.geo.write.GeoTiffOptions;
import dev.seamline.geo.write.GeoTiffWriter;
import dev.seamline.pipeline.TestModels;
import dev.seamline.testkit.RangeServer;
import dev.seamline.testkit.RangeServer.Behaviour;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scenes over HTTP through the real command ({@code Main.run}) from a loopback {@link RangeServer}:
 * {@code detect} of a URL writes the same bytes as of the file, {@code info} of a 4,096² tiled GeoTIFF
 * fetches under 5 % of it, and each hostile server is exit code 2, one line naming the URL, and no output
 * of the scene left behind.
 */
class HttpScenesCliTest {

    @TempDir
    static Path dir;

    private static Path scene;
    private static Path model;

    @BeforeAll
    static void setUp() throws Exception {
        model = TestModels.randomBuiltin(dir.resolve("model"), 0.3);
        SynthCommandTest.Result r = SynthCommandTest.synth(dir.resolve("synth"), 42);
        assertEquals(ExitCodes.OK, r.code(), r.err());
        scene = dir.resolve("synth/scene.tif");
    }

    @AfterEach
    void clearSettings() {
        System.clearProperty("seamline.http.timeout");
        System.clearProperty("seamline.http.attempts");
    }

    private static CliTest.Result detect(String sceneArg, Path out) {
        return CliTest.seamline("detect", sceneArg, "--model", model.toString(), "--device", "cpu", "--out", out.toString(),
                "--format", "geojson,gpkg,csv,coco,xview,dota", "--quicklook");
    }

    /** Every file under {@code out} but the run's record (which names the scene and times the run), by relative name. */
    private static List<Path> outputs(Path out) throws Exception {
        try (Stream<Path> s = Files.walk(out)) {
            return s.filter(Files::isRegularFile).map(out::relativize)
                    .filter(p -> !p.toString().equals("run.json") && !p.startsWith(".seamline")).sorted().toList();
        }
    }

    @Test
    void detectOfAUrlWritesTheSameBytesAsOfTheFile() throws Exception {
        try (RangeServer server = RangeServer.serve(scene)) {
            Path byFile = dir.resolve("by-file"), byUrl = dir.resolve("by-url");
            CliTest.Result a = detect(scene.toString(), byFile);
            assertEquals(ExitCodes.OK, a.code(), a.err());
            Path list = dir.resolve("scenes.txt");
            Files.writeString(list, server.url() + "\n", StandardCharsets.UTF_8); // a list of URLs, as Spark jobs get them
            CliTest.Result b = detect("@" + list, byUrl);
            assertEquals(ExitCodes.OK, b.code(), b.err());
            List<Path> files = outputs(byFile);
            assertEquals(files, outputs(byUrl));
            assertTrue(files.contains(Path.of("scene.geojson")) && files.contains(Path.of("scene.gpkg")), files.toString());
            for (Path f : files) {
                byte[] x = Files.readAllBytes(byFile.resolve(f)), y = Files.readAllBytes(byUrl.resolve(f));
                if (f.toString().endsWith(".gpkg")) { // its gpkg_contents.last_change is the clock's (SOURCE_DATE_EPOCH aside)
                    assertEquals(x.length, y.length, f.toString());
                    assertEquals(withoutTimes(x), withoutTimes(y), f.toString());
                } else {
                    assertArrayEquals(x, y, f.toString());
                }
            }
            assertTrue(server.bytesServed() >= Files.size(scene), "every tile was read: " + server.bytesServed());
        }
    }

    private static String withoutTimes(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1).replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "TIME");
    }

    @Test
    void infoOfA4096TiledGeoTiffFetchesUnderFivePercentOfIt() throws Exception {
        Path big = dir.resolve("big4096.tif");
        GeoTiffLayout layout = GeoTiffLayout.of(4096, 4096, 1, SampleType.UINT8, 512);
        Random rnd = new Random(3);
        GeoTiffOptions options = GeoTiffOptions.defaults().withDeflateLevel(1)
                .withGeoreferencing(Georeferencing.of(32631, new double[] {500000, 0.5, 0, 5400000, 0, -0.5}));
        try (GeoTiffWriter w = GeoTiffWriter.create(big, layout, options)) {
            for (int row = 0; row < layout.tileRows(); row++) {
                List<PixelBuffer> tiles = new ArrayList<>();
                for (int col = 0; col < layout.tileColumns(); col++) {
                    byte[] px = new byte[512 * 512];
                    for (int i = 0; i < px.length; i++) {
                        px[i] = (byte) (rnd.nextInt(64) + (i % 512) / 4); // noise over a ramp: deflate keeps ~80 %
                    }
                    PixelWindow tw = new PixelWindow(col * 512, row * 512, 512, 512);
                    tiles.add(new PixelBuffer(tw, tw, 1, SampleType.UINT8, px));
                }
                w.writeRow(row, tiles);
            }
            w.finish();
        }
        try (RangeServer server = RangeServer.serve(big)) {
            CliTest.Result byUrl = CliTest.seamline("info", "--json", server.url());
            assertEquals(ExitCodes.OK, byUrl.code(), byUrl.err());
            long served = server.bytesServed();
            assertTrue(served < 0.05 * Files.size(big), served + " of " + Files.size(big) + " bytes");
            CliTest.Result byFile = CliTest.seamline("info", "--json", big.toString());
            assertEquals(byFile.out().replace(big.toString(), "SCENE"), byUrl.out().replace(server.url(), "SCENE"));
            System.out.printf("info over HTTP: %d requests, %d of %d bytes (%.2f %%)%n", server.requests(), served,
                    Files.size(big), 100.0 * served / Files.size(big));
        }
    }

    @Test
    void resumeOfAUrlSkipsTheSameFileAndDetectsAFileReplacedOnTheServer() throws Exception {
        Path served = Files.createDirectories(dir.resolve("served")).resolve("scene.tif");
        Files.copy(scene, served);
        Path out = dir.resolve("resume");
        try (RangeServer server = RangeServer.serve(served)) {
            assertEquals(ExitCodes.OK, detect(server.url(), out).code());
            CliTest.Result again = CliTest.seamline("detect", server.url(), "--model", model.toString(), "--device", "cpu",
                    "--out", out.toString(), "--format", "geojson,gpkg,csv,coco,xview,dota", "--quicklook", "--resume");
            assertEquals(ExitCodes.OK, again.code(), again.err());
            assertTrue(again.err().contains("seamline: scene.tif: already complete, skipped"), again.err());
        }
        SynthCommandTest.Result other = SynthCommandTest.synth(dir.resolve("synth-other"), 43); // another scene, same name
        assertEquals(ExitCodes.OK, other.code(), other.err());
        Files.copy(dir.resolve("synth-other/scene.tif"), served, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (RangeServer server = RangeServer.serve(served)) {
            CliTest.Result replaced = CliTest.seamline("detect", server.url(), "--model", model.toString(), "--device", "cpu",
                    "--out", out.toString(), "--format", "geojson,gpkg,csv,coco,xview,dota", "--quicklook", "--resume");
            assertEquals(ExitCodes.OK, replaced.code(), replaced.err());
            assertFalse(replaced.err().contains("already complete"), replaced.err());
        }
    }

    @Test
    void aMissingUrlIsOneLineForInfo() throws Exception {
        try (RangeServer server = RangeServer.serve(scene).behave(Behaviour.NOT_FOUND)) {
            CliTest.Result r = CliTest.seamline("info", server.url());
            assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
            assertEquals("seamline: " + server.url() + ": HTTP 404 (no such file on the server)", r.err().strip());
        }
        CliTest.Result r = CliTest.seamline("info", "http://127.0.0.1:9/");
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("http://127.0.0.1:9/: the URL's path names no file"), r.err());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Behaviour.class, names = {"IGNORE_RANGES", "WRONG_CONTENT_RANGE", "SHORT_BODY", "TRICKLE", "GIGANTIC_SIZE",
            "REDIRECT_OTHER_HOST", "FORBIDDEN"})
    void hostileServersFailTheSceneInOneLineAndLeaveNothing(Behaviour b) throws Exception {
        System.setProperty("seamline.http.timeout", "1");
        System.setProperty("seamline.http.attempts", "2");
        Path out = dir.resolve("hostile-" + b);
        try (RangeServer server = RangeServer.serve(scene).behave(b)) {
            CliTest.Result r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> detect(server.url(), out));
            assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
            List<String> failed = r.err().lines().filter(l -> l.startsWith("seamline: failed: ")).toList();
            assertEquals(1, failed.size(), r.err());
            assertTrue(failed.get(0).startsWith("seamline: failed: " + server.url() + ": "), failed.get(0));
            assertFalse(r.err().contains("\tat ") || r.err().contains("Caused by") || r.err().contains("--verbose"), r.err());
            assertEquals(List.of(), outputs(out).stream().filter(p -> p.toString().startsWith("scene")).toList());
        }
    }
}
