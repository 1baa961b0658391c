package dev.seamline.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seamline.core.BadInputException;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.SampleType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad bundle or model fails with one line naming the file and saying what was expected and what was
 * found: missing and wrong files, outputs that fit no decoder, class-count and input-size mismatches.
 */
class BadModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    /** A copy of a fixture bundle with model.json edited. */
    private Path bundle(String fixture, Consumer<ObjectNode> edit) throws IOException {
        Path dir = Files.createTempDirectory(temp, fixture);
        Files.copy(Fixtures.folder(fixture).resolve("model.pt"), dir.resolve("model.pt"));
        ObjectNode json = (ObjectNode) JSON.readTree(Fixtures.folder(fixture).resolve("model.json").toFile());
        edit.accept(json);
        JSON.writeValue(dir.resolve("model.json").toFile(), json);
        return dir;
    }

    private static String loadFails(Path bundle) {
        BadInputException e = assertThrows(BadInputException.class, () -> ModelBundle.load(bundle));
        assertOneLine(e);
        return e.getMessage();
    }

    private static String openFails(Path bundle) {
        BadInputException e = assertThrows(BadInputException.class, () -> {
            try (Detector d = Detector.open(bundle, DetectorOptions.defaults().withDevice(DeviceChoice.CPU))) {
                d.bundle();
            }
        });
        assertOneLine(e);
        return e.getMessage();
    }

    private static void assertOneLine(Exception e) {
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    private static void assertContains(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "'" + p + "' missing in: " + message);
        }
    }

    @Test
    void missingBundleDescriptorAndWeights() throws IOException {
        assertContains(loadFails(temp.resolve("nowhere")), "nowhere", "no such model bundle");
        Path empty = Files.createDirectories(temp.resolve("empty"));
        assertContains(loadFails(empty), "model.json", "missing");
        Path noWeights = bundle("yolov8", j -> j.put("weights", "gone.pt"));
        assertContains(loadFails(noWeights), "gone.pt", "missing");
    }

    @Test
    void wrongWeightsFile() throws Exception {
        Path dir = bundle("yolov8", j -> { });
        Files.writeString(dir.resolve("model.pt"), "this is not a model");
        assertContains(loadFails(dir), "model.pt", "sha256 mismatch", "expects", "the file has");
        ObjectNode json = (ObjectNode) JSON.readTree(dir.resolve("model.json").toFile());
        json.put("weights_sha256", ModelBundle.sha256(dir.resolve("model.pt")));
        JSON.writeValue(dir.resolve("model.json").toFile(), json);
        assertContains(openFails(dir), "model.pt", "not a TorchScript model");
    }

    @Test
    void badFieldsNameFieldExpectedAndFound() throws IOException {
        assertContains(loadFails(bundle("yolov8", j -> j.put("decoder", "YOLOV9"))), "model.json", "decoder: expected one of",
                "found \"YOLOV9\"");
        assertContains(loadFails(bundle("yolov8", j -> ((ObjectNode) j.get("input")).put("width", -3))), "input.width",
                "expected an integer", "found -3");
        assertContains(loadFails(bundle("yolov8", j -> ((ObjectNode) j.get("normalization")).putArray("mean").add(0.5))),
                "normalization.mean", "expected 3 numbers", "found \"1 numbers\"");
        assertContains(loadFails(bundle("yolov8", j -> j.put("score_threshold", 2))), "score_threshold",
                "expected a number in [0, 1]", "found 2");
        assertContains(loadFails(bundle("yolov8", j -> j.put("scroe_threshold", 0.3))), "unknown field 'scroe_threshold'");
        assertContains(loadFails(bundle("yolov8", j -> j.put("architecture", "tensorflow"))), "architecture: expected",
                "found \"tensorflow\"");
        assertContains(loadFails(bundle("yolov8", j -> j.putArray("classes").add("car").add("car"))), "classes",
                "appears twice");
    }

    @Test
    void malformedDescriptors() throws IOException {
        Path dir = bundle("yolov8", j -> { });
        Files.writeString(dir.resolve("model.json"), "{\"name\": \"x\",\n \"decoder\": YOLOV8}");
        assertContains(loadFails(dir), "model.json", "not valid JSON");
        Files.writeString(dir.resolve("model.json"), "[1, 2]");
        assertContains(loadFails(dir), "model.json", "expected a JSON object, found an array");
        Files.write(dir.resolve("model.json"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertContains(loadFails(dir), "model.json");
        Path zip = temp.resolve("broken.zip");
        Files.writeString(zip, "not a zip");
        assertContains(loadFails(zip), "broken.zip", "not a readable zip");
    }

    @Test
    void builtinArchitecturesAreChecked() throws IOException {
        assertContains(loadFails(bundle("centernet", j -> j.put("architecture", "builtin:resnet-9000"))),
                "architecture: expected one of [builtin:centernet-lite-v1]", "found \"builtin:resnet-9000\"");
        assertContains(loadFails(bundle("yolov8", j -> j.put("architecture", "builtin:centernet-lite-v1"))),
                "decoder: built-in architecture centernet-lite-v1 outputs CENTERNET heads, found decoder YOLOV8");
        assertContains(loadFails(bundle("centernet", j -> {
            j.put("architecture", "builtin:centernet-lite-v1");
            ((ObjectNode) j.get("input")).put("width", 80).put("height", 80);
        })), "input: centernet-lite-v1 needs a width and height divisible by 32, found 80x80");
        // TorchScript weights named as DJL parameters of the built-in network
        assertContains(openFails(bundle("centernet", j -> j.put("architecture", "builtin:centernet-lite-v1"))),
                "model.pt", "not parameters of builtin:centernet-lite-v1 with 3 classes");
    }

    @Test
    void theDescriptorItselfMayBeNamed() throws Exception {
        ModelBundle bundle = ModelBundle.load(Fixtures.folder("yolov8").resolve("model.json"));
        assertEquals("tiny-yolov8", bundle.name());
        assertEquals(Fixtures.folder("yolov8").resolve("model.pt"), bundle.weights());
    }

    @Test
    void outputThatFitsNoDecoder() throws IOException {
        // a YOLOv8 model read as CenterNet, as plain boxes and as YOLOv5
        assertContains(openFails(bundle("yolov8", j -> j.put("decoder", "CENTERNET"))), "model.pt",
                "CENTERNET output: expected 2 or 3 tensors", "found 1");
        assertContains(openFails(bundle("yolov8", j -> j.put("decoder", "BOXES"))), "model.pt",
                "BOXES output: expected one [N, 6] tensor per tile", "found [1, 7, 80]");
        assertContains(openFails(bundle("yolov8", j -> j.put("decoder", "YOLOV5"))), "YOLOV5 output [B, N, 5+C]",
                "expected 8 = 5+3 values per box", "found [1, 7, 80]", "use decoder YOLOV8");
    }

    @Test
    void classCountMismatch() throws IOException {
        String m = openFails(bundle("yolov8", j -> j.putArray("classes").add("car").add("truck")));
        assertContains(m, "model.pt", "expected 6 = 4+2 values per box for the catalog's 2 classes", "found [1, 7, 80] (3 classes)");
        m = openFails(bundle("centernet", j -> j.putArray("classes").add("car").add("truck")));
        assertContains(m, "expected 2 channels for the catalog's classes", "found [1, 3, 16, 16] (3 classes)");
        m = openFails(bundle("yolov8_obb", j -> j.putArray("classes").add("plane")));
        assertContains(m, "expected [1, 6, N] for the catalog's 1 classes", "found [1, 7, 80] (2 classes)");
    }

    @Test
    void inputSizeMismatch() throws Exception {
        // the traced YOLOv5 has its grids baked in for 64x64, as Ultralytics exports have
        Path wrongSize = bundle("yolov5", j -> ((ObjectNode) j.get("input")).put("width", 96).put("height", 96));
        assertContains(openFails(wrongSize), "model.pt", "the model fails on a [1, 3, 96, 96] input",
                "model.json gives as input (96x96)");
        // a fully convolutional CenterNet runs at 96 but then its cells do not match the stride
        Path stride = bundle("centernet", j -> j.put("output_stride", 8));
        assertContains(openFails(stride), "expected 8x8 cells (input 64x64, output_stride 8)", "found [1, 3, 16, 16]");
        // a tile larger than the input
        try (Detector d = Detector.open(Fixtures.folder("yolov8"), DetectorOptions.defaults().withDevice(DeviceChoice.CPU))) {
            PixelWindow w = new PixelWindow(0, 0, 96, 96);
            PixelBuffer big = new PixelBuffer(w, w, 3, SampleType.UINT8, new byte[3 * 96 * 96]);
            BadInputException e = assertThrows(BadInputException.class, () -> d.detect(List.of(big)));
            assertOneLine(e);
            assertContains(e.getMessage(), "a 96x96 tile is larger than the model input 64x64");
            PixelBuffer twoBands = new PixelBuffer(new PixelWindow(0, 0, 64, 64), new PixelWindow(0, 0, 64, 64), 2,
                    SampleType.UINT8, new byte[2 * 64 * 64]);
            e = assertThrows(BadInputException.class, () -> d.detect(List.of(twoBands)));
            assertContains(e.getMessage(), "the model reads band 3 but a tile has 2 bands");
        }
    }

    @Test
    void askedForGpuThatIsNotThere() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount() < 8);
        BadInputException e = assertThrows(BadInputException.class,
                () -> Detector.open(Fixtures.folder("yolov8"), DetectorOptions.defaults().withDevice(DeviceChoice.gpu(7))));
        assertOneLine(e);
        assertContains(e.getMessage(), "--device gpu:7", "sees");
    }
}
