package dev.seamline.pipeline;

import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.core.OrientedBox;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A scene's checkpoint: an append-only file of each finished tile's raw detections (scene pixels,
 * before merging), so that a run killed at any moment can replay them into a fresh merger and carry
 * on with the tiles still to do. Merging does not depend on the order tiles arrive in, so the
 * resumed output equals an uninterrupted run's.
 *
 * <p>Layout: a header line naming the scene and the result-relevant options, then records
 * {@code [length int][crc32 int][payload]}, payload = tile index, count (−1 for a skipped tile), then
 * per detection x0 y0 x1 y1, an oriented flag (cx cy w h angle), class id and score. A torn last
 * record (the process died while writing it) fails its length or CRC check and is cut off on replay.
 *
 * <p>Every record is written to the operating system at once, so a killed process loses none;
 * {@link #flush()} forces the file to storage at most once every {@value #FORCE_INTERVAL_MS} ms, so a
 * machine that loses power loses at most the last second's tiles (a torn tail is cut off on replay, and
 * those tiles are inferred again). Forcing after every batch held the writer thread of a null-model
 * run over a 6,000² scene in 64 fsyncs, 36 of them over 10 ms at load 13 (docs/benchmarks.md,
 * "Throughput ceiling").
 *
 * <p>Not thread-safe: the pipeline thread writes it.
 */
final class DetectionJournal implements AutoCloseable {

    private static final int SKIPPED = -1;
    /** Longest record read back: a tile of more than a million detections is a torn length field. */
    private static final int MAX_RECORD = 1 << 26;
    /** Least time between two forces of the file to storage, milliseconds. */
    static final long FORCE_INTERVAL_MS = 1000;
    private final FileChannel channel;
    /** {@link System#nanoTime()} of the last force (or of the opening). */
    private long lastForce = System.nanoTime();

    private DetectionJournal(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * Starts a new journal (replacing any old one) whose header is {@code identity}. The old file is
     * deleted and the new one created new, so that a symbolic link at the journal's name is replaced,
     * never written through.
     */
    static DetectionJournal create(Path file, String identity) throws IOException {
        Files.deleteIfExists(file); // a link is deleted, not its target
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        byte[] header = (identity.replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8);
        ch.write(ByteBuffer.wrap(header));
        return new DetectionJournal(ch);
    }

    /** Receives the replayed tiles of a journal, in the order they were written. */
    interface Replayer {
        /** A finished tile: its detections (scene pixels), or {@code null} for a tile skipped as nodata. */
        void tile(int index, List<Detection> detections) throws IOException;
    }

    /**
     * Streams the journal's complete records into {@code replayer} one at a time (nothing is held
     * beyond one record), cuts a torn tail off, and reopens the file for appending. Returns null when
     * the file is absent, not a regular file (a symbolic link is not followed) or was made for another
     * identity (then the caller starts afresh).
     *
     * @return the open journal and the indices of the replayed tiles
     */
    static Replay resume(Path file, String identity, Replayer replayer) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        BitSet done = new BitSet();
        long good;
        byte[] expected = (identity.replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file,
                StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS), 1 << 16))) {
            byte[] header = new byte[expected.length];
            if (in.readNBytes(header, 0, header.length) != header.length || !Arrays.equals(header, expected)) {
                return null;
            }
            good = header.length;
            byte[] payload = new byte[0];
            while (true) {
                int length, crc;
                try {
                    length = in.readInt();
                    crc = in.readInt();
                } catch (EOFException e) {
                    break;
                }
                if (length < 8 || length > MAX_RECORD) {
                    break;
                }
                if (payload.length < length) {
                    payload = new byte[length];
                }
                if (in.readNBytes(payload, 0, length) != length) {
                    break;
                }
                CRC32 check = new CRC32();
                check.update(payload, 0, length);
                if ((int) check.getValue() != crc) {
                    break;
                }
                DataInputStream record = new DataInputStream(new ByteArrayInputStream(payload, 0, length));
                int tile = record.readInt();
                int count = record.readInt();
                replayer.tile(tile, count == SKIPPED ? null : readDetections(record, count));
                done.set(tile);
                good += 8 + length;
            }
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        ch.truncate(good);
        ch.position(good);
        return new Replay(done, new DetectionJournal(ch));
    }

    /** What {@link #resume} found: the replayed tiles' indices, and the journal open for appending. */
    record Replay(BitSet tiles, DetectionJournal journal) {
    }

    /** Appends a finished tile's detections (scene pixels). */
    void tile(int index, List<Detection> detections) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + detections.size() * 64);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(index);
        out.writeInt(detections.size());
        for (Detection d : detections) {
            Box b = d.box();
            out.writeDouble(b.x0());
            out.writeDouble(b.y0());
            out.writeDouble(b.x1());
            out.writeDouble(b.y1());
            OrientedBox o = d.oriented();
            out.writeBoolean(o != null);
            if (o != null) {
                out.writeDouble(o.cx());
                out.writeDouble(o.cy());
                out.writeDouble(o.width());
                out.writeDouble(o.height());
                out.writeDouble(o.angle());
            }
            out.writeInt(d.classId());
            out.writeDouble(d.score());
        }
        append(bytes.toByteArray());
    }

    /** Appends a tile skipped as nodata. */
    void skipped(int index) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8).putInt(index).putInt(SKIPPED);
        append(b.array());
    }

    /**
     * Forces what was appended to storage when the last force is {@value #FORCE_INTERVAL_MS} ms old or
     * more (records reach the operating system as they are appended: a killed process loses none).
     */
    void flush() throws IOException {
        long now = System.nanoTime();
        if (now - lastForce >= FORCE_INTERVAL_MS * 1_000_000L) {
            channel.force(false);
            lastForce = now;
        }
    }

    private void append(byte[] payload) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(payload);
        ByteBuffer record = ByteBuffer.allocate(8 + payload.length);
        record.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
        while (record.hasRemaining()) {
            channel.write(record);
        }
    }

    private static List<Detection> readDetections(DataInputStream in, int count) throws IOException {
        List<Detection> list = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                Box box = new Box(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble());
                OrientedBox o = in.readBoolean()
                        ? new OrientedBox(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble())
                        : null;
                list.add(new Detection(box, o, in.readInt(), in.readDouble()));
            }
        } catch (EOFException e) {
            throw new IOException("journal record shorter than its count", e);
        }
        return list;
    }


    @Override
    public void close() throws IOException {
        channel.close();
    }
}
