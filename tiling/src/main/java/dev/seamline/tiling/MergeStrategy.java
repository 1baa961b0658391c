package dev.seamline.tiling;

import dev.seamline.core.Detection;
import java.util.List;

/**
 * One way of joining overlapping detections of the same object into one: {@link GreedyNms},
 * {@link SoftNms}, {@link WeightedBoxFusion} or {@link GreedyNmm}. Each is a record of its options, so
 * strategies are values: serializable, comparable, and free of strings.
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
public sealed interface MergeStrategy permits GreedyNms, SoftNms, WeightedBoxFusion, GreedyNmm {

    /** When two detections count as the same object. */
    Matching matching();

    /**
     * Merges {@code detections} (any pixel frame, all in the same one) and returns the survivors sorted
     * by y0, x0, y1, x1, class, then descending score. Detections with an empty box are dropped.
     */
    default List<Detection> merge(List<Detection> detections) {
        return Engine.mergePlain(this, detections);
    }
}
