package dev.seamline.tiling;

import java.util.Objects;

/**
 * Soft non-maximum suppression (Bodla et al., "Soft-NMS — Improving Object Detection With One Line of
 * Code", ICCV 2017): instead of dropping a detection that overlaps a kept one, its score decays with
 * the overlap, and it is dropped only when the score falls below {@code scoreThreshold}. The highest
 * remaining (decayed) score is picked next.
 *
 * <p>{@link Decay#LINEAR}: when the match metric {@code m} exceeds {@code matching.threshold()} the
 * score is multiplied by {@code 1 − m}. {@link Decay#GAUSSIAN}: every matching-class neighbour's score
 * is multiplied by {@code exp(−m² / sigma)} (the paper's Gaussian penalty; the threshold is not used).
 * Survivors carry their decayed scores.
 *
 * <p>Immutable and thread-safe.
 *
 * @param matching       metric, threshold (linear decay) and class mode
 * @param decay          linear or Gaussian
 * @param sigma          Gaussian width, &gt; 0 (the paper uses 0.5)
 * @param scoreThreshold detections whose score falls below it are dropped, in [0, 1]
 */
public record SoftNms(Matching matching, Decay decay, double sigma, double scoreThreshold) implements MergeStrategy {

    /** How an overlapping detection's score decays. */
    public enum Decay {
        /** {@code s · (1 − m)} when {@code m > threshold}. */
        LINEAR,
        /** {@code s · exp(−m² / sigma)}. */
        GAUSSIAN
    }

    /** @throws IllegalArgumentException for a non-positive sigma or a score threshold outside [0,1] */
    public SoftNms {
        Objects.requireNonNull(matching, "matching");
        Objects.requireNonNull(decay, "decay");
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("sigma must be positive, was " + sigma);
        }
        if (!(scoreThreshold >= 0 && scoreThreshold <= 1)) {
            throw new IllegalArgumentException("score threshold must be in [0, 1], was " + scoreThreshold);
        }
    }

    /** {@value #METHOD}. */
    @Override
    public String method() {
        return METHOD;
    }

    /** This strategy's method name ({@link MergeStrategy#method()}). */
    public static final String METHOD = "soft-nms";
}
