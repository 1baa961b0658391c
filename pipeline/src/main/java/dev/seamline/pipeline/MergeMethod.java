package dev.seamline.pipeline;

import dev.seamline.tiling.merge.ClassMode;
import dev.seamline.tiling.merge.GreedyNmm;
import dev.seamline.tiling.merge.GreedyNms;
import dev.seamline.tiling.merge.MatchMetric;
import dev.seamline.tiling.merge.Matching;
import dev.seamline.tiling.merge.MergeStrategy;
import dev.seamline.tiling.merge.SoftNms;
import dev.seamline.tiling.merge.WeightedBoxFusion;

/** How {@code seamline detect} merges overlapping detections across tiles ({@code --merge}). */
public enum MergeMethod {
    /** Greedy non-maximum suppression (the default). */
    NMS,
    /** Soft-NMS with Gaussian decay (Bodla et al. 2017). */
    SOFT_NMS,
    /** Weighted box fusion (Solovyev et al. 2021). */
    WBF,
    /** Greedy non-maximum merging, as SAHI's GREEDYNMM. */
    NMM;

    /**
     * The tiling strategy for this method.
     *
     * @param metric    IoU or IoS
     * @param threshold overlap from which two detections are the same object
     */
    public MergeStrategy strategy(MatchMetric metric, double threshold) {
        Matching matching = new Matching(metric, threshold, ClassMode.CLASS_AWARE);
        return switch (this) {
            case NMS -> new GreedyNms(matching);
            case SOFT_NMS -> new SoftNms(matching, SoftNms.Decay.GAUSSIAN, 0.5, 0.001);
            case WBF -> new WeightedBoxFusion(matching, 1);
            case NMM -> new GreedyNmm(matching);
        };
    }

    /** Parses the command-line spelling: nms, soft-nms, wbf, nmm (case-insensitive). */
    public static MergeMethod parse(String text) {
        return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
}
