package dev.seamline.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seamline.detector.ModelBundle;
import dev.seamline.detector.builtin.BuiltinModel;
import dev.seamline.eval.EvalRequest;
import dev.seamline.eval.EvalResult;
import dev.seamline.eval.Evaluator;
import dev.seamline.eval.Metric;
import dev.seamline.outputs.OutputFormat;
import dev.seamline.samples.SceneFiles;
import dev.seamline.samples.SceneSpec;
import dev.seamline.samples.SyntheticScene;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GSD resampling end to end: a synthetic scene at 0.6 m (objects half as many pixels across as the
 * built-in model saw in training at 0.3 m) through the built-in model, with and without resampling,
 * scored by the eval module's COCO metric against the scene's own labels; and where the found boxes
 * land against the truth, in scene pixels.
 */
class ResampleGsdTest {

    @TempDir
    static Path dir;

    static Path scene;
    static Path truth;
    static ModelBundle model;

    @BeforeAll
    static void scene() throws Exception {
        SceneFiles.write(SyntheticScene.of(SceneSpec.of(1024, 1024, 3).withGsd(0.6)), dir.resolve("g06"), 1);
        scene = dir.resolve("g06").resolve(SceneFiles.SCENE);
        truth = dir.resolve("g06").resolve(SceneFiles.COCO);
        model = ModelBundle.load(BuiltinModel.bundle());
        assertEquals(0.3, model.gsd().orElseThrow(), 1e-12, "the built-in model's GSD");
    }

    private static Path detect(String name, boolean resample) throws Exception {
        Path out = dir.resolve(name);
        // the overlap stated as 128 (the default raises it to the built-in model's largest object, 305)
        DetectOptions options = DetectOptions.defaults().withFormats(EnumSet.of(OutputFormat.COCO)).withQuicklook(false)
                .withResample(resample);
        options = options.withTiling(options.tiling().withOverlap(128, TilingOptions.OverlapSource.OPTION));
        RunSummary run = Seamline.detect(List.of(scene), model, options, out,
                new Seamline.RunControl(false, Seamline.cocoImageIds(truth)), ProgressListener.NONE);
        assertTrue(run.failures().isEmpty(), () -> run.failures().toString());
        return out.resolve("scene.coco.json");
    }

    private static double ap50(Path predictions) throws Exception {
        EvalResult r = Evaluator.evaluate(EvalRequest.of(Metric.COCO, truth, predictions));
        return ((Number) ((List<?>) r.values().get("stats")).get(1)).doubleValue();
    }

    @Test
    void resamplingFindsTheObjectsOfAScaledSceneAndPutsThemWithinAPixel() throws Exception {
        Path with = detect("with", true);
        Path without = detect("without", false);
        double apWith = ap50(with);
        double apWithout = ap50(without);
        assertTrue(apWith >= 0.5 && apWith >= 2 * apWithout,
                "COCO AP50 with resampling " + apWith + ", without " + apWithout);
        JsonNode run = new ObjectMapper().readTree(dir.resolve("with/run.json").toFile());
        assertTrue(run.get("config").get("resample").asBoolean());
        // 1024 px at 0.6 m: tiles of 256 scene pixels (512 model pixels), overlap 64 -> 5 x 5 tiles
        assertEquals(25, run.get("scenes").get(0).get("tiles").asInt());
        assertTrue(run.get("scenes").get(0).get("seconds").has("resample"));

        // every ground-truth box matched (IoU >= 0.5) by a detection: centre offsets in scene pixels
        ObjectMapper json = new ObjectMapper();
        JsonNode gt = json.readTree(truth.toFile()).get("annotations");
        JsonNode found = json.readTree(with.toFile());
        List<Double> distances = new ArrayList<>();
        double sumDx = 0, sumDy = 0;
        for (JsonNode g : gt) {
            double[] a = box(g.get("bbox"));
            double[] best = null;
            double bestIou = 0.5;
            for (JsonNode p : found) {
                double[] b = box(p.get("bbox"));
                double iou = iou(a, b);
                if (iou >= bestIou) {
                    bestIou = iou;
                    best = b;
                }
            }
            if (best != null) {
                double dx = (best[0] + best[2] / 2) - (a[0] + a[2] / 2);
                double dy = (best[1] + best[3] / 2) - (a[1] + a[3] / 2);
                distances.add(Math.hypot(dx, dy));
                sumDx += dx;
                sumDy += dy;
            }
        }
        assertTrue(distances.size() >= 0.6 * gt.size(), distances.size() + " of " + gt.size() + " objects matched");
        Collections.sort(distances);
        double median = distances.get(distances.size() / 2);
        assertTrue(median < 1.0, "median centre error " + median + " px");
        // no systematic shift: a half-pixel or scale-origin mistake would show here
        assertEquals(0, sumDx / distances.size(), 0.25, "mean x offset, px");
        assertEquals(0, sumDy / distances.size(), 0.25, "mean y offset, px");
    }

    private static double[] box(JsonNode b) {
        return new double[] {b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble()};
    }

    private static double iou(double[] a, double[] b) {
        double w = Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]);
        double h = Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]);
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double i = w * h;
        return i / (a[2] * a[3] + b[2] * b[3] - i);
    }
}
