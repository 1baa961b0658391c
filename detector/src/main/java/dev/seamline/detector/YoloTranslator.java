package dev.seamline.detector;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import java.util.ArrayList;
import java.util.List;

/**
 * YOLOv5 ({@code [B, N, 5+C]}: cx, cy, w, h, objectness, class scores; score = objectness · class score)
 * and YOLOv8/YOLO11 ({@code [B, 4+C, N]}: cx, cy, w, h, class probabilities) in input pixels: the best
 * class per candidate, kept when its score exceeds the threshold, then class-wise NMS
 * ({@link Nms#axisAligned}) and at most {@code maxDetections}, best first — Ultralytics'
 * {@code non_max_suppression} with one label per box. Boxes are not clipped to the tile.
 */
final class YoloTranslator extends TileTranslator {

    private final boolean v5;

    YoloTranslator(Builder b, boolean v5) {
        super(b);
        this.v5 = v5;
    }

    @Override
    List<List<Detection>> decode(NDList output, int batch) {
        NDArray out = output.get(0);
        long[] s = out.getShape().getShape();
        int rowsExpected = (v5 ? 5 : 4) + classSlots;
        String layout = v5 ? "YOLOV5 output [B, N, 5+C]" : "YOLOV8 output [B, 4+C, N]";
        if (output.size() != 1 && !v5) {
            // Ultralytics' YOLOv5 TorchScript returns (predictions, raw levels); v8 returns one tensor
            throw new OutputLayoutException(layout + ": expected one tensor, found " + output.size());
        }
        if (s.length != 3 || s[0] != batch) {
            throw new OutputLayoutException(layout + ": expected 3 dimensions with B = " + batch + ", found "
                    + shapeText(out) + hint(s));
        }
        int rows = (int) (v5 ? s[2] : s[1]);
        int n = (int) (v5 ? s[1] : s[2]);
        if (rows != rowsExpected) {
            int found = rows - (v5 ? 5 : 4);
            String hint = hint(s);
            throw new OutputLayoutException(layout + ": expected " + rowsExpected + " = " + (v5 ? 5 : 4) + "+"
                    + classSlots + " values per box for the catalog's " + classSlots + " classes, found "
                    + shapeText(out) + (found > 0 && hint.isEmpty() ? " (" + found + " classes)" : "") + hint);
        }
        float[] all = out.toFloatArray();
        List<List<Detection>> result = new ArrayList<>(batch);
        int per = rows * n;
        for (int i = 0; i < batch; i++) {
            result.add(decodeOne(all, i * per, n, rows));
        }
        return result;
    }

    private String hint(long[] s) {
        if (s.length == 3 && !v5 && s[2] == 4 + classSlots) {
            return "; it looks like [B, N, 4+C]: transposed, or YOLOv5 without objectness";
        }
        if (s.length == 3 && v5 && s[1] == 4 + classSlots) {
            return "; it looks like YOLOv8's [B, 4+C, N]: use decoder YOLOV8";
        }
        if (s.length == 3 && !v5 && s[2] == 5 + classSlots) {
            return "; it looks like YOLOv5's [B, N, 5+C]: use decoder YOLOV5";
        }
        return "";
    }

    private List<Detection> decodeOne(float[] a, int base, int n, int rows) {
        int c = classSlots;
        int off = v5 ? 5 : 4;
        // element (row r, anchor j): v5 [N, rows] at j*rows + r; v8 [rows, N] at r*n + j
        int rowStride = v5 ? 1 : n;
        int anchorStride = v5 ? rows : 1;
        List<Integer> cand = new ArrayList<>();
        List<Float> candScore = new ArrayList<>();
        List<Integer> candClass = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            int at = base + j * anchorStride;
            float obj = v5 ? a[at + 4 * rowStride] : 1f;
            float best = -Float.MAX_VALUE;
            int bestClass = 0;
            for (int k = 0; k < c; k++) {
                float v = v5 ? a[at + (off + k) * rowStride] * obj : a[at + (off + k) * rowStride];
                if (v > best) {
                    best = v;
                    bestClass = k;
                }
            }
            if (best > threshold) {
                cand.add(j);
                candScore.add(best);
                candClass.add(bestClass);
            }
        }
        int m = cand.size();
        double[] boxes = new double[4 * m];
        float[] scores = new float[m];
        int[] classes = new int[m];
        for (int q = 0; q < m; q++) {
            int at = base + cand.get(q) * anchorStride;
            float cx = a[at];
            float cy = a[at + rowStride];
            float hw = a[at + 2 * rowStride] / 2f;
            float hh = a[at + 3 * rowStride] / 2f;
            boxes[4 * q] = cx - hw;
            boxes[4 * q + 1] = cy - hh;
            boxes[4 * q + 2] = cx + hw;
            boxes[4 * q + 3] = cy + hh;
            scores[q] = candScore.get(q);
            classes[q] = candClass.get(q);
        }
        int[] keep = Nms.axisAligned(boxes, scores, classes, nmsIou, maxDetections);
        List<Detection> dets = new ArrayList<>(keep.length);
        for (int q : keep) {
            dets.add(Detection.of(new Box(boxes[4 * q], boxes[4 * q + 1], boxes[4 * q + 2], boxes[4 * q + 3]),
                    classes[q], checkedScore(scores[q])));
        }
        return dets;
    }

    static double checkedScore(float s) {
        if (!(s >= 0 && s <= 1)) {
            throw new OutputLayoutException("expected scores in [0, 1] (probabilities), found " + s);
        }
        return s;
    }
}
