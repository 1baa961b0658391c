package dev.seamline.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.core.Box;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The classes' stated size bounds hold for the objects the generator draws, and they are nearly
 * reached: {@link SyntheticClass#maxObjectPixels} is what a model trained on these scenes states as
 * {@code max_object_px}.
 */
class SyntheticClassSizeTest {

    @Test
    void everyObjectFitsItsClassBoundsAndTheLargestComesClose() {
        Map<SyntheticClass, Double> largestSide = new EnumMap<>(SyntheticClass.class);
        double largestExtent = 0;
        for (long seed : new long[] {11, 12}) {
            SyntheticScene scene = SyntheticScene.of(SceneSpec.of(6000, 6000, seed));
            for (SceneObject o : scene.objects()) {
                SyntheticClass c = o.type();
                double length = o.box().width() * 0.3, width = o.box().height() * 0.3;
                assertTrue(length <= c.maxLengthMetres() + 1e-9, o + " longer than " + c.maxLengthMetres() + " m");
                assertTrue(width <= c.maxWidthMetres() + 1e-9, o + " wider than " + c.maxWidthMetres() + " m");
                Box b = o.box().bounds();
                double extent = Math.max(b.width(), b.height());
                assertTrue(extent <= SyntheticClass.maxObjectPixels(0.3), o + " spans " + extent + " px");
                largestExtent = Math.max(largestExtent, extent);
                largestSide.merge(c, Math.max(length, width), Math::max);
            }
        }
        for (SyntheticClass c : SyntheticClass.values()) {
            double bound = Math.max(c.maxLengthMetres(), c.maxWidthMetres());
            assertTrue(largestSide.get(c) > 0.8 * bound, c + ": largest side " + largestSide.get(c) + " m of " + bound);
        }
        assertTrue(largestExtent > 0.6 * SyntheticClass.maxObjectPixels(0.3), "largest extent " + largestExtent);
    }

    @Test
    void theLargestObjectIsAPlaneAtItsWorstAngle() {
        // a plane 60 m long with a 69 m wingspan spans hypot(60, 69) = 91.44 m across at the worst heading
        assertEquals(Math.hypot(60, 69), SyntheticClass.PLANE.maxExtentMetres(), 1e-9);
        assertEquals(305, SyntheticClass.maxObjectPixels(0.3));
        assertEquals(153, SyntheticClass.maxObjectPixels(0.6));
    }
}
