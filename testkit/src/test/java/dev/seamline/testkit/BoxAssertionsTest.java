package dev.seamline.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class BoxAssertionsTest {

    @Test
    void withinTheToleranceOnEveryCoordinate() {
        Box a = new Box(1, 2, 3, 4);
        BoxAssertions.assertBoxesEqual(a, new Box(1.1, 2, 3, 3.9), 0.1 + 1e-12);
        for (Box off : List.of(new Box(1.2, 2, 3, 4), new Box(1, 2.2, 3, 4), new Box(1, 2, 3.2, 4), new Box(1, 2, 3, 4.2))) {
            assertThrows(AssertionFailedError.class, () -> BoxAssertions.assertBoxesEqual(a, off, 0.1));
        }
        BoxAssertions.assertBoxesEqual(List.of(a), List.of(a), 0, "one");
        assertThrows(AssertionFailedError.class, () -> BoxAssertions.assertBoxesEqual(List.of(a), List.of(), 0, "none"));
    }

    @Test
    void detectionsCompareClassAndScoreToo() {
        Detection d = Detection.of(new Box(0, 0, 10, 10), 2, 0.5);
        BoxAssertions.assertBoxesEqual(d, Detection.of(new Box(0, 0, 10, 10), 2, 0.5), 0);
        assertThrows(AssertionFailedError.class,
                () -> BoxAssertions.assertBoxesEqual(d, Detection.of(new Box(0, 0, 10, 10), 3, 0.5), 1));
        assertThrows(AssertionFailedError.class,
                () -> BoxAssertions.assertBoxesEqual(d, Detection.of(new Box(0, 0, 10, 10), 2, 0.7), 0.1));
    }
}
