package dev.seamline.tiling.merge;

/** Whether detections of different classes may merge or suppress each other. */
public enum ClassMode {
    /** Only detections of the same class interact (torchvision's {@code batched_nms}). */
    CLASS_AWARE,
    /** Any two detections interact, whatever their classes. */
    CLASS_AGNOSTIC
}
