package dev.seamline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parity with the xView baseline's scoring/score.py on the case sets of
 * src/test/resources/dev/seamline/eval/xview (make_xview_cases.py): every value it reports, per-class
 * AP and the GT counted per class, to 1e-9. The cases hold a chip without a prediction file, an
 * empty prediction file, score-0 lines, detections of classes the GT lacks (dropped) and the ignored
 * class 75.
 */
class XviewEvalParityTest {

    @ParameterizedTest
    @ValueSource(strings = {"chips_mixed", "few_chips", "score_ties"})
    void matchesScorer(String name) throws Exception {
        Path dir = Fixtures.resource("xview/" + name);
        JsonNode exp = Fixtures.json(dir.resolve("expected.json"));
        EvalResult r = Evaluator.evaluate(EvalRequest.of(Metric.XVIEW, dir.resolve("gt.geojson"), dir.resolve("pred")));
        for (String k : new String[] {"map", "map_score", "mar_score", "f1", "map/small", "map/medium", "map/large",
            "map/common", "map/rare"}) {
            Fixtures.assertNumber(exp.get(k), r.number(k), name + " " + k);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> per = (Map<String, Object>) r.values().get("per_class_AP");
        @SuppressWarnings("unchecked")
        Map<String, Object> cnt = (Map<String, Object>) r.values().get("per_class_num_gt_counted");
        assertEquals(exp.get("per_class_AP").size(), per.size());
        exp.get("per_class_AP").fields().forEachRemaining(e -> Fixtures.assertNumber(e.getValue(),
                ((Number) per.get(e.getKey())).doubleValue(), name + " AP " + e.getKey()));
        exp.get("per_class_num_gt_counted").fields().forEachRemaining(e -> assertEquals(e.getValue().asLong(),
                ((Number) cnt.get(e.getKey())).longValue(), name + " GT counted " + e.getKey()));
    }
}
