package dev.seamline.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.core.Box;
import dev.seamline.core.ClassCatalog;
import dev.seamline.core.Detection;
import dev.seamline.formats.coco.CocoDataset;
import dev.seamline.formats.coco.CocoResult;
import dev.seamline.formats.geojson.SeamlineGeoJson;
import dev.seamline.formats.text.JsonInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluator's options: image sets, class lists, Seamline GeoJSON predictions, JSON output. */
class EvaluatorOptionsTest {

    @TempDir
    Path dir;

    @Test
    void cocoImagesetRestrictsTheImages() throws Exception {
        Path d = Fixtures.resource("coco/many_images");
        CocoDataset gt = CocoDataset.read(d.resolve("gt.json"));
        List<CocoResult> res = CocoResult.read(d.resolve("results.json"));
        List<Long> keep = gt.images().stream().map(CocoDataset.Image::id).filter(id -> id % 2 == 1).toList();
        Path set = dir.resolve("set.txt");
        Files.writeString(set, String.join("\n", keep.stream().map(String::valueOf).toList()) + "\n");
        EvalResult r = Evaluator.evaluate(EvalRequest.of(Metric.COCO, d.resolve("gt.json"), d.resolve("results.json"))
                .withImageset(set));
        CocoDataset sub = new CocoDataset(gt.images().stream().filter(i -> keep.contains(i.id())).toList(), gt.categories(),
                gt.annotations().stream().filter(a -> keep.contains(a.imageId())).toList());
        double[] expected = CocoEval.evaluate(sub, res.stream().filter(x -> keep.contains(x.imageId())).toList()).stats();
        @SuppressWarnings("unchecked")
        List<Double> stats = (List<Double>) r.values().get("stats");
        assertArrayEquals(expected, stats.stream().mapToDouble(Double::doubleValue).toArray(), 0);
        assertTrue(expected[0] != CocoEval.evaluate(gt, res).stats()[0]);
    }

    @Test
    void cocoScoresSeamlineGeoJsonLikeItsResultsFile() throws Exception {
        Path d = Fixtures.resource("coco/many_images");
        CocoDataset gt = CocoDataset.read(d.resolve("gt.json"));
        List<CocoResult> res = CocoResult.read(d.resolve("results.json"));
        // one GeoJSON per image, merged into one file: classes by category name, images by file name
        List<dev.seamline.core.ObjectClass> cls = new ArrayList<>();
        for (CocoDataset.Category c : gt.categories()) {
            cls.add(new dev.seamline.core.ObjectClass((int) c.id(), c.name()));
        }
        ClassCatalog cat = ClassCatalog.of(cls);
        StringBuilder all = new StringBuilder("{\"type\": \"FeatureCollection\", \"features\": [");
        boolean first = true;
        for (CocoDataset.Image im : gt.images()) {
            List<Detection> ds = new ArrayList<>();
            for (CocoResult r : res) {
                if (r.imageId() == im.id()) {
                    ds.add(Detection.of(new Box(r.x(), r.y(), r.x() + r.w(), r.y() + r.h()), (int) r.categoryId(), r.score()));
                }
            }
            Path f = dir.resolve(im.fileName() + ".geojson");
            SeamlineGeoJson.write(f, im.fileName(), ds, cat, (x, y) -> new double[] {x * 1e-6, -y * 1e-6});
            var feats = JsonInput.MAPPER.readTree(f.toFile()).get("features");
            for (var ft : feats) {
                all.append(first ? "" : ",").append(ft.toString());
                first = false;
            }
        }
        Path merged = dir.resolve("all.geojson");
        Files.writeString(merged, all.append("]}").toString());
        EvalResult viaGeo = Evaluator.evaluate(EvalRequest.of(Metric.COCO, d.resolve("gt.json"), merged));
        EvalResult viaJson = Evaluator.evaluate(EvalRequest.of(Metric.COCO, d.resolve("gt.json"), d.resolve("results.json")));
        @SuppressWarnings("unchecked")
        List<Double> a = (List<Double>) viaGeo.values().get("stats");
        @SuppressWarnings("unchecked")
        List<Double> b = (List<Double>) viaJson.values().get("stats");
        for (int i = 0; i < 12; i++) {
            assertEquals(b.get(i), a.get(i), 1e-12, "stat " + i); // x + w - x can differ from w in the last bit
        }
    }

    @Test
    void dotaClassWithGtButNoTaskFileScoresZero() throws Exception {
        Files.createDirectories(dir.resolve("labelTxt"));
        Files.createDirectories(dir.resolve("det"));
        Files.writeString(dir.resolve("labelTxt/P1.txt"), "0 0 9 0 9 9 0 9 plane 0\n0 0 9 0 9 9 0 9 ship 0\n");
        Files.writeString(dir.resolve("det/Task2_plane.txt"), "P1 0.9 0 0 9 9\n");
        EvalResult r = Evaluator.evaluate(EvalRequest.of(Metric.DOTA_TASK2, dir.resolve("labelTxt"), dir.resolve("det")));
        @SuppressWarnings("unchecked")
        Map<String, Object> per = (Map<String, Object>) r.values().get("per_class_AP");
        assertEquals(List.of("plane", "ship"), new ArrayList<>(per.keySet()));
        assertEquals(0.0, (double) per.get("ship"), 0);
        assertEquals(0.5, r.number("mAP"), 1e-12);
        assertTrue(r.toJson().contains("\"per_class_AP\""));
    }

    @Test
    void nanIsWrittenAsNull() throws Exception {
        Path d = Fixtures.resource("dota/task1_oriented");
        EvalResult r = Evaluator.evaluate(EvalRequest.of(Metric.DOTA_TASK1, d.resolve("labelTxt"), d.resolve("det"))
                .withClasses(d.resolve("classes.txt")).withImageset(d.resolve("imageset.txt")).withAp(ApMethod.ALL_POINTS));
        String json = r.toJson();
        assertTrue(json.contains("\"mAP\" : null"), json);
        assertTrue(json.contains("\"helicopter\" : null"), json);
        assertTrue(!json.contains("NaN"), json);
    }
}
