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
        } else {
            sweep(group, (i, taken) -> group.emit(group.detection(i)));
        }
    }

    /** What a greedy sweep does with each kept detection and the ones it took. */
    interface Keeper {
        /** @param taken the detections {@code i} matched and took, in no particular order (reused: copy to keep) */
        void keep(int i, IntList taken);
    }

    /**
     * The greedy sweep NMS and NMM share: each detection in processing order that no earlier one took
     * is kept and takes every not yet taken neighbour it matches.
     */
    static void sweep(MergeGroup group, Keeper keeper) {
        int n = group.size();
        boolean[] alive = new boolean[n];
        java.util.Arrays.fill(alive, true);
        IntList taken = new IntList();
        for (int i = 0; i < n; i++) {
            if (!alive[i]) {
                continue;
            }
            alive[i] = false;
            taken.size = 0;
            for (int j : group.neighbours(i)) {
                if (alive[j] && group.matches(i, j)) {
                    alive[j] = false;
                    taken.add(j);
                }
            }
            keeper.keep(i, taken);
        }
    }
}
