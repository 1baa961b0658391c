package dev.seamline.eval;

import dev.seamline.core.BadInputException;
import dev.seamline.core.Box;
import dev.seamline.formats.deepforest.DeepForestFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * DeepForest box precision and recall as {@code deepforest.evaluate.evaluate_boxes} computes them:
 * per image with ground truth (images in name order; all-zero GT boxes dropped), a one-to-one
 * assignment (Hungarian) maximising the total intersection area, then a pair counts when its IoU
 * &gt; 0.4 (default); recall = matches / truth boxes, precision = matches / predictions of that image;
 * an image without predictions adds recall 0 and no precision. Both are means over images. Class
 * labels are not considered (box precision/recall). Thread-safe.
 */
public final class DeepForestEval {

    /** DeepForest's default IoU threshold. */
    public static final double IOU_THRESHOLD = 0.4;

    private DeepForestEval() {
    }

    /**
     * The outcome. Immutable and thread-safe.
     *
     * @param precision mean per-image precision (NaN when no image has predictions)
     * @param recall    mean per-image recall
     * @param matches   total matched pairs
     * @param truths    total truth boxes scored
     * @param predicted total predictions on images with truth
     */
    public record Outcome(double precision, double recall, long matches, long truths, long predicted) {
    }

    /** Scores predictions against ground truth with IoU threshold {@code iouThreshold}. */
    public static Outcome score(List<DeepForestFormat.Row> truth, List<DeepForestFormat.Row> pred, double iouThreshold) {
        Map<String, List<Box>> gt = new TreeMap<>();
        for (DeepForestFormat.Row r : truth) {
            Box b = r.box();
            if (b.x0() == 0 && b.x1() == 0 && b.y0() == 0 && b.y1() == 0) {
                continue;
            }
            gt.computeIfAbsent(r.imagePath(), k -> new ArrayList<>()).add(b);
        }
        Map<String, List<Box>> pr = new LinkedHashMap<>();
        for (DeepForestFormat.Row r : pred) {
            pr.computeIfAbsent(r.imagePath(), k -> new ArrayList<>()).add(r.box());
        }
        double[] recalls = new double[gt.size()];
        double[] precisions = new double[gt.size()];
        int nr = 0, np = 0;
        long matches = 0, truths = 0, predicted = 0;
        for (Map.Entry<String, List<Box>> e : gt.entrySet()) {
            List<Box> g = e.getValue();
            List<Box> p = pr.getOrDefault(e.getKey(), List.of());
            truths += g.size();
            if (p.isEmpty()) {
                recalls[nr++] = 0;
                continue;
            }
            predicted += p.size();
            int tp = matchImage(e.getKey(), g, p, iouThreshold);
            matches += tp;
            recalls[nr++] = tp / (double) g.size();
            precisions[np++] = tp / (double) p.size();
        }
        double precision = np == 0 ? Double.NaN : NumpyMath.pairwiseSum(precisions, 0, np) / np;
        double recall = nr == 0 ? Double.NaN : NumpyMath.pairwiseSum(recalls, 0, nr) / nr;
        return new Outcome(precision, recall, matches, truths, predicted);
    }

    /**
     * The most cells of one cluster's intersection table (16 bytes a cell while it is solved): a
     * cluster of touching boxes larger than this is refused rather than run out of memory.
     */
    static final long MAX_CLUSTER_CELLS = 16_000_000L;

    /**
     * Thrown when one cluster of mutually touching boxes is too large to match in memory: the
     * message names the image and the cluster's size. Unchecked; {@link #evaluate} turns it into a
     * {@link BadInputException} naming the file.
     */
    static final class ClusterTooLargeException extends RuntimeException {
        ClusterTooLargeException(String message) {
            super(message);
        }
    }

