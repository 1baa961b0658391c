package dev.seamline.tiling;

import java.util.Objects;

/**
 * Weighted box fusion (Solovyev et al., "Weighted boxes fusion: ensembling boxes from different object
 * detection models", 2019, as the {@code ensemble_boxes} package): detections are taken in descending
 * score; each joins the cluster whose fused box it matches best (above the threshold), or starts a new
 * one. A cluster's fused box is the score-weighted mean of its members' coordinates, its score the mean
 * of their scores times {@code min(members, models) / models}, and its class the top member's.
 *
 * <p>Candidate clusters for a detection are those holding a detection it overlaps (the spatial index
 * gives them); for oriented detections the centre, size and (unwrapped) angle are averaged.
 *
 * <p>Immutable and thread-safe.
 *
 * @param matching when a detection joins a cluster
 * @param models   the number of views expected per object (ensemble_boxes' number of models), ≥ 1
 */
public record WeightedBoxFusion(Matching matching, int models) implements MergeStrategy {

    /** @throws IllegalArgumentException for fewer than one model */
    public WeightedBoxFusion {
        Objects.requireNonNull(matching, "matching");
        if (models < 1) {
            throw new IllegalArgumentException("models must be at least 1, was " + models);
        }
    }

    /** {@value #METHOD}. */
    @Override
    public String method() {
        return METHOD;
    }

    /** This strategy's method name ({@link MergeStrategy#method()}). */
    public static final String METHOD = "wbf";
}
