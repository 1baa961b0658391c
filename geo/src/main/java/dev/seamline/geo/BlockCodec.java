package dev.seamline.geo;

import dev.seamline.core.SampleType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes one TIFF block: decompression (none, LZW, Deflate, PackBits), byte order, and the
 * horizontal (2) and floating-point (3) predictors, into a primitive array of band-planar samples.
 * Stateless apart from a per-thread {@link Inflater}; safe for concurrent use. Package-private.
 */
final class BlockCodec {

    /** Thrown for data that does not decode; the caller names the file and block. */
    static final class CorruptBlockException extends Exception {
        private static final long serialVersionUID = 1L;

        CorruptBlockException(String message) {
            super(message);
        }
    }

    private static final ThreadLocal<Inflater> INFLATER = ThreadLocal.withInitial(Inflater::new);

    private BlockCodec() {
    }

    /** Decompresses {@code src} to exactly {@code expected} bytes. */
    static byte[] decompress(Compression c, byte[] src, int length, int expected) throws CorruptBlockException {
        return switch (c) {
            case NONE -> {
                if (length < expected) {
                    throw new CorruptBlockException("block holds " + length + " bytes, expected " + expected);
                }
                yield java.util.Arrays.copyOf(src, expected);
            }
            case DEFLATE -> inflate(src, length, expected);
            case LZW -> lzw(src, length, expected);
            case PACKBITS -> packBits(src, length, expected);
            case JPEG -> throw new IllegalStateException("JPEG blocks are decoded by javax.imageio");
        };
    }

    static byte[] inflate(byte[] src, int length, int expected) throws CorruptBlockException {
        if (LibDeflate.AVAILABLE) {
            byte[] out = LibDeflate.zlib(src, length, expected);
            if (out != null) {
                return out;
            }
            // corrupt, short or over-long: let Inflater decode what it can and say why
        }
        return inflateJdk(src, length, expected);
    }

    /** Deflate with the JDK's {@link Inflater} (zlib). */
    static byte[] inflateJdk(byte[] src, int length, int expected) throws CorruptBlockException {
        Inflater inf = INFLATER.get();
        inf.reset();
        inf.setInput(src, 0, length);
        byte[] out = new byte[expected];
        int n = 0;
        try {
            while (n < expected) {
                int r = inf.inflate(out, n, expected - n);
                if (r == 0) {
                    if (inf.finished() || inf.needsInput() || inf.needsDictionary()) {
                        break;
                    }
                }
                n += r;
            }
        } catch (DataFormatException e) {
            throw new CorruptBlockException("corrupt Deflate data (" + e.getMessage() + ")");
        }
        if (n < expected) {
            throw new CorruptBlockException("Deflate data ends after " + n + " of " + expected + " bytes");
        }
        return out;
    }

