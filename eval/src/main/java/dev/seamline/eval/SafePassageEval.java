package dev.seamline.eval;

import dev.seamline.core.BadInputException;
import dev.seamline.core.io.Printable;
import dev.seamline.formats.safepassage.SafePassageCsv;
import dev.seamline.formats.safepassage.SafePassageCsv.Centre;
import dev.seamline.formats.safepassage.SafePassageCsv.Entry;
import dev.seamline.formats.safepassage.SafePassageCsv.Row;
import dev.seamline.formats.safepassage.VehicleClass;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Jaccard score of Dstl's <i>Safe Passage</i> contest (2017) under Seamline's stated rule, the
 * official scorer never having been published:
 * <ol>
 * <li>per image and class, a <b>maximum</b> one-to-one matching of detections to true centres, a
 * pair allowed when their distance is ≤ the class's acceptance radius ({@link VehicleClass#radius()};
 * compared as squared distances, exact on integer pixels); found by Hopcroft–Karp, so a nearest-first
 * greedy pass that strands a detection is never the answer;</li>
 * <li>the detections left over are matched the same way to the low-confidence centres and count
 * neither way. Which detections are left over is not unique when several maximum matchings exist,
 * so the rule is pinned down: the first matching is <i>extended</i> by augmenting paths through the
 * true and low-confidence centres together, which keeps every true centre it matched and excuses the
 * largest number of detections possible. TP is then the size of a maximum matching to the true
 * centres, TP + excused the size of a maximum matching to all centres: neither depends on which
 * matching is found;</li>
 * <li>TP, FP (detections neither matched nor excused), FN (true centres not matched) summed over
 * images and classes; Jaccard TP / (TP + FP + FN) over all and per class, NaN when the sum is 0.</li>
 * </ol>
 * Files are joined by {@code id} (image stem and class), so {@code TQ2379_0_0.jpg} in the truth and
 * {@code TQ2379_0_0.tif} in a submission are the same image. The error breakdown ({@link Kind})
 * explains every detection and every missed centre. Thread-safe (no shared state).
 *
 * <p>Why one class of this length: the two-stage matching rule (true centres, then low-confidence
 * ones, in one augmenting search), the totals and the error breakdown read the same per-image
 * groups; kept together, the stated rule can be checked against the reference scorer in one place.
 */
public final class SafePassageEval {

    private SafePassageEval() {
    }

    /** What became of a detection, or of a true centre nobody found. */
    public enum Kind {
        /** Matched to a true centre: a true positive. */
        HIT("hit"),
        /** Matched to a low-confidence centre: counts neither way. */
        LOW_CONFIDENCE("low-confidence hit"),
        /** A false positive within the radius of a centre of its class that another detection took. */
        DUPLICATE("duplicate"),
        /** A false positive with no centre of its class in reach but within the radius of a centre of another class. */
        WRONG_CLASS("wrong class within the radius"),
        /** A false positive whose nearest centre of its class is farther than the radius, but within twice it. */
        OFF("off by more than the radius"),
        /** A false positive with no centre of its class within twice the radius, nor of another within its radius. */
        BACKGROUND("background"),
        /** A true centre no detection took: a false negative. */
        MISSED("miss");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** Readable label. */
        public String label() {
            return label;
        }
    }

    /**
     * Counts and the Jaccard index. Immutable and thread-safe.
     *
     * @param tp true positives
     * @param fp false positives
     * @param fn false negatives
     */
    public record Counts(long tp, long fp, long fn) {
        /** TP / (TP + FP + FN); NaN when all three are 0. */
        public double jaccard() {
            long d = tp + fp + fn;
            return d == 0 ? Double.NaN : tp / (double) d;
        }

        Counts plus(Counts o) {
            return new Counts(tp + o.tp, fp + o.fp, fn + o.fn);
        }
    }

    /**
     * The outcome: counts per class and in all, and the error breakdown. Immutable and thread-safe.
     *
     * @param perClass every class, A to I, with its counts
     * @param total    the sums
     * @param errors   per class, the count of each {@link Kind} (detections by their class, misses by the centre's)
     * @param images   the number of images scored
     */
    public record Result(Map<VehicleClass, Counts> perClass, Counts total, Map<VehicleClass, List<Long>> errors, int images) {
        /** Copies. */
        public Result {
            perClass = Collections.unmodifiableMap(new EnumMap<>(perClass));
            Map<VehicleClass, List<Long>> e = new EnumMap<>(VehicleClass.class);
            errors.forEach((k, v) -> e.put(k, List.copyOf(v)));
            errors = Collections.unmodifiableMap(e);
        }

        /** The count of a kind for a class. */
        public long count(VehicleClass c, Kind k) {
            return errors.get(c).get(k.ordinal());
        }

