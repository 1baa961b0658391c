package dev.seamline.outputs;

import dev.seamline.core.io.AtomicFile;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;

/**
 * A sink's output file, written through {@link AtomicFile} (aside as
 * {@code .<target name>.<random>.tmp<suffix>} in the target's folder, synced, renamed onto the target):
 * the shape the sinks use, with {@link #deleteTemporaries} over every folder a run writes. Not
 * thread-safe.
 */
final class PartFile {

    final Path target;
    final Path temp;
    private final AtomicFile file;

    private PartFile(AtomicFile file) {
        this.file = file;
        this.target = file.target();
        this.temp = file.temp();
    }

    /** Reserves a temporary path beside {@code target}, creating the folder; the file is created. */
    static PartFile create(Path target) throws IOException {
        return new PartFile(AtomicFile.open(target));
    }

    /**
     * Reserves a temporary path beside {@code target} ending in {@code suffix} without creating the
     * file (for libraries that insist on creating it themselves).
     */
    static PartFile reserve(Path target, String suffix) throws IOException {
        return new PartFile(AtomicFile.reserve(target, suffix));
    }

    /** An unbuffered byte stream on the temporary file. */
    java.io.OutputStream stream() throws IOException {
        return file.newOutputStream();
    }

    /** A buffered UTF-8 writer on the temporary file. */
    Writer writer() throws IOException {
        return file.newWriter();
    }

    /** Forces the temporary file to storage without renaming it (the first half of {@link #commit()}). */
    void sync() throws IOException {
        file.sync();
    }

    /** Syncs the temporary file (unless {@link #sync()} did) and renames it onto the target, replacing it, atomically where the file system can. */
    void commit() throws IOException {
        file.commit();
    }

    /** Deletes the temporary file unless committed; never throws. */
    void abort() {
        file.abort();
    }

    /** Deletes what killed writers left in a run's output folder and its {@code xview}, {@code dota}, {@code dota/parts}, {@code safe-passage}, {@code safe-passage/parts}, {@code geoparquet}. */
    static int deleteTemporaries(Path outDir) throws IOException {
        int n = 0;
        for (Path dir : List.of(outDir, outDir.resolve("xview"), outDir.resolve("dota"), outDir.resolve("dota").resolve("parts"),
                outDir.resolve("safe-passage"), outDir.resolve("safe-passage").resolve("parts"),
                outDir.resolve("geoparquet"))) {
            n += AtomicFile.deleteTemporaries(dir);
        }
        return n;
    }
}
