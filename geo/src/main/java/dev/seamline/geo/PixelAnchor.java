package dev.seamline.geo;

/**
 * Which point of a pixel a pixel coordinate names, for every pixel ↔ CRS call.
 *
 * <p>{@link #CORNER}: the coordinate is continuous pixel space as DESIGN.md defines it, (0,0) being
 * the top-left corner of the top-left pixel (GDAL's geotransform convention; box corners use this).
 * {@link #CENTER}: (0,0) is the centre of the top-left pixel, so pixel index (i,j) names that
 * pixel's centre; it equals corner coordinate (i+0.5, j+0.5).
 */
public enum PixelAnchor {
    /** (0,0) is the top-left corner of the top-left pixel. */
    CORNER(0.0),
    /** (0,0) is the centre of the top-left pixel. */
    CENTER(0.5);

    private final double offset;

    PixelAnchor(double offset) {
        this.offset = offset;
    }

    /** What to add to a coordinate with this anchor to get a corner-anchored coordinate: 0 or 0.5 pixel. */
    public double offset() {
        return offset;
    }
}
