package dev.seamline.geo;

import dev.seamline.core.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The first image file directory (IFD) of a TIFF or BigTIFF: its tags, read with every count and
 * offset checked against the file's size, so a malformed file fails with a {@link BadInputException}
 * rather than a huge allocation or a read past the end. Package-private.
 */
final class TiffDirectory {

    static final int IMAGE_WIDTH = 256, IMAGE_LENGTH = 257, BITS_PER_SAMPLE = 258, COMPRESSION = 259,
            PHOTOMETRIC = 262, STRIP_OFFSETS = 273, SAMPLES_PER_PIXEL = 277, ROWS_PER_STRIP = 278,
            STRIP_BYTE_COUNTS = 279, PLANAR_CONFIG = 284, PREDICTOR = 317, TILE_WIDTH = 322,
            TILE_LENGTH = 323, TILE_OFFSETS = 324, TILE_BYTE_COUNTS = 325, SAMPLE_FORMAT = 339,
            MODEL_PIXEL_SCALE = 33550, MODEL_TIEPOINT = 33922, MODEL_TRANSFORMATION = 34264,
            GEO_KEY_DIRECTORY = 34735, GEO_DOUBLE_PARAMS = 34736, GEO_ASCII_PARAMS = 34737, GDAL_NODATA = 42113;

    /**
     * The most values an integer tag may hold: 2^25, block offsets of a 2-million-pixel-square scene in
     * 512² tiles (a 256 MB array); more is refused before a byte is read, which bounds what a hostile
     * server declaring a huge file can make a reader allocate.
     */
    static final long MAX_LONGS = 1L << 25;

    /** A tag's raw entry: type, count and where its value lies (in the entry, or at an offset). */
    record Entry(int tag, int type, long count, long valueOffset) {
    }

    private final Path path;
    private final ByteSource channel;
    private final ByteOrder order;
    private final boolean bigTiff;
    private final long fileSize;
    private final Map<Integer, Entry> entries = new HashMap<>();

    private TiffDirectory(Path path, ByteSource channel, ByteOrder order, boolean bigTiff, long fileSize) {
        this.path = path;
        this.channel = channel;
        this.order = order;
        this.bigTiff = bigTiff;
        this.fileSize = fileSize;
    }

    /** Reads the header and the first IFD. */
    static TiffDirectory read(Path path, ByteSource channel) throws BadInputException, IOException {
        long size = channel.size();
        if (size < 8) {
            throw new BadInputException(path, "not a TIFF file (only " + size + " bytes)");
        }
        ByteBuffer head = readAt(channel, 0, 16 <= size ? 16 : 8);
        byte b0 = head.get(0), b1 = head.get(1);
        ByteOrder order;
        if (b0 == 'I' && b1 == 'I') {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (b0 == 'M' && b1 == 'M') {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            throw new BadInputException(path, "not a TIFF file (no II/MM byte-order mark)");
        }
        head.order(order);
        int magic = head.getShort(2) & 0xFFFF;
        boolean big;
        long ifd;
        if (magic == 42) {
            big = false;
            ifd = head.getInt(4) & 0xFFFFFFFFL;
        } else if (magic == 43) {
            if (size < 16) {
                throw new BadInputException(path, "truncated BigTIFF header");
            }
            big = true;
            if ((head.getShort(4) & 0xFFFF) != 8) {
                throw new BadInputException(path, "BigTIFF header with offset size " + head.getShort(4) + ", expected 8");
            }
            ifd = head.getLong(8);
        } else {
            throw new BadInputException(path, "not a TIFF file (version " + magic + ", expected 42 or 43)");
        }
        TiffDirectory dir = new TiffDirectory(path, channel, order, big, size);
        dir.readEntries(ifd);
        return dir;
    }

    private void readEntries(long ifd) throws BadInputException, IOException {
        int countSize = bigTiff ? 8 : 2, entrySize = bigTiff ? 20 : 12;
        if (ifd < 8 || ifd + countSize > fileSize) {
            throw new BadInputException(path, "truncated file: the first image directory at byte " + ifd
                    + " lies past the end (" + fileSize + " bytes)");
        }
        ByteBuffer cb = readAt(channel, ifd, countSize).order(order);
        long n = bigTiff ? cb.getLong(0) : cb.getShort(0) & 0xFFFF;
        if (n <= 0 || n > 4096 || ifd + countSize + n * entrySize > fileSize) {
            throw new BadInputException(path, n <= 0 || n > 4096
                    ? "corrupt image directory (" + n + " entries)"
                    : "truncated file: the image directory runs past the end of the file");
        }
        ByteBuffer eb = readAt(channel, ifd + countSize, (int) (n * entrySize)).order(order);
        for (int i = 0; i < n; i++) {
            int p = i * entrySize;
            int tag = eb.getShort(p) & 0xFFFF;
            int type = eb.getShort(p + 2) & 0xFFFF;
            long count = bigTiff ? eb.getLong(p + 4) : eb.getInt(p + 4) & 0xFFFFFFFFL;
            int typeSize = typeSize(type);
            if (typeSize == 0) {
                continue; // unknown type: TIFF readers must skip it
            }
            if (count < 0 || count > fileSize) {
                throw new BadInputException(path, "corrupt tag " + tag + " (count " + count + ")");
            }
            long bytes = count * typeSize;
            int inline = bigTiff ? 8 : 4;
            long valueOffset;
            if (bytes <= inline) {
                valueOffset = ifd + countSize + p + 4 + (bigTiff ? 8 : 4);
            } else {
                valueOffset = bigTiff ? eb.getLong(p + 12) : eb.getInt(p + 8) & 0xFFFFFFFFL;
                if (valueOffset < 0 || valueOffset + bytes > fileSize) {
                    throw new BadInputException(path, "truncated file: tag " + tag + " points past the end of the file");
                }
            }
            entries.put(tag, new Entry(tag, type, count, valueOffset));
        }
    }

    static int typeSize(int type) {
        return switch (type) {
            case 1, 2, 6, 7 -> 1;
            case 3, 8 -> 2;
            case 4, 9, 11, 13 -> 4;
            case 5, 10, 12, 16, 17, 18 -> 8;
            default -> 0;
        };
    }

    static ByteBuffer readAt(ByteSource ch, long position, int length) throws IOException, BadInputException {
        ByteBuffer b = ByteBuffer.allocate(length);
        ch.readFully(b, position);
        return b.flip();
    }

    Path path() {
        return path;
    }

    ByteOrder order() {
        return order;
    }

    boolean isBigTiff() {
        return bigTiff;
    }

    long fileSize() {
        return fileSize;
    }

    /** A tag's value count, or -1 when absent. */
    long count(int tag) {
        Entry e = entries.get(tag);
        return e == null ? -1 : e.count;
    }

    boolean has(int tag) {
        return entries.containsKey(tag);
    }

    /** The tag's values as longs (integer types; rationals and floats are refused). */
    long[] longs(int tag) throws BadInputException, IOException {
        Entry e = entries.get(tag);
        if (e == null) {
            return null;
        }
        if (e.count > MAX_LONGS) {
            throw new BadInputException(path, "tag " + tag + " has an absurd count " + e.count);
        }
        int n = (int) e.count;
        int ts = typeSize(e.type);
        ByteBuffer b = readAt(channel, e.valueOffset, n * ts).order(order);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = switch (e.type) {
                case 1, 7 -> b.get(i) & 0xFF;
                case 6 -> b.get(i);
                case 3 -> b.getShort(i * 2) & 0xFFFF;
                case 8 -> b.getShort(i * 2);
                case 4, 13 -> b.getInt(i * 4) & 0xFFFFFFFFL;
                case 9 -> b.getInt(i * 4);
                case 16, 17, 18 -> b.getLong(i * 8);
                default -> throw new BadInputException(path, "tag " + tag + " has type " + e.type + ", expected an integer type");
            };
        }
        if (tag == TILE_OFFSETS || tag == STRIP_OFFSETS) {
            for (int i = 0; i < n; i++) {
                // checked here, not only as offset + count > size: a BigTIFF offset near 2^63 overflows that sum
                if (out[i] < 0 || out[i] > fileSize) {
                    throw new BadInputException(path, (tag == TILE_OFFSETS ? "tile " : "strip ") + i
                            + " lies past the end of the file (offset " + Long.toUnsignedString(out[i]) + ", file has "
                            + fileSize + " bytes): truncated or corrupt");
                }
            }
        }
        return out;
    }

