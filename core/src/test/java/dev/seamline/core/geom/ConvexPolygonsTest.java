package dev.seamline.core.geom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.seamline.core.Box;
import dev.seamline.core.OrientedBox;
import org.junit.jupiter.api.Test;

/** Hand-worked clips, areas and overlaps. */
class ConvexPolygonsTest {

    private static final double[] UNIT = {0, 0, 1, 0, 1, 1, 0, 1};

    @Test
    void areaIsAbsoluteWhateverTheWinding() {
        assertEquals(1, ConvexPolygons.area(UNIT));
        assertEquals(1, ConvexPolygons.area(new double[] {0, 0, 0, 1, 1, 1, 1, 0}));
        assertEquals(0, ConvexPolygons.area(new double[] {0, 0, 1, 1}));
        assertEquals(6, ConvexPolygons.area(new double[] {0, 0, 4, 0, 0, 3}));
    }

    @Test
    void clipsByAConvexPolygonOrABox() {
        double[] shifted = {0.5, 0, 1.5, 0, 1.5, 1, 0.5, 1};
        assertEquals(0.5, ConvexPolygons.area(ConvexPolygons.clip(UNIT, shifted)), 1e-15);
        assertEquals(0.25, ConvexPolygons.area(ConvexPolygons.clip(UNIT, new Box(0.5, 0.5, 2, 2))), 1e-15);
        assertArrayEquals(new double[0], ConvexPolygons.clip(UNIT, new double[] {0, 0, 1, 1, 2, 2}), "degenerate clip");
        assertEquals(0, ConvexPolygons.intersectionArea(UNIT, new double[] {2, 2, 3, 2, 3, 3, 2, 3}));
    }

    @Test
    void iouAndIos() {
        double[] shifted = {0.5, 0, 1.5, 0, 1.5, 1, 0.5, 1};
        assertEquals(1.0 / 3, ConvexPolygons.iou(UNIT, shifted), 1e-15);
        assertEquals(0.5, ConvexPolygons.ios(UNIT, shifted), 1e-15);
        // a square turned 45° about the centre of an equal square: the overlap is a regular octagon
        OrientedBox a = new OrientedBox(0, 0, 2, 2, 0);
        OrientedBox b = new OrientedBox(0, 0, 2, 2, Math.PI / 4);
        double octagon = 8 * (Math.sqrt(2) - 1);
        assertEquals(octagon / (8 - octagon), ConvexPolygons.iou(a, b), 1e-12);
        assertEquals(octagon / 4, ConvexPolygons.ios(a, b), 1e-12);
        assertEquals(1, ConvexPolygons.ios(new OrientedBox(0, 0, 1, 1, 0.3), new OrientedBox(0, 0, 4, 4, 0.3)), 1e-12);
    }
}
