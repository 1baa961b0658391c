package dev.seamline.cli;

import dev.seamline.pipeline.Seamline;
import dev.seamline.pipeline.TestModels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.samples.SceneFiles;
import dev.seamline.samples.SceneSpec;
import dev.seamline.samples.SyntheticScene;
import dev.seamline.testkit.GeoPackageRows;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;





import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8's fault test: {@code seamline detect} is killed with SIGKILL at random moments five times,
 * resumed each time with {@code --resume}, and the final outputs equal those of an uninterrupted run:
 * every file byte for byte, the GeoPackage by its table contents (its metadata carries a timestamp).
 */
class ResumeAfterKillTest {

    private static final String FORMATS = "geojson,gpkg,csv,coco,xview,dota,geoparquet";

    @Test
    void killedFiveTimesThenResumedEqualsAnUninterruptedRun(@TempDir Path dir) throws Exception {
        Path model = TestModels.randomBuiltin(dir.resolve("model"), 0.12);
        Path sceneDir = dir.resolve("scene");
        SceneFiles.write(SyntheticScene.of(SceneSpec.of(1280, 640, 11)), sceneDir, 1); // 3 x 2 tiles of 512
        Path scene = sceneDir.resolve(SceneFiles.SCENE);

        Path reference = dir.resolve("reference");
        long t0 = System.nanoTime();
        assertEquals(0, detect(scene, model, reference, false).waitFor());
        long fullMillis = (System.nanoTime() - t0) / 1_000_000;
        long sceneMillis = (long) (1000 * sceneSeconds(reference));

        Path resumed = dir.resolve("resumed");
        Path journal = resumed.resolve(Seamline.STATE_DIR).resolve("scene.journal");
        Random random = new Random(20261128);
        int killedMidScene = 0;
        for (int k = 0; k < 5; k++) {
            Process p = detect(scene, model, resumed, true);
            // the two kills while tiles are being processed come first: a kill "anywhere" may come after the
            // commit, and once the scene is complete the later runs have nothing left to kill
            if (k >= 2) { // anywhere in the run: start-up, tiles, commit
                p.waitFor((long) (fullMillis * (0.1 + 0.85 * random.nextDouble())), TimeUnit.MILLISECONDS);
            } else { // while tiles are being processed
                while (p.isAlive() && !(Files.exists(journal) && Files.size(journal) > 300)) {
                    Thread.sleep(5);
                }
                // soon after the first tiles are journaled: the outputs open and the next batch's input is
                // built while a batch is inferred, so the first tiles land late in a scene of 3 batches
                p.waitFor((long) (sceneMillis * 0.2 * random.nextDouble()), TimeUnit.MILLISECONDS);
            }
            if (p.isAlive()) {
                boolean midScene = Files.exists(journal) && Files.size(journal) > 300;
                p.destroyForcibly().waitFor();
                killedMidScene += midScene ? 1 : 0;
            }
        }
        assertEquals(0, detect(scene, model, resumed, true).waitFor());
        assertTrue(killedMidScene >= 2, "at least two kills must land while tiles were being processed: " + killedMidScene);

        List<String> files = outputs(reference);
        assertEquals(files, outputs(resumed), "the same output files");
        for (String f : files) {
            if (f.endsWith(".gpkg")) {
                assertEquals(GeoPackageRows.dump(reference.resolve(f)), GeoPackageRows.dump(resumed.resolve(f)), f);
            } else {
                assertTrue(java.util.Arrays.equals(Files.readAllBytes(reference.resolve(f)), Files.readAllBytes(resumed.resolve(f))),
                        f + " differs after resuming");
            }
        }
        assertTrue(Files.size(reference.resolve("scene.geojson")) > 1000, "the model found something to write");
    }

    private static double sceneSeconds(Path out) throws IOException {
        String json = Files.readString(out.resolve("run.json"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"total\" : ([0-9.]+)").matcher(json);
        return m.find() ? Double.parseDouble(m.group(1)) : 5;
    }

    private static Process detect(Path scene, Path model, Path out, boolean resume) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), "dev.seamline.cli.Main", "detect",
                scene.toString(), "--model", model.toString(), "--out", out.toString(), "--format", FORMATS,
                "--batch", "2", "--quicklook"));
        if (resume) {
            cmd.add("--resume");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        return pb.start();
    }

    /** Output files (relative paths), without run.json (timings) and the checkpoint folder. */
    private static List<String> outputs(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace(File.separatorChar, '/'))
                    .filter(p -> !p.equals("run.json") && !p.startsWith(Seamline.STATE_DIR + "/")).sorted().toList();
        }
    }

}
