package dev.seamline.eval;

import dev.seamline.formats.text.PrettyJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one evaluation: the metric's values as its JSON names them (ordered; numbers may be
 * NaN, written as {@code null}), the readable table, and what a report draws from (per-class lines,
 * precision-recall curves, the boxes for the error breakdown). Immutable and thread-safe.
 *
 * @param metric     the metric
 * @param values     the JSON object, in key order (nested maps for per-class values)
 * @param table      the readable table printed on standard output
 * @param classes    per-class lines
 * @param curves     precision-recall curves, per class
 * @param truths     the ground truth as boxes (for the error breakdown)
 * @param detections the detections as boxes (for the error breakdown)
 * @param errors     the metric's own error breakdown, or {@code null}: the report computes the box
 *                   one ({@link ErrorBreakdown}) from {@code truths} and {@code detections}
 */
public record EvalResult(Metric metric, Map<String, Object> values, String table, List<ClassSummary> classes,
        List<PrCurve> curves, List<TruthBox> truths, List<ScoredBox> detections, ErrorTable errors) {

    /** Copies everything (the boxes of a metric's own lazily built lists when first read). */
    public EvalResult {
        Objects.requireNonNull(metric, "metric");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        Objects.requireNonNull(table, "table");
        classes = List.copyOf(classes);
        curves = List.copyOf(curves);
        truths = truths instanceof LazyList<TruthBox> ? truths : List.copyOf(truths);
        detections = detections instanceof LazyList<ScoredBox> ? detections : List.copyOf(detections);
    }

    /** A result whose report breaks the errors down by box overlap ({@link ErrorBreakdown}). */
    public EvalResult(Metric metric, Map<String, Object> values, String table, List<ClassSummary> classes,
            List<PrCurve> curves, List<TruthBox> truths, List<ScoredBox> detections) {
        this(metric, values, table, classes, curves, truths, detections, null);
    }

    /** The error breakdown the report prints: the metric's own, else the box one. */
    public ErrorTable errorTable() {
        return errors != null ? errors : ErrorTable.of(ErrorBreakdown.of(truths, detections));
    }

    /** The values as pretty-printed JSON, NaN and infinities written as {@code null}. */
    public String toJson() {
        return PrettyJson.write(jsonValues()) + "\n";
    }

    /** {@link #values()} as {@link #toJson()} writes them: NaN and infinities as null, arrays as lists. */
    Object jsonValues() {
        return nanToNull(values);
    }

    /** A number of {@link #values()} by key, NaN when absent or null. */
    public double number(String key) {
        Object o = values.get(key);
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static Object nanToNull(Object o) {
        if (o instanceof Double d && !Double.isFinite(d)) {
            return null;
        }
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(String.valueOf(e.getKey()), nanToNull(e.getValue()));
            }
            return out;
        }
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object x : l) {
                out.add(nanToNull(x));
            }
            return out;
        }
        if (o instanceof double[] a) {
            List<Object> out = new ArrayList<>();
            for (double x : a) {
                out.add(nanToNull(x));
            }
            return out;
        }
        return o;
    }
}
