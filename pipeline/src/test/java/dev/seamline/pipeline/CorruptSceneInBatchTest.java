package dev.seamline.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.detector.ModelBundle;
import dev.seamline.outputs.OutputFormat;
import dev.seamline.samples.SampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad scene in a batch fails alone, with a one-line reason naming it; the others complete. */
class CorruptSceneInBatchTest {

    @Test
    void corruptSceneFailsAloneAndTheOthersComplete(@TempDir Path dir) throws Exception {
        ModelBundle model = ModelBundle.load(TestModels.randomBuiltin(dir.resolve("model"), 0.3));
        Path good = SampleData.folder().resolve("scene.tif");
        Path corrupt = dir.resolve("corrupt.tif");
        byte[] bytes = Files.readAllBytes(good);
        Files.write(corrupt, java.util.Arrays.copyOf(bytes, 3000)); // a TIFF cut short
        Path missing = dir.resolve("missing.tif");
        Path second = dir.resolve("second.tif");
        Files.copy(good, second);

        DetectOptions options = new DetectOptions(new TilingOptions(OptionalInt.of(512), 64, true),
                MergeOptions.of("nms", dev.seamline.tiling.merge.MatchMetric.IOU, 0.5, dev.seamline.tiling.merge.SeamRule.DEFAULT),
                new RuntimeOptions(4, 2, dev.seamline.detector.DeviceChoice.CPU),
                new OutputOptions(EnumSet.of(OutputFormat.GEOJSON, OutputFormat.COCO), OptionalDouble.empty(), false));
        RunSummary run = Seamline.detect(List.of(good, corrupt, missing, second), model, options, dir.resolve("out"),
                Seamline.RunControl.FRESH, ProgressListener.NONE);

        assertEquals(List.of(SceneResult.Status.DONE, SceneResult.Status.BAD_INPUT, SceneResult.Status.BAD_INPUT,
                SceneResult.Status.DONE), run.scenes().stream().map(SceneResult::status).toList());
        SceneResult bad = run.scenes().get(1);
        assertTrue(bad.error().contains("corrupt.tif") && !bad.error().contains("\n"), bad.error());
        assertTrue(run.scenes().get(2).error().contains("missing.tif"), run.scenes().get(2).error());
        assertTrue(Files.exists(dir.resolve("out/scene.geojson")) && Files.exists(dir.resolve("out/second.coco.json")));
        assertTrue(Files.notExists(dir.resolve("out/corrupt.geojson")), "nothing half-written for the bad scene");
        assertTrue(Files.readString(dir.resolve("out/run.json")).contains("bad_input"));
    }
}
