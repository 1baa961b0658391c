package dev.seamline.geo.write;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.TreeMap;

/**
 * One TIFF image file directory being assembled: tags in ascending order, values inline when they
 * fit the entry (4 bytes in classic TIFF, 8 in BigTIFF), otherwise in a data area that follows the
 * directory. Little-endian. Not thread-safe.
 */
final class Ifd {

    static final short ASCII = 2, SHORT = 3, LONG = 4, DOUBLE = 12, LONG8 = 16;

    private record Entry(short type, long count, byte[] bytes) {
    }

    private final boolean big;
    private final TreeMap<Integer, Entry> entries = new TreeMap<>();

    Ifd(boolean big) {
        this.big = big;
    }

    void shorts(int tag, int... values) {
        ByteBuffer b = buffer(values.length * 2);
        for (int v : values) {
            b.putShort((short) v);
        }
        entries.put(tag, new Entry(SHORT, values.length, b.array()));
    }

    void longs(int tag, long... values) {
        ByteBuffer b = buffer(values.length * 4);
        for (long v : values) {
            b.putInt((int) v);
        }
        entries.put(tag, new Entry(LONG, values.length, b.array()));
    }

    /** Offsets: LONG8 in BigTIFF, LONG in classic TIFF. */
    void offsets(int tag, long[] values) {
        if (!big) {
            longs(tag, values);
            return;
        }
        ByteBuffer b = buffer(values.length * 8);
        for (long v : values) {
            b.putLong(v);
        }
        entries.put(tag, new Entry(LONG8, values.length, b.array()));
    }

    void doubles(int tag, double... values) {
        ByteBuffer b = buffer(values.length * 8);
        for (double v : values) {
            b.putDouble(v);
        }
        entries.put(tag, new Entry(DOUBLE, values.length, b.array()));
    }

    /** An ASCII value, NUL-terminated as TIFF requires. */
    void ascii(int tag, String value) {
        byte[] s = value.getBytes(StandardCharsets.US_ASCII);
        byte[] z = new byte[s.length + 1];
        System.arraycopy(s, 0, z, 0, s.length);
        entries.put(tag, new Entry(ASCII, z.length, z));
    }

    /** The directory's bytes when it starts at file offset {@code at} (word-aligned). */
    byte[] encode(long at) {
        int entrySize = big ? 20 : 12, inline = big ? 8 : 4;
        int head = big ? 8 : 2, tail = big ? 8 : 4;
        long dirSize = head + (long) entries.size() * entrySize + tail;
        long extra = 0;
        for (Entry e : entries.values()) {
            if (e.bytes.length > inline) {
                extra += e.bytes.length + (e.bytes.length & 1);
            }
        }
        ByteBuffer out = buffer((int) (dirSize + extra));
        long data = at + dirSize;
        if (big) {
            out.putLong(entries.size());
        } else {
            out.putShort((short) entries.size());
        }
        ByteBuffer area = out.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        area.position((int) dirSize);
        for (var e : entries.entrySet()) {
            Entry v = e.getValue();
            out.putShort((short) (int) e.getKey());
            out.putShort(v.type);
            if (big) {
                out.putLong(v.count);
            } else {
                out.putInt((int) v.count);
            }
            if (v.bytes.length <= inline) {
                out.put(v.bytes);
                out.position(out.position() + inline - v.bytes.length);
            } else {
                if (big) {
                    out.putLong(data);
                } else {
                    out.putInt((int) data);
                }
                area.put(v.bytes);
                if ((v.bytes.length & 1) != 0) {
                    area.put((byte) 0);
                }
                data += v.bytes.length + (v.bytes.length & 1);
            }
        }
        // next-IFD offset: 0 (already zero)
        return out.array();
    }

    private static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
