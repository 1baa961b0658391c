package dev.seamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seamline.formats.safepassage.SafePassageCsv;
import dev.seamline.formats.safepassage.SafePassageCsv.Centre;
import dev.seamline.formats.safepassage.SafePassageCsv.Row;
import dev.seamline.formats.safepassage.VehicleClass;
import dev.seamline.pipeline.TestModels;
import dev.seamline.samples.SceneFiles;
import dev.seamline.samples.SceneObject;
import dev.seamline.samples.SceneSpec;
import dev.seamline.samples.SyntheticScene;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code detect --config safe-passage} then {@code eval --metric safe-passage}: the preset's
 * submission (a random built-in model, so the score itself means nothing) is accepted by the metric,
 * against a truth made from the synthetic scene's own objects through the preset's class map.
 */
class SafePassageLoopTest {

    @Test
    void detectWithThePresetThenEval(@TempDir Path dir) throws Exception {
        Path model = TestModels.randomBuiltin(dir.resolve("model"), 0.05);
        SyntheticScene scene = SyntheticScene.of(SceneSpec.of(1280, 1280, 19));
        SceneFiles.write(scene, dir.resolve("scene"), 1);
        Path out = dir.resolve("out");
        CliTest.Result r = CliTest.seamline("detect", dir.resolve("scene").resolve(SceneFiles.SCENE).toString(), "--model",
                model.toString(), "--config", "safe-passage", "--out", out.toString(), "--device", "cpu", "--no-resample");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        Path sub = out.resolve("safe-passage/submission.csv");
        List<Row> rows = SafePassageCsv.read(sub);
        assertEquals(List.of(VehicleClass.values()), rows.stream().map(Row::vehicleClass).toList());
        assertTrue(rows.stream().allMatch(x -> x.image().equals(SceneFiles.SCENE)), rows.toString());

        // the truth: the scene's vehicles as the preset maps them (small-vehicle B, large-vehicle H)
        Map<String, VehicleClass> map = Map.of("small-vehicle", VehicleClass.B, "large-vehicle", VehicleClass.H);
        Map<VehicleClass, List<Centre>> centres = new EnumMap<>(VehicleClass.class);
        for (SceneObject o : scene.objects()) {
            VehicleClass v = map.get(o.type().dotaName());
            if (v != null) {
                centres.computeIfAbsent(v, k -> new ArrayList<>()).add(Centre.ofPixelSpace(o.box().cx(), o.box().cy()));
            }
        }
        assertTrue(!centres.isEmpty(), "the scene has vehicles");
        List<Row> truth = new ArrayList<>();
        for (VehicleClass v : VehicleClass.values()) {
            truth.add(new Row(SceneFiles.SCENE, v, centres.getOrDefault(v, List.of())));
        }
        Path gt = dir.resolve("truth.csv");
        SafePassageCsv.write(gt, truth);
        Path json = dir.resolve("score.json");
        r = CliTest.seamline("eval", "--metric", "safe-passage", "--gt", gt.toString(), "--pred", sub.toString(), "--json",
                json.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        long detections = rows.stream().mapToLong(x -> x.centres().size()).sum();
        long vehicles = centres.values().stream().mapToLong(List::size).sum();
        assertTrue(detections > 0, "the model found something to write");
        assertEquals(detections, j.get("TP").asLong() + j.get("FP").asLong());
        assertEquals(vehicles, j.get("TP").asLong() + j.get("FN").asLong());
        assertTrue(r.out().contains("Jaccard"), r.out());
    }
}
