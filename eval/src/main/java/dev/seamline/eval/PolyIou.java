package dev.seamline.eval;

/**
 * Intersection over union of two quadrilaterals, with the semantics of the DOTA devkit's
 * {@code polyiou.iou_poly}: the intersection area is the signed sum, over every pair of edges, of the
 * overlap of the two triangles each edge makes with the origin (each triangle clipped against the
 * other by three half-planes, tolerance 1e-8); polygons given clockwise are turned counter-clockwise
 * first, so vertex order and start vertex do not matter. No "+1". Package-private.
 */
final class PolyIou {

    private static final double EPS = 1e-8;

    private PolyIou() {
    }

    /** IoU of quadrilaterals {@code p} and {@code q}, each x1 y1 … x4 y4 (pixels). */
    static double iou(double[] p, double[] q) {
        double[] a = ccw(p);
        double[] b = ccw(q);
        double[] poly = new double[2 * 24], buf = new double[2 * 24]; // every triangle's clip works in these two
        double inter = 0;
        for (int i = 0; i < 4; i++) {
            int i1 = (i + 1) % 4;
            for (int j = 0; j < 4; j++) {
                int j1 = (j + 1) % 4;
                inter += triangleOverlap(a[2 * i], a[2 * i + 1], a[2 * i1], a[2 * i1 + 1],
                        b[2 * j], b[2 * j + 1], b[2 * j1], b[2 * j1 + 1], poly, buf);
            }
        }
        double union = Math.abs(signedArea(p, 4)) + Math.abs(signedArea(q, 4)) - inter;
        return inter / union;
    }

    /**
     * True when quadrilateral {@code p} (x1 y1 … x4 y4) is strictly convex: its four turns all bend
     * the same way (a self-intersecting or degenerate one is not).
     */
    static boolean convex(double[] p) {
        int pos = 0, neg = 0;
        for (int i = 0; i < 4; i++) {
            int j = (i + 1) % 4, k = (i + 2) % 4;
            double c = cross(p[2 * i], p[2 * i + 1], p[2 * j], p[2 * j + 1], p[2 * k], p[2 * k + 1]);
            if (c > 0) {
                pos++;
            } else if (c < 0) {
                neg++;
            }
        }
        return pos == 4 || neg == 4;
    }

    /**
     * True when the IoU {@link #iou} gives for two convex quadrilaterals, each of at least 1 px²,
     * with these bounds and areas ({@code |signedArea|}), is below 0.5 for certain: their
     * intersection is at most the smaller area and at most the overlap of their bounds, and IoU
     * grows with the intersection, so {@code I / (a + b - I)} with that largest I bounds it from
     * above; a margin of 0.01 covers the rounding of {@link #iou}'s clipping (its tolerance is 1e-8)
     * many times over. Such a pair's IoU is never NaN either (its union is at least the larger area).
     */
    static boolean below(double ax0, double ay0, double ax1, double ay1, double aArea, double bx0, double by0, double bx1,
            double by1, double bArea) {
        if (!(aArea >= 1 && bArea >= 1)) {
            return false;
        }
        double w = Math.min(ax1, bx1) - Math.max(ax0, bx0);
        double h = Math.min(ay1, by1) - Math.max(ay0, by0);
        double inter = Math.min(Math.max(w, 0) * Math.max(h, 0), Math.min(aArea, bArea));
        return inter / (aArea + bArea - inter) < 0.49;
    }

    private static int sig(double d) {
        return (d > EPS ? 1 : 0) - (d < -EPS ? 1 : 0);
    }

    /** Cross product (a - o) × (b - o). */
    private static double cross(double ox, double oy, double ax, double ay, double bx, double by) {
        return (ax - ox) * (by - oy) - (bx - ox) * (ay - oy);
    }

    /** Shoelace signed area of the first n points of xy (x0 y0 x1 y1 …), positive counter-clockwise in a y-up frame. */
    static double signedArea(double[] xy, int n) {
        double res = 0;
        for (int i = 0; i < n; i++) {
            int k = (i + 1) % n;
            res += xy[2 * i] * xy[2 * k + 1] - xy[2 * i + 1] * xy[2 * k];
        }
        return res / 2.0;
    }

    private static double[] ccw(double[] p) {
        if (signedArea(p, 4) >= 0) {
            return p;
        }
        double[] r = new double[8];
        for (int i = 0; i < 4; i++) {
            r[2 * i] = p[2 * (3 - i)];
            r[2 * i + 1] = p[2 * (3 - i) + 1];
        }
        return r;
    }

    /** Signed overlap of triangles (origin, a, b) and (origin, c, d). */
    private static double triangleOverlap(double ax, double ay, double bx, double by, double cx, double cy, double dx,
            double dy, double[] poly, double[] buf) {
        int s1 = sig(cross(0, 0, ax, ay, bx, by));
        int s2 = sig(cross(0, 0, cx, cy, dx, dy));
        if (s1 == 0 || s2 == 0) {
            return 0.0;
        }
        if (s1 == -1) {
            double tx = ax, ty = ay;
            ax = bx;
            ay = by;
            bx = tx;
            by = ty;
        }
        if (s2 == -1) {
            double tx = cx, ty = cy;
            cx = dx;
            cy = dy;
            dx = tx;
            dy = ty;
        }
        poly[0] = 0;
        poly[1] = 0;
        poly[2] = ax;
        poly[3] = ay;
        poly[4] = bx;
        poly[5] = by;
        int n = 3;
        n = clip(poly, n, 0, 0, cx, cy, buf);
        n = clip(poly, n, cx, cy, dx, dy, buf);
        n = clip(poly, n, dx, dy, 0, 0, buf);
        double res = Math.abs(signedArea(poly, n));
        return s1 * s2 == -1 ? -res : res;
    }

    /** Keeps the part of polygon p (n points) left of the directed line a→b, in place; returns the new count. */
    private static int clip(double[] p, int n, double ax, double ay, double bx, double by, double[] pp) {
        if (n <= 0) {
            return n;
        }
        int m = 0;
        for (int i = 0; i < n; i++) {
            int k = (i + 1) % n;
            double pix = p[2 * i], piy = p[2 * i + 1], pkx = p[2 * k], pky = p[2 * k + 1];
            int si = sig(cross(ax, ay, bx, by, pix, piy));
            int sk = sig(cross(ax, ay, bx, by, pkx, pky));
            if (si > 0) {
                pp[2 * m] = pix;
                pp[2 * m + 1] = piy;
                m++;
            }
            if (si != sk) {
                double c1 = cross(ax, ay, bx, by, pix, piy);
                double c2 = cross(ax, ay, bx, by, pkx, pky);
                if (sig(c2 - c1) != 0) {
                    pp[2 * m] = (pix * c2 - pkx * c1) / (c2 - c1);
                    pp[2 * m + 1] = (piy * c2 - pky * c1) / (c2 - c1);
                    m++;
                }
            }
        }
        int out = 0;
        for (int i = 0; i < m; i++) {
            if (i == 0 || !same(pp[2 * i], pp[2 * i + 1], pp[2 * i - 2], pp[2 * i - 1])) {
                p[2 * out] = pp[2 * i];
                p[2 * out + 1] = pp[2 * i + 1];
                out++;
            }
        }
        while (out > 1 && same(p[2 * out - 2], p[2 * out - 1], p[0], p[1])) {
            out--;
        }
        return out;
    }

    private static boolean same(double x1, double y1, double x2, double y2) {
        return sig(x1 - x2) == 0 && sig(y1 - y2) == 0;
    }
}
