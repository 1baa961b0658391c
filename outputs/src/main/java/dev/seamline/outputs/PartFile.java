package dev.seamline.outputs;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A file written aside and renamed onto its target: the temporary file is
 * {@code .<target name>.<random>.tmp<suffix>} in the target's folder (same file system, so the
 * rename is atomic). Not thread-safe.
 */
final class PartFile {

    private static final String TMP_MARK = ".tmp";

    final Path target;
    final Path temp;
    private boolean done;

    private PartFile(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /** Reserves a temporary path beside {@code target}, creating the folder; the file is created. */
    static PartFile create(Path target) throws IOException {
        PartFile p = reserve(target, "");
        Files.createFile(p.temp);
        return p;
    }

    /**
     * Reserves a temporary path beside {@code target} ending in {@code suffix} without creating the
     * file (for libraries that insist on creating it themselves).
     */
    static PartFile reserve(Path target, String suffix) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        String name = abs.getFileName().toString();
        for (int i = 0; i < 100; i++) {
            long r = ThreadLocalRandom.current().nextLong() >>> 1;
            Path t = dir.resolve("." + name + "." + Long.toString(r, 36) + TMP_MARK + suffix);
            if (!Files.exists(t)) {
                return new PartFile(abs, t);
            }
        }
        throw new IOException(dir + ": cannot find a free temporary name for " + name);
    }

    /** A buffered UTF-8 writer on the temporary file. */
    Writer writer() throws IOException {
        return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(temp), StandardCharsets.UTF_8), 1 << 16);
    }

    /** Renames the temporary file onto the target, replacing it, atomically where the file system can. */
    void commit() throws IOException {
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ch.force(true); // the bytes are on disk before the name points at them
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        done = true;
    }

    /** Deletes the temporary file unless committed; never throws. */
    void abort() {
        if (!done) {
            done = true;
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // best effort: deleteTemporaries cleans up on the next run
            }
        }
    }

    static int deleteTemporaries(Path outDir) throws IOException {
        int n = 0;
        for (Path dir : List.of(outDir, outDir.resolve("xview"), outDir.resolve("dota"), outDir.resolve("dota").resolve("parts"))) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, ".*" + TMP_MARK + "*")) {
                for (Path p : ds) {
                    if (Files.isRegularFile(p) && Files.deleteIfExists(p)) {
                        n++;
                    }
                }
            }
        }
        return n;
    }
}