        /** The count of a kind over all classes. */
        public long count(Kind k) {
            long n = 0;
            for (List<Long> l : errors.values()) {
                n += l.get(k.ordinal());
            }
            return n;
        }
    }

    /**
     * Scores rows of the contest's CSV: images are the union of the three lists' (by stem); a row
     * missing is {@code None}.
     *
     * @param truth         the true centres
     * @param predictions   the detections
     * @param lowConfidence the low-confidence centres (may be empty)
     * @throws IllegalArgumentException when one list has two rows of the same image stem and class
     */
    public static Result score(List<Row> truth, List<Row> predictions, List<Row> lowConfidence) {
        Map<String, EnumMap<VehicleClass, Centre[]>> t = byImage(truth, "truth");
        Map<String, EnumMap<VehicleClass, Centre[]>> p = byImage(predictions, "predictions");
        Map<String, EnumMap<VehicleClass, Centre[]>> l = byImage(lowConfidence, "low-confidence");
        Set<String> images = new java.util.TreeSet<>(t.keySet());
        images.addAll(p.keySet());
        images.addAll(l.keySet());
        Map<VehicleClass, Counts> per = new EnumMap<>(VehicleClass.class);
        Map<VehicleClass, long[]> err = new EnumMap<>(VehicleClass.class);
        for (VehicleClass c : VehicleClass.values()) {
            per.put(c, new Counts(0, 0, 0));
            err.put(c, new long[Kind.values().length]);
        }
        for (String img : images) {
            new ImageScorer(t.get(img), p.get(img), l.get(img)).score(per, err);
        }
        Counts total = new Counts(0, 0, 0);
        Map<VehicleClass, List<Long>> errors = new EnumMap<>(VehicleClass.class);
        for (VehicleClass c : VehicleClass.values()) {
            total = total.plus(per.get(c));
            errors.put(c, Arrays.stream(err.get(c)).boxed().toList());
        }
        return new Result(per, total, errors, images.size());
    }

    private static Map<String, EnumMap<VehicleClass, Centre[]>> byImage(List<Row> rows, String what) {
        Map<String, EnumMap<VehicleClass, Centre[]>> out = new HashMap<>();
        for (Row r : rows) {
            var m = out.computeIfAbsent(SafePassageCsv.stem(r.image()), k -> new EnumMap<>(VehicleClass.class));
            if (m.put(r.vehicleClass(), r.centres().toArray(Centre[]::new)) != null) {
                throw new IllegalArgumentException(what + ": two rows for " + r.id());
            }
        }
        return out;
    }

    /** One image: the matching per class, then the breakdown of what is left. */
    private static final class ImageScorer {
        private static final Centre[] NONE = new Centre[0];
        private final EnumMap<VehicleClass, Centre[]> truth, dets, low;
        private final EnumMap<VehicleClass, PointIndex> allCentres = new EnumMap<>(VehicleClass.class);

        ImageScorer(EnumMap<VehicleClass, Centre[]> truth, EnumMap<VehicleClass, Centre[]> dets,
                EnumMap<VehicleClass, Centre[]> low) {
            this.truth = truth == null ? new EnumMap<>(VehicleClass.class) : truth;
            this.dets = dets == null ? new EnumMap<>(VehicleClass.class) : dets;
            this.low = low == null ? new EnumMap<>(VehicleClass.class) : low;
        }

        private Centre[] get(EnumMap<VehicleClass, Centre[]> m, VehicleClass c) {
            return m.getOrDefault(c, NONE);
        }

        /** The true and low-confidence centres of a class together (true first), indexed. */
        private PointIndex centres(VehicleClass c) {
            return allCentres.computeIfAbsent(c, k -> {
                Centre[] t = get(truth, k), l = get(low, k);
                Centre[] both = Arrays.copyOf(t, t.length + l.length);
                System.arraycopy(l, 0, both, t.length, l.length);
                return new PointIndex(both);
            });
        }

