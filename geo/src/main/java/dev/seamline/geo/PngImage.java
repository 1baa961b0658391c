package dev.seamline.geo;

import dev.seamline.core.BadInputException;
import dev.seamline.core.SampleType;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A PNG scene's pixels (ISO/IEC 15948, the W3C PNG specification), decoded by Seamline itself: the
 * zlib stream of the IDAT chunks is inflated row by row with {@link Inflater} and each row unfiltered
 * (None, Sub, Up, Average, Paeth), so a non-interlaced PNG is read in the order the tile sweep reads it.
 * A small image, up to a sixteenth of the heap decoded, is simply kept whole in the heap. A larger one
 * keeps its decoded rows in a {@link RowSpill}, a ring in a private, already-unlinked temporary file
 * holding about two bands of tiles (twice the tallest window read): the heap holds two rows and one
 * window's row segment, whatever the width. A read above the rows still held starts the decode again
 * from the first IDAT chunk (counted by {@link #restarts()}); when that read lies just above them (reads
 * far ahead of a lagging one, a narrow scene with many tiles in flight), the ring at least doubles, up
 * to {@value #SPILL_LIMIT_MB} MB of disk, so that happens at most log2(height / window height) times.
 * An interlaced (Adam7) PNG is decoded whole on the first read, up to a quarter of the heap.
 *
 * <p>Every colour type and bit depth of the specification is read, with GDAL's band layout: grey (1,
 * 2, 4, 8, 16 bits; values as stored, not rescaled), palette (the indices, one band), RGB, grey+alpha
 * and RGBA (8 and 16 bits). 16-bit samples are big-endian in the file. The tRNS chunk gives the nodata
 * value as GDAL makes it (a grey level, an RGB colour of equal samples, a palette's one fully transparent
 * index). Every chunk's CRC is checked; a truncated or corrupt file is a
 * one-line {@link BadInputException} naming it.
 *
 * <p>Thread-safe: reads are serialised by a fair lock (a PNG decodes sequentially). Package-private.
 *
 * <p>Why one class of this length: chunk parsing, row inflation, the five row filters, Adam7
 * de-interlacing and sample unpacking all share the decoder's streaming position and its row window.
 */
final class PngImage implements ImagePixels {

    static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int IHDR = type("IHDR"), PLTE = type("PLTE"), IDAT = type("IDAT"), IEND = type("IEND"),
            TRNS = type("tRNS");
    /** Chunk data is read in pieces of at most this size (a typical IDAT is 8–64 KB, checked whole before use). */
    private static final int PIECE = 1 << 20;
    /** The most disk a streamed PNG's ring of decoded rows may take, MB (it takes at least two windows' rows). */
    static final long SPILL_LIMIT_MB = 1024;
    /** Adam7: x start, y start, x step, y step of each pass. */
    private static final int[][] ADAM7 = {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4},
        {1, 0, 2, 2}, {0, 1, 1, 2}};

    private final Path path;
    private final FileChannel channel;
    private final long fileSize;
    final int width, height, bitDepth, colorType, channels;
    final boolean interlaced;
    private final int bitsPerPixel, rowBytes, filterStep;
    private final long firstIdat;
    /** The nodata value GDAL gives band 1 from the tRNS chunk (see {@link #nodata()}); null when none. */
    private final Integer transparent;
    private final long wholeLimit;
    private long keepWholeBytes;

    /**
     * Fair, so that threads reading windows in the sweep's order take turns in that order: with an unfair
     * lock one thread runs ahead, the others fall below the rows held and the decode restarts.
     */
    private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock(true);
    private Path spillDirectory;
    /** The decoded image, whole (small or interlaced images); null when streamed through {@link #spill}. */
    private byte[][] held;
    /** The ring of decoded rows of a streamed image; null when {@link #held} or before the first read. */
    private RowSpill spill;
    /** Rows [lo, hi) are available; hi is the next row the stream decodes. */
    private int lo, hi;
    /** A streamed image's last decoded row (row hi - 1, the next row's filter reference) and a spare. */
    private byte[] lastRow, nextRow;
    /** A window's bytes of one row, read back from the spill. */
    private byte[] segment = new byte[0];
    private Stream stream;
    private long restarts;

    private PngImage(Path path, FileChannel channel, long fileSize, int[] ihdr, long firstIdat, Integer transparent) {
        this.path = path;
        this.channel = channel;
        this.fileSize = fileSize;
        this.width = ihdr[0];
        this.height = ihdr[1];
        this.bitDepth = ihdr[2];
        this.colorType = ihdr[3];
        this.interlaced = ihdr[4] == 1;
        this.channels = switch (colorType) {
            case 2 -> 3;
            case 4 -> 2;
            case 6 -> 4;
            default -> 1;
        };
        this.bitsPerPixel = channels * bitDepth;
        this.rowBytes = (int) (((long) width * bitsPerPixel + 7) / 8);
        this.filterStep = Math.max(1, bitsPerPixel / 8);
        this.firstIdat = firstIdat;
        this.transparent = transparent;
        long heap = Runtime.getRuntime().maxMemory();
        this.wholeLimit = heap / 4;
        this.keepWholeBytes = heap / 16;
    }

    /**
     * Reads the PNG's header chunks up to its first IDAT (checking their CRCs) from a channel positioned
     * anywhere; the channel then belongs to the image.
     */
    static PngImage open(Path path, FileChannel ch) throws BadInputException, IOException {
        long size = ch.size();
        byte[] sig = new byte[8];
        readAt(path, ch, 0, sig, size);
        if (!Arrays.equals(sig, SIGNATURE)) {
            throw new BadInputException(path, "not a PNG file (bad signature)");
        }
        long pos = 8;
        int[] ihdr = null;
        boolean palette = false;
        int paletteEntries = 0;
        Integer trnsValue = null;
        byte[] head = new byte[8];
        while (true) {
            if (pos + 12 > size) {
                throw new BadInputException(path, "truncated PNG: the file ends at byte " + size
                        + " before the image data (no IDAT chunk)");
            }
            readAt(path, ch, pos, head, size);
            long len = Integer.toUnsignedLong(readInt(head, 0));
            int type = readInt(head, 4);
            if (len > Integer.MAX_VALUE) {
                throw new BadInputException(path, "corrupt PNG: chunk " + name(type) + " at byte " + pos + " declares "
                        + len + " bytes");
            }
            if (pos == 8 && type != IHDR) {
                throw new BadInputException(path, "corrupt PNG: the first chunk is " + name(type) + ", not IHDR");
            }
            if (type == IDAT) {
                if (ihdr == null) {
                    throw new BadInputException(path, "corrupt PNG: image data before the IHDR chunk");
                }
                if (ihdr[3] == 3 && !palette) {
                    throw new BadInputException(path, "corrupt PNG: a palette image without a PLTE chunk");
                }
                return new PngImage(path, ch, size, ihdr, pos, trnsValue);
            }
            if (type == IEND) {
                throw new BadInputException(path, "corrupt PNG: no image data (IEND before any IDAT chunk)");
            }
            if (pos + 12 + len > size) {
                throw new BadInputException(path, "truncated PNG: chunk " + name(type) + " at byte " + pos + " ends past the end of the file ("
                        + size + " bytes)");
            }
            boolean critical = (type >>> 24 & 0x20) == 0;
            if (critical && type != IHDR && type != PLTE) {
                throw new BadInputException(path, "unsupported PNG: unknown critical chunk " + name(type));
            }
            if (critical || type == TRNS || len <= 65536) {
                byte[] data = new byte[(int) len];
                readAt(path, ch, pos + 8, data, size);
                byte[] crc = new byte[4];
                readAt(path, ch, pos + 8 + len, crc, size);
                checkCrc(path, type, head, data, (int) len, readInt(crc, 0), pos);
                if (type == IHDR) {
                    ihdr = header(path, data);
                } else if (type == PLTE) {
                    if (len % 3 != 0 || len == 0 || len > 768) {
                        throw new BadInputException(path, "corrupt PNG: a PLTE chunk of " + len + " bytes");
                    }
                    palette = true;
                    paletteEntries = (int) len / 3;
                } else if (type == TRNS && ihdr != null) {
                    trnsValue = transparentValue(ihdr, data, paletteEntries);
                }
            }
            pos += 12 + len;
        }
    }

    /**
     * The nodata value GDAL 3.6's PNG driver makes of a tRNS chunk: grey, the transparent grey level; RGB, the
     * transparent colour when its three samples are equal (GDAL gives each band its own sample; a scene here has
     * one nodata value, so a colour such as 255,0,0 is not nodata); palette, the index of the one entry whose
     * alpha is 0 (none when two entries are fully transparent). Null when the chunk says none of these.
     */
    private static Integer transparentValue(int[] ihdr, byte[] d, int paletteEntries) {
        int mask = (1 << ihdr[2]) - 1;
        switch (ihdr[3]) {
            case 0:
                return d.length >= 2 ? ((d[0] & 0xff) << 8 | (d[1] & 0xff)) & mask : null;
            case 2:
                if (d.length < 6) {
                    return null;
                }
                int r = (d[0] & 0xff) << 8 | (d[1] & 0xff), g = (d[2] & 0xff) << 8 | (d[3] & 0xff), b = (d[4] & 0xff) << 8 | (d[5] & 0xff);
                return r == g && g == b ? r & mask : null;
            case 3:
                Integer index = null;
                for (int i = 0; i < Math.min(d.length, paletteEntries); i++) {
                    if (d[i] == 0) {
                        if (index != null) {
                            return null;
                        }
                        index = i;
                    }
                }
                return index;
            default:
                return null;
        }
    }

    /** IHDR: {width, height, bit depth, colour type, interlace}, checked. */
    private static int[] header(Path path, byte[] d) throws BadInputException {
        if (d.length != 13) {
            throw new BadInputException(path, "corrupt PNG: an IHDR chunk of " + d.length + " bytes, expected 13");
        }
        long w = Integer.toUnsignedLong(readInt(d, 0)), h = Integer.toUnsignedLong(readInt(d, 4));
        int depth = d[8] & 0xff, type = d[9] & 0xff, compression = d[10] & 0xff, filter = d[11] & 0xff, interlace = d[12] & 0xff;
        if (w == 0 || h == 0 || w > Integer.MAX_VALUE - 16 || h > Integer.MAX_VALUE - 16) {
            throw new BadInputException(path, "absurd dimensions " + w + " x " + h);
        }
        boolean ok = switch (type) {
            case 0 -> depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
            case 3 -> depth == 1 || depth == 2 || depth == 4 || depth == 8;
            case 2, 4, 6 -> depth == 8 || depth == 16;
            default -> false;
        };
        if (!ok) {
            throw new BadInputException(path, "unsupported PNG colour type " + type + " with bit depth " + depth
                    + " (PNG has grey 0, RGB 2, palette 3, grey+alpha 4, RGBA 6)");
        }
        if (compression != 0 || filter != 0 || interlace > 1) {
            throw new BadInputException(path, "unsupported PNG: compression method " + compression + ", filter method "
                    + filter + ", interlace method " + interlace + " (PNG defines 0, 0 and 0 or 1)");
        }
        long bits = w * depth * switch (type) {
            case 2 -> 3;
            case 4 -> 2;
            case 6 -> 4;
            default -> 1;
        };
        if ((bits + 7) / 8 + 1 > Integer.MAX_VALUE - 16) {
            throw new BadInputException(path, "absurd width " + w + ": a row would exceed 2 GB");
        }
        return new int[] {(int) w, (int) h, depth, type, interlace};
    }

    private static void checkCrc(Path path, int type, byte[] head, byte[] data, int len, int want, long pos)
            throws BadInputException {
        CRC32 crc = new CRC32();
        crc.update(head, 4, 4);
        crc.update(data, 0, len);
        if ((int) crc.getValue() != want) {
            throw new BadInputException(path, "corrupt PNG: bad CRC in chunk " + name(type) + " at byte " + pos);
        }
    }

    /** Number of bands, GDAL's: grey 1, palette 1 (indices), grey+alpha 2, RGB 3, RGBA 4. */
    int bands() {
        return channels;
    }

    SampleType sampleType() {
        return bitDepth == 16 ? SampleType.UINT16 : SampleType.UINT8;
    }

    /** The nodata value GDAL reads from the tRNS chunk (grey level, equal-sample RGB colour, palette index); else null. */
    Double nodata() {
        return transparent == null ? null : transparent.doubleValue();
    }

    /** How many times a read went back above the rows held and the decode started again. */
    long restarts() {
        lock.lock();
        try {
            return restarts;
        } finally {
            lock.unlock();
        }
    }

    /** Keeps the decoded image whole only when it takes fewer bytes than this (a sixteenth of the heap by default); for tests. */
    void keepWholeBelow(long bytes) {
        lock.lock();
        try {
            keepWholeBytes = bytes;
        } finally {
            lock.unlock();
        }
    }

    /** Makes the temporary file of a streamed image's rows in this folder rather than java.io.tmpdir; for tests. */
    void spillTo(Path directory) {
        lock.lock();
        try {
            spillDirectory = directory;
        } finally {
            lock.unlock();
        }
    }

    /** The rows held now (in the heap or in the spill file); for tests. */
    int rowsHeld() {
        lock.lock();
        try {
            return held != null ? hi - lo : spill == null ? 0 : Math.min(hi - lo, spill.capacity);
        } finally {
            lock.unlock();
        }
    }

    /** Bytes of the spill file now, 0 when the rows are in the heap; for tests. */
    long spillBytes() throws IOException {
        lock.lock();
        try {
            return spill == null ? 0 : spill.bytesOnDisk();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String describe() {
        String kind = switch (colorType) {
            case 0 -> "grey";
            case 2 -> "RGB";
            case 3 -> "palette indices";
            case 4 -> "grey+alpha";
            default -> "RGBA";
        };
        return "PNG, " + bitDepth + "-bit " + kind + (interlaced ? ", interlaced (Adam7): decoded whole on first read"
                : (long) height * rowBytes <= keepWholeBytes ? ", decoded row by row, kept whole"
                : ", decoded row by row, rows of two bands of tiles in a temporary file");
    }

    @Override
    public void read(int x, int y, int w, int h, int[] bands, Object dest, int offset, int rowStride,
            int bandStride) throws BadInputException, IOException {
        lock.lock();
        try {
            readLocked(x, y, w, h, bands, dest, offset, rowStride, bandStride);
        } finally {
            lock.unlock();
        }
    }

    private void readLocked(int x, int y, int w, int h, int[] bands, Object dest, int offset, int rowStride,
            int bandStride) throws BadInputException, IOException {
        try {
            ensure(y, y + h);
        } catch (DataFormatException e) {
            stream = null;
            throw new BadInputException(path, "corrupt PNG: bad compressed image data (" + GeoKeys.oneLine(e.getMessage()) + ")", e);
        } catch (IOException e) {
            dropSpill(); // the temporary file may be closed (an interrupted thread closes a FileChannel): a new one next time
            throw e;
        } catch (BadInputException | RuntimeException e) {
            stream = null; // the decoder's state is unknown: a later read starts again
            throw e;
        }
        try {
            copyOut(x, y, w, h, bands, dest, offset, rowStride, bandStride);
        } catch (IOException e) {
            dropSpill();
            throw e;
        }
    }

    /** Forgets the spill and the decoder's position after a failed read or write of the temporary file. */
    private void dropSpill() {
        if (stream != null) {
            stream.end();
        }
        stream = null;
        if (spill != null) {
            spill.close();
            spill = null;
            lo = 0;
            hi = 0;
        }
    }

    /** Copies the window out of the rows held (all of [y, y + h) are). */
    private void copyOut(int x, int y, int w, int h, int[] bands, Object dest, int offset, int rowStride, int bandStride)
            throws IOException {
        // the bytes of [x, x + w) in a row: whole bytes, so a sub-byte depth starts at a bit offset
        int from = (int) ((long) x * bitsPerPixel >>> 3), to = (int) (((long) (x + w) * bitsPerPixel + 7) >>> 3);
        if (spill != null && segment.length < to - from) {
            segment = new byte[to - from];
        }
        for (int j = 0; j < h; j++) {
            byte[] row;
            int base;
            if (held != null) {
                row = held[y + j];
                base = 0;
            } else {
                spill.get(y + j, from, to - from, segment, 0);
                row = segment;
                base = from;
            }
            int o = offset + j * rowStride;
            for (int k = 0; k < bands.length; k++) {
                copy(row, base, x, w, bands[k], dest, o + k * bandStride);
            }
        }
    }

    /**
     * One band of {@code w} pixels from column {@code x} of an unfiltered row into {@code dest}; {@code row[0]}
     * is byte {@code base} of the row.
     */
    private void copy(byte[] row, int base, int x, int w, int band, Object dest, int o) {
        if (bitDepth == 8) {
            byte[] d = (byte[]) dest;
            if (channels == 1) {
                System.arraycopy(row, x - base, d, o, w);
            } else {
                for (int i = 0, s = x * channels + band - base; i < w; i++, s += channels) {
                    d[o + i] = row[s];
                }
            }
        } else if (bitDepth == 16) {
            short[] d = (short[]) dest;
            for (int i = 0, s = 2 * (x * channels + band) - base; i < w; i++, s += 2 * channels) {
                d[o + i] = (short) ((row[s] & 0xff) << 8 | (row[s + 1] & 0xff));
            }
        } else {
            byte[] d = (byte[]) dest;
            int mask = (1 << bitDepth) - 1;
            for (int i = 0; i < w; i++) {
                int bit = (x + i) * bitDepth;
                d[o + i] = (byte) (row[(bit >>> 3) - base] >>> (8 - bitDepth - (bit & 7)) & mask);
            }
        }
    }

    /** Makes rows [y0, y1) available (whole in the heap, or in the spill's ring), decoding forward or from the start. */
    private void ensure(int y0, int y1) throws BadInputException, IOException, DataFormatException {
        if (interlaced) {
            if (held == null) {
                long bytes = (long) height * rowBytes;
                if (bytes > wholeLimit) {
                    throw new BadInputException(path, "interlaced PNG of " + width + " x " + height + " needs "
                            + mb(bytes) + " MB decoded whole, more than the limit of " + mb(wholeLimit)
                            + " MB (a quarter of the Java heap, -Xmx): save it without interlacing, or convert it to a tiled "
                            + "GeoTIFF (gdal_translate -of COG)");
                }
                decodeInterlaced();
            }
            return;
        }
        if (held == null && spill == null) {
            if ((long) height * rowBytes <= keepWholeBytes) {
                held = new byte[height][];
            } else {
                spill = RowSpill.create(spillDirectory, rowBytes, ringRows(2L * (y1 - y0), y1 - y0));
            }
        }
        if (spill != null && y1 - y0 > spill.capacity / 2 && ringRows(2L * (y1 - y0), y1 - y0) > spill.capacity) {
            spill = spill.grownTo(ringRows(2L * (y1 - y0), y1 - y0), lo, hi);
            lo = Math.max(lo, hi - spill.capacity);
        }
        if (y0 < lo || stream == null && hi > 0) {
            if (y0 < lo) {
                // reads this far apart run at once (more tiles read ahead than two bands, threads drifting apart,
                // however far a starved thread fell behind): hold at least twice as many rows from now on, within
                // the spill's disk limit, so this happens at most log2(height / window) times
                int rows = ringRows(Math.max(2L * spill.capacity, (long) hi - y0 + (y1 - y0)), y1 - y0);
                spill.close();
                spill = null; // made again on the next read if this fails
                spill = RowSpill.create(spillDirectory, rowBytes, rows);
            }
            restarts++;
            if (stream != null) {
                stream.end();
            }
            lo = 0;
            hi = 0;
            stream = null;
        }
        if (stream == null) {
            stream = new Stream();
        }
        if (held != null) {
            while (hi < y1) {
                byte[] cur = new byte[rowBytes];
                stream.row(cur, hi == 0 ? null : held[hi - 1], rowBytes, hi);
                held[hi++] = cur;
            }
        } else {
            if (lastRow == null) {
                lastRow = new byte[rowBytes];
                nextRow = new byte[rowBytes];
            }
            while (hi < y1) {
                stream.row(nextRow, hi == 0 ? null : lastRow, rowBytes, hi);
                spill.put(hi, nextRow);
                byte[] t = lastRow;
                lastRow = nextRow;
                nextRow = t;
                hi++;
                lo = Math.max(lo, hi - spill.capacity);
            }
        }
        if (hi == height) {
            stream.end();
        }
    }

    /**
     * A ring of {@code rows} rows, within the image's height and the spill's disk limit, but never fewer than
     * two windows of {@code window} rows (nor two rows).
     */
    private int ringRows(long rows, int window) {
        long limit = Math.max(2L * window, (SPILL_LIMIT_MB << 20) / rowBytes);
        return (int) Math.max(2, Math.min(height, Math.min(rows, limit)));
    }

    private void decodeInterlaced() throws BadInputException, IOException, DataFormatException {
        byte[][] rows = new byte[height][rowBytes];
        Stream s = new Stream();
        int bpp = bitsPerPixel / 8;
        int mask = (1 << bitDepth) - 1;
        for (int[] p : ADAM7) {
            int pw = (width - p[0] + p[2] - 1) / p[2], ph = (height - p[1] + p[3] - 1) / p[3];
            if (pw <= 0 || ph <= 0) {
                continue; // an empty pass has no rows and no filter bytes
            }
            int passBytes = (int) (((long) pw * bitsPerPixel + 7) / 8);
            byte[] prev = null, cur = new byte[passBytes], spare = new byte[passBytes];
            for (int r = 0; r < ph; r++) {
                int y = p[1] + r * p[3];
                s.row(cur, prev, passBytes, y);
                byte[] full = rows[y];
                for (int i = 0; i < pw; i++) {
                    int x = p[0] + i * p[2];
                    if (bitsPerPixel >= 8) {
                        System.arraycopy(cur, i * bpp, full, x * bpp, bpp);
                    } else {
                        int from = i * bitDepth, to = x * bitDepth;
                        int v = cur[from >>> 3] >>> (8 - bitDepth - (from & 7)) & mask;
                        full[to >>> 3] |= (byte) (v << (8 - bitDepth - (to & 7)));
                    }
                }
                prev = cur;
                cur = spare;
                spare = prev;
            }
        }
        s.end();
        held = rows;
        lo = 0;
        hi = height;
    }

    /**
     * The zlib stream of the IDAT chunks, inflated and unfiltered one row at a time. Each chunk's CRC
     * is checked before its bytes are inflated (a chunk larger than {@link #PIECE} is inflated piece by
     * piece and checked at its end).
     */
    private final class Stream {
        private final Inflater inflater = new Inflater();
        private final CRC32 crc = new CRC32();
        private byte[] piece = new byte[0];
        private final byte[] head = new byte[8];
        private long pos = firstIdat;
        private long chunkLeft = -1; // bytes of the current IDAT not yet read; -1 before the first
        private int chunkType;
        private long chunkStart;
        private byte[] filtered = new byte[0];

        /** Inflates and unfilters the next row of {@code n} bytes into {@code cur}; {@code prev} is the row above (null for the first). */
        void row(byte[] cur, byte[] prev, int n, int y) throws BadInputException, IOException, DataFormatException {
            if (filtered.length < n + 1) {
                filtered = new byte[n + 1];
            }
            int got = 0;
            while (got < n + 1) {
                int k = inflater.inflate(filtered, got, n + 1 - got);
                got += k;
                if (k == 0) {
                    if (inflater.finished()) {
                        throw new BadInputException(path, "corrupt PNG: the image data ends at row " + y + " of " + height);
                    }
                    if (inflater.needsDictionary()) {
                        throw new BadInputException(path, "corrupt PNG: the image data asks for a preset zlib dictionary");
                    }
                    if (inflater.needsInput()) {
                        feed(y);
                    }
                }
            }
            unfilter(filtered[0] & 0xff, filtered, cur, prev, n, y);
        }

        /** Gives the inflater the next piece of IDAT data, reading the next chunk's header when one ends. */
        private void feed(int y) throws BadInputException, IOException {
            if (chunkLeft <= 0) {
                if (chunkLeft == 0) {
                    byte[] c = new byte[4];
                    readAt(path, channel, pos, c, fileSize);
                    if ((int) crc.getValue() != readInt(c, 0)) {
                        throw new BadInputException(path, "corrupt PNG: bad CRC in chunk IDAT at byte " + chunkStart);
                    }
                    pos += 4;
                }
                while (true) {
                    if (pos + 12 > fileSize) {
                        throw new BadInputException(path, "truncated PNG: the file ends (" + fileSize + " bytes) inside the image data, at row "
                                + y + " of " + height);
                    }
                    readAt(path, channel, pos, head, fileSize);
                    long len = Integer.toUnsignedLong(readInt(head, 0));
                    chunkType = readInt(head, 4);
                    if (chunkType != IDAT) {
                        throw new BadInputException(path, "corrupt PNG: the image data stops at row " + y + " of " + height
                                + " (chunk " + name(chunkType) + " follows)");
                    }
                    if (len > Integer.MAX_VALUE || pos + 12 + len > fileSize) {
                        throw new BadInputException(path, "truncated PNG: chunk IDAT at byte " + pos + " ends past the end of the file ("
                                + fileSize + " bytes), at row " + y + " of " + height);
                    }
                    chunkStart = pos;
                    crc.reset();
                    crc.update(head, 4, 4);
                    pos += 8;
                    chunkLeft = len;
                    if (len > 0) {
                        break;
                    }
                    byte[] c = new byte[4];
                    readAt(path, channel, pos, c, fileSize);
                    if ((int) crc.getValue() != readInt(c, 0)) {
                        throw new BadInputException(path, "corrupt PNG: bad CRC in chunk IDAT at byte " + chunkStart);
                    }
                    pos += 4;
                }
            }
            int n = (int) Math.min(chunkLeft, PIECE);
            if (piece.length < n) {
                piece = new byte[Math.max(n, Math.min(PIECE, piece.length * 2))];
            }
            readAt(path, channel, pos, piece, 0, n, fileSize);
            crc.update(piece, 0, n);
            pos += n;
            chunkLeft -= n;
            if (chunkLeft == 0 && n < PIECE) { // the whole chunk is in hand: check it before inflating any of it
                byte[] c = new byte[4];
                readAt(path, channel, pos, c, fileSize);
                if ((int) crc.getValue() != readInt(c, 0)) {
                    throw new BadInputException(path, "corrupt PNG: bad CRC in chunk IDAT at byte " + chunkStart);
                }
                pos += 4;
                chunkLeft = -1;
            }
            inflater.setInput(piece, 0, n);
        }

        /** After the last row: the zlib stream must end (trailing data is tolerated, as libpng does). */
        void end() {
            inflater.end();
        }
    }

    private void unfilter(int f, byte[] in, byte[] cur, byte[] prev, int n, int y) throws BadInputException {
        int bpp = filterStep;
        switch (f) {
            case 0 -> System.arraycopy(in, 1, cur, 0, n);
            case 1 -> {
                for (int i = 0; i < n; i++) {
                    cur[i] = (byte) (in[i + 1] + (i >= bpp ? cur[i - bpp] : 0));
                }
            }
            case 2 -> {
                for (int i = 0; i < n; i++) {
                    cur[i] = (byte) (in[i + 1] + (prev == null ? 0 : prev[i]));
                }
            }
            case 3 -> {
                for (int i = 0; i < n; i++) {
                    int a = i >= bpp ? cur[i - bpp] & 0xff : 0, b = prev == null ? 0 : prev[i] & 0xff;
                    cur[i] = (byte) (in[i + 1] + ((a + b) >>> 1));
                }
            }
            case 4 -> {
                for (int i = 0; i < n; i++) {
                    int a = i >= bpp ? cur[i - bpp] & 0xff : 0;
                    int b = prev == null ? 0 : prev[i] & 0xff;
                    int c = i >= bpp && prev != null ? prev[i - bpp] & 0xff : 0;
                    int p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
                    int pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
                    cur[i] = (byte) (in[i + 1] + pred);
                }
            }
            default -> throw new BadInputException(path, "corrupt PNG: unknown filter type " + f + " at row " + y);
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            held = null;
            if (spill != null) {
                spill.close();
                spill = null;
            }
            if (stream != null) {
                stream.end();
                stream = null;
            }
        } finally {
            lock.unlock();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // read-only
        }
    }

    private static long mb(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }

    private static int type(String s) {
        return readInt(s.getBytes(StandardCharsets.US_ASCII), 0);
    }

    private static String name(int type) {
        StringBuilder sb = new StringBuilder();
        for (int s = 24; s >= 0; s -= 8) {
            int c = type >>> s & 0xff;
            sb.append(c >= 0x21 && c < 0x7f ? (char) c : '?');
        }
        return sb.toString();
    }

    private static int readInt(byte[] b, int o) {
        return (b[o] & 0xff) << 24 | (b[o + 1] & 0xff) << 16 | (b[o + 2] & 0xff) << 8 | (b[o + 3] & 0xff);
    }

    private static void readAt(Path path, FileChannel ch, long pos, byte[] dst, long size) throws BadInputException, IOException {
        readAt(path, ch, pos, dst, 0, dst.length, size);
    }

    private static void readAt(Path path, FileChannel ch, long pos, byte[] dst, int off, int len, long size)
            throws BadInputException, IOException {
        ByteBuffer b = ByteBuffer.wrap(dst, off, len);
        while (b.hasRemaining()) {
            int r = ch.read(b, pos + (b.position() - off));
            if (r < 0) {
                throw new BadInputException(path, "truncated PNG: the file ends at byte " + size, new EOFException());
            }
        }
    }
}
