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
            double[][] inter = new double[g.size()][p.size()];
            for (int i = 0; i < g.size(); i++) {
                for (int j = 0; j < p.size(); j++) {
                    inter[i][j] = g.get(i).intersectionArea(p.get(j));
                }
            }
            int[] match = Hungarian.maximize(inter);
            int tp = 0;
            for (int i = 0; i < g.size(); i++) {
                if (match[i] >= 0) {
                    double in = inter[i][match[i]];
                    double union = g.get(i).area() + p.get(match[i]).area() - in;
                    double iou = union > 0 ? in / union : 0;
                    if (iou > iouThreshold) {
                        tp++;
                    }
                }
            }
            matches += tp;
            recalls[nr++] = tp / (double) g.size();
            precisions[np++] = tp / (double) p.size();
        }
        double precision = np == 0 ? Double.NaN : NumpyMath.pairwiseSum(precisions, 0, np) / np;
        double recall = nr == 0 ? Double.NaN : NumpyMath.pairwiseSum(recalls, 0, nr) / nr;
        return new Outcome(precision, recall, matches, truths, predicted);
    }

    static EvalResult evaluate(EvalRequest req) throws BadInputException {
        java.util.Set<String> labels = req.classes() == null ? null : new LinkedHashSet<>(Evaluator.readList(req.classes()));
        List<DeepForestFormat.Row> gt = DeepForestFormat.read(req.gt(), false, labels);
        List<DeepForestFormat.Row> pred = DeepForestFormat.read(req.pred(), true, labels);
        Outcome o = score(gt, pred, IOU_THRESHOLD);
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
