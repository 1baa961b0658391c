package dev.seamline.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.core.Detection;
import dev.seamline.core.PixelBuffer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every decoder reproduces the detections Python decoded from the same TorchScript model on the same
 * tiles (fixtures made by make_fixtures.py with Debian's torch 1.13; Seamline runs them on libtorch
 * 2.7.1): boxes within 1e-3 px, same classes, scores within 1e-5. The tiles go through as one batch
 * and one by one, with the same result.
 */
class DecoderFixtureTest {

    @ParameterizedTest
    @ValueSource(strings = {"yolov5", "yolov8", "yolov8_obb", "torchvision", "centernet", "boxes"})
    void reproducesThePythonSideDetections(String fixture) throws Exception {
        ModelBundle bundle = ModelBundle.load(Fixtures.folder(fixture));
        List<PixelBuffer> tiles = Fixtures.tiles(fixture);
        List<List<Detection>> expected = Fixtures.expectedDetections(fixture);
        try (Detector batched = Detector.open(bundle, DetectorOptions.defaults().withDevice(DeviceChoice.CPU).withBatchSize(8));
             Detector single = Detector.open(bundle, DetectorOptions.defaults().withDevice(DeviceChoice.CPU).withBatchSize(1))) {
            List<List<Detection>> all = batched.detect(tiles);
            assertEquals(1, batched.timings().batches(), "one forward pass for the whole batch");
            List<List<Detection>> oneByOne = single.detect(tiles);
            assertEquals(tiles.size(), single.timings().batches());
            assertEquals(tiles.size(), all.size());
            for (int i = 0; i < tiles.size(); i++) {
                assertFalse(expected.get(i).isEmpty(), fixture + ": the fixture must have detections on tile " + i);
                Fixtures.assertDetectionsEqual(expected.get(i), all.get(i), fixture + " tile " + i + " (batch)");
                Fixtures.assertDetectionsEqual(expected.get(i), oneByOne.get(i), fixture + " tile " + i + " (single)");
            }
            assertTrue(bundle.decoder() != Decoder.YOLOV8_OBB || all.get(0).get(0).isOriented());
        }
    }
}
