package dev.seamline.tiling.merge;

import dev.seamline.core.Box;
import dev.seamline.core.Detection;

/**
 * Overlap measures for merging: axis-aligned where both detections are axis-aligned, convex polygon
 * clipping (Sutherland–Hodgman) where either is oriented. Polygons are flat arrays x0,y0,x1,y1,…
 * in scene pixels. Stateless.
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

    /** Absolute area of a simple polygon (shoelace). */
    static double area(double[] p) {
        int n = p.length / 2;
        if (n < 3) {
            return 0;
        }
        double s = 0;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            s += p[2 * j] * p[2 * i + 1] - p[2 * i] * p[2 * j + 1];
        }
        return Math.abs(s) / 2;
    }

    private static double signedArea2(double[] p) {
        int n = p.length / 2;
        double s = 0;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            s += p[2 * j] * p[2 * i + 1] - p[2 * i] * p[2 * j + 1];
        }
        return s;
    }

    /** The part of convex (or any simple) {@code subject} inside convex {@code clip}; may be empty. */
    static double[] clip(double[] subject, double[] clip) {
        int cn = clip.length / 2;
        if (cn < 3 || subject.length < 6) {
            return new double[0];
        }
        double orientation = Math.signum(signedArea2(clip));
        if (orientation == 0) {
            return new double[0];
        }
        double[] out = subject;
        int outLen = subject.length;
        double[] buf = new double[2 * (subject.length / 2 + cn + 2)];
        for (int e = 0; e < cn && outLen >= 6; e++) {
            double ax = clip[2 * e], ay = clip[2 * e + 1];
            double bx = clip[(2 * e + 2) % clip.length], by = clip[(2 * e + 3) % clip.length];
            double[] in = java.util.Arrays.copyOf(out, outLen);
            int inN = outLen / 2;
            if (buf.length < 2 * (inN + 2)) {
                buf = new double[2 * (inN + cn + 2)];
            }
            int k = 0;
            for (int i = 0; i < inN; i++) {
                double px = in[2 * i], py = in[2 * i + 1];
                int q = (i + inN - 1) % inN;
                double sx = in[2 * q], sy = in[2 * q + 1];
                double sp = orientation * ((bx - ax) * (py - ay) - (by - ay) * (px - ax));
                double ss = orientation * ((bx - ax) * (sy - ay) - (by - ay) * (sx - ax));
                if (sp >= 0) {
                    if (ss < 0) {
                        double t = ss / (ss - sp);
                        buf[k++] = sx + t * (px - sx);
                        buf[k++] = sy + t * (py - sy);
                    }
                    buf[k++] = px;
                    buf[k++] = py;
                } else if (ss >= 0) {
                    double t = ss / (ss - sp);
                    buf[k++] = sx + t * (px - sx);
                    buf[k++] = sy + t * (py - sy);
                }
            }
            out = buf;
            outLen = k;
            buf = new double[Math.max(buf.length, 2 * (k / 2 + cn + 2))];
        }
        return java.util.Arrays.copyOf(out, outLen);
    }

    /** The part of {@code subject} inside {@code box}. */
    static double[] clip(double[] subject, Box box) {
        return clip(subject, box.corners());
    }

    /** Area shared by the two detections, square pixels. */
    static double intersectionArea(Detection a, Detection b) {
        if (!a.isOriented() && !b.isOriented()) {
            return a.box().intersectionArea(b.box());
        }
        if (a.box().intersectionArea(b.box()) <= 0) {
            return 0;
        }
        return area(clip(polygon(a), polygon(b)));
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
        double[] pa = clip(polygon(a), window), pb = clip(polygon(b), window);
        double aa = area(pa), ab = area(pb);
        if (aa <= 0 || ab <= 0) {
            return 0;
        }
        double inter = area(clip(pa, pb));
        double union = aa + ab - inter;
        return union > 0 ? inter / union : 0;
    }
}
