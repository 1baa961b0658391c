package dev.seamline.geo;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * zlib-stream decompression through the system's libdeflate (the library GDAL uses for Deflate
 * tiles), called with JNA direct mapping; several times faster than {@link java.util.zip.Inflater}.
 * {@link #AVAILABLE} is false when the library cannot be loaded (then {@link BlockCodec} falls back
 * to {@code Inflater}) or when the system property {@code seamline.libdeflate} is {@code false}.
 * One decompressor per thread (libdeflate's are not thread-safe), kept for the thread's life.
 * Package-private.
 */
final class LibDeflate {

    static final boolean AVAILABLE = load();

    private static final ThreadLocal<Pointer> DECOMPRESSOR = ThreadLocal.withInitial(LibDeflate::alloc);

    private LibDeflate() {
    }

    private static boolean load() {
        if (!Boolean.parseBoolean(System.getProperty("seamline.libdeflate", "true"))) {
            return false;
        }
        try {
            Native.register(LibDeflate.class, NativeLibrary.getInstance("deflate"));
            Pointer d = libdeflate_alloc_decompressor();
            if (d == null) {
                return false;
            }
            libdeflate_free_decompressor(d);
            return true;
        } catch (Throwable t) {
            return false; // no libdeflate (or no JNA): Inflater it is
        }
    }

    private static Pointer alloc() {
        Pointer d = libdeflate_alloc_decompressor();
        if (d == null) {
            throw new OutOfMemoryError("libdeflate_alloc_decompressor failed");
        }
        return d;
    }

    private static native Pointer libdeflate_alloc_decompressor();

    private static native void libdeflate_free_decompressor(Pointer d);

    private static native int libdeflate_zlib_decompress(Pointer d, byte[] in, long inBytes, byte[] out, long outBytes,
            long[] actualOut);

    /**
     * Decompresses a zlib stream into exactly {@code expected} bytes.
     *
     * @return the bytes, or null when the data is corrupt or shorter than expected
     */
    static byte[] zlib(byte[] src, int length, int expected) {
        byte[] out = new byte[expected];
        long[] actual = new long[1];
        int r = libdeflate_zlib_decompress(DECOMPRESSOR.get(), src, length, out, expected, actual);
        // 0 is success; anything else (bad data, short output, a stream longer than the block) goes to Inflater
        return r == 0 && actual[0] == expected ? out : null;
    }
}
