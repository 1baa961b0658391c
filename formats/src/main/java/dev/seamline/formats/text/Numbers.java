package dev.seamline.formats.text;

/**
 * Number spelling shared by the text formats (DOTA, xView, Seamline's CSV): the shortest form that
 * reads back to the same double, integers without ".0". Stateless and thread-safe.
 */
public final class Numbers {

    private Numbers() {
    }

    /**
     * {@code v} as the text formats write a coordinate: {@code 12} for 12.0 (below 1e15 in magnitude),
     * else {@link Double#toString(double)} (shortest round-trip form; Python's {@code float()} reads its
     * exponent form too).
     */
    public static String compact(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
