package dev.seamline.eval;

import dev.seamline.core.BadInputException;
import dev.seamline.core.Box;
import dev.seamline.formats.xview.XviewFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * xView scoring as the xView baseline's {@code scoring/score.py} computes it: per chip and class,
 * detections in score order each take their argmax-IoU GT (IoU ≥ 0.5, no "+1"); a taken GT makes an
 * FP; chips are pooled per class and re-sorted by score; AP is VOC all-point
 * ({@code ap_from_pr}). Scored classes: those in the GT minus 75, 82, 87; mAP, map_score, mar_score
 * are NaN-means over 100 class slots, F1 from the two, and the fixed class splits of score.py.
 *
 * <p>The official recall quirk is the default: GT counts toward recall only for (chip, class) pairs
 * with at least one detection of that class. {@code fixRecall} counts every GT of every chip instead.
 * Ties in score follow score.py's numpy order exactly ({@code np.argsort(s)[::-1]}, numpy's
 * quicksort reproduced by {@link NumpySort}). Thread-safe.
 */
public final class XviewEval {

    static final int[] IGNORED = {75, 82, 87};
    static final Map<String, int[]> SPLITS = new LinkedHashMap<>();

    static {
        SPLITS.put("map/small", new int[] {17, 18, 19, 20, 21, 23, 24, 26, 27, 28, 32, 41, 60, 62, 63, 64, 65, 66, 91});
        SPLITS.put("map/medium", new int[] {11, 12, 15, 25, 29, 33, 34, 35, 36, 37, 38, 42, 44, 47, 50, 53, 56, 59, 61, 71,
            72, 73, 76, 84, 86, 93, 94});
        SPLITS.put("map/large", new int[] {13, 40, 45, 49, 51, 52, 54, 55, 57, 74, 77, 79, 83, 89});
        SPLITS.put("map/common", new int[] {13, 17, 18, 19, 20, 21, 23, 24, 25, 26, 27, 28, 34, 35, 41, 47, 60, 63, 64, 71, 72,
            73, 76, 77, 79, 83, 86, 89, 91});
        SPLITS.put("map/rare", new int[] {11, 12, 15, 29, 32, 33, 36, 37, 38, 40, 42, 44, 45, 49, 50, 51, 52, 53, 54, 55, 56,
            57, 59, 61, 62, 65, 66, 74, 84, 93, 94});
    }

    private XviewEval() {
    }

    /**
     * The scorer's outcome. Immutable and thread-safe.
     *
     * @param values         the JSON values (map, map_score, mar_score, f1, splits, per-class)
     * @param classes        per-class lines
     * @param curves         PR curves of the scored classes with counted GT
     */
    public record Outcome(Map<String, Object> values, List<ClassSummary> classes, List<PrCurve> curves) {
        /** Copies the collections. */
        public Outcome {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
            classes = List.copyOf(classes);
            curves = List.copyOf(curves);
        }
    }

    static EvalResult evaluate(EvalRequest req) throws BadInputException {
        // the predictions do not depend on the ground truth: read on a second thread meanwhile
        ConcurrentRead<Map<String, List<XviewFormat.Detection>>> predRead = ConcurrentRead.start(
                () -> XviewFormat.readPredictions(req.pred()));
        List<XviewFormat.Truth> gt = XviewFormat.readTruth(req.gt());
        Map<String, List<XviewFormat.Detection>> pred = predRead.join();
        Outcome o = score(gt, pred, req.xviewFixRecall());
        List<TruthBox> truths = new LazyList<>(() -> {
            List<TruthBox> l = new ArrayList<>();
            for (XviewFormat.Truth t : gt) {
                l.add(new TruthBox(t.imageId(), Integer.toString(t.typeId()), t.box(), false));
            }
            return l;
        });
        List<ScoredBox> dets = new LazyList<>(() -> {
            List<ScoredBox> l = new ArrayList<>();
            for (Map.Entry<String, List<XviewFormat.Detection>> e : pred.entrySet()) {
                for (XviewFormat.Detection d : e.getValue()) {
                    if (d.score() > 0 && d.typeId() == Math.rint(d.typeId()) && !d.box().isEmpty()) {
                        l.add(new ScoredBox(e.getKey(), Integer.toString((int) d.typeId()), d.box(), d.score()));
                    }
                }
            }
            return l;
        });
        StringBuilder t = new StringBuilder();
        Map<String, Object> v = o.values();
        t.append(String.format(Locale.ROOT, "xView%s: mAP = %s | mAP score = %s | mAR = %s | F1 = %s%n", req.xviewFixRecall()
                ? " (recall fixed)" : "", Tables.num(v.get("map")), Tables.num(v.get("map_score")),
                Tables.num(v.get("mar_score")), Tables.num(v.get("f1"))));
        for (String s : SPLITS.keySet()) {
            t.append(String.format(Locale.ROOT, "  %-11s %s%n", s, Tables.num(v.get(s))));
        }
        t.append('\n');
        List<List<String>> rows = new ArrayList<>();
        for (ClassSummary c : o.classes()) {
            rows.add(List.of(c.key(), Tables.num(c.ap()), Long.toString(c.groundTruth()), Long.toString(c.detections()),
                    Long.toString(c.truePositives()), Long.toString(c.falsePositives())));
        }
        t.append(Tables.perClass(List.of("type_id", "AP", "GT counted", "dets", "TP", "FP"), rows));
        return new EvalResult(Metric.XVIEW, v, t.toString(), o.classes(), o.curves(), truths, dets);
    }

