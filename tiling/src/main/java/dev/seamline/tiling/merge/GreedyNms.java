package dev.seamline.tiling.merge;

import java.util.Objects;

/**
 * Greedy non-maximum suppression: the highest-scoring detection is kept and every remaining
 * detection matching it is dropped, repeatedly (torchvision's {@code nms}; {@code batched_nms} when
 * class-aware). Kept detections are returned unchanged.
 *
 * <p>Immutable and thread-safe.
 *
 * @param matching when a detection suppresses another
 */
public record GreedyNms(Matching matching) implements MergeStrategy {

    /** @throws NullPointerException when matching is null */
    public GreedyNms {
        Objects.requireNonNull(matching, "matching");
    }

    /** Class-aware greedy NMS at IoU > {@code iouThreshold}. */
    public static GreedyNms iou(double iouThreshold) {
        return new GreedyNms(Matching.iou(iouThreshold));
    }

    /** {@value #METHOD}. */
    @Override
    public String method() {
        return METHOD;
    }

    /** This strategy's method name ({@link MergeStrategy#method()}). */
    public static final String METHOD = "nms";

    /** Keeps each detection in processing order that no kept one matches; drops the ones it matches. */
    @Override
    public void mergeGroup(MergeGroup group) {
        if (group.alone()) {
            group.emit(group.detection(0));
            return;
        }
        int n = group.size();
        boolean[] alive = new boolean[n];
        java.util.Arrays.fill(alive, true);
        for (int i = 0; i < n; i++) {
            if (!alive[i]) {
                continue;
            }
            group.emit(group.detection(i));
            for (int j : group.neighbours(i)) {
                if (alive[j] && group.matches(i, j)) {
                    alive[j] = false;
                }
            }
            alive[i] = false;
        }
    }
}
