package dev.seamline.geo;

import dev.seamline.core.SampleType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes one TIFF block: decompression (none, LZW, Deflate, PackBits), byte order, and the
 * horizontal (2) and floating-point (3) predictors, into a primitive array of interleaved samples.
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
     * Turns decompressed bytes into samples of the given type, undoing the predictor.
     *
     * @param rowSamples samples per block row (block width × samples per pixel in the block)
     * @param spp        samples per pixel in the block (1 for band-separate blocks)
     */
    static Object toSamples(byte[] bytes, SampleType type, ByteOrder order, int predictor, int rowSamples, int spp)
            throws CorruptBlockException {
        int rows = bytes.length / (rowSamples * type.bytes());
        if (predictor == 3) {
            floatPredictor(bytes, rowSamples, type.bytes(), spp, rows);
            order = ByteOrder.BIG_ENDIAN;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(order);
        Object out = switch (type) {
            case UINT8, INT8 -> bytes;
            case UINT16, INT16 -> {
                short[] s = new short[bytes.length / 2];
                b.asShortBuffer().get(s);
                yield s;
            }
            case UINT32, INT32 -> {
                int[] s = new int[bytes.length / 4];
                b.asIntBuffer().get(s);
                yield s;
            }
            case FLOAT32 -> {
                float[] s = new float[bytes.length / 4];
                b.asFloatBuffer().get(s);
                yield s;
            }
            case FLOAT64 -> {
                double[] s = new double[bytes.length / 8];
                b.asDoubleBuffer().get(s);
                yield s;
            }
        };
        if (predictor == 2) {
            horizontalPredictor(out, rowSamples, spp, rows);
        }
        return out;
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
