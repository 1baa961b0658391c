package dev.seamline.detector;

import java.util.Locale;

/**
 * How a whole image smaller than the model input is fed to it, chosen by {@code "resize"} in
 * {@code model.json}. Tiles of a larger scene (its edge tiles included) are always zero-padded at the right
 * and bottom, so that a model sees every tile at its own ground sample distance.
 */
public enum InputResize {
    /** Zero-padded at the right and bottom; detections stay in image pixels. The default. */
    PAD,
    /**
     * Ultralytics' letterbox, as its {@code predict} feeds a fixed-size export ({@link Letterbox}): scaled up
     * by min(W/w, H/h) with OpenCV's bilinear rule, centred, padded with grey 114; detections are mapped
     * back to image pixels.
     */
    LETTERBOX;

    /** Its spelling in {@code model.json}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode spelt {@code text} in {@code model.json}, or null. */
    static InputResize parse(String text) {
        for (InputResize r : values()) {
            if (r.key().equals(text)) {
                return r;
            }
        }
        return null;
    }
}
