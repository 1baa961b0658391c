package dev.seamline.detector.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.core.ClassCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CenterNetTrainerTest {

    private static TrainingOptions toyOptions(int steps) {
        return new TrainingOptions(BuiltinArchitectures.CENTERNET_LITE_V1, ClassCatalog.ofNames(List.of("bar", "square")),
                64, 4, steps, 3e-3, 1.2, 7, 5, java.util.Optional.empty());
    }

    @Test
    void lossFallsOnALearnableToyTask(@TempDir Path dir) throws Exception {
        List<CenterNetTrainer.Progress> seen = new ArrayList<>();
        Path params = new CenterNetTrainer(toyOptions(60), dir, seen::add).train(new ToyChips());
        assertEquals(60, seen.size());
        double first = seen.get(4).loss(), last = seen.get(59).loss();
        assertTrue(last < 0.6 * first, "loss should fall: " + first + " -> " + last);
        assertTrue(Files.size(params) > 100_000);
    }

    @Test
    void resumesFromTheLastCheckpointAfterACrash(@TempDir Path dir) throws Exception {
        TrainingOptions options = toyOptions(12);
        try {
            new CenterNetTrainer(options, dir, p -> {
                if (p.step() == 7) {
                    throw new IllegalStateException("simulated crash");
                }
            }).train(new ToyChips());
        } catch (IllegalStateException expected) {
            // the checkpoint of step 5 survives
        }
        byte[] atFive = Files.readAllBytes(dir.resolve("checkpoint.params"));
        List<Integer> steps = new ArrayList<>();
        Path last = new CenterNetTrainer(options, dir, p -> steps.add(p.step())).train(new ToyChips());
        assertEquals(6, steps.get(0), "resumes after the step-5 checkpoint");
        assertEquals(12, steps.get(steps.size() - 1));
        // the resumed steps really train the loaded weights, and what is saved is what was trained
        assertTrue(!java.util.Arrays.equals(atFive, Files.readAllBytes(last)), "steps 6-12 must change the saved weights");
    }

    @Test
    void targetRadiusKeepsIoUAboveSevenTenths() {
        double r = CenterNetTargets.radius(10, 20);
        assertTrue(r > 0.5 && r < 5, "radius " + r);
        // a box shifted by (r, r) keeps IoU 0.7 with the original (case 1 bounds the others)
        dev.seamline.core.Box a = new dev.seamline.core.Box(0, 0, 20, 10);
        assertTrue(a.iou(a.shift(r, r)) >= 0.7 - 1e-9, "IoU " + a.iou(a.shift(r, r)));
    }

    @Test
    void augmentationMovesBoxesWithThePixels() throws Exception {
        Augmenter augmenter = new Augmenter(new ToyChips(), 1.0);
        for (int seed = 0; seed < 20; seed++) {
            Augmenter.Sample s = augmenter.next(64, new java.util.SplittableRandom(seed));
            for (dev.seamline.core.Detection d : s.objects()) {
                // every object is a flat patch: bright (>200) or dark (<60) before contrast changes of at most 25% + 20
                int cx = (int) d.box().centerX(), cy = (int) d.box().centerY();
                float v = s.pixels()[cy * 64 + cx];
                assertTrue(v > 180 || v < 75, "object centre value " + v + " at " + cx + "," + cy + " seed " + seed);
            }
        }
    }
}
