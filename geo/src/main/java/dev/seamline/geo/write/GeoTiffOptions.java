package dev.seamline.geo.write;

import dev.seamline.geo.Georeferencing;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How a GeoTIFF is written: its georeferencing (none for a plain TIFF), an optional nodata value
 * (GDAL's {@code GDAL_NODATA} tag), when to use BigTIFF, and the DEFLATE level.
 * Immutable and thread-safe; start from {@link #defaults()} and change with the {@code with…} methods.
 *
 * @param georeferencing the CRS and grid-to-CRS transform to record, if any
 * @param nodata         the nodata value to record, if any; unwritten padding takes it too
 * @param bigTiff        when to write BigTIFF
 * @param deflateLevel   zlib level 1 (fastest) to 9 (smallest); GDAL's default is 6
 */
public record GeoTiffOptions(Optional<Georeferencing> georeferencing, OptionalDouble nodata, BigTiff bigTiff, int deflateLevel) {

    /** When to write BigTIFF (64-bit offsets) instead of classic TIFF (32-bit, files under 4 GiB). */
    public enum BigTiff {
        /** BigTIFF when the uncompressed tiles could pass 4 GiB, decided before the first tile is written. */
        AUTO,
        /** Always BigTIFF. */
        ALWAYS,
        /** Never: writing fails if the file would pass 4 GiB. */
        NEVER
    }

    /** @throws IllegalArgumentException for a deflate level outside 1..9 */
    public GeoTiffOptions {
        Objects.requireNonNull(georeferencing, "georeferencing");
        Objects.requireNonNull(nodata, "nodata");
        Objects.requireNonNull(bigTiff, "bigTiff");
        if (deflateLevel < 1 || deflateLevel > 9) {
            throw new IllegalArgumentException("deflate level must be 1 to 9: " + deflateLevel);
        }
        if (nodata.isPresent() && !Double.isFinite(nodata.getAsDouble()) ) {
            throw new IllegalArgumentException("nodata must be finite for integer samples: " + nodata.getAsDouble());
        }
    }

    /** No georeferencing, no nodata, BigTIFF {@link BigTiff#AUTO AUTO}, DEFLATE level 6. */
    public static GeoTiffOptions defaults() {
        return new GeoTiffOptions(Optional.empty(), OptionalDouble.empty(), BigTiff.AUTO, 6);
    }

    /** These options with the given georeferencing. */
    public GeoTiffOptions withGeoreferencing(Georeferencing g) {
        return new GeoTiffOptions(Optional.of(g), nodata, bigTiff, deflateLevel);
    }

    /** These options with a nodata value. */
    public GeoTiffOptions withNodata(double value) {
        return new GeoTiffOptions(georeferencing, OptionalDouble.of(value), bigTiff, deflateLevel);
    }

    /** These options with another BigTIFF policy. */
    public GeoTiffOptions withBigTiff(BigTiff policy) {
        return new GeoTiffOptions(georeferencing, nodata, policy, deflateLevel);
    }

    /** These options with another DEFLATE level. */
    public GeoTiffOptions withDeflateLevel(int level) {
        return new GeoTiffOptions(georeferencing, nodata, bigTiff, level);
    }
}
