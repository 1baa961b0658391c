package dev.seamline.core;

/**
 * The type of one raster sample, with GDAL's name for it (as {@code gdalinfo} prints it) and the
 * Java array that holds it in a {@link PixelBuffer}.
 */
public enum SampleType {
    /** Unsigned 8-bit, held in {@code byte[]} (read with {@code & 0xFF}). */
    UINT8("Byte", 1),
    /** Signed 8-bit, held in {@code byte[]}. */
    INT8("Int8", 1),
    /** Unsigned 16-bit, held in {@code short[]} (read with {@code & 0xFFFF}). */
    UINT16("UInt16", 2),
    /** Signed 16-bit, held in {@code short[]}. */
    INT16("Int16", 2),
    /** Unsigned 32-bit, held in {@code int[]} (read with {@code & 0xFFFFFFFFL}). */
    UINT32("UInt32", 4),
    /** Signed 32-bit, held in {@code int[]}. */
    INT32("Int32", 4),
    /** 32-bit IEEE float, held in {@code float[]}. */
    FLOAT32("Float32", 4),
    /** 64-bit IEEE float, held in {@code double[]}. */
    FLOAT64("Float64", 8);

    private final String gdalName;
    private final int bytes;

    SampleType(String gdalName, int bytes) {
        this.gdalName = gdalName;
        this.bytes = bytes;
    }

    /** GDAL's name: Byte, UInt16, Int16, Float32 … */
    public String gdalName() {
        return gdalName;
    }

    /** Bytes per sample. */
    public int bytes() {
        return bytes;
    }
}
