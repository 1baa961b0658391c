package dev.seamline.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An error breakdown as the report prints it: kinds of outcome (columns), counts per class and in
 * all, and a sentence saying how the kinds were decided. Metrics on boxes share one
 * ({@link ErrorBreakdown}, by IoU, see {@link #of(ErrorBreakdown)}); a metric whose objects are not
 * boxes brings its own (Safe Passage: distances to centres). Immutable and thread-safe.
 *
 * @param description how each kind was decided (Markdown, one paragraph)
 * @param columns     the kinds as CSV column names ({@code true_positive}), in report order
 * @param labels      the kinds as readable labels ({@code true positive}), same order
 * @param perClass    class key → counts per kind, keys sorted
 * @param total       counts per kind over all classes
 */
public record ErrorTable(String description, List<String> columns, List<String> labels, Map<String, List<Long>> perClass,
        List<Long> total) {

    /** Checks the shapes and copies. */
    public ErrorTable {
        Objects.requireNonNull(description, "description");
        columns = List.copyOf(columns);
        labels = List.copyOf(labels);
        if (labels.size() != columns.size() || total.size() != columns.size()) {
            throw new IllegalArgumentException("columns, labels and total need one entry per kind");
        }
        Map<String, List<Long>> copy = new TreeMap<>();
        for (Map.Entry<String, List<Long>> e : perClass.entrySet()) {
            if (e.getValue().size() != columns.size()) {
                throw new IllegalArgumentException("class " + e.getKey() + " needs one count per kind");
            }
            copy.put(e.getKey(), List.copyOf(e.getValue()));
        }
        perClass = Collections.unmodifiableMap(copy);
        total = List.copyOf(total);
    }

    /** The class keys, sorted. */
    public List<String> classKeys() {
        return List.copyOf(perClass.keySet());
    }

    /** The count of kind {@code k} (column index) for a class, 0 for a class not listed. */
    public long count(String classKey, int k) {
        List<Long> c = perClass.get(classKey);
        return c == null ? 0 : c.get(k);
    }

    /** The count of kind {@code k} over all classes. */
    public long count(int k) {
        return total.get(k);
    }

    /** The box breakdown shared by the metrics on boxes (IoU-based, see {@link ErrorBreakdown}). */
    public static ErrorTable of(ErrorBreakdown eb) {
        List<String> cols = new ArrayList<>(), labels = new ArrayList<>();
        List<Long> total = new ArrayList<>();
        for (ErrorBreakdown.Kind k : ErrorBreakdown.Kind.values()) {
            cols.add(k.name().toLowerCase(Locale.ROOT));
            labels.add(k.label());
            total.add(eb.count(k));
        }
        Map<String, List<Long>> per = new TreeMap<>();
        for (String c : eb.classKeys()) {
            List<Long> n = new ArrayList<>();
            for (ErrorBreakdown.Kind k : ErrorBreakdown.Kind.values()) {
                n.add(eb.count(c, k));
            }
            per.put(c, n);
        }
        return new ErrorTable("Each detection, per image in score order, classed by its overlap with the ground truth "
                + "(axis-aligned IoU): true positive (≥ 0.5, same class, GT free), ignored (on a crowd/difficult GT), "
                + "duplicate (GT already taken), localisation (0.1–0.5, same class), class confusion (≥ 0.5, other class), "
                + "background (nothing); missed = GT nobody took. Diagnostic: the metric's own matching rules apply to the "
                + "scores above.", cols, labels, per, total);
    }
}
