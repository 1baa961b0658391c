package dev.seamline.geo.write;

import dev.seamline.core.PixelWindow;
import dev.seamline.core.SampleType;
import java.util.Objects;

/**
 * The pixel layout of a GeoTIFF to write: size, bands, sample type and tile size.
 *
 * <p>Tiles are {@code tileWidth × tileHeight} pixels, numbered by column and row from the top-left;
 * the tiles on the right and bottom edges reach past the image and are stored padded, as TIFF
 * requires. Immutable and thread-safe.
 *
 * @param width      image width, pixels, ≥ 1
 * @param height     image height, pixels, ≥ 1
 * @param bandCount  samples per pixel, 1 to 256
 * @param sampleType {@link SampleType#UINT8} or {@link SampleType#UINT16}
 * @param tileWidth  tile width, pixels, a positive multiple of 16 (TIFF 6.0)
 * @param tileHeight tile height, pixels, a positive multiple of 16
 */
public record GeoTiffLayout(int width, int height, int bandCount, SampleType sampleType, int tileWidth, int tileHeight) {

    /** @throws IllegalArgumentException for a size, band count, sample type or tile size the writer cannot store */
    public GeoTiffLayout {
        Objects.requireNonNull(sampleType, "sampleType");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size must be positive: " + width + " x " + height);
        }
        if (bandCount < 1 || bandCount > 256) {
            throw new IllegalArgumentException("band count must be 1 to 256: " + bandCount);
        }
        if (sampleType != SampleType.UINT8 && sampleType != SampleType.UINT16) {
            throw new IllegalArgumentException("the GeoTIFF writer stores Byte and UInt16 samples, not " + sampleType.gdalName());
        }
        if (tileWidth < 16 || tileHeight < 16 || tileWidth % 16 != 0 || tileHeight % 16 != 0) {
            throw new IllegalArgumentException("tile size must be a positive multiple of 16: " + tileWidth + " x " + tileHeight);
        }
        if ((long) tileWidth * tileHeight * bandCount * sampleType.bytes() > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("one tile would pass 2 GiB: " + tileWidth + " x " + tileHeight + " x " + bandCount);
        }
    }

    /** A layout with square tiles of {@code tileSize} pixels. */
    public static GeoTiffLayout of(int width, int height, int bandCount, SampleType sampleType, int tileSize) {
        return new GeoTiffLayout(width, height, bandCount, sampleType, tileSize, tileSize);
    }

    /** Number of tile columns. */
    public int tileColumns() {
        return (int) (((long) width + tileWidth - 1) / tileWidth);
    }

    /** Number of tile rows. */
    public int tileRows() {
        return (int) (((long) height + tileHeight - 1) / tileHeight);
    }

    /** Number of tiles. */
    public long tileCount() {
        return (long) tileColumns() * tileRows();
    }

    /** The pixels tile (col, row) covers, padding included (it may reach past the image). */
    public PixelWindow tileWindow(int col, int row) {
        if (col < 0 || row < 0 || col >= tileColumns() || row >= tileRows()) {
            throw new IllegalArgumentException("no tile (" + col + ", " + row + ") in a grid of "
                    + tileColumns() + " x " + tileRows());
        }
        return new PixelWindow(col * tileWidth, row * tileHeight, tileWidth, tileHeight);
    }

    /** Bytes of one uncompressed tile. */
    public int tileBytes() {
        return tileWidth * tileHeight * bandCount * sampleType.bytes();
    }

    /** Bytes of all tiles uncompressed: the bound used to choose BigTIFF up front. */
    public long uncompressedBytes() {
        return tileCount() * tileBytes();
    }
}
