package dev.seamline.pipeline;

import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.core.OrientedBox;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * <p>Not thread-safe: the pipeline thread writes it.
 */
final class DetectionJournal implements AutoCloseable {

    private static final int SKIPPED = -1;
    private final FileChannel channel;

    private DetectionJournal(FileChannel channel) {
        this.channel = channel;
    }

    /** Starts a new journal (replacing any old one) whose header is {@code identity}. */
    static DetectionJournal create(Path file, String identity) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        byte[] header = (identity.replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8);
        ch.write(ByteBuffer.wrap(header));
        ch.force(false);
        return new DetectionJournal(ch);
    }

    /**
     * Reads the journal's complete records (tile index → detections, or {@code null} for a skipped
     * tile), cuts a torn tail off, and reopens it for appending. Returns empty when the file is absent
     * or was made for another identity (then the caller starts afresh).
     */
    static Replay resume(Path file, String identity) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        Map<Integer, List<Detection>> tiles = new LinkedHashMap<>();
        long good;
        try (InputStream raw = Files.newInputStream(file)) {
            byte[] all = raw.readAllBytes();
            int nl = indexOf(all, (byte) '\n');
            if (nl < 0 || !new String(all, 0, nl, StandardCharsets.UTF_8).equals(identity.replace('\n', ' '))) {
                return null;
            }
            ByteBuffer buf = ByteBuffer.wrap(all);
            buf.position(nl + 1);
            good = buf.position();
            while (buf.remaining() >= 8) {
                int length = buf.getInt();
                int crc = buf.getInt();
                if (length < 8 || length > buf.remaining()) {
                    break;
                }
                CRC32 check = new CRC32();
                check.update(all, buf.position(), length);
                if ((int) check.getValue() != crc) {
                    break;
                }
                DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(all, buf.position(), length));
                int tile = in.readInt();
                int count = in.readInt();
                tiles.put(tile, count == SKIPPED ? null : readDetections(in, count));
                buf.position(buf.position() + length);
                good = buf.position();
            }
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE);
        ch.truncate(good);
        ch.position(good);
        return new Replay(tiles, new DetectionJournal(ch));
    }

    /** What {@link #resume} found: finished tiles in the order they were written, and the open journal. */
    record Replay(Map<Integer, List<Detection>> tiles, DetectionJournal journal) {
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

    /** Pushes what was appended to the operating system (survives the process being killed). */
    void flush() throws IOException {
        channel.force(false);
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

    private static int indexOf(byte[] a, byte b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
