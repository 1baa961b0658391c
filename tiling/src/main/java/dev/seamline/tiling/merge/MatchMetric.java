package dev.seamline.tiling.merge;

/** How two detections are compared when merging. */
public enum MatchMetric {
    /** Intersection over union. */
    IOU,
    /** Intersection over the smaller of the two areas (SAHI's "IOS"): 1 when one box holds the other. */
    IOS
}
