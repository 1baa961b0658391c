package dev.seamline.tiling.merge;

import dev.seamline.core.Detection;
import java.io.Serializable;
import java.util.List;

/**
 * One way of joining overlapping detections of the same object into one: {@link GreedyNms},
 * {@link SoftNms}, {@link WeightedBoxFusion} or {@link GreedyNmm}. Each is a record of its options, so
 * strategies are values: serializable (Java serialization, with {@link Matching}), comparable, and free
 * of strings. Each record owns its algorithm ({@link #mergeGroup}), run on one group at a time.
 *
 * <p>Detections are compared with axis-aligned IoU/IoS, or with polygon IoU/IoS when either carries an
 * oriented box. Whatever the strategy, work is done per group of mutually reachable overlapping
 * detections found through a spatial grid, never by comparing every pair, and ties are broken by score,
 * then coordinates (y0, x0, y1, x1), then class, so the result does not depend on the input order.
 *
 * <p>{@link #merge(List)} merges detections of one frame without tile knowledge; the {@link SeamMerger}
 * adds the seam rule and streams a tiled scene band by band. Implementations are immutable and
 * thread-safe.
 */
public sealed interface MergeStrategy extends Serializable permits GreedyNms, SoftNms, WeightedBoxFusion, GreedyNmm {

    /** When two detections count as the same object. */
    Matching matching();

    /**
     * This strategy's name, the one spelling used everywhere (the {@code --merge} option, presets,
     * {@code run.json}, merge scenario files): {@code nms}, {@code soft-nms}, {@code wbf} or {@code nmm}.
     */
    String method();

    /** Every method name {@link #of} accepts, in the order they are documented. */
    java.util.List<String> METHODS = java.util.List.of("nms", "soft-nms", "wbf", "nmm");

    /**
     * The strategy a method name stands for, with that method's defaults: Soft-NMS decays with the
     * Gaussian penalty (sigma 0.5, scores below 0.001 dropped), WBF fuses the detections of one model.
     *
     * @param method   one of {@link #METHODS} (exact spelling)
     * @param matching when two detections are one object
     * @throws IllegalArgumentException for any other name
     */
    static MergeStrategy of(String method, Matching matching) {
        return switch (method) {
            case "nms" -> new GreedyNms(matching);
            case "soft-nms" -> new SoftNms(matching, SoftNms.Decay.GAUSSIAN, 0.5, 0.001);
            case "wbf" -> new WeightedBoxFusion(matching, 1);
            case "nmm" -> new GreedyNmm(matching);
            default -> throw new IllegalArgumentException("unknown merge method '" + method + "' (expected one of "
                    + String.join(", ", METHODS) + ")");
        };
    }

    /**
     * Merges {@code detections} (any pixel frame, all in the same one) and returns the survivors sorted
     * by y0, x0, y1, x1, class, then descending score. Detections with an empty box are dropped.
     */
    default List<Detection> merge(List<Detection> detections) {
        return ComponentMerger.mergePlain(this, detections);
    }

    /**
     * This strategy's algorithm, run on one group of overlapping detections: reads the group's
     * detections (in processing order) and {@linkplain MergeGroup#emit emits} the merged ones. The
     * merger calls it once per group; groups are independent.
     */
    void mergeGroup(MergeGroup group);
}