        void score(Map<VehicleClass, Counts> per, Map<VehicleClass, long[]> err) {
            for (VehicleClass c : VehicleClass.values()) {
                Centre[] d = get(dets, c), t = get(truth, c);
                if (d.length == 0 && t.length == 0) {
                    continue;
                }
                PointIndex all = centres(c);
                double r = c.radius();
                int[][] adjTrue = new int[d.length][];
                int[][] adjAll = new int[d.length][];
                for (int i = 0; i < d.length; i++) {
                    adjAll[i] = all.within(d[i], r);
                    int k = 0;
                    while (k < adjAll[i].length && adjAll[i][k] < t.length) {
                        k++;
                    }
                    adjTrue[i] = Arrays.copyOf(adjAll[i], k);
                }
                int[] first = BipartiteMatching.maximum(adjTrue, t.length);
                int[] both = BipartiteMatching.extend(adjAll, all.size(), first);
                long tp = 0, excused = 0;
                long[] e = err.get(c);
                for (int i = 0; i < d.length; i++) {
                    if (first[i] >= 0) {
                        tp++;
                        e[Kind.HIT.ordinal()]++;
                    } else if (both[i] >= 0) {
                        excused++;
                        e[Kind.LOW_CONFIDENCE.ordinal()]++;
                    } else {
                        err.get(c)[falsePositive(c, d[i], adjAll[i].length > 0).ordinal()]++;
                    }
                }
                // both keeps every true centre first matched, and a true centre matched in both was in first
                // (its TP count equals first's and they only grow), so misses are the true centres first left
                long fn = t.length - tp;
                e[Kind.MISSED.ordinal()] += fn;
                per.merge(c, new Counts(tp, d.length - tp - excused, fn), Counts::plus);
            }
        }

        private Kind falsePositive(VehicleClass c, Centre d, boolean sameClassInReach) {
            if (sameClassInReach) {
                return Kind.DUPLICATE; // a maximum matching leaves no centre in reach free: it was taken
            }
            for (VehicleClass o : VehicleClass.values()) {
                if (o != c && centres(o).size() > 0 && centres(o).within(d, o.radius()).length > 0) {
                    return Kind.WRONG_CLASS;
                }
            }
            return centres(c).within(d, 2 * c.radius()).length > 0 ? Kind.OFF : Kind.BACKGROUND;
        }
    }

    /** Points sorted by x, for the ones within a distance of a query; immutable once built. */
    private static final class PointIndex {
        private final double[] xs, ys;
        private final int[] ids;

        PointIndex(Centre[] pts) {
            Integer[] order = new Integer[pts.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(pts[a].x(), pts[b].x()));
            xs = new double[pts.length];
            ys = new double[pts.length];
            ids = new int[pts.length];
            for (int k = 0; k < order.length; k++) {
                xs[k] = pts[order[k]].x();
                ys[k] = pts[order[k]].y();
                ids[k] = order[k];
            }
        }

        int size() {
            return xs.length;
        }

        /** The indices (ascending) of the points with squared distance ≤ r² from q. */
        int[] within(Centre q, double r) {
            double r2 = r * r;
            int lo = 0, hi = xs.length;
            while (lo < hi) { // first x ≥ q.x - r
                int mid = (lo + hi) >>> 1;
                if (xs[mid] < q.x() - r) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            int[] out = new int[8];
            int n = 0;
            for (int k = lo; k < xs.length && xs[k] <= q.x() + r; k++) {
                double dx = xs[k] - q.x(), dy = ys[k] - q.y();
                if (dx * dx + dy * dy <= r2) {
                    if (n == out.length) {
                        out = Arrays.copyOf(out, 2 * n);
                    }
                    out[n++] = ids[k];
                }
            }
            int[] res = Arrays.copyOf(out, n);
            Arrays.sort(res);
            return res;
        }
    }

    // ---------------------------------------------------------------- files

    /**
     * {@code seamline eval --metric safe-passage}: reads the truth, the submission and the optional
     * low-confidence file ({@link EvalRequest#ignore()}), all in the contest's CSV, and scores them.
     *
     * @throws BadInputException for a malformed file, or a submission or low-confidence row on an image
     *                           the truth does not list (naming the file and the line)
     */
    static EvalResult evaluate(EvalRequest req) throws BadInputException {
        if (req.classes() != null) {
            throw new BadInputException("--classes does not apply to safe-passage: its classes are A to I");
        }
        List<Entry> gt = SafePassageCsv.readEntries(req.gt());
        if (gt.isEmpty()) {
            throw new BadInputException(req.gt(), "no rows: the truth must list every image (a row per image and class)");
        }
        Map<String, String> images = new LinkedHashMap<>();
        for (Entry e : gt) {
            images.putIfAbsent(SafePassageCsv.stem(e.row().image()), e.row().image());
        }
        Set<String> keep = null;
        if (req.imageset() != null) {
            keep = new HashSet<>();
            for (String s : Evaluator.readList(req.imageset())) {
                String stem = SafePassageCsv.stem(s);
                if (!images.containsKey(stem)) {
                    throw new BadInputException(req.imageset(), "image '" + Printable.escape(s) + "' is not in "
                            + req.gt().getFileName());
                }
                keep.add(stem);
            }
        }
        List<Row> truth = rows(gt, null, null, keep);
        List<Row> pred = rows(SafePassageCsv.readEntries(req.pred()), req.pred(), images, keep);
        List<Row> low = req.ignore() == null ? List.of() : rows(SafePassageCsv.readEntries(req.ignore()), req.ignore(), images, keep);
        Result r = score(truth, pred, low);
        return result(r, req.ignore() != null);
    }

