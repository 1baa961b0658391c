package dev.seamline.eval;

import dev.seamline.core.Box;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the errors are, in the spirit of the COCO analyze tool and TIDE (and SAHI's
 * {@code coco analyse}): every detection, per image in descending score order, is classed by its
 * overlap with the ground truth (axis-aligned boxes; IoU without "+1"):
 * <ol>
 * <li><b>true positive</b>: IoU ≥ 0.5 with a not-yet-matched GT of its class;</li>
 * <li><b>ignored</b>: IoU ≥ 0.5 with an ignored GT of its class (COCO crowd, DOTA difficult);</li>
 * <li><b>duplicate</b>: IoU ≥ 0.5 with a GT of its class that an earlier detection took;</li>
 * <li><b>localisation</b>: 0.1 ≤ IoU &lt; 0.5 with a GT of its class;</li>
 * <li><b>class confusion</b>: IoU ≥ 0.5 with a GT of another class;</li>
 * <li><b>background</b>: anything else.</li>
 * </ol>
 * A non-ignored GT no detection took is <b>missed</b>. The counts are diagnostic, the same for every
 * metric; they do not replace the metric's own matching (DOTA's strict &gt; 0.5, polygons, etc.).
 * Immutable and thread-safe.
 */
public final class ErrorBreakdown {

    /** The kinds of outcome, in report order. */
    public enum Kind {
        /** Correct detection. */
        TRUE_POSITIVE("true positive"),
        /** On an ignored GT: neither right nor wrong. */
        IGNORED("ignored"),
        /** A second detection of an object already found. */
        DUPLICATE("duplicate"),
        /** Right class, box off (0.1 ≤ IoU &lt; 0.5). */
        LOCALISATION("localisation"),
        /** Right place, wrong class. */
        CLASS_CONFUSION("class confusion"),
        /** Nothing there. */
        BACKGROUND("background"),
        /** A GT nobody found. */
        MISSED("missed");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** Readable label. */
        public String label() {
            return label;
        }
    }

    /** Foreground IoU. */
    public static final double FG_IOU = 0.5;
    /** Background IoU: below it a detection touches nothing. */
    public static final double BG_IOU = 0.1;

    private final Map<String, long[]> perClass;
    private final long[] total;

    private ErrorBreakdown(Map<String, long[]> perClass, long[] total) {
        this.perClass = perClass;
        this.total = total;
    }

    /** Counts over all classes, indexed by {@link Kind#ordinal()}. */
    public long count(Kind k) {
        return total[k.ordinal()];
    }

    /** Counts of one class (detections by their class, missed GT by theirs). */
    public long count(String classKey, Kind k) {
        long[] c = perClass.get(classKey);
        return c == null ? 0 : c[k.ordinal()];
    }

    /** The class keys seen, sorted. */
    public List<String> classKeys() {
        return List.copyOf(perClass.keySet());
    }

    /** Computes the breakdown. */
    public static ErrorBreakdown of(List<TruthBox> truths, List<ScoredBox> detections) {
        Map<String, List<TruthBox>> gtByImage = new HashMap<>();
        for (TruthBox t : truths) {
            gtByImage.computeIfAbsent(t.image(), k -> new ArrayList<>()).add(t);
        }
        Map<String, List<ScoredBox>> detByImage = new HashMap<>();
        for (ScoredBox d : detections) {
            detByImage.computeIfAbsent(d.image(), k -> new ArrayList<>()).add(d);
        }
        Map<String, long[]> per = new TreeMap<>();
        long[] total = new long[Kind.values().length];
        java.util.Set<String> images = new java.util.TreeSet<>(gtByImage.keySet());
        images.addAll(detByImage.keySet());
        for (String img : images) {
            List<TruthBox> g = gtByImage.getOrDefault(img, List.of());
            List<ScoredBox> ds = detByImage.getOrDefault(img, List.of());
            double[] sc = new double[ds.size()];
            for (int i = 0; i < sc.length; i++) {
                sc[i] = ds.get(i).score();
            }
            boolean[] taken = new boolean[g.size()];
            for (int di : StableSort.byDescending(sc)) {
                ScoredBox d = ds.get(di);
                Kind k = classify(d, g, taken);
                add(per, total, d.classKey(), k);
            }
            for (int j = 0; j < g.size(); j++) {
                if (!taken[j] && !g.get(j).ignored()) {
                    add(per, total, g.get(j).classKey(), Kind.MISSED);
                }
            }
        }
        return new ErrorBreakdown(per, total);
    }

    private static Kind classify(ScoredBox d, List<TruthBox> g, boolean[] taken) {
        Box b = d.box();
        int bestFree = -1;
        double bestFreeIou = -1;
        boolean ignoredHit = false, dupHit = false, locHit = false, otherHit = false;
        for (int j = 0; j < g.size(); j++) {
            TruthBox t = g.get(j);
            double iou = b.iou(t.box());
            boolean same = t.classKey().equals(d.classKey());
            if (same) {
                if (iou >= FG_IOU) {
                    if (t.ignored()) {
                        ignoredHit = true;
                    } else if (!taken[j]) {
                        if (iou > bestFreeIou) {
                            bestFreeIou = iou;
                            bestFree = j;
                        }
                    } else {
                        dupHit = true;
                    }
                } else if (iou >= BG_IOU) {
                    locHit = true;
                }
            } else if (iou >= FG_IOU && !t.ignored()) {
                otherHit = true;
            }
        }
        if (bestFree >= 0) {
            taken[bestFree] = true;
            return Kind.TRUE_POSITIVE;
        }
        if (ignoredHit) {
            return Kind.IGNORED;
        }
        if (dupHit) {
            return Kind.DUPLICATE;
        }
        if (locHit) {
            return Kind.LOCALISATION;
        }
        if (otherHit) {
            return Kind.CLASS_CONFUSION;
        }
        return Kind.BACKGROUND;
    }

    private static void add(Map<String, long[]> per, long[] total, String cls, Kind k) {
        per.computeIfAbsent(cls, x -> new long[Kind.values().length])[k.ordinal()]++;
        total[k.ordinal()]++;
    }
}