    /**
     * Scores predictions (chip name → detections, iterated in chip-name order as score.py sorts the
     * file names) against the ground truth.
     *
     * @param fixRecall false: the official count (GT only where the chip has a detection of the
     *                  class); true: every GT counts
     */
    public static Outcome score(List<XviewFormat.Truth> gt, Map<String, List<XviewFormat.Detection>> pred, boolean fixRecall) {
        TreeSet<Integer> gtUnique = new TreeSet<>();
        Map<String, List<XviewFormat.Truth>> gtByChip = new LinkedHashMap<>();
        for (XviewFormat.Truth t : gt) {
            gtUnique.add(t.typeId());
            gtByChip.computeIfAbsent(t.imageId(), k -> new ArrayList<>()).add(t);
        }
        int slots = Math.max(100, gtUnique.isEmpty() ? 0 : gtUnique.last() + 1);
        Map<Integer, List<Double>> scores = new LinkedHashMap<>();
        Map<Integer, List<Boolean>> matched = new LinkedHashMap<>();
        double[] numGt = new double[slots];
        for (int c : gtUnique) {
            scores.put(c, new ArrayList<>());
            matched.put(c, new ArrayList<>());
        }
        for (Map.Entry<String, List<XviewFormat.Detection>> chip : new java.util.TreeMap<>(pred).entrySet()) { // sorted as score.py
            List<XviewFormat.Truth> cg = gtByChip.getOrDefault(chip.getKey(), List.of());
            // the chip's detections and GT by class, file order kept (a detection's type id counts
            // where it equals a GT class numerically, as score.py compares them)
            Map<Integer, List<XviewFormat.Detection>> detsOf = new java.util.HashMap<>();
            for (XviewFormat.Detection d : chip.getValue()) {
                double t = d.typeId();
                if (t >= 0 && t < slots && t == (int) t && gtUnique.contains((int) t)) {
                    detsOf.computeIfAbsent((int) t, k -> new ArrayList<>()).add(d);
                }
            }
            Map<Integer, List<Box>> gtOf = new java.util.HashMap<>();
            for (XviewFormat.Truth t : cg) {
                gtOf.computeIfAbsent(t.typeId(), k -> new ArrayList<>()).add(t.box());
            }
            for (int c : gtUnique) {
                List<XviewFormat.Detection> dc = detsOf.getOrDefault(c, List.of());
                double[] s = new double[dc.size()];
                for (int i = 0; i < s.length; i++) {
                    s[i] = dc.get(i).score();
                }
                int[] order = numpyArgsortReversed(s);
                List<Box> g = gtOf.getOrDefault(c, List.of());
                boolean[] gTaken = new boolean[g.size()];
                for (int i : order) {
                    scores.get(c).add(s[i]);
                    Box d = dc.get(i).box();
                    boolean hit = false;
                    if (!g.isEmpty()) {
                        int best = -1;
                        double bestIou = 0;
                        for (int j = 0; j < g.size(); j++) {
                            double iou = iou(d, g.get(j));
                            if (best < 0 || (!Double.isNaN(bestIou) && (Double.isNaN(iou) || iou > bestIou))) {
                                best = j;
                                bestIou = iou;
                            }
                        }
                        if (bestIou >= 0.5 && !gTaken[best]) {
                            gTaken[best] = true;
                            hit = true;
                        }
                    }
                    matched.get(c).add(hit);
                }
                if (!fixRecall && s.length > 0) {
                    numGt[c] += g.size();
                }
            }
        }
        if (fixRecall) {
            for (XviewFormat.Truth t : gt) {
                numGt[t.typeId()] += 1;
            }
        }
        double[] ap = new double[slots];
        double[] pcP = new double[slots];
        double[] pcR = new double[slots];
        Arrays.fill(ap, Double.NaN);
        Arrays.fill(pcP, Double.NaN);
        Arrays.fill(pcR, Double.NaN);
        List<ClassSummary> rows = new ArrayList<>();
        List<PrCurve> curves = new ArrayList<>();
        for (int c : gtUnique) {
            boolean ignored = Arrays.stream(IGNORED).anyMatch(x -> x == c);
            List<Double> sc = scores.get(c);
            List<Boolean> m = matched.get(c);
            long tpCount = m.stream().filter(b -> b).count();
            if (ignored) {
                rows.add(new ClassSummary(Integer.toString(c), Integer.toString(c), Double.NaN, (long) numGt[c], sc.size(),
                        tpCount, sc.size() - tpCount));
                continue;
            }
            if (numGt[c] != 0) {
                double[] s = new double[sc.size()];
                for (int i = 0; i < s.length; i++) {
                    s[i] = sc.get(i);
                }
                int[] order = numpyArgsortReversed(s);
                double[] prec = new double[s.length];
                double[] rec = new double[s.length];
                double tp = 0, fp = 0;
                for (int i = 0; i < s.length; i++) {
                    if (m.get(order[i])) {
                        tp++;
                    } else {
                        fp++;
                    }
                    prec[i] = tp / (tp + fp + Math.ulp(1.0));
                    rec[i] = tp / numGt[c];
                }
                pcP[c] = (double) tpCount / m.size();
                pcR[c] = tpCount / numGt[c];
                ap[c] = apFromPr(prec, rec);
                if (s.length > 0) {
                    curves.add(new PrCurve(Integer.toString(c), "IoU >= 0.5", rec, prec));
                }
            } else {
                ap[c] = 0.0;
            }
            rows.add(new ClassSummary(Integer.toString(c), Integer.toString(c), ap[c], (long) numGt[c], sc.size(), tpCount,
                    sc.size() - tpCount));
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("map", nanmean(ap));
        double mapScore = nanmean(pcP);
        double marScore = nanmean(pcR);
        v.put("map_score", mapScore);
        v.put("mar_score", marScore);
        double eps = Math.ulp(1.0);
        v.put("f1", 2 / ((1 / (eps + mapScore)) + (1 / (eps + marScore))));
        for (Map.Entry<String, int[]> e : SPLITS.entrySet()) {
            double[] sub = new double[e.getValue().length];
            for (int i = 0; i < sub.length; i++) {
                sub[i] = ap[e.getValue()[i]];
            }
            v.put(e.getKey(), nanmean(sub));
        }
        Map<String, Object> per = new LinkedHashMap<>();
        Map<String, Object> cnt = new LinkedHashMap<>();
        for (int c : gtUnique) {
            per.put(Integer.toString(c), ap[c]);
            cnt.put(Integer.toString(c), (long) numGt[c]);
        }
        v.put("per_class_AP", per);
        v.put("per_class_num_gt_counted", cnt);
        return new Outcome(v, rows, curves);
    }

    /** Rectangle IoU as matching.py computes it: areas from the corners, intersection clipped at 0. */
    static double iou(Box d, Box g) {
        double a1 = (d.y1() - d.y0()) * (d.x1() - d.x0());
        double a2 = (g.y1() - g.y0()) * (g.x1() - g.x0());
        double iw = Math.min(d.x1(), g.x1()) - Math.max(d.x0(), g.x0());
        double ih = Math.min(d.y1(), g.y1()) - Math.max(d.y0(), g.y0());
        if (iw < 0) {
            iw = 0;
        }
        if (ih < 0) {
            ih = 0;
        }
        double ia = iw * ih;
        return ia / ((a1 + a2) - ia);
    }

    /** score.py's ap_from_pr. */
    static double apFromPr(double[] prec, double[] rec) {
        int n = prec.length;
        double[] r = new double[n + 2];
        double[] p = new double[n + 2];
        System.arraycopy(rec, 0, r, 1, n);
        System.arraycopy(prec, 0, p, 1, n);
        r[n + 1] = 1;
        for (int i = p.length - 2; i > 0; i--) {
            if (p[i] > p[i - 1]) {
                p[i - 1] = p[i];
            }
        }
        double[] terms = new double[n + 1];
        int m = 0;
        for (int i = 1; i < r.length; i++) {
            if (r[i] != r[i - 1]) {
                terms[m++] = (r[i] - r[i - 1]) * p[i];
            }
        }
        return NumpyMath.pairwiseSum(terms, 0, m);
    }

    /** np.nanmean: NaN-free sum (numpy pairwise, NaN replaced by 0) over the count; NaN when empty. */
    static double nanmean(double[] a) {
        double[] z = a.clone();
        int cnt = 0;
        for (int i = 0; i < z.length; i++) {
            if (Double.isNaN(z[i])) {
                z[i] = 0;
            } else {
                cnt++;
            }
        }
        return cnt == 0 ? Double.NaN : NumpyMath.pairwiseSum(z, 0, z.length) / cnt;
    }

    /** {@code np.argsort(s)[::-1]}: numpy's quicksort order ({@link NumpySort}), reversed. */
    static int[] numpyArgsortReversed(double[] s) {
        int[] idx = NumpySort.argsort(s);
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = idx[s.length - 1 - i];
        }
        return out;
    }
}
