package dev.seamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Through the whole pipeline, a 640² scene that is exactly one tile gives Ultralytics' own predict result
 * (the detector module's Ultralytics fixtures: real 8.4.45 exports and predict's outputs): the same count,
 * classes and order, scores within 2e-5, boxes within 2e-3 px, at conf 0.25 and at 0.01, where a second merge
 * of the one tile used to drop most of them (91 of 212 kept on main before this fix); the 400² image is
 * letterboxed as predict letterboxes it.
 */
class UltralyticsOneTileCliTest {

    static final Path FIXTURES = Path.of("../detector/src/test/resources/fixtures/ultralytics");

    @ParameterizedTest
    @CsvSource({"yolov8_det3, torchscript, scene_a, 0.01", "yolov8_det3, onnx, scene_b, 0.25",
            "yolov8_det3, onnx, small_400, 0.25"})
    void oneTileSceneIsPredict(String model, String engine, String image, String conf, @TempDir Path out) throws Exception {
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"detect", FIXTURES.resolve("images/" + image + ".png").toString(), "--model",
                FIXTURES.resolve(model).resolve(engine).toString(), "--out", out.toString(), "--format", "coco",
                "--no-quicklook", "--min-score", conf}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        ObjectMapper json = new ObjectMapper();
        JsonNode want = json.readTree(FIXTURES.resolve(model).resolve("expected.json").toFile())
                .get("images").get(image).get("conf_" + conf);
        List<JsonNode> got = new ArrayList<>();
        json.readTree(out.resolve(image + ".coco.json").toFile()).forEach(got::add);
        got.sort(Comparator.comparingDouble(d -> -d.get("score").asDouble()));
        assertEquals(want.size(), got.size(), "detections");
        for (int i = 0; i < want.size(); i++) {
            JsonNode w = want.get(i), g = got.get(i);
            assertEquals(w.get("class").asInt() + 1, g.get("category_id").asInt(), "#" + i + " class (COCO ids from 1)");
            assertEquals(w.get("score").asDouble(), g.get("score").asDouble(), 2e-5, "#" + i + " score");
            JsonNode b = g.get("bbox");
            double[] box = {b.get(0).asDouble(), b.get(1).asDouble(), b.get(0).asDouble() + b.get(2).asDouble(),
                    b.get(1).asDouble() + b.get(3).asDouble()};
            for (int k = 0; k < 4; k++) {
                assertEquals(w.get("box").get(k).asDouble(), box[k], 2e-3, "#" + i + " box[" + k + "]");
            }
        }
    }
}