    /** TIFF LZW (MSB-first codes, "early change"), per TIFF 6.0 section 13. */
    static byte[] lzw(byte[] src, int srcLength, int expected) throws CorruptBlockException {
        byte[] out = new byte[expected];
        int[] prefix = new int[4096];
        byte[] suffix = new byte[4096];
        byte[] first = new byte[4096];
        int[] length = new int[4096];
        for (int i = 0; i < 256; i++) {
            suffix[i] = (byte) i;
            first[i] = (byte) i;
            length[i] = 1;
            prefix[i] = -1;
        }
        int next = 258, width = 9, old = -1, n = 0;
        long bitBuf = 0;
        int bits = 0, pos = 0;
        while (n < expected) {
            while (bits < width) {
                if (pos >= srcLength) {
                    throw new CorruptBlockException("LZW data ends after " + n + " of " + expected + " bytes");
                }
                bitBuf = (bitBuf << 8) | (src[pos++] & 0xFF);
                bits += 8;
            }
            int code = (int) ((bitBuf >>> (bits - width)) & ((1 << width) - 1));
            bits -= width;
            if (code == 257) {
                break;
            }
            if (code == 256) {
                next = 258;
                width = 9;
                old = -1;
                continue;
            }
            if (old == -1) {
                if (code > 255) {
                    throw new CorruptBlockException("corrupt LZW data (code " + code + " after a clear)");
                }
                out[n++] = (byte) code;
                old = code;
                continue;
            }
            int emit;
            byte firstByte;
            if (code < next) {
                emit = code;
                firstByte = first[code];
            } else if (code == next) {
                emit = -1;
                firstByte = first[old];
            } else {
                throw new CorruptBlockException("corrupt LZW data (code " + code + " beyond table " + next + ")");
            }
            if (next < 4096) {
                prefix[next] = old;
                suffix[next] = firstByte;
                first[next] = first[old];
                length[next] = length[old] + 1;
                next++;
            }
            int c = emit == -1 ? next - 1 : emit;
            int len = length[c];
            int end = Math.min(n + len, expected);
            // write the string backwards
            int k = n + len - 1;
            for (int cc = c; cc >= 0 && k >= n; cc = prefix[cc], k--) {
                if (k < end) {
                    out[k] = suffix[cc];
                }
            }
            n = end;
            old = code;
            if (next + 1 >= (1 << width) && width < 12) {
                width++;
            }
        }
        if (n < expected) {
            throw new CorruptBlockException("LZW data ends after " + n + " of " + expected + " bytes");
        }
        return out;
    }

    static byte[] packBits(byte[] src, int length, int expected) throws CorruptBlockException {
        byte[] out = new byte[expected];
        int n = 0, p = 0;
        while (n < expected && p < length) {
            int h = src[p++];
            if (h >= 0) {
                int len = h + 1;
                if (p + len > length || n + len > expected) {
                    throw new CorruptBlockException("corrupt PackBits data");
                }
                System.arraycopy(src, p, out, n, len);
                p += len;
                n += len;
            } else if (h != -128) {
                int len = 1 - h;
                if (p >= length || n + len > expected) {
                    throw new CorruptBlockException("corrupt PackBits data");
                }
                java.util.Arrays.fill(out, n, n + len, src[p++]);
                n += len;
            }
        }
        if (n < expected) {
            throw new CorruptBlockException("PackBits data ends after " + n + " of " + expected + " bytes");
        }
        return out;
    }