    /**
     * One image's matches: the assignment maximising the total intersection, then a pair counts when
     * its IoU is above the threshold. Boxes that do not touch add nothing to the total, so the
     * assignment splits into the connected clusters of the "intersects" graph (found with a
     * {@link BoxGrid}, never a full truth × prediction table), each solved on its own (Hungarian on
     * its small table); a box alone in its cluster is unmatched. Memory grows with the largest
     * cluster, not with the image.
     */
    static int matchImage(String image, List<Box> g, List<Box> p, double iouThreshold) {
        int n = g.size(), m = p.size();
        double[] x0 = new double[m], y0 = new double[m], x1 = new double[m], y1 = new double[m];
        for (int j = 0; j < m; j++) {
            Box b = p.get(j);
            x0[j] = b.x0();
            y0[j] = b.y0();
            x1[j] = b.x1();
            y1[j] = b.y1();
        }
        BoxGrid grid = new BoxGrid(x0, y0, x1, y1);
        int[] parent = new int[n + m];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        boolean[] touches = new boolean[n];
        for (int i = 0; i < n; i++) {
            Box b = g.get(i);
            final int row = i;
            grid.query(b.x0(), b.y0(), b.x1(), b.y1(), j -> {
                if (b.intersectionArea(p.get(j)) > 0) {
                    touches[row] = true;
                    union(parent, row, n + j);
                }
            });
        }
        // the clusters: rows and columns by root, in index order
        int[] rowsOf = new int[n + m], colsOf = new int[n + m];
        for (int i = 0; i < n; i++) {
            if (touches[i]) {
                rowsOf[find(parent, i)]++;
            }
        }
        for (int j = 0; j < m; j++) {
            colsOf[find(parent, n + j)]++;
        }
        java.util.Map<Integer, int[][]> clusters = new java.util.TreeMap<>();
        int[] fillR = new int[n + m], fillC = new int[n + m];
        for (int i = 0; i < n; i++) {
            if (touches[i]) {
                int r = find(parent, i);
                int[][] c = clusters.computeIfAbsent(r, k -> new int[][] {new int[rowsOf[k]], new int[colsOf[k]]});
                c[0][fillR[r]++] = i;
            }
        }
        for (int j = 0; j < m; j++) {
            int r = find(parent, n + j);
            int[][] c = clusters.get(r);
            if (c != null) {
                c[1][fillC[r]++] = j;
            }
        }
        int tp = 0;
        for (int[][] c : clusters.values()) {
            int[] rows = c[0], cols = c[1];
            if ((long) rows.length * cols.length > MAX_CLUSTER_CELLS) {
                throw new ClusterTooLargeException("image '" + dev.seamline.core.io.Printable.escape(image) + "': "
                        + rows.length + " truth and " + cols.length + " predicted boxes all touch one another (one cluster); "
                        + "matching it needs a table of " + ((long) rows.length * cols.length * 16 >> 20)
                        + " MiB, more than this evaluation allows (" + (MAX_CLUSTER_CELLS * 16 >> 20) + " MiB)");
            }
            double[][] inter = new double[rows.length][cols.length];
            for (int a = 0; a < rows.length; a++) {
                Box b = g.get(rows[a]);
                for (int k = 0; k < cols.length; k++) {
                    inter[a][k] = b.intersectionArea(p.get(cols[k]));
                }
            }
            int[] match = Hungarian.maximize(inter);
            for (int a = 0; a < rows.length; a++) {
                if (match[a] >= 0) {
                    double in = inter[a][match[a]];
                    double union = g.get(rows[a]).area() + p.get(cols[match[a]]).area() - in;
                    double iou = union > 0 ? in / union : 0;
                    if (iou > iouThreshold) {
                        tp++;
                    }
                }
            }
        }
        return tp;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a), rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

    static EvalResult evaluate(EvalRequest req) throws BadInputException {
        java.util.Set<String> labels = req.classes() == null ? null : new LinkedHashSet<>(Evaluator.readList(req.classes()));
        List<DeepForestFormat.Row> gt = DeepForestFormat.read(req.gt(), false, labels);
        List<DeepForestFormat.Row> pred = DeepForestFormat.read(req.pred(), true, labels);
        Outcome o;
        try {
            o = score(gt, pred, IOU_THRESHOLD);
        } catch (ClusterTooLargeException e) {
            throw new BadInputException(req.pred(), e.getMessage());
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("precision", o.precision());
        v.put("recall", o.recall());
        String table = String.format(Locale.ROOT, "DeepForest boxes (IoU > 0.4, means over images)%n  precision  %s%n"
                + "  recall     %s%n  matched %d of %d truth boxes, %d predictions%n", Tables.num(o.precision()),
                Tables.num(o.recall()), o.matches(), o.truths(), o.predicted());
        List<TruthBox> truths = new ArrayList<>();
        for (DeepForestFormat.Row r : gt) {
            truths.add(new TruthBox(r.imagePath(), r.label(), r.box(), false));
        }
        List<ScoredBox> dets = new ArrayList<>();
        for (DeepForestFormat.Row r : pred) {
            dets.add(new ScoredBox(r.imagePath(), r.label(), r.box(), r.score()));
        }
        List<ClassSummary> cls = List.of(new ClassSummary("all", "all boxes", Double.NaN, o.truths(), o.predicted(), o.matches(),
                o.predicted() - o.matches()));
        return new EvalResult(Metric.DEEPFOREST, v, table, cls, List.of(), truths, dets);
    }
}
