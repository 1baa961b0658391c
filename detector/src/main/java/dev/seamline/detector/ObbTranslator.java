package dev.seamline.detector;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import dev.seamline.core.Detection;
import dev.seamline.core.OrientedBox;
import java.util.ArrayList;
import java.util.List;

/**
 * YOLOv8-OBB: {@code [B, 4+C+1, N]} rows cx, cy, w, h (input pixels), class probabilities, angle
 * (radians, clockwise on screen). The best class per candidate, kept above the threshold; each box is
 * regularised as Ultralytics' {@code regularize_rboxes} (when w &lt; h swap them and add π/2; angle
 * modulo π into [0, π)); then class-wise NMS as the bundle's {@code nms} says ({@link OrientedNms}:
 * Ultralytics' fast NMS on probabilistic IoU by default, or greedy NMS on the rectangles' exact IoU) and
 * at most {@code maxDetections}, best first. Each detection carries its {@link OrientedBox}; its box is the
 * bounds.
 */
final class ObbTranslator extends TileTranslator {

    ObbTranslator(Builder b) {
        super(b);
    }

    @Override
    List<List<Detection>> decode(NDList output, int batch) {
        NDArray out = output.get(0);
        long[] s = out.getShape().getShape();
        int rows = 4 + classSlots + 1;
        if (s.length != 3 || s[0] != batch || s[1] != rows) {
            String found = s.length == 3 && s[1] > 5 ? " (" + (s[1] - 5) + " classes)" : "";
            throw new OutputLayoutException("YOLOV8_OBB output [B, 4+C+1, N]: expected [" + batch + ", " + rows
                    + ", N] for the catalog's " + classSlots + " classes, found " + shapeText(out) + found);
        }
        int n = (int) s[2];
        float[] a = out.toFloatArray();
        List<List<Detection>> result = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            result.add(decodeOne(a, i * rows * n, n));
        }
        return result;
    }

    private List<Detection> decodeOne(float[] a, int base, int n) {
        List<double[]> boxes = new ArrayList<>();
        List<Float> scoreList = new ArrayList<>();
        List<Integer> classList = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            float best = -Float.MAX_VALUE;
            int bestClass = 0;
            for (int k = 0; k < classSlots; k++) {
                float v = a[base + (4 + k) * n + j];
                if (v > best) {
                    best = v;
                    bestClass = k;
                }
            }
            if (best > threshold) {
                double w = a[base + 2 * n + j];
                double h = a[base + 3 * n + j];
                double t = a[base + (4 + classSlots) * n + j];
                if (w < h) {
                    double swap = w;
                    w = h;
                    h = swap;
                    t += Math.PI / 2;
                }
                t = t - Math.PI * Math.floor(t / Math.PI);
                boxes.add(new double[] {a[base + j], a[base + n + j], w, h, t});
                scoreList.add(best);
                classList.add(bestClass);
            }
        }
        int m = boxes.size();
        double[][] corners = new double[m][];
        float[] scores = new float[m];
        int[] classes = new int[m];
        OrientedBox[] obbs = new OrientedBox[m];
        for (int q = 0; q < m; q++) {
            double[] b = boxes.get(q);
            obbs[q] = new OrientedBox(b[0], b[1], Math.max(b[2], 0), Math.max(b[3], 0), b[4]);
            corners[q] = obbs[q].corners();
            scores[q] = scoreList.get(q);
            classes[q] = classList.get(q);
        }
        int[] keep = orientedNms == OrientedNms.PROBIOU
                ? Nms.probIou(boxes.toArray(new double[0][]), scores, classes, nmsIou, maxDetections)
                : Nms.oriented(corners, scores, classes, nmsIou, maxDetections);
        List<Detection> dets = new ArrayList<>(keep.length);
        for (int q : keep) {
            dets.add(Detection.of(obbs[q], classes[q], YoloTranslator.checkedScore(scores[q])));
        }
        return dets;
    }
}
