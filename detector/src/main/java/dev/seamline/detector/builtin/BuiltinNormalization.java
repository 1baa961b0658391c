package dev.seamline.detector.builtin;

/**
 * How the built-in detector's input is normalised, in training and in its bundle:
 * {@code (value · SCALE − MEAN) / STD} per channel, for 8-bit RGB.
 */
public final class BuiltinNormalization {

    /** Multiplies raw 8-bit values first. */
    public static final float SCALE = 1f / 255f;
    /** Subtracted after scaling, every channel. */
    public static final float MEAN = 0.5f;
    /** Divides last, every channel. */
    public static final float STD = 0.25f;

    private BuiltinNormalization() {
    }
}
