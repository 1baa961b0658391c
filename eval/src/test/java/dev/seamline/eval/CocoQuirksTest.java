package dev.seamline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.formats.coco.CocoDataset;
import dev.seamline.formats.coco.CocoResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each COCO quirk of ../shared/METRICS.md on a hand-made case whose numbers follow from pycocotools' rules. */
class CocoQuirksTest {

    /** Precision is tp / (tp + fp + np.spacing(1)) in pycocotools, so a perfect 1 is 1 - 2e-16. */
    private static final double EPS = 1e-12;

    private static final List<CocoDataset.Category> CATS = List.of(new CocoDataset.Category(1, "a", ""),
            new CocoDataset.Category(2, "b", ""), new CocoDataset.Category(3, "c", ""));

    private static CocoDataset gt(CocoDataset.Annotation... anns) {
        List<CocoDataset.Image> imgs = new ArrayList<>();
        for (long i = 1; i <= 3; i++) {
            imgs.add(new CocoDataset.Image(i, "", 0, 0));
        }
        return new CocoDataset(imgs, CATS, List.of(anns));
    }

    private static CocoDataset.Annotation ann(long id, long img, long cat, double x, double y, double w, double h, double area,
            boolean crowd) {
        return new CocoDataset.Annotation(id, img, cat, x, y, w, h, area, crowd);
    }

    private static CocoResult det(long img, long cat, double x, double y, double w, double h, double s) {
        return new CocoResult(img, cat, x, y, w, h, s);
    }

    @Test
    void iouThresholdsAreNumpyLinspaceBits() {
        // values printed by numpy 1.24: np.linspace(.5, .95, 10) and np.linspace(0, 1, 101)
        assertEquals(0.6, CocoEval.IOU_THRESHOLDS.get(2));
        assertEquals(0.75, CocoEval.IOU_THRESHOLDS.get(5));
        assertEquals(0.8999999999999999, CocoEval.IOU_THRESHOLDS.get(8));
        assertEquals(0.95, CocoEval.IOU_THRESHOLDS.get(9));
        assertEquals(101, CocoEval.RECALL_THRESHOLDS.size());
        assertEquals(0.29, CocoEval.RECALL_THRESHOLDS.get(29));
        assertEquals(0.5700000000000001, CocoEval.RECALL_THRESHOLDS.get(57));
    }

    @Test
    void iouExactlyAtThresholdMatchesAndNoPlusOne() {
        // IoU 100/200 = 0.5 exactly: a match at t = .5 only; with "+1" widths it would be 121/231
        CocoEval.Result r = CocoEval.evaluate(gt(ann(1, 1, 1, 0, 0, 10, 20, 200, false)), List.of(det(1, 1, 0, 0, 10, 10, .9)));
        double[] s = r.stats();
        assertEquals(1.0, s[1], EPS); // AP50
        assertEquals(0.0, s[2], EPS); // AP75
        assertEquals(0.1, s[0], EPS); // 1 of 10 thresholds
    }

    @Test
    void perfectBoxMatchesAtTheTopThreshold() {
        CocoEval.Result r = CocoEval.evaluate(gt(ann(1, 1, 1, 3, 4, 10, 20, 200, false)), List.of(det(1, 1, 3, 4, 10, 20, .9)));
        assertEquals(1.0, r.stats()[0], EPS);
    }

    @Test
    void tiesKeepResultsFileOrderUnderMaxDets() {
        CocoDataset g = gt(ann(1, 1, 1, 0, 0, 10, 10, 100, false));
        CocoResult fp = det(1, 1, 50, 50, 10, 10, .5);
        CocoResult tp = det(1, 1, 0, 0, 10, 10, .5);
        assertEquals(0.0, CocoEval.evaluate(g, List.of(fp, tp)).stats()[6], EPS); // AR@1 sees the FP first
        assertEquals(1.0, CocoEval.evaluate(g, List.of(tp, fp)).stats()[6], EPS);
        // with both in, the order also decides precision: FP first gives 0.5 at recall 1
        assertEquals(0.5, CocoEval.evaluate(g, List.of(fp, tp)).stats()[1], EPS);
        assertEquals(1.0, CocoEval.evaluate(g, List.of(tp, fp)).stats()[1], EPS);
    }

    @Test
    void maxDetsAppliesPerImageAndCategory() {
        CocoDataset g = gt(ann(1, 1, 1, 0, 0, 10, 10, 100, false), ann(2, 1, 1, 50, 50, 10, 10, 100, false));
        CocoEval.Result r = CocoEval.evaluate(g, List.of(det(1, 1, 0, 0, 10, 10, .9), det(1, 1, 50, 50, 10, 10, .8)));
        assertEquals(0.5, r.stats()[6], EPS); // AR@1: one of two
        assertEquals(1.0, r.stats()[7], EPS); // AR@10
    }

    @Test
    void areaRangesUseTheGtAreaFieldWithBothBoundsInclusive() {
        // bbox 10x10 (w*h = 100) but area field 1024: small AND medium, not what w*h says
        CocoEval.Result r = CocoEval.evaluate(gt(ann(1, 1, 1, 0, 0, 10, 10, 1024, false)), List.of(det(1, 1, 0, 0, 10, 10, .9)));
        double[] s = r.stats();
        assertEquals(1.0, s[3], EPS); // small
        assertEquals(1.0, s[4], EPS); // medium
        assertEquals(-1.0, s[5], EPS); // large: GT ignored, detection (w*h 100) outside: nothing to measure
    }

