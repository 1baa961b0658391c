package dev.seamline.tiling.merge;

import dev.seamline.core.Detection;

/**
 * The view of ONE group of overlapping detections that the merger hands a {@link MergeStrategy}: the
 * detections the seam rule left, numbered {@code 0 .. size()-1} in processing order (descending score,
 * then y0, x0, y1, x1, class, tile, position in the tile's list), so {@code i < j} means i comes first.
 * The strategy reads them, compares them with its {@link Matching}, and {@link #emit}s what survives.
 *
 * <p>Only the merger implements it; a view is valid during one {@link MergeStrategy#mergeGroup} call.
 * Not thread-safe.
 */
public sealed interface MergeGroup permits GroupView {

    /** The number of detections in the group, ≥ 1. */
    int size();

    /** Detection {@code i}, in scene pixels. */
    Detection detection(int i);

    /**
     * The detections of the group that may overlap detection {@code i} (found by the overlap index);
     * no other member can match it. In no particular order; never holds {@code i}.
     */
    int[] neighbours(int i);

    /** True when detections {@code i} and {@code j} are one object under the strategy's {@link Matching}. */
    boolean matches(int i, int j);

    /** The strategy's match metric (IoU or IoS) between detections {@code i} and {@code j}, in [0, 1]. */
    double metric(int i, int j);

    /**
     * True when the group is one detection that overlaps no other at all (no seam rule ran on it), as
     * opposed to a group that the seam rule reduced to one.
     */
    boolean alone();

    /** Hands on a merged detection; the merger collects them in emission order. */
    void emit(Detection merged);
}
