package dev.seamline.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoxTest {

    @Test
    void iouAndIosOfOverlappingBoxes() {
        Box a = new Box(0, 0, 10, 10);
        Box b = new Box(5, 0, 15, 10);
        assertEquals(50.0 / 150.0, a.iou(b), 1e-15);
        assertEquals(0.5, a.ios(b), 1e-15);
        Box inner = new Box(2, 2, 4, 4);
        assertEquals(1.0, a.ios(inner), 1e-15);
        assertEquals(4.0 / 100.0, a.iou(inner), 1e-15);
    }

    @Test
    void touchingBoxesDoNotIntersect() {
        assertEquals(0, new Box(0, 0, 10, 10).intersectionArea(new Box(10, 0, 20, 10)));
        assertTrue(new Box(0, 0, 10, 10).intersection(new Box(10, 0, 20, 10)).isEmpty());
    }

    @Test
    void halfOpenContainment() {
        Box a = new Box(0, 0, 10, 10);
        assertTrue(a.contains(0, 0));
        assertTrue(!a.contains(10, 5));
    }

    @Test
    void shiftMovesTileToScenePixels() {
        assertEquals(new Box(1012, 524, 1022, 534), new Box(12, 12, 22, 22).shift(1000, 512));
    }

    @Test
    void nonFiniteCoordinatesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Box(0, 0, Double.NaN, 1));
    }

    @Test
    void orientedBoxCornersRotateClockwiseOnScreen() {
        OrientedBox r = new OrientedBox(0, 0, 4, 2, Math.PI / 2);
        // width axis turned from +x to +y (down the screen): the box stands 2 wide and 4 tall
        assertArrayEquals(new double[] {1, -2, 1, 2, -1, 2, -1, -2}, r.corners(), 1e-12);
        Box bounds = r.bounds();
        assertEquals(-1, bounds.x0(), 1e-12);
        assertEquals(2, bounds.y1(), 1e-12);
    }

    @Test
    void pixelWindowClipsToTheRaster() {
        PixelWindow w = new PixelWindow(-10, 90, 50, 50);
        assertEquals(new PixelWindow(0, 90, 40, 10), w.clip(100, 100));
        assertTrue(new PixelWindow(200, 0, 5, 5).clip(100, 100).isEmpty());
    }

    @Test
    void catalogRejectsDuplicateNames() {
        assertThrows(IllegalArgumentException.class,
                () -> ClassCatalog.of(java.util.List.of(new ObjectClass(0, "car"), new ObjectClass(1, "car"))));
        assertEquals("ship", ClassCatalog.ofNames(java.util.List.of("car", "ship")).nameOf(1));
    }
}