    @Test
    void crowdAbsorbsDetectionsAndNonIgnoredGtIsPreferred() {
        CocoDataset g = gt(ann(1, 1, 1, 0, 0, 100, 100, 10000, true), ann(2, 1, 1, 0, 0, 10, 10, 100, false));
        List<CocoResult> d = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            d.add(det(1, 1, 20 + 10 * i, 30, 10, 10, .9 - i * .01)); // inside the crowd: IoU = inter / det area = 1
        }
        d.add(det(1, 1, 0, 0, 10, 10, .1)); // IoU 1 with both: must take the non-crowd GT
        CocoEval.Result r = CocoEval.evaluate(g, d);
        assertEquals(1.0, r.stats()[1], EPS);
        // without the crowd flag the five are false positives ahead of the true one
        CocoDataset plain = gt(ann(1, 1, 1, 0, 0, 100, 100, 10000, false), ann(2, 1, 1, 0, 0, 10, 10, 100, false));
        assertTrue(CocoEval.evaluate(plain, d).stats()[1] < 0.5);
        assertEquals(1.0, CocoEval.bboxIou(20, 30, 10, 10, 0, 0, 100, 100, true), 0);
        assertEquals(0.01, CocoEval.bboxIou(20, 30, 10, 10, 0, 0, 100, 100, false), 1e-15);
    }

    @Test
    void categoryWithoutGtIsExcludedAndWithoutDetectionsScoresZero() {
        CocoDataset g = gt(ann(1, 1, 1, 0, 0, 10, 10, 100, false), ann(2, 2, 2, 0, 0, 10, 10, 100, false));
        CocoEval.Result r = CocoEval.evaluate(g, List.of(det(1, 1, 0, 0, 10, 10, .9), det(3, 3, 0, 0, 10, 10, .9)));
        assertEquals(0.5, r.stats()[0], EPS); // (1 + 0) / 2: category 3 (no GT) is -1 and left out
        assertEquals(1.0, r.classAp(0), EPS);
        assertEquals(0.0, r.classAp(1), EPS);
        assertTrue(Double.isNaN(r.classAp(2)));
        assertEquals(-1.0, r.precision(0, 0, 2, 0, 2), EPS);
    }

    @Test
    void resultsOfUnknownCategoriesAreDropped() {
        CocoDataset g = gt(ann(1, 1, 1, 0, 0, 10, 10, 100, false));
        CocoEval.Result r = CocoEval.evaluate(g, List.of(det(1, 9, 50, 50, 10, 10, .99), det(1, 1, 0, 0, 10, 10, .9)));
        assertEquals(1.0, r.stats()[1], EPS);
    }

    @Test
    void aGtWithIdZeroNeverCountsAsMatched() {
        // pycocotools records the matched GT id and tests it for non-zero
        CocoEval.Result r = CocoEval.evaluate(gt(ann(0, 1, 1, 0, 0, 10, 10, 100, false)), List.of(det(1, 1, 0, 0, 10, 10, .9)));
        assertEquals(0.0, r.stats()[1], EPS);
    }

    @Test
    void precisionIsMonotoneAndUnreachedRecallIsZero() {
        // 2 GT; dets in score order: FP, TP -> recall reaches only 0.5; precision at recall .5 is .5
        CocoDataset g = gt(ann(1, 1, 1, 0, 0, 10, 10, 100, false), ann(2, 1, 1, 50, 50, 10, 10, 100, false));
        CocoEval.Result r = CocoEval.evaluate(g, List.of(det(1, 1, 200, 200, 10, 10, .9), det(1, 1, 0, 0, 10, 10, .8)));
        assertEquals(0.5, r.precision(0, 0, 0, 0, 2), EPS); // recall 0: running max from the right
        assertEquals(0.5, r.precision(0, 50, 0, 0, 2), EPS); // searchsorted left: recall .5 reached exactly
        assertEquals(0.0, r.precision(0, 51, 0, 0, 2), EPS);
        assertEquals(51 * 0.5 / 101, r.stats()[1], EPS);
    }

    @Test
    void theIgnoreFieldIsOverwrittenByIscrowd(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path f = dir.resolve("gt.json");
        java.nio.file.Files.writeString(f, "{\"images\": [{\"id\": 1}], \"categories\": [{\"id\": 1, \"name\": \"a\"}],"
                + " \"annotations\": [{\"id\": 1, \"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 10, 10],"
                + " \"area\": 100, \"iscrowd\": 0, \"ignore\": 1}]}");
        // pycocotools: gt['ignore'] = 'iscrowd' in gt and gt['iscrowd'] -> not ignored: a missed GT, AR 0
        CocoEval.Result r = CocoEval.evaluate(CocoDataset.read(f), List.of());
        assertEquals(0.0, r.stats()[8], 0);
        assertEquals(0.0, r.stats()[0], 0);
    }

    @Test
    void summaryLayoutIsPycocotools() {
        CocoEval.Result r = CocoEval.evaluate(gt(ann(1, 1, 1, 0, 0, 10, 20, 200, false)), List.of(det(1, 1, 0, 0, 10, 10, .9)));
        String[] lines = r.summaryText().split("\n");
        assertEquals(12, lines.length);
        assertEquals(" Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.100", lines[0]);
        assertEquals(" Average Precision  (AP) @[ IoU=0.50      | area=   all | maxDets=100 ] = 1.000", lines[1]);
        assertEquals(" Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=  1 ] = 0.100", lines[6]);
        assertEquals(" Average Recall     (AR) @[ IoU=0.50:0.95 | area= large | maxDets=100 ] = -1.000", lines[11]);
    }
}
