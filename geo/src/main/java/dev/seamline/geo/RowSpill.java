package dev.seamline.geo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A ring of decoded image rows kept in a private temporary file instead of the heap: row {@code r} lives
 * at slot {@code r % capacity}, {@code rowBytes} bytes from byte {@code slot * rowBytes}, written and read
 * by positional I/O (the OS page cache keeps recent rows in memory, outside the Java heap). The disk used
 * is at most {@code capacity * rowBytes}.
 *
 * <p>The file is created owner-only ({@link Files#createTempFile}) and opened with
 * {@link StandardOpenOption#DELETE_ON_CLOSE}, which on Linux and macOS unlinks it at once: it has no name
 * while in use, and nothing is left behind however the JVM ends (even killed). Where the OS cannot
 * unlink an open file (Windows), it is deleted on close and, failing that, at JVM exit.
 *
 * <p>Not thread-safe: its owner ({@link PngImage}) serialises access. Package-private.
 */
final class RowSpill implements AutoCloseable {

    private final Path directory;
    private final FileChannel channel;
    final int rowBytes, capacity;

    private RowSpill(Path directory, FileChannel channel, int rowBytes, int capacity) {
        this.directory = directory;
        this.channel = channel;
        this.rowBytes = rowBytes;
        this.capacity = capacity;
    }

    /**
     * A new, empty ring of {@code capacity} rows of {@code rowBytes} bytes in a temporary file in
     * {@code directory} (the JVM's {@code java.io.tmpdir} when null).
     *
     * @throws IOException naming the directory when the file cannot be made
     */
    static RowSpill create(Path directory, int rowBytes, int capacity) throws IOException {
        Path dir = directory != null ? directory : Path.of(System.getProperty("java.io.tmpdir"));
        Path file;
        try {
            file = Files.createTempFile(dir, "seamline-png-", ".rows");
        } catch (IOException e) {
            throw new IOException("cannot make a temporary file for decoded PNG rows in " + dir + " (set -Djava.io.tmpdir "
                    + "to a writable folder): " + GeoKeys.oneLine(String.valueOf(e.getMessage())), e);
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        if (Files.exists(file)) {
            file.toFile().deleteOnExit(); // an OS that cannot unlink an open file: delete on close, else at exit
        }
        return new RowSpill(dir, ch, rowBytes, capacity);
    }

    /** Stores row {@code row} (the first {@code rowBytes} bytes of {@code data}) in its slot. */
    void put(int row, byte[] data) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(data, 0, rowBytes);
        long at = (long) (row % capacity) * rowBytes;
        try {
            while (b.hasRemaining()) {
                channel.write(b, at + b.position());
            }
        } catch (IOException e) {
            throw new IOException("cannot write decoded PNG rows to a temporary file in " + directory + " (" + capacity
                    + " rows of " + rowBytes + " bytes; is the disk full? set -Djava.io.tmpdir to a folder with room): "
                    + GeoKeys.oneLine(String.valueOf(e.getMessage())), e);
        }
    }

    /** Reads bytes [from, from + len) of row {@code row}, which must still be held, into {@code dst} at {@code off}. */
    void get(int row, int from, int len, byte[] dst, int off) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(dst, off, len);
        long at = (long) (row % capacity) * rowBytes + from;
        while (b.hasRemaining()) {
            if (channel.read(b, at + (b.position() - off)) < 0) {
                throw new IOException("the temporary file of decoded PNG rows in " + directory + " ended early (removed or truncated?)");
            }
        }
    }

    /** A ring of {@code newCapacity} rows in a new file holding rows [from, to) of this one; this one is closed. */
    RowSpill grownTo(int newCapacity, int from, int to) throws IOException {
        RowSpill next = create(directory, rowBytes, newCapacity);
        try {
            byte[] row = new byte[rowBytes];
            for (int r = Math.max(from, to - newCapacity); r < to; r++) {
                get(r, 0, rowBytes, row, 0);
                next.put(r, row);
            }
        } catch (IOException | RuntimeException e) {
            next.close();
            throw e;
        }
        close();
        return next;
    }

    /** Bytes of the file now (at most capacity × rowBytes). */
    long bytesOnDisk() throws IOException {
        return channel.size();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to keep: the file was only ever a cache
        }
    }
}
