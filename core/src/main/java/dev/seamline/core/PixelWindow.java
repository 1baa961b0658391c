package dev.seamline.core;

/**
 * An integer rectangle of pixels: columns [x, x+width) and rows [y, y+height) of a raster. It may
 * reach past the raster's edges (a tile padded at the border); {@link #clip} gives the real part.
 *
 * <p>Immutable and thread-safe.
 *
 * @param x      first column (may be negative)
 * @param y      first row (may be negative)
 * @param width  number of columns, ≥ 0
 * @param height number of rows, ≥ 0
 */
public record PixelWindow(int x, int y, int width, int height) {

    /** @throws IllegalArgumentException for a negative size */
    public PixelWindow {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("window size must not be negative: " + width + " x " + height);
        }
    }

    /** Number of pixels, as a long: a 40,000² window does not fit an int. */
    public long pixelCount() {
        return (long) width * height;
    }

    /** True when the window holds no pixel. */
    public boolean isEmpty() {
        return width == 0 || height == 0;
    }

    /** One past the last column. */
    public int endX() {
        return x + width;
    }

    /** One past the last row. */
    public int endY() {
        return y + height;
    }

    /** The part of this window inside a raster of the given size; empty when they do not meet. */
    public PixelWindow clip(int rasterWidth, int rasterHeight) {
        int cx0 = Math.max(0, x), cy0 = Math.max(0, y);
        int cx1 = Math.min(rasterWidth, endX()), cy1 = Math.min(rasterHeight, endY());
        return new PixelWindow(cx0, cy0, Math.max(0, cx1 - cx0), Math.max(0, cy1 - cy0));
    }

    /** True when this window lies wholly inside {@code other}. */
    public boolean isInside(PixelWindow other) {
        return x >= other.x && y >= other.y && endX() <= other.endX() && endY() <= other.endY();
    }

    /** The window as a continuous pixel box. */
    public Box toBox() {
        return new Box(x, y, endX(), endY());
    }
}
