/**
 * Merging the detections of overlapping tiles back into one set: the merge concern of {@code tiling}.
 *
 * <ul>
 *   <li>{@link dev.seamline.tiling.merge.MergeStrategy} (sealed) is one of
 *       {@link dev.seamline.tiling.merge.GreedyNms}, {@link dev.seamline.tiling.merge.SoftNms},
 *       {@link dev.seamline.tiling.merge.WeightedBoxFusion} and {@link dev.seamline.tiling.merge.GreedyNmm},
 *       configured by {@link dev.seamline.tiling.merge.Matching} (IoU or IoS, class-aware or not); each
 *       record owns its algorithm and runs it on one {@link dev.seamline.tiling.merge.MergeGroup} at a
 *       time. {@link dev.seamline.tiling.merge.MergeStrategy#method()} is each method's one spelling.</li>
 *   <li>{@link dev.seamline.tiling.merge.SeamMerger} merges a tiled scene band by band as the sweep
 *       moves down, applying the {@link dev.seamline.tiling.merge.SeamRule} (cut views give way to the
 *       whole view from the tile whose core holds the object) before the strategy.</li>
 *   <li>{@link dev.seamline.tiling.merge.BandMerge} gives the same result for a scene whose row bands were
 *       detected apart (Spark tasks): each band merges the groups that cannot reach a neighbour band, one
 *       reducer the rest, in {@code SeamMerger}'s order.</li>
 * </ul>
 *
 * <p>Package-private parts, in the order data flows: {@code OverlapIndex} (grid pairing of overlapping
 * footprints), {@code OverlapGraph} (adjacency, processing order), {@code ComponentMerger} (union-find
 * groups, closed groups merged), {@code SeamGiveWay} and {@code SeamStitch} (the seam rule),
 * {@code GroupView} (the strategies' view of a group), {@code OutputOrder} (the sort of every result),
 * {@code Geometry} (overlap measures, on {@code core.geom}).
 *
 * <p>Coordinates are scene pixels, (0,0) the top-left corner of the top-left pixel, boxes half-open.
 */
package dev.seamline.tiling.merge;
