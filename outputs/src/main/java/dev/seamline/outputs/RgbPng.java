package dev.seamline.outputs;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes an opaque 8-bit RGB picture ({@code 0xRRGGBB} ints, row by row) as a PNG, byte for byte the
 * file the JDK's ImageIO PNG writer makes of a {@code TYPE_INT_RGB} image with its default settings:
 * the signature, IHDR (8-bit truecolour, no interlace), the image data as one zlib stream at deflate
 * level {@value #LEVEL}, every row with filter type 0 (none), cut into IDAT chunks of {@value #CHUNK}
 * bytes, then IEND ({@code QuicklookTest} checks the equality on several pictures). It skips what
 * costs ImageIO the most besides the deflate (a raster copy and a per-pixel unpacking of each row):
 * a 1,024² quicklook took 140–190 ms of CPU through ImageIO, of which the deflate is ~90 ms.
 * Stateless and thread-safe.
 */
final class RgbPng {

    /** The deflate level of ImageIO's PNG writer by default. */
    static final int LEVEL = 4;
    /** The data length of each IDAT chunk but the last, bytes (ImageIO's). */
    static final int CHUNK = 32768;
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private RgbPng() {
    }

    /**
     * Writes {@code width × height} pixels of {@code rgb} (row by row from index 0; the top byte of each
     * int is ignored) as a PNG to {@code out}, which is not closed.
     */
    static void write(int[] rgb, int width, int height, OutputStream out) throws IOException {
        if (width < 1 || height < 1 || rgb.length < (long) width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " picture needs that many pixels, got "
                    + rgb.length);
        }
        out.write(SIGNATURE);
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, width);
        putInt(ihdr, 4, height);
        ihdr[8] = 8;  // bits per sample
        ihdr[9] = 2;  // truecolour; compression, filter and interlace methods 0
        chunk(out, "IHDR", ihdr, ihdr.length);
        Deflater deflater = new Deflater(LEVEL);
        try {
            byte[] row = new byte[1 + 3 * width];
            byte[] data = new byte[CHUNK];
            int filled = 0;
            for (int y = 0; y < height; y++) {
                for (int x = 0, at = y * width, b = 1; x < width; x++, b += 3) {
                    int p = rgb[at + x];
                    row[b] = (byte) (p >> 16);
                    row[b + 1] = (byte) (p >> 8);
                    row[b + 2] = (byte) p;
                }
                deflater.setInput(row);
                while (!deflater.needsInput()) {
                    filled = drain(deflater, out, data, filled);
                }
            }
            deflater.finish();
            while (!deflater.finished()) {
                filled = drain(deflater, out, data, filled);
            }
            if (filled > 0) {
                chunk(out, "IDAT", data, filled);
            }
        } finally {
            deflater.end();
        }
        chunk(out, "IEND", new byte[0], 0);
    }

    /** Deflates into the chunk being filled; a full one is written. Returns the bytes now in it. */
    private static int drain(Deflater deflater, OutputStream out, byte[] data, int filled) throws IOException {
        filled += deflater.deflate(data, filled, data.length - filled);
        if (filled == data.length) {
            chunk(out, "IDAT", data, filled);
            return 0;
        }
        return filled;
    }

    private static void chunk(OutputStream out, String type, byte[] data, int length) throws IOException {
        byte[] head = new byte[8];
        putInt(head, 0, length);
        for (int i = 0; i < 4; i++) {
            head[4 + i] = (byte) type.charAt(i);
        }
        CRC32 crc = new CRC32();
        crc.update(head, 4, 4);
        crc.update(data, 0, length);
        out.write(head);
        out.write(data, 0, length);
        byte[] tail = new byte[4];
        putInt(tail, 0, (int) crc.getValue());
        out.write(tail);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
