package dev.seamline.tiling;

import dev.seamline.core.PixelBuffer;
import java.util.Objects;
import java.util.Optional;

/**
 * One tile as a {@link TileSource} delivers it: the tile and its pixels, or no pixels when the tile
 * was skipped because every sample in it is nodata. Skipped tiles are still delivered, in their
 * row-major place, so that a consumer (the {@link SeamMerger}) knows that no detections will come
 * from them.
 *
 * <p>Immutable; the pixel buffer is read-only by contract and safe to read from many threads.
 *
 * @param tile   the tile
 * @param pixels its pixels, all bands, or {@code null} when skipped
 */
public record TileData(Tile tile, PixelBuffer pixels) {

    /** @throws NullPointerException when the tile is null */
    public TileData {
        Objects.requireNonNull(tile, "tile");
    }

    /** True when the tile was skipped (entirely nodata) and has no pixels. */
    public boolean isSkipped() {
        return pixels == null;
    }

    /** The pixels, empty when skipped. */
    public Optional<PixelBuffer> pixelBuffer() {
        return Optional.ofNullable(pixels);
    }
}
