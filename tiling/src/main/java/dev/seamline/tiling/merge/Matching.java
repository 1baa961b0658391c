package dev.seamline.tiling.merge;

import dev.seamline.core.Detection;
import java.io.Serializable;
import java.util.Objects;

/**
 * When two detections count as the same object: their {@link MatchMetric} exceeds {@code threshold}
 * (strictly, as torchvision's {@code nms}), and, in {@link ClassMode#CLASS_AWARE} mode, their classes
 * are equal.
 *
 * <p>Immutable and thread-safe.
 *
 * @param metric    IoU or IoS
 * @param threshold in [0, 1)
 * @param classMode class-aware or agnostic
 */
public record Matching(MatchMetric metric, double threshold, ClassMode classMode) implements Serializable {

    /** @throws IllegalArgumentException for a threshold outside [0,1) */
    public Matching {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(classMode, "classMode");
        if (!(threshold >= 0 && threshold < 1)) {
            throw new IllegalArgumentException("match threshold must be in [0, 1), was " + threshold);
        }
    }

    /** Class-aware IoU above {@code threshold}. */
    public static Matching iou(double threshold) {
        return new Matching(MatchMetric.IOU, threshold, ClassMode.CLASS_AWARE);
    }

    /** Class-aware IoS above {@code threshold}. */
    public static Matching ios(double threshold) {
        return new Matching(MatchMetric.IOS, threshold, ClassMode.CLASS_AWARE);
    }

    /** True when classes {@code a} and {@code b} may interact. */
    boolean classesMatch(int a, int b) {
        return classMode == ClassMode.CLASS_AGNOSTIC || a == b;
    }

    /** This matching's metric between two detections, in [0, 1]. */
    double measure(Detection a, Detection b) {
        return Geometry.metric(metric, a, b);
    }

    /** True when {@code a} and {@code b} count as the same object: classes match and the metric exceeds the threshold. */
    boolean matches(Detection a, Detection b) {
        return classesMatch(a.classId(), b.classId()) && Geometry.metric(metric, a, b) > threshold;
    }
}
