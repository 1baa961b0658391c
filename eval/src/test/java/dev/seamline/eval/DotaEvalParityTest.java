package dev.seamline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Parity with the DOTA devkit (dota_evaluation_task1.py / task2.py) on the case sets of
 * src/test/resources/dev/seamline/eval/dota, made by make_dota_cases.py there: per-class AP and mAP,
 * VOC07 (official) and all-point, to 1e-9. The cases hold oriented boxes in every vertex order,
 * tiny and large objects, difficult objects, header lines, images without predictions and a class
 * without GT (VOC07 AP 0 counted in mAP; all-point AP NaN as the devkit's 0/0 gives).
 */
class DotaEvalParityTest {

    @ParameterizedTest
    @CsvSource({"task1_oriented,DOTA_TASK1", "task1_axis_aligned,DOTA_TASK1", "task2_horizontal,DOTA_TASK2",
        "task2_from_oriented,DOTA_TASK2", "task1_score_ties,DOTA_TASK1", "task2_score_ties,DOTA_TASK2"})
    void matchesDevkit(String name, Metric metric) throws Exception {
        Path dir = Fixtures.resource("dota/" + name);
        JsonNode exp = Fixtures.json(dir.resolve("expected.json"));
        for (ApMethod m : ApMethod.values()) {
            EvalRequest req = EvalRequest.of(metric, dir.resolve("labelTxt"), dir.resolve("det"))
                    .withImageset(dir.resolve("imageset.txt")).withClasses(dir.resolve("classes.txt")).withAp(m);
            EvalResult r = Evaluator.evaluate(req);
            JsonNode e = exp.get(m == ApMethod.VOC07 ? "voc07" : "all_points");
            Fixtures.assertNumber(e.get("mAP"), r.number("mAP"), name + " " + m + " mAP");
            @SuppressWarnings("unchecked")
            Map<String, Object> per = (Map<String, Object>) r.values().get("per_class_AP");
            assertEquals(e.get("per_class_AP").size(), per.size());
            e.get("per_class_AP").fields().forEachRemaining(en -> Fixtures.assertNumber(en.getValue(),
                    ((Number) per.get(en.getKey())).doubleValue(), name + " " + m + " AP " + en.getKey()));
        }
    }
}
