package dev.seamline.pipeline.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.detector.builtin.TrainingChip;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SyntheticChipsTest {

    @Test
    void chipsAreReproducibleAndLabelledInsideTheChip() {
        SyntheticChips a = new SyntheticChips(500, 1024, 6, 3, 160);
        SyntheticChips b = new SyntheticChips(500, 1024, 6, 3, 160);
        int withObjects = 0;
        for (int k = 0; k < 12; k++) {
            TrainingChip ca = a.next(128, new SplittableRandom(k)), cb = b.next(128, new SplittableRandom(k));
            assertArrayEquals(ca.image().asBytes(), cb.image().asBytes());
            assertEquals(ca.objects(), cb.objects());
            assertEquals(128, ca.image().width());
            for (Detection d : ca.objects()) {
                assertTrue(d.box().intersectionArea(new Box(0, 0, 128, 128)) > 0, "label outside the chip: " + d);
                assertTrue(d.classId() >= 0 && d.classId() < 4);
            }
            withObjects += ca.objects().isEmpty() ? 0 : 1;
        }
        assertTrue(withObjects >= 6, "most chips are cut near objects: " + withObjects + " of 12");
    }
}
