package dev.seamline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seamline.formats.coco.CocoDataset;
import dev.seamline.formats.coco.CocoResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parity with pycocotools on the case sets of src/test/resources/dev/seamline/eval/coco (made by
 * make_coco_cases.py there): the 12 stats and per-category AP, AP50, AP75, AR100 to 1e-9.
 */
class CocoEvalParityTest {

    @ParameterizedTest
    @ValueSource(strings = {"many_images", "crowds", "score_ties", "tiny_and_large", "edges"})
    void matchesPycocotools(String name) throws Exception {
        Path dir = Fixtures.resource("coco/" + name);
        check(name, dir, dir.resolve("gt.json"));
    }

    /**
     * One 6,000² image with 380 objects of a class, scored with {@code maxDets = [1, 10, 1000]} as
     * pycocotools' params allow; with COCO's default of 100 the recall of that class is capped.
     */
    @Test
    void matchesPycocotoolsWithALargerMaxDets() throws Exception {
        Path dir = Fixtures.resource("coco/dense_scene");
        check("dense_scene", dir, dir.resolve("gt.json"), 1000);
        CocoDataset gt = CocoDataset.read(dir.resolve("gt.json"));
        List<CocoResult> res = CocoResult.read(dir.resolve("results.json"));
        double capped = CocoEval.evaluate(gt, res).classAp50(0);
        double full = CocoEval.evaluate(gt, res, 1000).classAp50(0);
        assertTrue(capped < 0.15 && full > 0.4, "AP50 of the dense class: " + capped + " capped, " + full + " with 1000");
    }

    /**
     * One image where boxes overlap in clusters on an integer lattice (IoU ties, exact GT copies,
     * crowds, areas on the range bounds), scored with {@code maxDets = [1, 10, 4000]}: the groups
     * are large enough that candidates come from the spatial index, not a scan.
     */
    @Test
    void matchesPycocotoolsOnOneCrowdedImage() throws Exception {
        Path dir = Fixtures.resource("coco/crowded_image");
        check("crowded_image", dir, dir.resolve("gt.json"), 4000);
    }

    /** DeepForest's real COCO sample (polygon annotations, image ids out of order) as ground truth. */
    @Test
    void matchesPycocotoolsOnTheDeepForestSample() throws Exception {
        assumeTrue(Fixtures.hasRealData("deepforest"), "../shared/data/real/deepforest is absent: COCO sample not tested");
        check("real_deepforest_sample", Fixtures.resource("coco/real_deepforest_sample"),
                Fixtures.realData().resolve("deepforest/coco_sample_file.json"));
    }

    private static void check(String name, Path dir, Path gtFile) throws Exception {
        check(name, dir, gtFile, CocoEval.DEFAULT_MAX_DETS);
    }

    private static void check(String name, Path dir, Path gtFile, int maxDets) throws Exception {
        CocoDataset gt = CocoDataset.read(gtFile);
        List<CocoResult> res = CocoResult.read(dir.resolve("results.json"));
        CocoEval.Result r = CocoEval.evaluate(gt, res, maxDets);
        JsonNode exp = Fixtures.json(dir.resolve("expected.json"));
        double[] stats = r.stats();
        for (int i = 0; i < 12; i++) {
            Fixtures.assertNumber(exp.get("stats").get(i), stats[i], name + " stats[" + i + "]");
        }
        long[] cats = r.categoryIds();
        assertEquals(exp.get("per_class").size(), cats.length);
        for (int k = 0; k < cats.length; k++) {
            JsonNode e = exp.get("per_class").get(Long.toString(cats[k]));
            Fixtures.assertNumber(e.get("AP"), r.classAp(k), name + " AP cat " + cats[k]);
            Fixtures.assertNumber(e.get("AP50"), r.classAp50(k), name + " AP50 cat " + cats[k]);
            Fixtures.assertNumber(e.get("AP75"), r.classAp75(k), name + " AP75 cat " + cats[k]);
            Fixtures.assertNumber(e.get("AR_100"), r.classAr100(k), name + " AR100 cat " + cats[k]);
        }
    }
}
