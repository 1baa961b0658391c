package dev.seamline.detector;

import java.util.Locale;

/**
 * How a decoder of rotated boxes ({@link Decoder#YOLOV8_OBB}) suppresses overlapping candidates of one
 * class, chosen by {@code "nms"} in {@code model.json}.
 */
public enum OrientedNms {
    /**
     * Ultralytics' rule (its {@code utils/nms.py}, fast NMS with {@code batch_probiou}): candidates in
     * decreasing score order; a candidate is dropped when ANY higher-scored candidate of its class, kept
     * or itself dropped, has a probabilistic IoU ({@link ProbIou}) of at least the threshold. What
     * Ultralytics' own {@code predict} keeps; the default of YOLOV8_OBB.
     */
    PROBIOU,
    /**
     * Greedy NMS on the exact IoU of the rectangles (convex polygon clipping): a candidate is dropped when
     * its IoU with a KEPT higher-scored candidate of its class exceeds the threshold. Keeps more boxes
     * than {@link #PROBIOU} where chains of overlaps occur.
     */
    POLYGON;

    /** The rule a decoder uses when {@code model.json} names none. */
    static OrientedNms defaultFor(Decoder decoder) {
        return decoder == Decoder.YOLOV8_OBB ? PROBIOU : POLYGON;
    }

    /** Its spelling in {@code model.json}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The rule spelt {@code text} in {@code model.json}, or null. */
    static OrientedNms parse(String text) {
        for (OrientedNms r : values()) {
            if (r.key().equals(text)) {
                return r;
            }
        }
        return null;
    }
}
