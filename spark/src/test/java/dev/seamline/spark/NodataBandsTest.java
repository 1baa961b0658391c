package dev.seamline.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.SampleType;
import dev.seamline.detector.ModelBundle;
import dev.seamline.geo.Georeferencing;
import dev.seamline.geo.write.GeoTiffLayout;
import dev.seamline.geo.write.GeoTiffOptions;
import dev.seamline.geo.write.GeoTiffWriter;
import dev.seamline.outputs.OutputFormat;
import dev.seamline.pipeline.DetectOptions;
import dev.seamline.pipeline.ProgressListener;
import dev.seamline.pipeline.RunSummary;
import dev.seamline.pipeline.Seamline;
import dev.seamline.pipeline.TilingOptions;
import dev.seamline.samples.SceneSpec;
import dev.seamline.samples.SyntheticScene;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A split scene with all-nodata tiles: they are skipped, which shifts which tiles share detect's forward
 * passes; the bands, knowing nothing of the tiles before them, still give detect's files (every forward
 * pass is filled to the batch size, so a tile's detections do not depend on its batch).
 */
class NodataBandsTest {

    @TempDir
    Path dir;

    @Test
    void skippedTilesBeforeABandStillGiveDetectsFiles() throws Exception {
        Path model = SharedSpark.randomModel(dir.resolve("model"), 0.3);
        // 3 columns x 4 rows of 128-px tiles (overlap 32); the first three tiles of column 0 all nodata (0), so
        // detect infers the last tile alone, in a batch of 1: bands that ignored the skipped tiles would batch it with 3
        SyntheticScene synthetic = SyntheticScene.of(SceneSpec.of(320, 352, 41));
        SceneSpec spec = synthetic.spec();
        Path scene = dir.resolve("holes.tif");
        GeoTiffLayout layout = GeoTiffLayout.of(320, 352, 3, SampleType.UINT8, 512);
        try (GeoTiffWriter w = GeoTiffWriter.create(scene, layout, GeoTiffOptions.defaults()
                .withGeoreferencing(Georeferencing.of(spec.epsg(), spec.geoTransform())).withNodata(0))) {
            PixelWindow window = layout.tileWindow(0, 0);
            PixelBuffer rendered = synthetic.render(window);
            byte[] samples = rendered.asBytes().clone();
            for (int b = 0; b < 3; b++) {
                for (int y = 0; y < 330; y++) {
                    for (int x = 0; x < 140; x++) {
                        samples[b * window.width() * window.height() + y * window.width() + x] = 0;
                    }
                }
            }
            w.writeRow(0, List.of(new PixelBuffer(window, rendered.valid(), 3, SampleType.UINT8, samples)));
            w.finish();
        }
        DetectOptions options = DetectOptions.defaults().withTiling(new TilingOptions(OptionalInt.of(128), 32, true))
                .withFormats(EnumSet.of(OutputFormat.GEOJSON, OutputFormat.CSV)).withQuicklook(false);
        Path expected = dir.resolve("detect");
        RunSummary one = Seamline.detect(List.of(scene), ModelBundle.load(model), options, expected,
                Seamline.RunControl.FRESH, ProgressListener.NONE);
        assertEquals(3, one.scenes().get(0).nodataTiles(), one.toString());
        Path out = dir.resolve("spark");
        SparkDetect.Outcome outcome = SparkDetect.run(SharedSpark.session(), new SparkDetect.Request(
                List.of(scene.toString()), model.toString(), options, out.toString(), new Bands(3), false, Map.of(), Set.of()));
        assertTrue(outcome.summary().failures().isEmpty(), outcome.summary().toString());
        assertEquals(3, outcome.stats().bandTasks());
        SparkDetectTest.assertSameOutputs(expected, out);
    }
}
