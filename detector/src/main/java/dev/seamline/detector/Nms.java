package dev.seamline.detector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Greedy class-wise non-maximum suppression inside one tile, as {@code torchvision.ops.batched_nms}
 * (which Ultralytics calls): candidates in decreasing score order (ties: lower index first); a
 * candidate is dropped when its IoU with a kept candidate of the same class exceeds the threshold;
 * IoU = inter / (area₁ + area₂ − inter) with area = (x1 − x0)·(y1 − y0), no "+1". The oriented
 * variant uses the exact IoU of the rotated rectangles (convex polygon clipping).
 */
final class Nms {

    private Nms() {
    }

    /**
     * Kept candidate indices, best first, at most {@code max}.
     *
     * @param boxes   x0, y0, x1, y1 per candidate (4·n values)
     * @param scores  n scores
     * @param classes n class ids
     */
    static int[] axisAligned(double[] boxes, float[] scores, int[] classes, double iouThreshold, int max) {
        Integer[] order = order(scores);
        List<Integer> kept = new ArrayList<>();
        boolean[] dropped = new boolean[scores.length];
        for (int a = 0; a < order.length && kept.size() < max; a++) {
            int i = order[a];
            if (dropped[i]) {
                continue;
            }
            kept.add(i);
            double ai = (boxes[4 * i + 2] - boxes[4 * i]) * (boxes[4 * i + 3] - boxes[4 * i + 1]);
            for (int b = a + 1; b < order.length; b++) {
                int j = order[b];
                if (dropped[j] || classes[j] != classes[i]) {
                    continue;
                }
                double w = Math.min(boxes[4 * i + 2], boxes[4 * j + 2]) - Math.max(boxes[4 * i], boxes[4 * j]);
                double h = Math.min(boxes[4 * i + 3], boxes[4 * j + 3]) - Math.max(boxes[4 * i + 1], boxes[4 * j + 1]);
                double inter = Math.max(w, 0) * Math.max(h, 0);
                double aj = (boxes[4 * j + 2] - boxes[4 * j]) * (boxes[4 * j + 3] - boxes[4 * j + 1]);
                if (inter / (ai + aj - inter) > iouThreshold) {
                    dropped[j] = true;
                }
            }
        }
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Kept candidate indices for rotated boxes, best first, at most {@code max}.
     *
     * @param corners 8 values per candidate: the rectangle's corners in order around it
     */
    static int[] oriented(double[][] corners, float[] scores, int[] classes, double iouThreshold, int max) {
        Integer[] order = order(scores);
        List<Integer> kept = new ArrayList<>();
        for (int a = 0; a < order.length && kept.size() < max; a++) {
            int i = order[a];
            boolean keep = true;
            for (int k : kept) {
                if (classes[k] == classes[i] && polygonIou(corners[i], corners[k]) > iouThreshold) {
                    keep = false;
                    break;
                }
            }
            if (keep) {
                kept.add(i);
            }
        }
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }

    private static Integer[] order(float[] scores) {
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i));
        return order;
    }

    /** IoU of two convex quadrilaterals (8 values each). */
    static double polygonIou(double[] p, double[] q) {
        double ap = Math.abs(area(p));
        double aq = Math.abs(area(q));
        double inter = Math.abs(area(clip(p, q)));
        double union = ap + aq - inter;
        return union > 0 ? inter / union : 0;
    }

    private static double area(double[] poly) {
        double s = 0;
        int n = poly.length / 2;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            s += poly[2 * i] * poly[2 * j + 1] - poly[2 * j] * poly[2 * i + 1];
        }
        return s / 2;
    }

    /** Sutherland–Hodgman: the part of {@code subject} inside convex {@code clipper}. */
    private static double[] clip(double[] subject, double[] clipper) {
        double orientation = Math.signum(area(clipper));
        if (orientation == 0) {
            return new double[0];
        }
        double[] out = subject;
        int n = clipper.length / 2;
        for (int e = 0; e < n && out.length > 0; e++) {
            double ax = clipper[2 * e];
            double ay = clipper[2 * e + 1];
            double bx = clipper[2 * ((e + 1) % n)];
            double by = clipper[2 * ((e + 1) % n) + 1];
            double[] in = out;
            double[] next = new double[in.length + 4];
            int count = 0;
            int m = in.length / 2;
            for (int i = 0; i < m; i++) {
                double px = in[2 * i];
                double py = in[2 * i + 1];
                double qx = in[2 * ((i + 1) % m)];
                double qy = in[2 * ((i + 1) % m) + 1];
                double sp = orientation * ((bx - ax) * (py - ay) - (by - ay) * (px - ax));
                double sq = orientation * ((bx - ax) * (qy - ay) - (by - ay) * (qx - ax));
                if (sp >= 0) {
                    if (count + 2 > next.length) {
                        next = Arrays.copyOf(next, next.length * 2);
                    }
                    next[count++] = px;
                    next[count++] = py;
                }
                if ((sp >= 0) != (sq >= 0)) {
                    double t = sp / (sp - sq);
                    if (count + 2 > next.length) {
                        next = Arrays.copyOf(next, next.length * 2);
                    }
                    next[count++] = px + t * (qx - px);
                    next[count++] = py + t * (qy - py);
                }
            }
            out = Arrays.copyOf(next, count);
        }
        return out;
    }
}
