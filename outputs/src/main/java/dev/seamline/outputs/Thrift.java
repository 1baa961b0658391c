package dev.seamline.outputs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The few writes of Apache Thrift's compact protocol that a Parquet footer and page header need
 * (apache/thrift {@code doc/specs/thrift-compact-protocol.md}): struct fields by id delta, zigzag
 * varints, binaries, lists. Not thread-safe.
 */
final class Thrift {

    static final int I32 = 5, I64 = 6, BINARY = 8, LIST = 9, STRUCT = 12;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final int[] lastId = new int[32];
    private int depth;

    /** The bytes written so far. */
    byte[] bytes() {
        return out.toByteArray();
    }

    private void fieldHeader(int id, int type) {
        int delta = id - lastId[depth];
        if (delta > 0 && delta <= 15) {
            out.write(delta << 4 | type);
        } else {
            out.write(type);
            varint(zigzag(id));
        }
        lastId[depth] = id;
    }

    Thrift i32(int id, int value) {
        fieldHeader(id, I32);
        varint(zigzag(value));
        return this;
    }

    Thrift i64(int id, long value) {
        fieldHeader(id, I64);
        varint(zigzag(value));
        return this;
    }

    Thrift string(int id, String value) {
        fieldHeader(id, BINARY);
        rawString(value);
        return this;
    }

    /** Opens a struct-valued field; close it with {@link #end()}. */
    Thrift struct(int id) {
        fieldHeader(id, STRUCT);
        return begin();
    }

    /** Opens a list field of {@code size} elements of {@code type}; write the elements next. */
    Thrift list(int id, int type, int size) {
        fieldHeader(id, LIST);
        out.write(size < 15 ? size << 4 | type : 0xF0 | type);
        if (size >= 15) {
            varint(size);
        }
        return this;
    }

    /** Begins a struct element of a list (or the top-level struct). */
    Thrift begin() {
        lastId[++depth] = 0;
        return this;
    }

    /** Ends the struct begun last (its stop field). */
    Thrift end() {
        out.write(0);
        depth--;
        return this;
    }

    /** Appends bytes written by another {@code Thrift} (a whole struct: a list element). */
    Thrift raw(byte[] struct) {
        out.write(struct, 0, struct.length);
        return this;
    }

    /** A list element of type I32. */
    Thrift rawI32(int value) {
        varint(zigzag(value));
        return this;
    }

    /** A list element of type BINARY. */
    Thrift rawString(String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        varint(b.length);
        out.write(b, 0, b.length);
        return this;
    }

    private static long zigzag(long v) {
        return v << 1 ^ v >> 63;
    }

    private void varint(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
