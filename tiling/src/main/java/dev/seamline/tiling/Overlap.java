package dev.seamline.tiling;

/**
 * How much neighbouring tiles overlap: either a number of pixels or a fraction of the tile size
 * (rounded to the nearest pixel, as SAHI's {@code overlap_width_ratio}). Exactly one of the two is
 * used: {@code fraction} when {@code pixels} is negative.
 *
 * <p>Immutable and thread-safe.
 *
 * @param pixels   the overlap in pixels, ≥ 0, or -1 when the fraction is used
 * @param fraction the overlap as a fraction of the tile size in [0, 1), used when {@code pixels < 0}
 */
public record Overlap(int pixels, double fraction) implements java.io.Serializable {

    /** @throws IllegalArgumentException for a fraction outside [0,1) or a pixel count below -1 */
    public Overlap {
        if (pixels < -1) {
            throw new IllegalArgumentException("overlap must not be negative: " + pixels);
        }
        if (pixels < 0 && !(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("overlap fraction must be in [0, 1), was " + fraction);
        }
    }

    /** An overlap of {@code pixels} pixels. */
    public static Overlap ofPixels(int pixels) {
        if (pixels < 0) {
            throw new IllegalArgumentException("overlap must not be negative: " + pixels);
        }
        return new Overlap(pixels, 0);
    }

    /** An overlap of {@code fraction} of the tile size. */
    public static Overlap ofFraction(double fraction) {
        return new Overlap(-1, fraction);
    }

    /** The overlap in pixels for tiles of {@code tileSize} pixels. */
    public int pixelsFor(int tileSize) {
        return pixels >= 0 ? pixels : (int) Math.round(fraction * tileSize);
    }
}
