package dev.seamline.eval;

/**
 * How average precision is read off a precision-recall curve (VOC devkit conventions). Immutable and
 * thread-safe.
 */
public enum ApMethod {
    /** VOC2007 11-point: mean over t = 0, 0.1, …, 1.0 of the best precision at recall ≥ t. DOTA's official default. */
    VOC07,
    /** All-point ("area") AP: area under the monotone precision envelope, VOC2010+ and xView. */
    ALL_POINTS
}
