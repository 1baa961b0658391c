package dev.seamline.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.core.Detection;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.SampleType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The zero-cost model opens without a file and finds nothing, through the prepared and the plain input path. */
class NullModelTest {

    private static List<PixelBuffer> tiles(int count, int size) {
        Random random = new Random(3);
        List<PixelBuffer> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] data = new byte[3 * size * size];
            random.nextBytes(data);
            PixelWindow w = new PixelWindow(i * size, 0, size, size);
            out.add(new PixelBuffer(w, w, 3, SampleType.UINT8, data));
        }
        return out;
    }

    @Test
    void findsNothingInBatchesOfTheAskedSize() throws Exception {
        ModelBundle bundle = NullModel.bundle();
        assertEquals(NullModel.ARCHITECTURE, bundle.architecture());
        assertTrue(bundle.gsd().isEmpty() && bundle.maxObjectPx().isEmpty(), "never resampled, default overlap");
        try (Detector detector = Detector.open(bundle, DetectorOptions.defaults().withDevice(DeviceChoice.CPU)
                .withBatchSize(2))) {
            List<PixelBuffer> five = tiles(5, 512);
            List<List<Detection>> plain = detector.detect(five);
            List<List<Detection>> prepared = detector.detect(detector.prepare(five.subList(0, 2)));
            assertEquals(5, plain.size());
            assertEquals(2, prepared.size());
            assertTrue(plain.stream().allMatch(List::isEmpty) && prepared.stream().allMatch(List::isEmpty));
            InferenceTimings t = detector.timings();
            assertEquals(7, t.tiles());
            assertEquals(4, t.batches(), "5 tiles in batches of 2, then one prepared batch");
        }
    }
}
