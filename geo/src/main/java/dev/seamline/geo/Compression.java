package dev.seamline.geo;

/**
 * The compression of a TIFF's pixel blocks, with its TIFF code. Seamline decodes NONE, LZW,
 * DEFLATE and PACKBITS itself and JPEG through the JDK's {@code javax.imageio} TIFF reader; other
 * codes are refused when the scene is opened.
 */
enum Compression {
    /** Uncompressed (code 1). */
    NONE(1),
    /** LZW (code 5). */
    LZW(5),
    /** JPEG, "new-style" (code 7). */
    JPEG(7),
    /** Deflate / zlib (code 8, or the old 32946). */
    DEFLATE(8),
    /** PackBits run-length (code 32773). */
    PACKBITS(32773);

    private final int code;

    Compression(int code) {
        this.code = code;
    }

    /** The TIFF Compression tag value. */
    public int code() {
        return code;
    }

    /** The compression with this TIFF code, or null when Seamline cannot read it. */
    static Compression ofCode(int code) {
        return switch (code) {
            case 1 -> NONE;
            case 5 -> LZW;
            case 7 -> JPEG;
            case 8, 32946 -> DEFLATE;
            case 32773 -> PACKBITS;
            default -> null;
        };
    }

    /** A name for the TIFF codes Seamline cannot read, for error messages. */
    static String describe(int code) {
        return switch (code) {
            case 2 -> "CCITT RLE";
            case 3 -> "CCITT Group 3";
            case 4 -> "CCITT Group 4";
            case 6 -> "old-style JPEG";
            case 34887 -> "LERC";
            case 34925 -> "LZMA";
            case 50000 -> "ZSTD";
            case 50001 -> "WebP";
            case 50002 -> "JPEG XL";
            default -> "code " + code;
        };
    }
}
