package dev.seamline.geo;

/**
 * How a TIFF stores its pixels: in tiles or in strips of full rows, each block {@code blockWidth}
 * × {@code blockHeight} pixels (a strip is as wide as the image), bands interleaved per pixel
 * ({@code planar == false}, PlanarConfiguration 1) or stored as separate planes.
 *
 * <p>Immutable and thread-safe.
 *
 * @param tiled       true for tiles, false for strips
 * @param blockWidth  block width in pixels
 * @param blockHeight block height in pixels (rows per strip for strips)
 * @param planar      true when each band is stored in its own blocks
 */
record BlockLayout(boolean tiled, int blockWidth, int blockHeight, boolean planar) {

    /** Like gdalinfo: "tiles 256x256" or "strips 400x6". */
    @Override
    public String toString() {
        return (tiled ? "tiles " : "strips ") + blockWidth + "x" + blockHeight + (planar ? " (band-separate)" : "");
    }
}