    /** One integer value of a tag, or {@code dflt} when the tag is absent. */
    long scalar(int tag, long dflt) throws BadInputException, IOException {
        long[] v = longs(tag);
        if (v == null || v.length == 0) {
            return dflt;
        }
        return v[0];
    }

    /** The tag's values as doubles (any numeric type). */
    double[] doubles(int tag) throws BadInputException, IOException {
        Entry e = entries.get(tag);
        if (e == null) {
            return null;
        }
        if (e.count > 1 << 20) {
            throw new BadInputException(path, "tag " + tag + " has an absurd count " + e.count);
        }
        int n = (int) e.count;
        if (e.type == 11 || e.type == 12 || e.type == 5 || e.type == 10) {
            ByteBuffer b = readAt(channel, e.valueOffset, n * typeSize(e.type)).order(order);
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = switch (e.type) {
                    case 11 -> b.getFloat(i * 4);
                    case 12 -> b.getDouble(i * 8);
                    case 5 -> (b.getInt(i * 8) & 0xFFFFFFFFL) / (double) (b.getInt(i * 8 + 4) & 0xFFFFFFFFL);
                    default -> b.getInt(i * 8) / (double) b.getInt(i * 8 + 4);
                };
            }
            return out;
        }
        long[] l = longs(tag);
        double[] out = new double[l.length];
        for (int i = 0; i < l.length; i++) {
            out[i] = l[i];
        }
        return out;
    }

    /** The tag's value as ASCII text, without the trailing NULs. */
    String ascii(int tag) throws BadInputException, IOException {
        Entry e = entries.get(tag);
        if (e == null) {
            return null;
        }
        if (e.count > 1 << 20) {
            throw new BadInputException(path, "tag " + tag + " has an absurd count " + e.count);
        }
        ByteBuffer b = readAt(channel, e.valueOffset, (int) e.count);
        String s = new String(b.array(), 0, (int) e.count, StandardCharsets.ISO_8859_1);
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == 0) {
            end--;
        }
        return s.substring(0, end);
    }

    /** The raw bytes of a tag (UNDEFINED or BYTE). */
    byte[] bytes(int tag) throws BadInputException, IOException {
        Entry e = entries.get(tag);
        if (e == null) {
            return null;
        }
        long n = e.count * typeSize(e.type);
        if (n > 1 << 24) {
            throw new BadInputException(path, "tag " + tag + " has an absurd size " + n);
        }
        return readAt(channel, e.valueOffset, (int) n).array();
    }
}
