package dev.seamline.detector.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.core.ClassCatalog;
import dev.seamline.core.Detection;
import dev.seamline.detector.Decoder;
import dev.seamline.detector.Detector;
import dev.seamline.detector.DetectorOptions;
import dev.seamline.detector.ModelBundle;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trained built-in network, written as a bundle, loads through ModelBundle and detects. */
class BuiltinBundlesTest {

    @Test
    void trainedNetworkRoundTripsThroughABundle(@TempDir Path work, @TempDir Path bundleDir) throws Exception {
        ClassCatalog classes = ClassCatalog.ofNames(List.of("bar", "square"));
        TrainingOptions options = new TrainingOptions(BuiltinArchitectures.CENTERNET_LITE_V1, classes, 64, 4, 150, 3e-3,
                1.0, 3, 50, Optional.empty());
        Path params = new CenterNetTrainer(options, work, p -> { }).train(new ToyChips());
        BuiltinBundles.write(bundleDir, params, new BuiltinBundles.Description("toy", "1", options.architecture(), classes,
                64, 0.3, 0.3, 50, "toy test model"));

        ModelBundle bundle = ModelBundle.load(bundleDir);
        assertEquals(Decoder.CENTERNET, bundle.decoder());
        assertEquals(classes, bundle.classes());
        assertEquals(64, bundle.inputWidth());

        TrainingChip chip = new ToyChips().next(64, new SplittableRandom(99));
        try (Detector detector = Detector.open(bundle, DetectorOptions.defaults())) {
            List<Detection> found = detector.detect(chip.image());
            // after 150 toy steps the model finds most bars and squares: each labelled object is hit
            int hits = 0;
            for (Detection truth : chip.objects()) {
                for (Detection d : found) {
                    if (d.classId() == truth.classId() && d.box().iou(truth.box()) > 0.3) {
                        hits++;
                        break;
                    }
                }
            }
            assertTrue(hits >= 1, "found " + found + " for " + chip.objects());
        }
    }
}
