package dev.seamline.tiling;

/**
 * What a {@link TileGrid} does with the last tile of a row or column when the stride does not end
 * exactly on the covered area's edge.
 */
public enum EdgePolicy {
    /**
     * Shift the last tile back so that it ends on the covered area's far edge (SAHI's slicing and the
     * DOTA devkit's {@code ImgSplit} do this): every tile holds real pixels, the last overlap is larger
     * than the others. Where the area is narrower than one tile, the tile is kept inside the scene if
     * the scene is wide enough and padded otherwise.
     */
    SHIFT_INSIDE,
    /**
     * Keep the regular stride; the last tile reaches past the covered area and the part outside the
     * raster is padding (the nodata value, or 0).
     */
    PAD
}
