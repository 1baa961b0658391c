package dev.seamline.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seamline.core.BadInputException;
import dev.seamline.core.Detection;
import dev.seamline.core.PixelBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ONNX bundles (fixtures/onnx, made by make_onnx_fixtures.py from the TorchScript fixtures' own weights)
 * give the detections Python decoded and those of the TorchScript bundle: boxes within 1e-3 px, same
 * classes, scores within 1e-5, in one batch and one tile at a time; an ONNX file with a fixed batch of 1
 * runs one tile at a time; probIoU and Ultralytics' fast NMS match numbers computed in Python.
 */
class OnnxFixtureTest {

    private static DetectorOptions cpu(int batch) {
        return DetectorOptions.defaults().withDevice(DeviceChoice.CPU).withBatchSize(batch);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yolov5", "yolov8", "yolov8_obb", "centernet", "boxes_e2e"})
    void onnxGivesThePythonAndTorchScriptDetections(String fixture) throws Exception {
        ModelBundle onnx = ModelBundle.load(Fixtures.folder("onnx/" + fixture));
        ModelBundle torchscript = ModelBundle.load(Fixtures.folder(fixture));
        assertTrue(onnx.isOnnx());
        List<PixelBuffer> tiles = Fixtures.tiles(fixture);
        List<List<Detection>> expected = Fixtures.expectedDetections(fixture);
        try (Detector batched = Detector.open(onnx, cpu(8));
             Detector single = Detector.open(onnx, cpu(1));
             Detector ts = Detector.open(torchscript, cpu(8))) {
            List<List<Detection>> all = batched.detect(tiles);
            assertEquals(1, batched.timings().batches(), "one forward pass for the whole batch");
            assertEquals(8, batched.batchSize());
            List<List<Detection>> oneByOne = single.detect(tiles);
            List<List<Detection>> viaTorch = ts.detect(tiles);
            for (int i = 0; i < tiles.size(); i++) {
                assertFalse(expected.get(i).isEmpty(), fixture + ": the fixture must have detections on tile " + i);
                Fixtures.assertDetectionsEqual(expected.get(i), all.get(i), fixture + " tile " + i + " (onnx, batch)");
                Fixtures.assertDetectionsEqual(expected.get(i), oneByOne.get(i), fixture + " tile " + i + " (onnx, single)");
                Fixtures.assertDetectionsEqual(viaTorch.get(i), all.get(i), fixture + " tile " + i + " (onnx vs torchscript)");
            }
        }
    }

    @Test
    void preparedBatchesGiveTheSameDetections() throws Exception {
        ModelBundle onnx = ModelBundle.load(Fixtures.folder("onnx/yolov8"));
        List<PixelBuffer> tiles = Fixtures.tiles("yolov8");
        List<List<Detection>> expected = Fixtures.expectedDetections("yolov8");
        try (Detector d = Detector.open(onnx, cpu(8))) {
            List<PixelBuffer> prepared = d.prepare(tiles);
            assertTrue(prepared instanceof PreparedTiles, "an ONNX batch is built ahead as a PyTorch one is");
            List<List<Detection>> out = d.detect(prepared);
            for (int i = 0; i < tiles.size(); i++) {
                Fixtures.assertDetectionsEqual(expected.get(i), out.get(i), "prepared tile " + i);
            }
        }
    }

    @Test
    void aFixedBatchOfOneRunsOneTileAtATime() throws Exception {
        ModelBundle onnx = ModelBundle.load(Fixtures.folder("onnx/yolov8_b1"));
        List<PixelBuffer> tiles = Fixtures.tiles("yolov8");
        List<List<Detection>> expected = Fixtures.expectedDetections("yolov8");
        try (Detector d = Detector.open(onnx, cpu(8))) {
            assertEquals(1, d.batchSize());
            assertFalse(d.prepare(tiles) instanceof PreparedTiles, "three tiles do not fit a batch of 1");
            List<List<Detection>> out = d.detect(d.prepare(tiles));
            assertEquals(tiles.size(), d.timings().batches());
            for (int i = 0; i < tiles.size(); i++) {
                Fixtures.assertDetectionsEqual(expected.get(i), out.get(i), "fixed batch tile " + i);
            }
        }
    }

    @Test
    void probIouMatchesPython() throws Exception {
        JsonNode pairs = probiouFixture().get("pairs");
        assertTrue(pairs.size() > 40);
        for (JsonNode p : pairs) {
            double[] a = doubles(p.get("a"));
            double[] b = doubles(p.get("b"));
            double expected = p.get("probiou").asDouble();
            assertEquals(expected, ProbIou.of(a, b), 1e-9, p.toString());
            assertEquals(expected, ProbIou.of(b, a), 1e-9, "symmetric: " + p);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"yolov8_obb", "onnx/yolov8_obb"})
    void obbProbIouSuppressionIsUltralyticsFastNms(String folder) throws Exception {
        JsonNode fixture = probiouFixture();
        ModelBundle bundle = ModelBundle.load(Fixtures.folder(folder)).withOrientedNms(OrientedNms.PROBIOU);
        List<PixelBuffer> tiles = Fixtures.tiles("yolov8_obb");
        List<List<Detection>> polygon = Fixtures.expectedDetections("yolov8_obb");
        try (Detector d = Detector.open(bundle, cpu(8))) {
            List<List<Detection>> out = d.detect(tiles);
            JsonNode tilesJson = fixture.get("detections");
            for (int i = 0; i < tiles.size(); i++) {
                List<Detection> expected = Fixtures.detections(tilesJson.get(i));
                assertTrue(expected.size() < polygon.get(i).size(), "the fixture's fast NMS drops more than greedy NMS");
                Fixtures.assertDetectionsEqual(expected, out.get(i), folder + " probiou tile " + i);
            }
        }
    }

    @Test
    void obbBundlesWithoutNmsUseProbIou(@TempDir Path dir) throws Exception {
        Path folder = copyWith(dir, "onnx/yolov8_obb", root -> root.remove("nms"));
        assertEquals(OrientedNms.PROBIOU, ModelBundle.load(folder).orientedNms());
        Path yolo = copyWith(dir.resolve("y"), "onnx/yolov8", root -> root.put("nms", "probiou"));
        BadInputException e = assertThrows(BadInputException.class, () -> ModelBundle.load(yolo));
        assertTrue(e.getMessage().contains("nms: chooses the oriented suppression of decoder YOLOV8_OBB only"), e.getMessage());
        Path bad = copyWith(dir.resolve("b"), "onnx/yolov8_obb", root -> root.put("nms", "exact"));
        e = assertThrows(BadInputException.class, () -> ModelBundle.load(bad));
        assertTrue(e.getMessage().contains("nms: expected \"probiou\" or \"polygon\", found \"exact\""), e.getMessage());
    }

    @Test
    void aGpuAskedForSaysWhatOnnxNeeds() throws Exception {
        ModelBundle onnx = ModelBundle.load(Fixtures.folder("onnx/yolov8"));
        BadInputException e = assertThrows(BadInputException.class,
                () -> Detector.open(onnx, DetectorOptions.defaults().withDevice(DeviceChoice.gpu(0))));
        assertTrue(e.getMessage().contains("--device gpu:0: this ONNX Runtime 1.21.1 is the CPU build"), e.getMessage());
        assertTrue(e.getMessage().contains("onnxruntime_gpu") && e.getMessage().contains("CUDA 12 with cuDNN 9"), e.getMessage());
        try (Detector d = Detector.open(onnx, DetectorOptions.defaults())) {
            assertEquals(DeviceChoice.CPU, d.device(), "auto is the CPU with the CPU build, and the log says why");
        }
    }

    @Test
    void anInputThatDoesNotFitIsOneLine(@TempDir Path dir) throws Exception {
        Path wide = copyWith(dir.resolve("w"), "onnx/yolov8", root -> ((ObjectNode) root.get("input")).put("width", 96));
        BadInputException e = assertThrows(BadInputException.class, () -> Detector.open(ModelBundle.load(wide), cpu(1)));
        assertTrue(e.getMessage().contains("the ONNX model's input images [?, 3, 64, 64] has 64 width, model.json "
                + "input.width gives 96"), e.getMessage());
        Path notOnnx = copyWith(dir.resolve("n"), "onnx/yolov8", root -> { });
        Files.writeString(notOnnx.resolve("model.onnx"), "not a protobuf");
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(notOnnx.resolve("model.json").toFile());
        root.put("weights_sha256", ModelBundle.sha256(notOnnx.resolve("model.onnx")));
        new ObjectMapper().writeValue(notOnnx.resolve("model.json").toFile(), root);
        e = assertThrows(BadInputException.class, () -> Detector.open(ModelBundle.load(notOnnx), cpu(1)));
        assertTrue(e.getMessage().contains("not an ONNX model ONNX Runtime 1.21.1 can load"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    private interface Edit {
        void apply(ObjectNode root);
    }

    private static Path copyWith(Path dir, String fixture, Edit edit) throws Exception {
        Path from = Fixtures.folder(fixture);
        Files.createDirectories(dir);
        try (var files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, dir.resolve(f.getFileName().toString()));
            }
        }
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(dir.resolve("model.json").toFile());
        edit.apply(root);
        new ObjectMapper().writeValue(dir.resolve("model.json").toFile(), root);
        return dir;
    }

    private static JsonNode probiouFixture() throws Exception {
        return new ObjectMapper().readTree(Fixtures.folder("onnx/yolov8").getParent().resolve("probiou.json").toFile());
    }

    private static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }
}
