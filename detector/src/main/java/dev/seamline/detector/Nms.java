package dev.seamline.detector;

import dev.seamline.core.IndexSort;
import dev.seamline.core.geom.ConvexPolygons;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Greedy class-wise non-maximum suppression inside one tile, as {@code torchvision.ops.batched_nms}
 * (which Ultralytics calls): candidates in decreasing score order (ties: lower index first); a
 * candidate is dropped when its IoU with a kept candidate of the same class exceeds the threshold;
 * IoU = inter / (area₁ + area₂ − inter) with area = (x1 − x0)·(y1 − y0), no "+1". The oriented
 * variant uses the exact IoU of the rotated rectangles (convex polygon clipping, {@link ConvexPolygons});
 * the probIoU variant is Ultralytics' fast NMS for OBB models.
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
        int[] order = order(scores);
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
        int[] order = order(scores);
        List<Integer> kept = new ArrayList<>();
        for (int a = 0; a < order.length && kept.size() < max; a++) {
            int i = order[a];
            boolean keep = true;
            for (int k : kept) {
                if (classes[k] == classes[i] && ConvexPolygons.iou(corners[i], corners[k]) > iouThreshold) {
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

    /**
     * Kept candidate indices for rotated boxes under Ultralytics' fast NMS ({@link OrientedNms#PROBIOU}),
     * best first, at most {@code max}: in decreasing score order (ties: lower index first), a candidate is
     * kept when no higher-scored candidate of its class, kept or not, has {@link ProbIou probIoU} ≥
     * the threshold with it.
     *
     * @param rects cx, cy, w, h, angle per candidate
     */
    static int[] probIou(double[][] rects, float[] scores, int[] classes, double iouThreshold, int max) {
        int[] order = order(scores);
        int n = order.length;
        double[][] cov = new double[n][];
        for (int a = 0; a < n; a++) {
            double[] r = rects[order[a]];
            cov[a] = ProbIou.covariance(r[2], r[3], r[4]);
        }
        List<Integer> kept = new ArrayList<>();
        for (int a = 0; a < n && kept.size() < max; a++) {
            int j = order[a];
            double[] rj = rects[j];
            boolean keep = true;
            for (int b = 0; b < a; b++) {
                int i = order[b];
                if (classes[i] == classes[j]
                        && ProbIou.of(rects[i][0], rects[i][1], cov[b], rj[0], rj[1], cov[a]) >= iouThreshold) {
                    keep = false;
                    break;
                }
            }
            if (keep) {
                kept.add(j);
            }
        }
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Candidate indices in decreasing score order, ties lower index first. */
    private static int[] order(float[] scores) {
        int[] order = new int[scores.length];
        Arrays.setAll(order, i -> i);
        IndexSort.sort(order, (i, j) -> {
            int c = Double.compare(-scores[i], -scores[j]);
            return c != 0 ? c : Integer.compare(i, j);
        });
        return order;
    }
}
