package dev.seamline.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import java.util.List;

/**
 * Assertions that boxes and detections are equal within a tolerance, in pixels (or whatever unit the
 * boxes are in): each of {@code x0, y0, x1, y1} may differ by at most the tolerance. Equal infinities are
 * equal; NaN never is.
 *
 * <p>Stateless and thread-safe.
 */
public final class BoxAssertions {

    private BoxAssertions() {
    }

    /** Each corner coordinate of {@code actual} within {@code tolerance} of {@code expected}'s. */
    public static void assertBoxesEqual(Box expected, Box actual, double tolerance) {
        assertBoxesEqual(expected, actual, tolerance, "expected " + expected + " got " + actual);
    }

    /** As {@link #assertBoxesEqual(Box, Box, double)}, failing with {@code message} and the coordinate. */
    public static void assertBoxesEqual(Box expected, Box actual, double tolerance, String message) {
        near(expected.x0(), actual.x0(), tolerance, "x0", message);
        near(expected.y0(), actual.y0(), tolerance, "y0", message);
        near(expected.x1(), actual.x1(), tolerance, "x1", message);
        near(expected.y1(), actual.y1(), tolerance, "y1", message);
    }

    /**
     * The same class, and score and box each within {@code tolerance} (the oriented box, if any, is not
     * compared).
     */
    public static void assertBoxesEqual(Detection expected, Detection actual, double tolerance) {
        String msg = "expected " + expected + " got " + actual;
        assertEquals(expected.classId(), actual.classId(), msg);
        assertEquals(expected.score(), actual.score(), tolerance, msg);
        assertBoxesEqual(expected.box(), actual.box(), tolerance, msg);
    }

    /** As many boxes, and each of {@code actual} equal to the one of {@code expected} at its index. */
    public static void assertBoxesEqual(List<Box> expected, List<Box> actual, double tolerance, String what) {
        assertEquals(expected.size(), actual.size(), what + ": box count");
        for (int i = 0; i < expected.size(); i++) {
            assertBoxesEqual(expected.get(i), actual.get(i), tolerance,
                    what + " #" + i + ": expected " + expected.get(i) + " got " + actual.get(i));
        }
    }

    private static void near(double expected, double actual, double tolerance, String coordinate, String message) {
        assertTrue(expected == actual || Math.abs(expected - actual) <= tolerance,
                message + " (" + coordinate + ": " + expected + " vs " + actual + ", tolerance " + tolerance + ")");
    }
}