    private static List<Row> rows(List<Entry> entries, Path file, Map<String, String> images, Set<String> keep)
            throws BadInputException {
        List<Row> out = new ArrayList<>();
        for (Entry e : entries) {
            String stem = SafePassageCsv.stem(e.row().image());
            if (images != null && !images.containsKey(stem)) {
                throw new BadInputException(file, "line " + e.line() + ": image '" + Printable.escape(e.row().image())
                        + "' is not in the truth (no row has id " + Printable.escape(stem) + "_<class>)");
            }
            if (keep == null || keep.contains(stem)) {
                out.add(e.row());
            }
        }
        return out;
    }

    /** The JSON values, the table, the per-class lines and the breakdown of a result. */
    static EvalResult result(Result r, boolean withLowConfidence) {
        Map<String, Object> v = new LinkedHashMap<>();
        put(v, r.total());
        Map<String, Object> per = new LinkedHashMap<>();
        List<ClassSummary> rows = new ArrayList<>();
        List<List<String>> table = new ArrayList<>();
        for (VehicleClass c : VehicleClass.values()) {
            Counts k = r.perClass().get(c);
            Map<String, Object> e = new LinkedHashMap<>();
            put(e, k);
            per.put(c.name(), e);
            long dets = k.tp() + k.fp() + r.count(c, Kind.LOW_CONFIDENCE);
            rows.add(new ClassSummary(c.name(), c.description(), k.jaccard(), k.tp() + k.fn(), dets, k.tp(), k.fp()));
            table.add(row(c.name(), c.description(), Numbers.radius(c.radius()), k, dets, r.count(c, Kind.LOW_CONFIDENCE)));
        }
        v.put("per_class", per);
        Counts t = r.total();
        table.add(row("all", "", "", t, t.tp() + t.fp() + r.count(Kind.LOW_CONFIDENCE), r.count(Kind.LOW_CONFIDENCE)));
        String head = String.format(Locale.ROOT, "Safe Passage (Seamline's rule: maximum one-to-one matching within each class's "
                + "radius, distance <= radius): Jaccard = %s%nTP %d, FP %d, FN %d on %d images; %s%n%n", Tables.num(t.jaccard()),
                t.tp(), t.fp(), t.fn(), r.images(), withLowConfidence
                        ? r.count(Kind.LOW_CONFIDENCE) + " detections on low-confidence vehicles not counted"
                        : "no low-confidence file");
        String text = head + Tables.perClass(List.of("class", "vehicle", "radius", "truth", "dets", "TP", "FP", "FN",
                "low-conf", "jaccard"), table);
        return new EvalResult(Metric.SAFE_PASSAGE, v, text, rows, List.of(), List.of(), List.of(), errors(r));
    }

    private static List<String> row(String key, String name, String radius, Counts k, long dets, long low) {
        return List.of(key, name, radius, Long.toString(k.tp() + k.fn()), Long.toString(dets), Long.toString(k.tp()),
                Long.toString(k.fp()), Long.toString(k.fn()), Long.toString(low), Tables.num(k.jaccard()));
    }

    private static void put(Map<String, Object> m, Counts k) {
        m.put("TP", k.tp());
        m.put("FP", k.fp());
        m.put("FN", k.fn());
        m.put("jaccard", k.jaccard());
    }

    private static ErrorTable errors(Result r) {
        List<String> cols = new ArrayList<>(), labels = new ArrayList<>();
        List<Long> total = new ArrayList<>();
        for (Kind k : Kind.values()) {
            cols.add(k.name().toLowerCase(Locale.ROOT));
            labels.add(k.label());
            total.add(r.count(k));
        }
        Map<String, List<Long>> per = new TreeMap<>();
        for (VehicleClass c : VehicleClass.values()) {
            per.put(c.name(), r.errors().get(c));
        }
        return new ErrorTable("Each detection and each true centre, per image and class, after the metric's own matching: "
                + "hit (matched to a true centre), low-confidence hit (matched to a low-confidence centre: not counted), "
                + "duplicate (a false positive within the radius of a centre of its class another detection took), "
                + "wrong class within the radius (no centre of its class in reach, but within the radius of a centre of "
                + "another class), off by more than the radius (nearest centre of its class beyond the radius but within "
                + "twice it), background (nothing near); miss = a true centre no detection took. Detections count under "
                + "their class, misses under the centre's. hit = TP; duplicate + wrong class + off + background = FP; "
                + "miss = FN.", cols, labels, per, total);
    }

    /** Radius spelling for the table. */
    private static final class Numbers {
        static String radius(double r) {
            return dev.seamline.formats.text.Numbers.compact(r) + " px";
        }
    }
}
