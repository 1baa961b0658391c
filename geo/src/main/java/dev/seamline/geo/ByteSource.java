package dev.seamline.geo;

import dev.seamline.core.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The bytes of a TIFF, read at positions: a local file, or a URL read by range requests
 * ({@link HttpByteSource}). Safe for concurrent reads. Package-private.
 */
interface ByteSource extends AutoCloseable {

    /** The length in bytes. */
    long size();

    /**
     * Fills {@code dst} from its position to its limit with the bytes at {@code position}.
     *
     * @throws java.io.EOFException when the bytes run past the end
     * @throws BadInputException    when a server answers with something other than the bytes asked for
     */
    void readFully(ByteBuffer dst, long position) throws IOException, BadInputException;

    /**
     * Says which byte ranges the next reads will ask for, so a remote source can fetch them together
     * (adjacent ones in one request, several requests at once); a local file ignores it.
     */
    default void prefetch(long[] offsets, long[] lengths) throws IOException, BadInputException {
    }

    /** True when reads are range requests to a server. */
    default boolean remote() {
        return false;
    }

    @Override
    void close() throws IOException;

    /** A local file's channel as a byte source. */
    static ByteSource of(FileChannel channel) throws IOException {
        long size = channel.size();
        return new ByteSource() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public void readFully(ByteBuffer dst, long position) throws IOException {
                long at = position;
                while (dst.hasRemaining()) {
                    int r = channel.read(dst, at);
                    if (r < 0) {
                        throw new java.io.EOFException("end of file at byte " + at);
                    }
                    at += r;
                }
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }
}