    /**
     * Turns a block's decompressed bytes (pixel-interleaved rows of {@code width × spp} samples) into
     * band-planar samples in {@code dest}: band k's {@code width × rows} samples start at
     * {@code k·width·rows}. Undoes the byte order and the predictor. {@code raw} may be longer than the
     * block and is overwritten; {@code dest} may be {@code raw} itself for one-band 8-bit blocks.
     *
     * @param scratch a typed array this thread may reuse for interleaved multi-band samples wider than
     *                8 bits, or null; the array used is returned (the caller keeps it for next time)
     */
    static Object toPlanar(byte[] raw, SampleType type, ByteOrder order, int predictor, int width, int rows, int spp,
            Object dest, Object scratch) throws CorruptBlockException {
        int rowSamples = width * spp;
        int samples = rowSamples * rows;
        int bytes = samples * type.bytes();
        if (predictor == 3) {
            floatPredictor(raw, rowSamples, type.bytes(), spp, rows);
            order = ByteOrder.BIG_ENDIAN;
        }
        if (type.bytes() == 1) {
            if (predictor == 2) {
                horizontalPredictor(raw, rowSamples, spp, rows);
            }
            if (spp == 1) {
                if (raw != dest) {
                    System.arraycopy(raw, 0, dest, 0, samples);
                }
            } else {
                deinterleave(raw, spp, (byte[]) dest, width * rows);
            }
            return scratch;
        }
        Object interleaved = dest;
        if (spp > 1) {
            interleaved = scratch != null && scratch.getClass() == dest.getClass()
                    && java.lang.reflect.Array.getLength(scratch) >= samples
                    ? scratch : dev.seamline.core.PixelBuffer.newArray(type, samples);
            scratch = interleaved;
        }
        ByteBuffer b = ByteBuffer.wrap(raw, 0, bytes).order(order);
        switch (type) {
            case UINT16, INT16 -> b.asShortBuffer().get((short[]) interleaved, 0, samples);
            case UINT32, INT32 -> b.asIntBuffer().get((int[]) interleaved, 0, samples);
            case FLOAT32 -> b.asFloatBuffer().get((float[]) interleaved, 0, samples);
            case FLOAT64 -> b.asDoubleBuffer().get((double[]) interleaved, 0, samples);
            default -> throw new IllegalStateException(type.toString());
        }
        if (predictor == 2) {
            horizontalPredictor(interleaved, rowSamples, spp, rows);
        }
        if (spp > 1) {
            int n = width * rows;
            for (int k = 0; k < spp; k++) {
                copyStrided(interleaved, k, spp, dest, k * n, n);
            }
        }
        return scratch;
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Bytes 0, 3, 6 of a word, and the multiplier that moves them to bytes 5, 6, 7. */
    private static final long M036 = 0x00FF0000FF0000FFL, K036 = (1L << 40) | (1L << 24) | (1L << 8);
    /** Bytes 1, 4, 7 of a word, and the multiplier that moves them to bytes 5, 6, 7. */
    private static final long M147 = 0xFF0000FF0000FF00L, K147 = (1L << 32) | (1L << 16) | 1L;
    /** Bytes 2, 5 of a word, and the multiplier that moves them to bytes 6, 7. */
    private static final long M25 = 0x0000FF0000FF0000L, K25 = (1L << 32) | (1L << 16);
    private static final long TOP3 = 0xFFFFFF0000000000L, TOP2 = 0xFFFF000000000000L;

    /**
     * Splits {@code n} pixels of {@code spp} interleaved bytes into {@code spp} planes of {@code n} bytes.
     * Three and four bands go eight pixels at a time through 64-bit words (three bands about 2.4× the
     * byte loop, measured here).
     */
    static void deinterleave(byte[] s, int spp, byte[] d, int n) {
        int i = 0;
        if (spp == 3) {
            int d1 = n, d2 = 2 * n;
            for (int src = 0; i + 8 <= n; i += 8, src += 24) {
                long v0 = (long) LONGS.get(s, src), v1 = (long) LONGS.get(s, src + 8), v2 = (long) LONGS.get(s, src + 16);
                // pixel p's band k is byte 3p+k of v0|v1|v2: each word holds 2 or 3 bytes of a band, 3 bytes
                // apart; a mask and a multiply move them side by side (no two partial products share a byte)
                long r = (((v0 & M036) * K036) >>> 40) | ((((v1 & M147) * K147) >>> 40) << 24) | (((v2 & M25) * K25) & TOP2);
                long g = (((v0 & M147) * K147) >>> 40) | ((((v1 & M25) * K25) & TOP2) >>> 24) | (((v2 & M036) * K036) & TOP3);
                long b = (((v0 & M25) * K25) >>> 48) | ((((v1 & M036) * K036) >>> 40) << 16) | (((v2 & M147) * K147) & TOP3);
                LONGS.set(d, i, r);
                LONGS.set(d, d1 + i, g);
                LONGS.set(d, d2 + i, b);
            }
        } else if (spp == 4) {
            int d1 = n, d2 = 2 * n, d3 = 3 * n;
            for (int src = 0; i + 8 <= n; i += 8, src += 32) {
                long v0 = (long) LONGS.get(s, src), v1 = (long) LONGS.get(s, src + 8);
                long v2 = (long) LONGS.get(s, src + 16), v3 = (long) LONGS.get(s, src + 24);
                // bytes k and k+4 of each word are pixels 2j and 2j+1 of band k
                LONGS.set(d, i, gather4(v0, v1, v2, v3, 0));
                LONGS.set(d, d1 + i, gather4(v0, v1, v2, v3, 8));
                LONGS.set(d, d2 + i, gather4(v0, v1, v2, v3, 16));
                LONGS.set(d, d3 + i, gather4(v0, v1, v2, v3, 24));
            }
        }
        for (int src = i * spp; i < n; i++) {
            for (int k = 0; k < spp; k++) {
                d[k * n + i] = s[src++];
            }
        }
    }

    /** Band {@code shift/8} of eight 4-band pixels held two per word, as eight bytes in pixel order. */
    private static long gather4(long v0, long v1, long v2, long v3, int shift) {
        return pair(v0 >>> shift) | (pair(v1 >>> shift) << 16) | (pair(v2 >>> shift) << 32) | (pair(v3 >>> shift) << 48);
    }

    /** Bytes 0 and 4 of {@code v} as a 16-bit value (byte 0 low). */
    private static long pair(long v) {
        return (v & 0xFFL) | ((v >>> 24) & 0xFF00L);
    }

    /** Copies every {@code stride}-th sample of {@code src} from {@code srcPos} into {@code n} consecutive ones of {@code dst}. */
    static void copyStrided(Object src, int srcPos, int stride, Object dst, int dstPos, int n) {
        if (stride == 1) {
            System.arraycopy(src, srcPos, dst, dstPos, n);
        } else if (src instanceof byte[] s) {
            byte[] d = (byte[]) dst;
            for (int i = 0; i < n; i++, srcPos += stride) {
                d[dstPos + i] = s[srcPos];
            }
        } else if (src instanceof short[] s) {
            short[] d = (short[]) dst;
            for (int i = 0; i < n; i++, srcPos += stride) {
                d[dstPos + i] = s[srcPos];
            }
        } else if (src instanceof int[] s) {
            int[] d = (int[]) dst;
            for (int i = 0; i < n; i++, srcPos += stride) {
                d[dstPos + i] = s[srcPos];
            }
        } else if (src instanceof float[] s) {
            float[] d = (float[]) dst;
            for (int i = 0; i < n; i++, srcPos += stride) {
                d[dstPos + i] = s[srcPos];
            }
        } else {
            double[] s = (double[]) src;
            double[] d = (double[]) dst;
            for (int i = 0; i < n; i++, srcPos += stride) {
                d[dstPos + i] = s[srcPos];
            }
        }
    }

    private static void horizontalPredictor(Object a, int rowSamples, int spp, int rows) throws CorruptBlockException {
        if (a instanceof byte[] s) {
            for (int r = 0; r < rows; r++) {
                int base = r * rowSamples;
                for (int i = base + spp, end = base + rowSamples; i < end; i++) {
                    s[i] += s[i - spp];
                }
            }
        } else if (a instanceof short[] s) {
            for (int r = 0; r < rows; r++) {
                int base = r * rowSamples;
                for (int i = base + spp, end = base + rowSamples; i < end; i++) {
                    s[i] += s[i - spp];
                }
            }
        } else if (a instanceof int[] s) {
            for (int r = 0; r < rows; r++) {
                int base = r * rowSamples;
                for (int i = base + spp, end = base + rowSamples; i < end; i++) {
                    s[i] += s[i - spp];
                }
            }
        } else {
            throw new CorruptBlockException("horizontal predictor on floating-point samples");
        }
    }

    /** The floating-point predictor (Adobe TIFF Technote 3): byte deltas, then byte planes MSB first. */
    private static void floatPredictor(byte[] b, int rowSamples, int bytesPerSample, int spp, int rows) {
        int rowBytes = rowSamples * bytesPerSample;
        byte[] tmp = new byte[rowBytes];
        for (int r = 0; r < rows; r++) {
            int base = r * rowBytes;
            for (int i = base + spp, end = base + rowBytes; i < end; i++) {
                b[i] += b[i - spp];
            }
            System.arraycopy(b, base, tmp, 0, rowBytes);
            for (int k = 0; k < rowSamples; k++) {
                for (int j = 0; j < bytesPerSample; j++) {
                    b[base + k * bytesPerSample + j] = tmp[j * rowSamples + k];
                }
            }
        }
    }
}
