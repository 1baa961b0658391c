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

    /** {@link #AVAILABLE}; the first call loads the library. */
    static boolean available() {
        return AVAILABLE;
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

    private static native int libdeflate_zlib_decompress(Pointer d, java.nio.Buffer in, long inBytes, java.nio.Buffer out,
            long outBytes, java.nio.Buffer actualOut);

    /** Per-thread direct buffers: output and the size_t result, so direct calls copy nothing through JNA. */
    private static final ThreadLocal<java.nio.ByteBuffer[]> DIRECT = ThreadLocal.withInitial(() -> new java.nio.ByteBuffer[] {
        java.nio.ByteBuffer.allocateDirect(1 << 16), java.nio.ByteBuffer.allocateDirect(8).order(java.nio.ByteOrder.nativeOrder())});

    /**
     * Decompresses a zlib stream held in a direct buffer (position 0, {@code length} bytes) into the
     * first {@code expected} bytes of {@code dest}, through this thread's reusable native output
     * buffer (one copy, no allocation).
     *
     * @return false when the data is corrupt or decompresses to another length ({@code dest} is then
     *         untouched)
     */
    static boolean zlib(java.nio.ByteBuffer src, int length, byte[] dest, int expected) {
        java.nio.ByteBuffer[] bufs = DIRECT.get();
        if (bufs[0].capacity() < expected) {
            bufs[0] = java.nio.ByteBuffer.allocateDirect(Math.max(expected, bufs[0].capacity() * 2));
        }
        java.nio.ByteBuffer out = bufs[0], actual = bufs[1];
        int r = libdeflate_zlib_decompress(DECOMPRESSOR.get(), src, length, out, expected, actual);
        if (r != 0 || actual.getLong(0) != expected) {
            return false;
        }
        out.get(0, dest, 0, expected);
        return true;
    }

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
