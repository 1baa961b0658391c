package dev.seamline.geo;

import java.util.Objects;

/**
 * How a scene file stores its pixels, as {@code gdalinfo} describes it: blocks (tiles, or strips of
 * full rows), band interleaving, compression. A description for people and for {@code seamline info};
 * the decoders behind it stay package-private. Immutable and thread-safe.
 *
 * @param tiled       true for tiles, false for strips of full rows
 * @param blockWidth  block width in pixels (a strip is as wide as the image)
 * @param blockHeight block height in pixels (rows per strip for strips)
 * @param planar      true when each band is stored in its own blocks (PlanarConfiguration 2)
 * @param compression the compression's name as GDAL spells it in {@code COMPRESSION=} (NONE, DEFLATE, LZW ...)
 * @param bigTiff     true for a BigTIFF file
 */
public record Storage(boolean tiled, int blockWidth, int blockHeight, boolean planar, String compression,
        boolean bigTiff) {

    /** @throws IllegalArgumentException for a block smaller than one pixel */
    public Storage {
        Objects.requireNonNull(compression, "compression");
        if (blockWidth < 1 || blockHeight < 1) {
            throw new IllegalArgumentException("block must be at least 1x1, was " + blockWidth + "x" + blockHeight);
        }
    }

    /** Like gdalinfo: "tiles 256x256" or "strips 400x6", with " (band-separate)" for planar files. */
    public String layout() {
        return (tiled ? "tiles " : "strips ") + blockWidth + "x" + blockHeight + (planar ? " (band-separate)" : "");
    }
}
