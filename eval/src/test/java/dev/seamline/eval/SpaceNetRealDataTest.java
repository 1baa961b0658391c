package dev.seamline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seamline.formats.spacenet.SpaceNetFormat;
import dev.seamline.formats.text.Csv;
import dev.seamline.formats.text.TextLines;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The solaris samples in ../shared/data/real/solaris with their published results: gt/pred GeoJSON
 * scored by Evaluator.eval_iou (TP 8, FP 20, FN 20, F1 0.2857142857142857), and the SpaceNet-2 CSVs
 * scored by spacenet_buildings_2 (per AOI in SN2_test_results.csv: Vegas TP 35 FP 2 FN 7, Khartoum
 * TP 52 FP 55 FN 75, and the per-image counts of SN2_test_results_full.csv).
 */
class SpaceNetRealDataTest {

    private static Path solaris() {
        assumeTrue(Fixtures.hasRealData("solaris"), "../shared/data/real/solaris is absent: solaris samples not tested");
        return Fixtures.realData().resolve("solaris");
    }

    @Test
    void geojsonSampleGivesPublishedCounts() throws Exception {
        Path d = solaris();
        EvalResult r = Evaluator.evaluate(EvalRequest.of(Metric.SPACENET, d.resolve("gt.geojson"), d.resolve("pred.geojson")));
        assertEquals(8L, r.values().get("TP"));
        assertEquals(20L, r.values().get("FP"));
        assertEquals(20L, r.values().get("FN"));
        assertEquals(0.2857142857142857, r.number("precision"), 1e-15);
        assertEquals(0.2857142857142857, r.number("recall"), 1e-15);
        assertEquals(0.2857142857142857, r.number("F1"), 1e-15);
    }

    @Test
    void sn2CsvGivesPublishedPerAoiAndPerImageCounts() throws Exception {
        Path d = solaris();
        var truth = SpaceNetFormat.readCsv(d.resolve("SN2_sample_truth.csv"), false);
        var preds = SpaceNetFormat.readCsv(d.resolve("SN2_sample_preds.csv"), true);
        SpaceNetEval.Outcome o = SpaceNetEval.score(truth, preds, SpaceNetEval.MIN_AREA, true);
        SpaceNetEval.Counts vegas = o.perAoi().get("AOI_2_Vegas");
        SpaceNetEval.Counts khartoum = o.perAoi().get("AOI_5_Khartoum");
        assertEquals(new SpaceNetEval.Counts(35, 2, 7), vegas);
        assertEquals(new SpaceNetEval.Counts(52, 55, 75), khartoum);
        assertEquals(0.8860759493670887, vegas.f1(), 1e-15);
        assertEquals(0.4444444444444444, khartoum.f1(), 1e-15);
        assertEquals(0.9459459459459459, vegas.precision(), 1e-15);
        assertEquals(0.48598130841121495, khartoum.precision(), 1e-15);
        // every per-image row of SN2_test_results_full.csv
        int[] rows = {0};
        TextLines.read(d.resolve("SN2_test_results_full.csv"), (s, n) -> {
            if (n == 1) {
                return;
            }
            var f = Csv.split(s);
            SpaceNetEval.Counts c = o.perImage().get(f.get(6));
            assertEquals(Long.parseLong(f.get(5)), c.tp(), f.get(6) + " TP");
            assertEquals(Long.parseLong(f.get(2)), c.fp(), f.get(6) + " FP");
            assertEquals(Long.parseLong(f.get(1)), c.fn(), f.get(6) + " FN");
            assertEquals(Double.parseDouble(f.get(0)), c.f1(), 1e-12, f.get(6) + " F1");
            rows[0]++;
        });
        assertEquals(o.perImage().size(), rows[0]);
    }
}
