package dev.seamline.core.geom;

import dev.seamline.core.Box;
import dev.seamline.core.OrientedBox;
import java.util.Arrays;

/**
 * Convex polygon clipping, area and overlap. A polygon is a flat array {@code x0, y0, x1, y1, …} of its
 * vertices in order around it, either winding; pixel space. Every method is exact IEEE arithmetic in a
 * fixed order, so equal inputs give bit-identical results on every JVM. Stateless and thread-safe.
 */
public final class ConvexPolygons {

    private ConvexPolygons() {
    }

    /** Absolute area of a simple polygon (shoelace), square pixels; 0 for fewer than three vertices. */
    public static double area(double[] p) {
        int n = p.length / 2;
        if (n < 3) {
            return 0;
        }
        return Math.abs(signedArea2(p)) / 2;
    }

    /** Twice the signed area: positive when the vertices run counter-clockwise in a y-up frame. */
    private static double signedArea2(double[] p) {
        int n = p.length / 2;
        double s = 0;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            s += p[2 * j] * p[2 * i + 1] - p[2 * i] * p[2 * j + 1];
        }
        return s;
    }

    /**
     * The part of {@code subject} (convex, or any simple polygon) inside convex {@code clip}
     * (Sutherland–Hodgman); may be empty, or degenerate (fewer than three vertices) when they only touch.
     */
    public static double[] clip(double[] subject, double[] clip) {
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
            double[] in = Arrays.copyOf(out, outLen);
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
        return Arrays.copyOf(out, outLen);
    }

    /** The part of {@code subject} inside {@code box}. */
    public static double[] clip(double[] subject, Box box) {
        return clip(subject, box.corners());
    }

    /** Area shared by convex polygons {@code a} and {@code b}, square pixels. */
    public static double intersectionArea(double[] a, double[] b) {
        return area(clip(a, b));
    }

    /** Intersection over union of two convex polygons, in [0, 1]; 0 when the union is empty. */
    public static double iou(double[] a, double[] b) {
        double aa = area(a), ab = area(b);
        double inter = intersectionArea(a, b);
        double union = aa + ab - inter;
        return union > 0 ? inter / union : 0;
    }

    /** Intersection over the smaller area of two convex polygons, in [0, 1]; 0 when either is empty. */
    public static double ios(double[] a, double[] b) {
        double smaller = Math.min(area(a), area(b));
        return smaller > 0 ? intersectionArea(a, b) / smaller : 0;
    }

    /** Polygon IoU of two oriented boxes (their corners). */
    public static double iou(OrientedBox a, OrientedBox b) {
        return iou(a.corners(), b.corners());
    }

    /** Polygon IoS of two oriented boxes (their corners). */
    public static double ios(OrientedBox a, OrientedBox b) {
        return ios(a.corners(), b.corners());
    }
}
