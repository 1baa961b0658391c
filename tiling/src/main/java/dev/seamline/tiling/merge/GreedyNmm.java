package dev.seamline.tiling.merge;

import dev.seamline.core.Detection;
import java.util.Arrays;
import java.util.Objects;

/**
 * Greedy non-maximum merging, as SAHI's {@code GreedyNMMPostprocess}: the highest-scoring remaining
 * detection takes every remaining detection that matches it, then absorbs them one by one in descending
 * score, each time only if it still matches the grown box: the box becomes the union of the two, the
 * score the larger. Unlike NMS the result can be larger than any input box (the behaviour SAHI users
 * report as "growing boxes"; the seam rule in {@link SeamMerger} avoids most such merges).
 *
 * <p>Oriented detections are not grown: the kept one stays as it is, as in NMS.
 *
 * <p>Immutable and thread-safe.
 *
 * @param matching when a detection is merged into another
 */
public record GreedyNmm(Matching matching) implements MergeStrategy {

    /** @throws NullPointerException when matching is null */
    public GreedyNmm {
        Objects.requireNonNull(matching, "matching");
    }

    /** {@value #METHOD}. */
    @Override
    public String method() {
        return METHOD;
    }

    /** This strategy's method name ({@link MergeStrategy#method()}). */
    public static final String METHOD = "nmm";

    /** Lets each detection in processing order take the ones it matches and grow by those still matching. */
    @Override
    public void mergeGroup(MergeGroup group) {
        if (group.alone()) {
            group.emit(group.detection(0));
            return;
        }
        GreedyNms.sweep(group, (i, taken) -> {
            int[] matched = Arrays.copyOf(taken.data, taken.size);
            Arrays.sort(matched);
            Detection merged = group.detection(i);
            if (!merged.isOriented()) {
                for (int j : matched) {
                    Detection d = group.detection(j);
                    if (!d.isOriented() && matching.measure(merged, d) > matching.threshold()) {
                        merged = new Detection(merged.box().union(d.box()), null, merged.classId(),
                                Math.max(merged.score(), d.score()));
                    }
                }
            }
            group.emit(merged);
        });
    }
}
