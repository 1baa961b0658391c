package dev.seamline.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seamline.core.BadInputException;
import dev.seamline.detector.ModelBundle;
import dev.seamline.detector.builtin.BuiltinModel;
import dev.seamline.geo.Scene;
import dev.seamline.outputs.OutputFormat;
import dev.seamline.samples.SceneFiles;
import dev.seamline.samples.SceneSpec;
import dev.seamline.samples.SyntheticScene;
import dev.seamline.tiling.EdgePolicy;
import dev.seamline.tiling.Overlap;
import dev.seamline.tiling.TileGrid;
import dev.seamline.tiling.TileLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resampling with a sense of proportion: beyond 4× up or 8× down a scene fails alone, with one line
 * giving both GSDs, the factor and what the model's objects would measure in the scene's pixels,
 * unless forced; the factor is in the progress events and run.json. On synthetic scenes and on the
 * two real rasters that showed it (the solaris 30 m sample, DeepForest's 1.8 cm australia.tif), which
 * are skipped when {@code shared/data/real} is not beside the clone.
 */
class ResampleLimitsTest {

    /** shared/data/real beside the clone (../../shared from a module), or beside its worktree folder (../../../shared). */
    static final Path REAL = java.util.stream.Stream.of("../../shared/data/real", "../../../shared/data/real")
            .map(Path::of).filter(Files::isDirectory).findFirst().orElse(Path.of("../../shared/data/real"));
    static final Path SOLARIS = REAL.resolve("solaris/sample_geotiff_custom_proj.tif");
    static final Path AUSTRALIA = REAL.resolve("deepforest/australia.tif");

    @TempDir
    static Path dir;

    static ModelBundle model;

    @BeforeAll
    static void model() throws Exception {
        model = ModelBundle.load(BuiltinModel.bundle()); // 0.3 m, largest object 305 px
    }

    private static Path synthetic(double gsd, int size) throws Exception {
        Path folder = dir.resolve("g" + gsd + "-" + size);
        if (!Files.exists(folder.resolve(SceneFiles.SCENE))) {
            SceneFiles.write(SyntheticScene.of(SceneSpec.of(size, size, 5).withGsd(gsd)), folder, 1);
        }
        return folder.resolve(SceneFiles.SCENE);
    }

    private static SceneScale scale(Path scene, ModelBundle bundle, DetectOptions options) throws Exception {
        try (Scene s = Scene.open(scene)) {
            return SceneScale.of(s, bundle, options, 512, options.tiling().overlapFor(bundle.maxObjectPx(), 512));
        }
    }

    private static String fails(Path scene, ModelBundle bundle, DetectOptions options) {
        BadInputException e = assertThrows(BadInputException.class, () -> scale(scene, bundle, options));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().startsWith(scene.toString()), e.getMessage());
        return e.getMessage();
    }

    private static DetectOptions forced() {
        return DetectOptions.defaults().withTiling(DetectOptions.defaults().tiling()
                .withResampling(TilingOptions.Resample.FORCE));
    }

    /** The built-in bundle as if trained at {@code gsd}. */
    private static ModelBundle at(double gsd) {
        ModelBundle m = model;
        return new ModelBundle(m.source(), m.weights(), m.name(), m.version(), m.decoder(), m.architecture(),
                m.inputWidth(), m.inputHeight(), m.bands(), m.normalization(), m.classes(), OptionalDouble.of(gsd),
                m.resample(), m.scoreThreshold(), m.nmsIou(), m.maxDetections(), m.outputStride(), m.weightsSha256(),
                m.maxObjectPx());
    }

    @Test
    void upToFourTimesUpAndEightDownIsResampledBeyondItFails() throws Exception {
        DetectOptions options = DetectOptions.defaults();
        // (a synthetic scene's GSD is measured on the ground at its centre: UTM's scale factor makes 1.2 m
        // of grid 1.2005 m, just over 4x; the limits are checked on that measure)
        // 1.15 m against 0.3 m: 3.8x up, within the limit: resampled (tiles of 512 / 3.8 = 134 scene px)
        SceneScale within = scale(synthetic(1.15, 64), model, options);
        assertTrue(within.resampled());
        assertEquals(134, within.sceneTile());
        assertEquals(512 / 134.0, within.factor(), 1e-12);
        // 1.5 m: 5x up
        String m = fails(synthetic(1.5, 64), model, options);
        assertTrue(m.contains("ground sample distance 1.5 m against the model's 0.3 m"), m);
        assertTrue(m.contains("upsampled 5x (the limit is 4x)"), m);
        assertTrue(m.contains("the model's largest object (305 px at 0.3 m) would measure 61 px here"), m);
        assertTrue(m.contains("a 512-px model tile would cover 102 scene px"), m);
        assertTrue(m.contains("--resample force"), m);
        SceneScale five = scale(synthetic(1.5, 64), model, forced());
        assertTrue(five.resampled());
        assertEquals(102, five.sceneTile()); // 512 / 5 = 102.4
        // 0.05 m against a model at 0.4 m: 8x down (7.997 on the ground), the limit: resampled; at 0.45 m, 9x: fails
        SceneScale eight = scale(synthetic(0.05, 64), at(0.4), options);
        assertTrue(eight.resampled());
        assertEquals(4094, eight.sceneTile()); // 512 * 0.4 / 0.05002 (0.05 m of grid on the ground)
        m = fails(synthetic(0.05, 64), at(0.45), options);
        assertTrue(m.contains("ground sample distance 0.05 m against the model's 0.45 m"), m);
        assertTrue(m.contains("downsampled 9x (the limit is 8x)"), m);
        assertTrue(m.contains("would measure 2,74"), m); // 305 * 9 (8.996 on the ground)
        assertTrue(scale(synthetic(0.05, 64), at(0.45), forced()).resampled());
        // resampling off: never resampled, never failed
        SceneScale off = scale(synthetic(1.5, 64), model, options.withResample(false));
        assertFalse(off.resampled());
        assertEquals(1.0, off.factor());
    }

    @Test
    void aSceneTooFarFailsAloneAndTheFactorIsReported() throws Exception {
        Path far = synthetic(1.5, 64);
        Path near = synthetic(0.6, 256);
        List<Double> factors = new ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void sceneStarted(String scene, int index, int sceneCount, int tiles, int alreadyDone, double factor) {
                factors.add(factor);
            }
        };
        Path out = dir.resolve("alone");
        DetectOptions options = DetectOptions.defaults().withFormats(EnumSet.of(OutputFormat.COCO)).withQuicklook(false);
        // different names: both are scene.tif in their folders
        Path farCopy = Files.copy(far, dir.resolve("far.tif"));
        RunSummary run = Seamline.detect(List.of(farCopy, near), model, options, out, Seamline.RunControl.FRESH, listener);
        assertEquals(2, run.scenes().size());
        assertEquals(SceneResult.Status.BAD_INPUT, run.scenes().get(0).status());
        assertTrue(run.scenes().get(0).error().contains("upsampled 5x"), run.scenes().get(0).error());
        assertEquals(SceneResult.Status.DONE, run.scenes().get(1).status());
        assertEquals(List.of(2.0), factors); // 0.6 m: tiles of 256 scene px to 512
        assertFalse(Files.exists(out.resolve("far.coco.json")));
        assertTrue(Files.exists(out.resolve("scene.coco.json")));
        JsonNode json = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals("on", json.get("config").get("resample_mode").asText());
        assertEquals(2.0, json.get("scenes").get(1).get("resample_factor").asDouble(), 1e-12);
        assertTrue(json.get("scenes").get(0).get("error").asText().contains("0.3 m"));

        Path forcedOut = dir.resolve("forced");
        RunSummary f = Seamline.detect(List.of(farCopy), model, forced().withFormats(EnumSet.of(OutputFormat.COCO))
                .withQuicklook(false), forcedOut, Seamline.RunControl.FRESH, listener);
        assertTrue(f.failures().isEmpty(), () -> f.failures().toString());
        JsonNode forcedJson = new ObjectMapper().readTree(forcedOut.resolve("run.json").toFile());
        assertEquals("force", forcedJson.get("config").get("resample_mode").asText());
        assertEquals(512 / 102.0, forcedJson.get("scenes").get(0).get("resample_factor").asDouble(), 1e-12);
    }

    @Test
    void theSolarisThirtyMetreSampleFailsInsteadOfBecomingSixteenThousandTiles() throws Exception {
        assumeTrue(Files.isRegularFile(SOLARIS), "shared/data/real is not beside the clone: " + SOLARIS.toAbsolutePath());
        String m = fails(SOLARIS, model, DetectOptions.defaults());
        assertTrue(m.contains("ground sample distance 30 m against the model's 0.3 m"), m);
        assertTrue(m.contains("upsampled 100x (the limit is 4x)"), m);
        assertTrue(m.contains("would measure 3 px here"), m); // 305 px / 100 to two digits
        assertTrue(m.contains("a 512-px model tile would cover 5.1 scene px"), m);
        // forced, it is what it was: tiles of 5 scene pixels (overlap 305 * 0.01 = 3: 255 x 255 of them)
        SceneScale s = scale(SOLARIS, model, forced());
        assertEquals(new SceneScale(5, 3, 512, true), s);
        assertEquals(255 * 255, TileGrid.of(512, 512, new TileLayout(5, Overlap.ofPixels(s.sceneOverlap()),
                EdgePolicy.SHIFT_INSIDE)).size());
        assertEquals(102.4, s.factor(), 1e-12);
        // with the overlap stated as 128 it was 1 scene pixel of overlap: the 16,384 tiles of the issue
        DetectOptions o128 = forced().withTiling(forced().tiling().withOverlap(128, TilingOptions.OverlapSource.OPTION));
        SceneScale s128 = scale(SOLARIS, model, o128);
        assertEquals(16_384, TileGrid.of(512, 512, new TileLayout(5, Overlap.ofPixels(s128.sceneOverlap()),
                EdgePolicy.SHIFT_INSIDE)).size());
    }

    @Test
    void australiaAtOnePointEightCentimetresFailsInsteadOfOneTileShrunkSixteenTimes() throws Exception {
        assumeTrue(Files.isRegularFile(AUSTRALIA), "shared/data/real is not beside the clone: " + AUSTRALIA.toAbsolutePath());
        String m = fails(AUSTRALIA, model, DetectOptions.defaults());
        assertTrue(m.contains("ground sample distance 0.018 m against the model's 0.3 m"), m);
        assertTrue(m.contains("downsampled 16.7x (the limit is 8x)"), m);
        // its pixel is 0.017997 m on the ground: 305 * 0.3 / 0.017997 and 512 * 0.3 / 0.017997
        assertTrue(m.contains("would measure 5,084 px here"), m);
        assertTrue(m.contains("a 512-px model tile would cover 8,535 scene px"), m);
        SceneScale s = scale(AUSTRALIA, model, forced());
        assertTrue(s.resampled());
        assertEquals(8535, s.sceneTile()); // one tile covers the 751 x 708 scene: the 8,535-px tile
        assertEquals(512 / 8535.0, s.factor(), 1e-12);
        // the run: the scene fails alone, one line, and the run says so
        Path out = dir.resolve("australia");
        RunSummary run = Seamline.detect(List.of(AUSTRALIA), model, DetectOptions.defaults()
                .withFormats(EnumSet.of(OutputFormat.COCO)).withQuicklook(false), out, Seamline.RunControl.FRESH,
                ProgressListener.NONE);
        assertEquals(SceneResult.Status.BAD_INPUT, run.scenes().get(0).status());
        assertEquals(1, run.scenes().get(0).error().lines().count());
    }
}
