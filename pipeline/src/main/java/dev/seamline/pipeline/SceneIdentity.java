package dev.seamline.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A scene file's identity by content, for {@code --resume}: its size and a SHA-256 of the whole file
 * when it is at most {@value #WHOLE} bytes, else of its first and last {@value #EDGE} bytes (the TIFF
 * header, the IFDs that usually sit at one end) and {@value #SAMPLES} blocks of {@value #BLOCK} bytes
 * spread evenly between them. A file replaced by another of the same size and modification time is
 * told apart unless the two agree on every sampled byte; touching a file does not change it. A large
 * scene costs about {@value #SAMPLES} small reads. A URL scene's identity is its size, a SHA-256 of its first
 * 16 KB and the server's ETag and Last-Modified (one range request). Thread-safe (stateless).
 */
final class SceneIdentity {

    static final long WHOLE = 64L << 20;
    static final int EDGE = 1 << 20;
    static final int SAMPLES = 256;
    static final int BLOCK = 1 << 16;

    private SceneIdentity() {
    }

    /**
     * {@code bytes=<size> sha256=<hex>} ({@code sampled-sha256} for a large file); for a path that is
     * not a regular file (missing, a FIFO, a folder), {@code unreadable}, which is read from no one.
     */
    static String of(Path scene) {
        if (dev.seamline.geo.ScenePaths.isUrl(scene)) {
            try { // a URL: size, its first 16 KB and the server's validators (one request)
                return "url " + dev.seamline.geo.ScenePaths.identity(scene);
            } catch (dev.seamline.core.BadInputException | IOException e) {
                return "unreadable"; // the scene's open says why
            }
        }
        try {
            if (!Files.isRegularFile(scene)) {
                return "unreadable";
            }
            try (FileChannel ch = FileChannel.open(scene, StandardOpenOption.READ)) {
                long size = ch.size();
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                ByteBuffer buf = ByteBuffer.allocate(BLOCK);
                if (size <= WHOLE) {
                    digest(ch, sha, buf, 0, size);
                    return "bytes=" + size + " sha256=" + HexFormat.of().formatHex(sha.digest());
                }
                digest(ch, sha, buf, 0, EDGE);
                long span = size - 2L * EDGE - BLOCK;
                for (int i = 0; i < SAMPLES; i++) {
                    digest(ch, sha, buf, EDGE + span * i / (SAMPLES - 1), BLOCK);
                }
                digest(ch, sha, buf, size - EDGE, EDGE);
                return "bytes=" + size + " sampled-sha256=" + HexFormat.of().formatHex(sha.digest());
            }
        } catch (IOException e) {
            return "unreadable";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void digest(FileChannel ch, MessageDigest sha, ByteBuffer buf, long from, long length) throws IOException {
        long pos = from, end = from + length;
        while (pos < end) {
            buf.clear().limit((int) Math.min(buf.capacity(), end - pos));
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("the file shrank while it was read");
            }
            buf.flip();
            sha.update(buf);
            pos += n;
        }
    }
}
