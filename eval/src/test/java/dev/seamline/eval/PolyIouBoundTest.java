package dev.seamline.eval;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link PolyIou#below} never says "below 0.5" for a pair whose {@link PolyIou#iou} reaches 0.49. */
class PolyIouBoundTest {

    private static double[] quad(Random r, double cx, double cy) {
        double w = 1 + r.nextDouble() * (r.nextBoolean() ? 8 : 300), h = 1 + r.nextDouble() * 100, a = r.nextDouble() * 7;
        double c = Math.cos(a), s = Math.sin(a);
        double[] p = new double[8];
        double[][] pts = {{-w / 2, -h / 2}, {w / 2, -h / 2}, {w / 2, h / 2}, {-w / 2, h / 2}};
        int start = r.nextInt(4);
        boolean reverse = r.nextBoolean();
        for (int i = 0; i < 4; i++) {
            double[] q = pts[reverse ? (start + 4 - i) % 4 : (start + i) % 4];
            p[2 * i] = Math.round((cx + q[0] * c - q[1] * s) * 10) / 10.0;
            p[2 * i + 1] = Math.round((cy + q[0] * s + q[1] * c) * 10) / 10.0;
        }
        return p;
    }

    private static double[] bounds(double[] p) {
        double x0 = Double.MAX_VALUE, y0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
        for (int i = 0; i < 8; i += 2) {
            x0 = Math.min(x0, p[i]);
            x1 = Math.max(x1, p[i]);
            y0 = Math.min(y0, p[i + 1]);
            y1 = Math.max(y1, p[i + 1]);
        }
        return new double[] {x0, y0, x1, y1};
    }

    @Test
    void theBoundHoldsOnRandomRotatedRectangles() {
        Random r = new Random(19);
        int skipped = 0;
        for (int n = 0; n < 200_000; n++) {
            double cx = r.nextDouble() * 1000, cy = r.nextDouble() * 1000;
            double[] p = quad(r, cx, cy);
            double[] q = quad(r, cx + r.nextGaussian() * 20, cy + r.nextGaussian() * 20);
            if (!PolyIou.convex(p) || !PolyIou.convex(q)) {
                continue;
            }
            double[] bp = bounds(p), bq = bounds(q);
            boolean below = PolyIou.below(bp[0], bp[1], bp[2], bp[3], Math.abs(PolyIou.signedArea(p, 4)), bq[0], bq[1], bq[2],
                    bq[3], Math.abs(PolyIou.signedArea(q, 4)));
            if (below) {
                skipped++;
                double iou = PolyIou.iou(q, p);
                assertTrue(iou < 0.49 + 1e-9, "IoU " + iou + " of a pair said to be below 0.5");
            }
        }
        assertTrue(skipped > 50_000, skipped + " pairs skipped");
    }

    @Test
    void selfIntersectingOrTinyQuadrilateralsAreNotBounded() {
        assertFalse(PolyIou.convex(new double[] {0, 0, 10, 10, 10, 0, 0, 10})); // a bow tie
        assertFalse(PolyIou.convex(new double[] {0, 0, 10, 0, 20, 0, 5, 5})); // three points on a line
        assertTrue(PolyIou.convex(new double[] {0, 0, 0, 10, 10, 10, 10, 0}));
        assertFalse(PolyIou.below(0, 0, 0.5, 0.5, 0.25, 10, 10, 20, 20, 100));
    }
}
