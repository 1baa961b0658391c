package dev.seamline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seamline.formats.deepforest.DeepForestFormat;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DeepForest box precision/recall against the reference of
 * src/test/resources/dev/seamline/eval/deepforest/make_deepforest_cases.py (DeepForest's algorithm,
 * shapely + scipy's linear_sum_assignment): the SJER image 477 sample of ../shared/data/real (its
 * truth file has the columns xmin,xmax,ymin,ymax) and a synthetic multi-image case.
 */
class DeepForestEvalTest {

    @Test
    void sjer477Sample() throws Exception {
        assumeTrue(Fixtures.hasRealData("deepforest"), "../shared/data/real/deepforest is absent: SJER sample not tested");
        Path stem = Fixtures.realData().resolve("deepforest");
        EvalResult r = Evaluator.evaluate(EvalRequest.of(Metric.DEEPFOREST,
                stem.resolve("2018_SJER_3_252000_4107000_image_477_truth.csv"),
                stem.resolve("2018_SJER_3_252000_4107000_image_477.csv")));
        JsonNode exp = Fixtures.json(Fixtures.resource("deepforest/expected_sjer_477.json"));
        Fixtures.assertNumber(exp.get("precision"), r.number("precision"), "precision");
        Fixtures.assertNumber(exp.get("recall"), r.number("recall"), "recall");
        assertEquals(6.0 / 7, r.number("recall"), 1e-15); // 6 of the 7 trees found
    }

    @Test
    void syntheticImagesWithAndWithoutPredictions() throws Exception {
        Path d = Fixtures.resource("deepforest");
        EvalResult r = Evaluator.evaluate(EvalRequest.of(Metric.DEEPFOREST, d.resolve("synthetic_truth.csv"),
                d.resolve("synthetic_pred.csv")));
        JsonNode exp = Fixtures.json(d.resolve("expected_synthetic.json"));
        Fixtures.assertNumber(exp.get("precision"), r.number("precision"), "precision");
        Fixtures.assertNumber(exp.get("recall"), r.number("recall"), "recall");
    }

    private static DeepForestFormat.Row row(String img, double x0, double y0, double x1, double y1, double score) {
        return new DeepForestFormat.Row(img, new dev.seamline.core.Box(x0, y0, x1, y1), "Tree", score);
    }

    @Test
    void aMatchNeedsIouStrictlyAbove04AndRatesAreMeansOverImages() {
        // IoU exactly 0.4: 40 / 100 (truth 0..10 x 0..10, prediction 0..4 x 0..10)
        var at = DeepForestEval.score(List.of(row("a", 0, 0, 10, 10, Double.NaN)), List.of(row("a", 0, 0, 4, 10, .9)), 0.4);
        assertEquals(0.0, at.recall(), 0);
        // image a: 1 of 1 found (precision 1); image b: 0 of 3, 1 prediction (precision 0); image c: no predictions
        var truth = List.of(row("a", 0, 0, 10, 10, Double.NaN), row("b", 0, 0, 10, 10, Double.NaN),
                row("b", 20, 20, 30, 30, Double.NaN), row("b", 40, 40, 50, 50, Double.NaN), row("c", 0, 0, 5, 5, Double.NaN));
        var pred = List.of(row("a", 0, 0, 10, 10, .9), row("b", 100, 100, 110, 110, .8), row("d", 0, 0, 5, 5, .7));
        var o = DeepForestEval.score(truth, pred, 0.4);
        assertEquals((1 + 0 + 0) / 3.0, o.recall(), 1e-15); // c adds recall 0; d (no truth) is not scored
        assertEquals(0.5, o.precision(), 1e-15); // c adds no precision
    }

    @Test
    void hungarianPrefersTheLargerTotalOverGreedy() {
        // greedy by row would give row 0 col 0 (9) and row 1 col 1 (1): total 10; optimum is 8 + 7 = 15
        int[] m = Hungarian.maximize(new double[][] {{9, 8}, {7, 1}});
        assertEquals(1, m[0]);
        assertEquals(0, m[1]);
        int[] wide = Hungarian.maximize(new double[][] {{1, 5, 2}});
        assertEquals(1, wide[0]);
        int[] tall = Hungarian.maximize(new double[][] {{1}, {5}, {2}});
        assertEquals(-1, tall[0]);
        assertEquals(0, tall[1]);
        assertEquals(-1, tall[2]);
    }
}
