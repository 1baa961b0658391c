package dev.seamline.eval;

import dev.seamline.core.BadInputException;
import dev.seamline.core.Box;
import dev.seamline.formats.spacenet.SpaceNetFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * SpaceNet building F1 as solaris' {@code Evaluator} computes it: proposals in descending confidence
 * (pandas' {@code sort_values} order over the whole file, ties included), each matched to the remaining GT of maximum IoU (polygon IoU, invalid proposals
 * repaired with buffer(0), invalid GT scoring 0); a match needs IoU &gt; 0.5 and removes that GT.
 * CSV input follows {@code spacenet_buildings_2} ({@code eval_iou_spacenet_csv}): per image, GT with
 * area ≥ 20 px² and proposals with area &gt; 20 px²; totals and per-AOI (image id without its last
 * "_" part) are sums of the per-image counts. GeoJSON input follows {@code eval_iou} on one image
 * without an area filter. Thread-safe.
 */
public final class SpaceNetEval {

    /** solaris' default minimum area for SpaceNet 2/4, px². */
    public static final double MIN_AREA = 20;

    private SpaceNetEval() {
    }

    /**
     * Counts and rates. Immutable and thread-safe.
     *
     * @param tp true positives
     * @param fp false positives
     * @param fn false negatives
     */
    public record Counts(long tp, long fp, long fn) {
        /** TP / (TP + FP), 0 when undefined (solaris). */
        public double precision() {
            return tp + fp > 0 ? tp / (double) (tp + fp) : 0;
        }

        /** TP / (TP + FN), 0 when undefined. */
        public double recall() {
            return tp + fn > 0 ? tp / (double) (tp + fn) : 0;
        }

        /** 2PR / (P + R), 0 when P·R = 0. */
        public double f1() {
            double p = precision(), r = recall();
            return r * p > 0 ? 2 * p * r / (p + r) : 0;
        }

        Counts plus(Counts o) {
            return new Counts(tp + o.tp, fp + o.fp, fn + o.fn);
        }
    }

    /**
     * Per-image counts (image order: GT first appearance, then proposals'), per AOI and total.
     * Immutable and thread-safe.
     *
     * @param perImage image id → counts
     * @param perAoi   AOI → summed counts, AOI names sorted
     * @param total    the sum
     */
    public record Outcome(Map<String, Counts> perImage, Map<String, Counts> perAoi, Counts total) {
    }

