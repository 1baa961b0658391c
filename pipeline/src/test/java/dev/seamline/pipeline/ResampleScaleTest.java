package dev.seamline.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.seamline.detector.ModelBundle;
import dev.seamline.detector.builtin.BuiltinModel;
import dev.seamline.geo.Scene;
import dev.seamline.samples.SceneFiles;
import dev.seamline.samples.SceneSpec;
import dev.seamline.samples.SyntheticScene;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When tiles are resampled, and to what: tile and overlap in scene pixels cover the ground of the
 * model's tile and overlap; within 5 % of the model's GSD, or with resampling off, nothing changes.
 */
class ResampleScaleTest {

    @TempDir
    Path dir;

    private SceneScale scale(double gsd, DetectOptions options) throws Exception {
        Path folder = dir.resolve("g" + gsd);
        SceneFiles.write(SyntheticScene.of(SceneSpec.of(64, 64, 1).withGsd(gsd)), folder, 1);
        ModelBundle model = ModelBundle.load(BuiltinModel.bundle()); // 0.3 m, resample true
        try (Scene scene = Scene.open(folder.resolve(SceneFiles.SCENE))) {
            return SceneScale.of(scene, model, options, 512);
        }
    }

    @Test
    void tilesCoverTheGroundOfAModelTile() throws Exception {
        DetectOptions options = DetectOptions.defaults(); // overlap 128
        // 0.6 m: a model tile (153.6 m) is 256 scene pixels, upsampled x2
        assertEquals(new SceneScale(256, 64, 512, true), scale(0.6, options));
        // 0.15 m: 1024 scene pixels, downsampled /2
        assertEquals(new SceneScale(1024, 256, 512, true), scale(0.15, options));
        // 0.5 m: 307.2 -> 307 scene pixels, overlap 76.8 -> 77
        assertEquals(new SceneScale(307, 77, 512, true), scale(0.5, options));
        SceneScale s = scale(0.5, options);
        assertEquals(512, s.modelSize(307));
        assertEquals(250, s.modelSize(150)); // a scene narrower than one tile: 150 * 512 / 307 = 250.2
    }

    @Test
    void withinFivePercentOrSwitchedOffNothingChanges() throws Exception {
        DetectOptions options = DetectOptions.defaults();
        SceneScale none = new SceneScale(512, 128, 512, false);
        assertEquals(none, scale(0.3, options));
        assertEquals(none, scale(0.31, options)); // 3.3 % off
        assertEquals(none, scale(0.287, options)); // 4.3 % off
        assertEquals(none, scale(0.6, options.withResample(false)));
        assertEquals(new SceneScale(484, 121, 512, true), scale(0.317, options)); // 5.7 % off: resampled
    }
}
