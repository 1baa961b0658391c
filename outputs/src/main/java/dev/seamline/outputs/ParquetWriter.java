package dev.seamline.outputs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * A small Apache Parquet writer (apache/parquet-format {@code README.md}, {@code parquet.thrift}): flat
 * columns of INT32, DOUBLE, UTF-8 strings and binaries, optionally gathered into one level of
 * groups (a struct such as GeoParquet's {@code bbox}), each leaf required or optional (definition
 * levels, RLE). Every column chunk is one v1 data page in PLAIN encoding, GZIP-compressed with the
 * JDK's deflater; no dictionary, no statistics, no repetition. Rows are buffered up to
 * {@code rowGroupBytes} of encoded values and then written as one row group, so memory is bounded by
 * one row group (about twice that, with the buffers' growth) and the footer's few hundred bytes per row
 * group. Where row groups end depends on the rows only: the same rows give the same bytes, however
 * they were handed over. Not thread-safe.
 */
final class ParquetWriter implements AutoCloseable {

    /** A leaf column's physical type (with the STRING logical type for {@link #STRING}). */
    enum Kind { INT32, DOUBLE, STRING, BINARY }

    /**
     * A leaf column. Immutable and thread-safe.
     *
     * @param group    the group (struct) it belongs to, or null for a top-level column; consecutive leaves
     *                 of one group form it
     * @param name     the column's name
     * @param kind     its type
     * @param optional whether values may be null (for a group's leaves: whether the group may be null,
     *                 the leaves then being required inside it)
     */
    record Column(String group, String name, Kind kind, boolean optional) {
        Column {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
        }
    }

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final List<Column> columns;
    private final int rowGroupBytes;
    private final Buffer[] buffers;
    private final List<byte[]> rowGroups = new ArrayList<>();
    private long position;
    private long totalRows;
    private int rows;

    /**
     * @param out          where the file goes (not closed by this writer)
     * @param columns      the schema's leaves, in order
     * @param rowGroupBytes the encoded size of buffered values (bytes, levels included) at which a row
     *                      group is written
     */
    ParquetWriter(OutputStream out, List<Column> columns, int rowGroupBytes) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        this.columns = List.copyOf(columns);
        if (rowGroupBytes < 1) {
            throw new IllegalArgumentException("rowGroupBytes < 1: " + rowGroupBytes);
        }
        this.rowGroupBytes = rowGroupBytes;
        this.buffers = new Buffer[this.columns.size()];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = new Buffer();
        }
        write(MAGIC);
    }

    /**
     * Appends a row: one value per column (Integer, Double, String, byte[]; null for an absent optional
     * value, and for a null group every one of its leaves null).
     */
    void row(Object... values) throws IOException {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(values.length + " values for " + columns.size() + " columns");
        }
        for (int i = 0; i < values.length; i++) {
            Column c = columns.get(i);
            Object v = values[i];
            Buffer b = buffers[i];
            if (v == null) {
                if (!c.optional()) {
                    throw new IllegalArgumentException("null for the required column " + c.name());
                }
                b.defs.write(0);
                continue;
            }
            if (c.optional()) {
                b.defs.write(1);
            }
            switch (c.kind()) {
                case INT32 -> b.values.write(le(4).putInt((Integer) v).array(), 0, 4);
                case DOUBLE -> b.values.write(le(8).putDouble((Double) v).array(), 0, 8);
                case STRING -> binary(b.values, ((String) v).getBytes(StandardCharsets.UTF_8));
                case BINARY -> binary(b.values, (byte[]) v);
            }
        }
        rows++;
        long size = 0;
        for (Buffer b : buffers) {
            size += b.values.size() + b.defs.size();
        }
        if (size >= rowGroupBytes) {
            flushRowGroup();
        }
    }

    /**
     * Writes the buffered rows, then the footer with the given key-value metadata (in its order).
     * The stream is flushed, not closed.
     */
    void finish(Map<String, String> keyValues) throws IOException {
        flushRowGroup();
        Thrift t = new Thrift().begin();
        t.i32(1, 1);
        t.list(2, Thrift.STRUCT, 1 + schemaElementsBelowRoot());
        t.begin().string(4, "schema").i32(5, topLevelChildren()).end();
        String group = null;
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            if (c.group() != null && !c.group().equals(group)) {
                int n = 0;
                for (int j = i; j < columns.size() && c.group().equals(columns.get(j).group()); j++) {
                    n++;
                }
                t.begin().i32(3, c.optional() ? 1 : 0).string(4, c.group()).i32(5, n).end();
            }
            group = c.group();
            t.begin().i32(1, physical(c.kind())).i32(3, c.group() == null && c.optional() ? 1 : 0).string(4, c.name());
            if (c.kind() == Kind.STRING) {
                t.i32(6, 0).struct(10).struct(1).end().end(); // UTF8; LogicalType STRING
            }
            t.end();
        }
        t.i64(3, totalRows);
        t.list(4, Thrift.STRUCT, rowGroups.size());
        for (byte[] rg : rowGroups) {
            t.raw(rg);
        }
        t.list(5, Thrift.STRUCT, keyValues.size());
        for (Map.Entry<String, String> e : keyValues.entrySet()) {
            t.begin().string(1, e.getKey()).string(2, e.getValue()).end();
        }
        t.string(6, "seamline");
        t.end();
        byte[] m = t.bytes();
        write(m);
        write(le(4).putInt(m.length).array());
        write(MAGIC);
        out.flush();
    }

    @Override
    public void close() {
        // nothing held beyond the buffers; the caller owns the stream
    }

    private int topLevelChildren() {
        int n = 0;
        String group = null;
        for (Column c : columns) {
            if (c.group() == null || !c.group().equals(group)) {
                n++;
            }
            group = c.group();
        }
        return n;
    }

    private int schemaElementsBelowRoot() {
        int n = columns.size();
        String group = null;
        for (Column c : columns) {
            if (c.group() != null && !c.group().equals(group)) {
                n++;
            }
            group = c.group();
        }
        return n;
    }

    private void flushRowGroup() throws IOException {
        if (rows == 0) {
            return;
        }
        Thrift rg = new Thrift().begin();
        rg.list(1, Thrift.STRUCT, columns.size());
        long total = 0;
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            Buffer b = buffers[i];
            ByteArrayOutputStream page = new ByteArrayOutputStream();
            if (c.optional()) {
                byte[] levels = rle(b.defs.toByteArray());
                page.write(le(4).putInt(levels.length).array());
                page.write(levels);
            }
            b.values.writeTo(page);
            byte[] raw = page.toByteArray();
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
                gz.write(raw);
            }
            byte[] data = zipped.toByteArray();
            byte[] header = new Thrift().begin().i32(1, 0).i32(2, raw.length).i32(3, data.length)
                    .struct(5).i32(1, rows).i32(2, 0).i32(3, 3).i32(4, 3).end().end().bytes();
            long offset = position;
            write(header);
            write(data);
            long compressed = header.length + data.length, uncompressed = header.length + raw.length;
            total += uncompressed;
            rg.begin().i64(2, offset).struct(3)
                    .i32(1, physical(c.kind()))
                    .list(2, Thrift.I32, 2).rawI32(0).rawI32(3)
                    .list(3, Thrift.BINARY, c.group() == null ? 1 : 2);
            if (c.group() != null) {
                rg.rawString(c.group());
            }
            rg.rawString(c.name())
                    .i32(4, 2) // GZIP
                    .i64(5, rows).i64(6, uncompressed).i64(7, compressed).i64(9, offset)
                    .end().end();
            buffers[i] = new Buffer();
        }
        rg.i64(2, total).i64(3, rows).end();
        rowGroups.add(rg.bytes());
        totalRows += rows;
        rows = 0;
    }

    /** RLE/bit-packing hybrid of 0/1 levels (bit width 1), as runs only. */
    private static byte[] rle(byte[] levels) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int i = 0;
        while (i < levels.length) {
            int j = i;
            while (j < levels.length && levels[j] == levels[i]) {
                j++;
            }
            long h = (long) (j - i) << 1;
            while ((h & ~0x7FL) != 0) {
                o.write((int) (h & 0x7F | 0x80));
                h >>>= 7;
            }
            o.write((int) h);
            o.write(levels[i]);
            i = j;
        }
        return o.toByteArray();
    }

    private static int physical(Kind k) {
        return switch (k) {
            case INT32 -> 1;
            case DOUBLE -> 5;
            case STRING, BINARY -> 6;
        };
    }

    private static void binary(ByteArrayOutputStream o, byte[] b) {
        o.write(le(4).putInt(b.length).array(), 0, 4);
        o.write(b, 0, b.length);
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    private void write(byte[] b) throws IOException {
        out.write(b);
        position += b.length;
    }

    private static final class Buffer {
        final ByteArrayOutputStream values = new ByteArrayOutputStream();
        final ByteArrayOutputStream defs = new ByteArrayOutputStream();
    }
}
