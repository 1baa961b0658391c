package dev.seamline.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seamline.core.OrientedBox;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.geo.Georeferencing;
import dev.seamline.geo.PixelAnchor;
import dev.seamline.geo.Scene;
import dev.seamline.samples.SceneObject;
import dev.seamline.samples.SceneSpec;
import dev.seamline.samples.SyntheticScene;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code seamline synth}, run in-process: files, determinism, read-back, labels, bad input. */
class SynthCommandTest {

    static final List<String> FILES = List.of("scene.tif", "scene.labels.geojson", "scene.coco.json",
            "scene.xview.geojson", "scene.txt");

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result seamline(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    static Result synth(Path out, long seed) {
        return seamline("synth", "--out", out.toString(), "--width", "1100", "--height", "900", "--seed", Long.toString(seed),
                "--origin", "412000.5,5321000.25");
    }

    @Test
    void sameSeedGivesByteIdenticalFilesAndAnotherSeedDoesNot() throws Exception {
        Result a = synth(dir.resolve("a"), 42), b = synth(dir.resolve("b"), 42), c = synth(dir.resolve("c"), 43);
        assertEquals(ExitCodes.OK, a.code(), a.err());
        assertEquals(ExitCodes.OK, b.code(), b.err());
        assertEquals(ExitCodes.OK, c.code(), c.err());
        assertTrue(a.out().startsWith("wrote "), a.out());
        for (String f : FILES) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)), f);
        }
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("a/scene.tif")),
                Files.readAllBytes(dir.resolve("c/scene.tif"))));
        try (Stream<Path> s = Files.list(dir.resolve("a"))) {
            assertEquals(FILES.size(), s.count(), "no temporary files left behind");
        }
    }

    @Test
    void sceneReadsBackAsRenderedAndLabelsMatchTheObjects() throws Exception {
        Path out = dir.resolve("s");
        assertEquals(ExitCodes.OK, synth(out, 7).code());
        SceneSpec spec = SceneSpec.of(1100, 900, 7).withOrigin(412000.5, 5321000.25);
        SyntheticScene synthetic = SyntheticScene.of(spec);
        List<SceneObject> objects = synthetic.objects();
        assertTrue(objects.size() > 5, "objects: " + objects.size());

        try (Scene scene = Scene.open(out.resolve("scene.tif"))) {
            assertEquals(1100, scene.width());
            assertEquals(900, scene.height());
            assertEquals(3, scene.bandCount());
            Georeferencing g = scene.georeferencing().orElseThrow();
            assertEquals(32633, g.epsg().getAsInt());
            assertArrayEquals(spec.geoTransform(), g.gridTransform().toArray(), 0);
            PixelWindow w = new PixelWindow(480, 400, 300, 250); // crosses tile seams at 512
            PixelBuffer read = scene.read(w, new int[] {0, 1, 2});
            assertArrayEquals(synthetic.render(w).asBytes(), read.asBytes());
        }

        ObjectMapper json = new ObjectMapper();
        JsonNode coco = json.readTree(out.resolve("scene.coco.json").toFile());
        assertEquals(1, coco.get("images").get(0).get("id").asInt());
        assertEquals("scene.tif", coco.get("images").get(0).get("file_name").asText());
        assertEquals(4, coco.get("categories").size());
        JsonNode anns = coco.get("annotations");
        assertEquals(objects.size(), anns.size());
        for (int i = 0; i < objects.size(); i++) {
            SceneObject o = objects.get(i);
            JsonNode a = anns.get(i);
            assertEquals(o.id(), a.get("id").asInt());
            assertEquals(o.type().cocoCategoryId(), a.get("category_id").asInt());
            assertEquals(o.box().bounds().x0(), a.get("bbox").get(0).asDouble(), 5e-4);
            assertEquals(o.box().bounds().width(), a.get("bbox").get(2).asDouble(), 1e-3);
            assertEquals(o.box().area(), a.get("area").asDouble(), 1e-3);
            assertEquals(8, a.get("segmentation").get(0).size());
            assertEquals(0, a.get("iscrowd").asInt());
        }

        JsonNode labels = json.readTree(out.resolve("scene.labels.geojson").toFile());
        JsonNode features = labels.get("features");
        assertEquals(objects.size(), features.size());
        Georeferencing g = Georeferencing.of(32633, spec.geoTransform());
        for (int i = 0; i < objects.size(); i += 7) {
            OrientedBox box = objects.get(i).box();
            JsonNode ring = features.get(i).get("geometry").get("coordinates").get(0);
            assertEquals(5, ring.size());
            assertEquals(objects.get(i).type().dotaName(), features.get(i).get("properties").get("class").asText());
            // the ring's centroid is the box centre on the map
            double lon = 0, lat = 0;
            for (int k = 0; k < 4; k++) {
                lon += ring.get(k).get(0).asDouble() / 4;
                lat += ring.get(k).get(1).asDouble() / 4;
            }
            double[] centre = g.pixelToLonLat(box.cx(), box.cy(), PixelAnchor.CORNER);
            assertEquals(centre[0], lon, 1e-8);
            assertEquals(centre[1], lat, 1e-8);
        }

        JsonNode xview = json.readTree(out.resolve("scene.xview.geojson").toFile());
        assertEquals(objects.size(), xview.get("features").size());
        JsonNode p = xview.get("features").get(0).get("properties");
        assertEquals("scene.tif", p.get("image_id").asText());
        assertEquals(objects.get(0).type().xviewTypeId(), p.get("type_id").asInt());
        String[] bounds = p.get("bounds_imcoords").asText().split(",");
        assertEquals(4, bounds.length);
        assertEquals((long) Math.floor(objects.get(0).box().bounds().x0()), Long.parseLong(bounds[0]));

        List<String> dota = Files.readAllLines(out.resolve("scene.txt"));
        assertEquals("imagesource:seamline-synthetic", dota.get(0));
        assertEquals("gsd:0.300", dota.get(1));
        assertEquals(objects.size(), dota.size() - 2);
        String[] first = dota.get(2).split(" ");
        assertEquals(10, first.length);
        assertEquals(objects.get(0).type().dotaName(), first[8]);
        assertEquals(objects.get(0).box().corners()[0], Double.parseDouble(first[0]), 5e-4);
    }

    @Test
    void badOptionsAreOneLineErrorsWithExitCode2() {
        String[][] cases = {
            {"--width", "0", "--height", "10"},
            {"--width", "10", "--height", "10", "--origin", "abc"},
            {"--width", "10", "--height", "10", "--gsd", "0"},
            {"--width", "10", "--height", "10", "--epsg", "999999"},
        };
        for (String[] c : cases) {
            String[] args = Stream.concat(Stream.of("synth", "--out", dir.resolve("bad").toString(), "--seed", "1"),
                    Stream.of(c)).toArray(String[]::new);
            Result r = seamline(args);
            assertEquals(ExitCodes.BAD_INPUT, r.code(), String.join(" ", c) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("seamline: "), r.err());
        }
    }

    @Test
    void presetOptionsThatDoNotFitAreOneLineErrors() {
        String[][] cases = {
            {"--preset", "kaggle"},
            {"--preset", "safe-passage", "--width", "100"},
            {"--preset", "safe-passage", "--square", "TI2379"},
            {"--preset", "safe-passage", "--first", "99", "--images", "2"},
            {"--seed", "1"},
        };
        for (String[] c : cases) {
            String[] args = Stream.concat(Stream.of("synth", "--out", dir.resolve("bad").toString()), Stream.of(c))
                    .toArray(String[]::new);
            Result r = seamline(args);
            assertEquals(ExitCodes.BAD_INPUT, r.code(), String.join(" ", c) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }
}
