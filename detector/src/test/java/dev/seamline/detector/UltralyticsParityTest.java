package dev.seamline.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.SampleType;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real Ultralytics 8.4.45 exports (fixtures/ultralytics, made by make_ultralytics_fixtures.py: tiny models trained
 * here, exported by Ultralytics' own exporter, bundled by seamline_export.py from their metadata) give what
 * Ultralytics' own {@code YOLO.predict} gives on the same images, for every layout — YOLOv8 detect
 * ({@code [B, 4+C, N]}, one class and three), YOLOv8-OBB, YOLO26 end-to-end ({@code [B, 300, 6]}, one class and
 * three) and YOLO26-OBB end-to-end ({@code [B, 300, 7]}) — with both engines (TorchScript on PyTorch, ONNX on
 * ONNX Runtime), at conf 0.25 and 0.01 (up to 300 boxes), at the bundle's own IoU 0.7: the same count, and
 * each of predict's detections matched in order (up to near-ties of score) by one of the same class, score
 * within {@value #SCORE_TOLERANCE} and box within {@value #BOX_TOLERANCE} px (an OBB's corners, in any order
 * and angle convention). Predict clips axis-aligned boxes to the image; the
 * test clips Seamline's the same way (the pipeline clips to the scene). The 400² and 400×288 images are
 * letterboxed ({@code "resize": "letterbox"}) as predict letterboxes them.
 */
class UltralyticsParityTest {

    static final double SCORE_TOLERANCE = 2e-5;
    static final double BOX_TOLERANCE = 2e-3;
    private static final String[] MODELS = {"yolov8_det3", "yolov8_det1", "yolov8_obb3", "yolo26_det3", "yolo26_det1",
            "yolo26_obb3"};
    private static final Map<String, Decoder> DECODERS = Map.of("yolov8_det3", Decoder.YOLOV8, "yolov8_det1",
            Decoder.YOLOV8, "yolov8_obb3", Decoder.YOLOV8_OBB, "yolo26_det3", Decoder.BOXES, "yolo26_det1", Decoder.BOXES,
            "yolo26_obb3", Decoder.OBB_BOXES);

    static Stream<Arguments> layouts() {
        List<Arguments> all = new ArrayList<>();
        for (String model : MODELS) {
            for (String engine : new String[] {"torchscript", "onnx"}) {
                all.add(Arguments.of(model, engine));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("layouts")
    void detectorGivesUltralyticsPredict(String model, String engine) throws Exception {
        Path folder = root().resolve(model);
        JsonNode expected = new ObjectMapper().readTree(folder.resolve("expected.json").toFile());
        ModelBundle bundle = ModelBundle.load(folder.resolve(engine));
        assertEquals(DECODERS.get(model), bundle.decoder(), "seamline_export.py reads the layout from the metadata");
        assertEquals(0.7, bundle.nmsIou(), "Ultralytics' predict IoU");
        assertEquals(InputResize.LETTERBOX, bundle.resize());
        assertEquals(engine.equals("onnx"), bundle.isOnnx());
        int compared = 0;
        for (String conf : new String[] {"0.25", "0.01"}) {
            ModelBundle atConf = ModelBundle.load(folder.resolve(engine));
            DetectorOptions options = DetectorOptions.defaults().withDevice(DeviceChoice.CPU).withBatchSize(2)
                    .withScoreThreshold(Double.parseDouble(conf));
            try (Detector detector = Detector.open(atConf, options)) {
                for (var image : (Iterable<Map.Entry<String, JsonNode>>) expected.get("images")::fields) {
                    PixelBuffer pixels = image(image.getKey());
                    List<Detection> actual = detector.detectImage(pixels);
                    JsonNode want = image.getValue().get("conf_" + conf);
                    String what = model + " " + engine + " " + image.getKey() + " conf " + conf;
                    assertSame(want, actual, pixels.width(), pixels.height(), what);
                    compared += want.size();
                }
            }
        }
        assertTrue(compared > 100, model + ": the fixture must have detections to compare, found " + compared);
    }

    /**
     * The same detections: each of predict's, in its order, has an actual one not yet matched with the same
     * class, a score within tolerance and the same box (so the order agrees up to near-ties of score, which
     * the two runtimes' last-bit differences may swap).
     */
    private static void assertSame(JsonNode want, List<Detection> actual, int width, int height, String what) {
        assertEquals(want.size(), actual.size(), what + ": detections");
        boolean[] used = new boolean[actual.size()];
        for (int i = 0; i < want.size(); i++) {
            JsonNode w = want.get(i);
            String at = what + " #" + i;
            int found = -1;
            String nearest = "none";
            for (int j = 0; j < actual.size() && found < 0; j++) {
                Detection a = actual.get(j);
                if (used[j] || a.classId() != w.get("class").asInt()
                        || Math.abs(a.score() - w.get("score").asDouble()) > SCORE_TOLERANCE) {
                    continue;
                }
                double d = w.has("corners") ? (a.isOriented() ? cornerDistance(doubles(w.get("corners")), a.oriented().corners())
                        : Double.MAX_VALUE) : boxDistance(doubles(w.get("box")), a.box(), width, height);
                if (d <= BOX_TOLERANCE) {
                    found = j;
                } else {
                    nearest = "#" + j + " at " + d + " px";
                }
            }
            assertTrue(found >= 0, at + ": no detection of class " + w.get("class") + ", score " + w.get("score")
                    + " and the same box (" + w + "); of that class and score the nearest: " + nearest);
            assertTrue(Math.abs(found - i) <= 3, at + ": found as #" + found + ", out of order beyond near-ties");
            used[found] = true;
        }
    }

    private static double boxDistance(double[] box, Box b, int width, int height) {
        double[] clipped = {clamp(b.x0(), width), clamp(b.y0(), height), clamp(b.x1(), width), clamp(b.y1(), height)};
        double d = 0;
        for (int k = 0; k < 4; k++) {
            d = Math.max(d, Math.abs(box[k] - clipped[k]));
        }
        return d;
    }

    /** The largest distance from an expected corner to the nearest actual one (corner order free). */
    static double cornerDistance(double[] expected, double[] actual) {
        double worst = 0;
        for (int i = 0; i < 8; i += 2) {
            double best = Double.MAX_VALUE;
            for (int j = 0; j < 8; j += 2) {
                best = Math.min(best, Math.hypot(expected[i] - actual[j], expected[i + 1] - actual[j + 1]));
            }
            worst = Math.max(worst, best);
        }
        return worst;
    }

    /** The same rectangle: every expected corner has an actual corner within tolerance (corner order free). */
    static void assertCornersEqual(double[] expected, double[] actual, String what) {
        for (int i = 0; i < 8; i += 2) {
            double best = Double.MAX_VALUE;
            for (int j = 0; j < 8; j += 2) {
                best = Math.min(best, Math.hypot(expected[i] - actual[j], expected[i + 1] - actual[j + 1]));
            }
            assertTrue(best <= BOX_TOLERANCE, what + ": corner (" + expected[i] + ", " + expected[i + 1]
                    + ") is " + best + " px from the nearest of " + java.util.Arrays.toString(actual));
        }
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    static Path root() throws Exception {
        return Path.of(UltralyticsParityTest.class.getResource("/fixtures/ultralytics/images").toURI()).getParent();
    }

    /** An image of fixtures/ultralytics/images as planar RGB bytes (bands 1, 2, 3 = R, G, B). */
    static PixelBuffer image(String name) throws Exception {
        BufferedImage img = ImageIO.read(root().resolve("images").resolve(name + ".png").toFile());
        int w = img.getWidth(), h = img.getHeight();
        byte[] data = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                data[y * w + x] = (byte) (rgb >> 16);
                data[w * h + y * w + x] = (byte) (rgb >> 8);
                data[2 * w * h + y * w + x] = (byte) rgb;
            }
        }
        PixelWindow window = new PixelWindow(0, 0, w, h);
        return new PixelBuffer(window, window, 3, SampleType.UINT8, data);
    }
}
