package dev.seamline.tiling.merge;

import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.core.geom.ConvexPolygons;

/**
 * Overlap measures for merging: axis-aligned where both detections are axis-aligned, convex polygon
 * clipping ({@link ConvexPolygons}, Sutherland–Hodgman) where either is oriented. Polygons are flat
 * arrays x0,y0,x1,y1,… in scene pixels. Stateless.
 */
final class Geometry {

    private Geometry() {
    }

    /** The detection's outline: its oriented box's corners, or its box's. */
    static double[] polygon(Detection d) {
        return d.isOriented() ? d.oriented().corners() : d.box().corners();
    }

    /** The detection's area: the oriented box's when it has one. */
    static double area(Detection d) {
        return d.isOriented() ? d.oriented().area() : d.box().area();
    }

    /** Area shared by the two detections, square pixels. */
    static double intersectionArea(Detection a, Detection b) {
        if (!a.isOriented() && !b.isOriented()) {
            return a.box().intersectionArea(b.box());
        }
        if (a.box().intersectionArea(b.box()) <= 0) {
            return 0;
        }
        return ConvexPolygons.intersectionArea(polygon(a), polygon(b));
    }

    /** The match metric between two detections, in [0,1]. */
    static double metric(MatchMetric metric, Detection a, Detection b) {
        double inter = intersectionArea(a, b);
        if (inter <= 0) {
            return 0;
        }
        double aa = area(a), ab = area(b);
        return switch (metric) {
            case IOU -> inter / (aa + ab - inter);
            case IOS -> inter / Math.min(aa, ab);
        };
    }

    /** IoU of the two detections after clipping both to {@code window}. */
    static double iouWithin(Detection a, Detection b, Box window) {
        if (!a.isOriented() && !b.isOriented()) {
            Box ca = a.box().intersection(window), cb = b.box().intersection(window);
            return ca.isEmpty() || cb.isEmpty() ? 0 : ca.iou(cb);
        }
        double[] pa = ConvexPolygons.clip(polygon(a), window), pb = ConvexPolygons.clip(polygon(b), window);
        double aa = ConvexPolygons.area(pa), ab = ConvexPolygons.area(pb);
        if (aa <= 0 || ab <= 0) {
            return 0;
        }
        double inter = ConvexPolygons.intersectionArea(pa, pb);
        double union = aa + ab - inter;
        return union > 0 ? inter / union : 0;
    }
}