    /**
     * Scores footprints.
     *
     * @param minArea GT kept when area ≥ minArea, proposals when area &gt; minArea (0 and -inf: GeoJSON mode, no filter)
     */
    public static Outcome score(List<SpaceNetFormat.Footprint> truth, List<SpaceNetFormat.Footprint> proposals, double minArea,
            boolean csvMode) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        truth.forEach(t -> ids.add(t.imageId()));
        proposals.forEach(p -> ids.add(p.imageId()));
        List<SpaceNetFormat.Footprint> sorted = new ArrayList<>();
        for (int i : pandasDescending(proposals)) {
            sorted.add(proposals.get(i));
        }
        Map<String, Counts> per = new LinkedHashMap<>();
        Map<String, Counts> aoi = new TreeMap<>();
        Counts total = new Counts(0, 0, 0);
        for (String id : ids) {
            List<Geometry> gts = new ArrayList<>();
            for (SpaceNetFormat.Footprint t : truth) {
                if (t.imageId().equals(id) && (!csvMode || t.geometry().getArea() >= minArea)) {
                    gts.add(t.geometry());
                }
            }
            List<SpaceNetFormat.Footprint> ps = new ArrayList<>();
            for (SpaceNetFormat.Footprint p : sorted) {
                if (p.imageId().equals(id) && (!csvMode || p.geometry().getArea() > minArea)) {
                    ps.add(p);
                }
            }
            boolean[] removed = new boolean[gts.size()];
            long tp = 0;
            for (int i = 0; i < ps.size(); i++) {
                Geometry pred = ps.get(i).geometry();
                if (csvMode && !(pred.getArea() > 0)) {
                    continue;
                }
                if (!pred.isValid()) {
                    pred = pred.buffer(0.0);
                }
                int best = -1;
                double bestIou = 0;
                Envelope pe = pred.getEnvelopeInternal();
                for (int j = 0; j < gts.size(); j++) {
                    if (removed[j]) {
                        continue;
                    }
                    Geometry g = gts.get(j);
                    if (!pe.intersects(g.getEnvelopeInternal()) || !pred.intersects(g)) {
                        continue;
                    }
                    double iou = 0;
                    if (pred.isValid() && g.isValid()) {
                        iou = pred.intersection(g).getArea() / pred.union(g).getArea();
                    }
                    if (best < 0 || iou > bestIou) {
                        best = j;
                        bestIou = iou;
                    }
                }
                if (best >= 0 && bestIou > 0.5) {
                    removed[best] = true;
                    tp++;
                }
            }
            long fn = 0;
            for (int j = 0; j < gts.size(); j++) {
                if (!removed[j] && (!csvMode || gts.get(j).getArea() > 0)) {
                    fn++;
                }
            }
            Counts c = new Counts(tp, ps.size() - tp, fn);
            per.put(id, c);
            String a = id.contains("_") ? id.substring(0, id.lastIndexOf('_')) : id;
            aoi.merge(a, c, Counts::plus);
            total = total.plus(c);
        }
        return new Outcome(per, aoi, total);
    }

    static EvalResult evaluate(EvalRequest req) throws BadInputException {
        boolean csv = req.gt().getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        List<SpaceNetFormat.Footprint> gt;
        List<SpaceNetFormat.Footprint> pred;
        if (csv) {
            gt = SpaceNetFormat.readCsv(req.gt(), false);
            pred = SpaceNetFormat.readCsv(req.pred(), true);
        } else {
            gt = SpaceNetFormat.readGeoJson(req.gt(), "image");
            pred = SpaceNetFormat.readGeoJson(req.pred(), "image");
        }
        Outcome o = score(gt, pred, csv ? MIN_AREA : 0, csv);
        Counts t = o.total();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("TP", t.tp());
        v.put("FP", t.fp());
        v.put("FN", t.fn());
        v.put("precision", t.precision());
        v.put("recall", t.recall());
        v.put("F1", t.f1());
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, Counts> e : o.perAoi().entrySet()) {
            Counts c = e.getValue();
            rows.add(List.of(e.getKey(), Long.toString(c.tp()), Long.toString(c.fp()), Long.toString(c.fn()),
                    Tables.num(c.precision()), Tables.num(c.recall()), Tables.num(c.f1())));
        }
        rows.add(List.of("total", Long.toString(t.tp()), Long.toString(t.fp()), Long.toString(t.fn()), Tables.num(t.precision()),
                Tables.num(t.recall()), Tables.num(t.f1())));
        String table = String.format(Locale.ROOT, "SpaceNet buildings (IoU > 0.5%s): F1 = %s%n%n", csv ? ", min area 20 px²" : "",
                Tables.num(t.f1())) + Tables.perClass(List.of(csv ? "AOI" : "image", "TP", "FP", "FN", "precision", "recall",
                "F1"), rows);
        List<TruthBox> truths = new ArrayList<>();
        for (SpaceNetFormat.Footprint f : gt) {
            if (!f.geometry().isEmpty()) {
                truths.add(new TruthBox(f.imageId(), "building", box(f.geometry()), false));
            }
        }
        List<ScoredBox> dets = new ArrayList<>();
        for (SpaceNetFormat.Footprint f : pred) {
            if (!f.geometry().isEmpty()) {
                dets.add(new ScoredBox(f.imageId(), "building", box(f.geometry()), f.confidence()));
            }
        }
        List<ClassSummary> cls = List.of(new ClassSummary("building", "building", Double.NaN, t.tp() + t.fn(), t.tp() + t.fp(),
                t.tp(), t.fp()));
        return new EvalResult(Metric.SPACENET, v, table, cls, List.of(), truths, dets);
    }

    private static Box box(Geometry g) {
        Envelope e = g.getEnvelopeInternal();
        return new Box(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY());
    }

    /**
     * pandas' {@code sort_values(ascending=False)} (nargsort, kind quicksort): the values reversed,
     * numpy-argsorted, mapped back, and the result reversed.
     */
    static int[] pandasDescending(List<SpaceNetFormat.Footprint> ps) {
        int n = ps.size();
        double[] rev = new double[n];
        for (int i = 0; i < n; i++) {
            rev[i] = ps.get(n - 1 - i).confidence();
        }
        int[] a = NumpySort.argsort(rev);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = n - 1 - a[n - 1 - i];
        }
        return out;
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
