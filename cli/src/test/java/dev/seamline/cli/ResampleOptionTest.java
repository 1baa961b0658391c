package dev.seamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seamline.samples.SceneFiles;
import dev.seamline.samples.SceneSpec;
import dev.seamline.samples.SyntheticScene;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --resample on|off|force} and {@code --no-resample}: a scene 5× coarser than the built-in
 * model fails alone with one line unless forced; the progress line and run.json show the factor; the
 * derived overlap is in run.json with where it came from.
 */
class ResampleOptionTest {

    @TempDir
    static Path dir;

    static Path coarse;

    @BeforeAll
    static void scene() throws Exception {
        SceneFiles.write(SyntheticScene.of(SceneSpec.of(64, 64, 5).withGsd(1.5)), dir.resolve("coarse"), 1);
        coarse = dir.resolve("coarse").resolve(SceneFiles.SCENE);
    }

    private static CliTest.Result detect(String out, String... flags) {
        List<String> args = new java.util.ArrayList<>(List.of("detect", coarse.toString(), "--out",
                dir.resolve(out).toString(), "--format", "coco", "--no-quicklook"));
        args.addAll(List.of(flags));
        return CliTest.seamline(args.toArray(String[]::new));
    }

    private static JsonNode runJson(String out) throws Exception {
        return new ObjectMapper().readTree(dir.resolve(out).resolve("run.json").toFile());
    }

    @Test
    void beyondTheLimitTheSceneFailsWithOneLineUnlessForced() throws Exception {
        CliTest.Result r = detect("plain");
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        List<String> failed = r.err().lines().filter(l -> l.startsWith("seamline: failed: ")).toList();
        assertEquals(1, failed.size(), r.err());
        assertTrue(failed.get(0).contains("ground sample distance 1.5 m against the model's 0.3 m: its tiles would be "
                + "upsampled 5x (the limit is 4x)"), failed.get(0));

        r = detect("forced", "--resample", "force");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.err().contains("seamline: scene 1/1 scene.tif: 1 tiles, resampled x5.02 (upsampled 5.02x to the "
                + "model's GSD)"), r.err());
        JsonNode json = runJson("forced");
        assertEquals("force", json.get("config").get("resample_mode").asText());
        assertEquals(512 / 102.0, json.get("scenes").get(0).get("resample_factor").asDouble(), 1e-12);
        // the built-in model states max_object_px 305: the default overlap is raised to it
        assertEquals(305, json.get("config").get("overlap").asInt());
        assertEquals("model", json.get("config").get("overlap_from").asText());

        r = detect("eq", "--resample=force", "--overlap", "128");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(128, runJson("eq").get("config").get("overlap").asInt());
        assertEquals("option", runJson("eq").get("config").get("overlap_from").asText());
    }

    @Test
    void noResampleStillWorksAndABareResampleBeforeTheSceneIsOn() throws Exception {
        CliTest.Result r = detect("off", "--no-resample");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.err().lines().anyMatch(l -> l.equals("seamline: scene 1/1 scene.tif: 1 tiles")), r.err());
        JsonNode json = runJson("off");
        assertEquals(false, json.get("config").get("resample").asBoolean());
        assertEquals("off", json.get("config").get("resample_mode").asText());
        assertEquals(1.0, json.get("scenes").get(0).get("resample_factor").asDouble());
        // the flag form before the scene: the scene is not taken for its value
        r = CliTest.seamline("detect", "--resample", coarse.toString(), "--out", dir.resolve("bare").toString(),
                "--format", "coco", "--no-quicklook");
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("upsampled 5x"), r.err());
    }

    @Test
    void aBadValueOrAContradictionIsOneLineBeforeAnythingRuns() {
        CliTest.Result r = detect("bad", "--resample", "sometimes");
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertEquals(List.of("seamline: --resample: expected on, off or force, found 'sometimes'"), r.err().lines().toList());
        r = detect("both", "--no-resample", "--resample", "force");
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertEquals(List.of("seamline: --no-resample and --resample force contradict each other"), r.err().lines().toList());
        assertTrue(!Files.exists(dir.resolve("bad")) && !Files.exists(dir.resolve("both")), "nothing ran");
    }
}
