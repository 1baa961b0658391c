package dev.seamline.tiling.merge;

import dev.seamline.core.Detection;
import java.util.Arrays;
import java.util.PriorityQueue;
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

    /** Picks the highest (decayed) score, decays its matching-class neighbours, until none is left. */
    @Override
    public void mergeGroup(MergeGroup group) {
        if (group.alone()) {
            if (group.detection(0).score() >= scoreThreshold) {
                group.emit(group.detection(0));
            }
            return;
        }
        int n = group.size();
        boolean[] alive = new boolean[n];
        Arrays.fill(alive, true);
        double[] score = new double[n];
        PriorityQueue<double[]> queue = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Double.compare(b[0], a[0])
                : Double.compare(a[1], b[1]));
        for (int k = 0; k < n; k++) {
            score[k] = group.detection(k).score();
            queue.add(new double[] {score[k], k});
        }
        while (!queue.isEmpty()) {
            double[] top = queue.poll();
            int i = (int) top[1];
            if (!alive[i] || top[0] != score[i]) {
                continue;
            }
            alive[i] = false;
            double si = score[i];
            if (si < scoreThreshold) {
                continue;
            }
            Detection di = group.detection(i);
            group.emit(si == di.score() ? di : di.withScore(si));
            for (int j : group.neighbours(i)) {
                Detection dj = group.detection(j);
                if (!alive[j] || !matching.classesMatch(di.classId(), dj.classId())) {
                    continue;
                }
                double m = group.metric(i, j);
                double factor = decay == Decay.LINEAR
                        ? (m > matching.threshold() ? 1 - m : 1)
                        : Math.exp(-m * m / sigma);
                if (factor != 1) {
                    double sj = score[j] * factor;
                    score[j] = sj;
                    queue.add(new double[] {sj, j});
                }
            }
        }
    }
}
