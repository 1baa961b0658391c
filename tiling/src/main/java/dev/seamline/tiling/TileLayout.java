package dev.seamline.tiling;

import java.io.Serializable;

/**
 * The options of a {@link TileGrid}: square tiles of {@code tileSize} pixels, overlapping their
 * neighbours by {@code overlap}, with {@code edgePolicy} deciding the last tile of each row and column.
 *
 * <p>Immutable and thread-safe.
 *
 * @param tileSize   tile width and height in pixels, ≥ 1
 * @param overlap    overlap between neighbouring tiles; must leave a stride of at least one pixel
 * @param edgePolicy shift the last tile inside or pad it
 */
public record TileLayout(int tileSize, Overlap overlap, EdgePolicy edgePolicy) implements Serializable {

    /** @throws IllegalArgumentException for a tile size below 1 or an overlap not smaller than the tile */
    public TileLayout {
        if (tileSize < 1) {
            throw new IllegalArgumentException("tile size must be at least 1 pixel, was " + tileSize);
        }
        java.util.Objects.requireNonNull(overlap, "overlap");
        java.util.Objects.requireNonNull(edgePolicy, "edgePolicy");
        int px = overlap.pixelsFor(tileSize);
        if (px >= tileSize) {
            throw new IllegalArgumentException("overlap (" + px + " px) must be smaller than the tile (" + tileSize + " px)");
        }
    }

    /** Tiles of {@code tileSize} pixels overlapping by {@code overlapPixels}, last tile shifted inside. */
    public static TileLayout of(int tileSize, int overlapPixels) {
        return new TileLayout(tileSize, Overlap.ofPixels(overlapPixels), EdgePolicy.SHIFT_INSIDE);
    }

    /** The overlap in pixels. */
    public int overlapPixels() {
        return overlap.pixelsFor(tileSize);
    }

    /** The distance between the origins of neighbouring tiles, pixels. */
    public int stride() {
        return tileSize - overlapPixels();
    }
}
