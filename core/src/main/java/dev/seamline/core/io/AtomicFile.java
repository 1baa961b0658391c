package dev.seamline.core.io;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * A file that appears whole or not at all: its content goes to a temporary file beside the target,
 * which {@link #commit()} forces to storage and renames onto the target. Every Seamline writer that
 * replaces a file goes through here.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>The temporary file is in the target's folder (created if missing), so the rename stays on one
 *       file system. Its name is {@code .<target name>.<13 base-36 digits>.tmp<suffix>}: hidden, and
 *       recognised by {@link #isTemporary(Path)}, so that {@link #deleteTemporaries(Path)} removes what
 *       a killed writer left and nothing else.</li>
 *   <li>{@link #commit()} forces the bytes to storage (fsync) before the name points at them, then moves
 *       the temporary file onto the target with {@link StandardCopyOption#ATOMIC_MOVE}, replacing an
 *       existing file: a reader sees the old file or the new one, never a part. Where the file system
 *       refuses an atomic move, a plain replacing move is made instead.</li>
 *   <li>Until the commit succeeds the target is untouched. A failed commit, {@link #abort()}, or
 *       {@link #close()} without a commit deletes the temporary file; after a crash it stays behind
 *       for {@link #deleteTemporaries(Path)}.</li>
 *   <li>No symbolic link is followed: the temporary file is created new ({@code O_EXCL}) and every
 *       later open refuses a link ({@link LinkOption#NOFOLLOW_LINKS}); the rename replaces a link at
 *       the target by the file, never writing through it.</li>
 *   <li>{@link #sync()} may come first, so that a writer of several files forces every one before
 *       renaming any (a full disk then fails before any name points at new content).</li>
 *   <li>The temporary file, and so the target, gets the permissions of any new file (the process's
 *       umask), not the owner-only ones of {@link Files#createTempFile}.</li>
 * </ul>
 *
 * <p>An instance belongs to one writer and is not thread-safe; the static methods are thread-safe.
 * Two writers of one target each leave a whole file: the last rename wins.
 */
public final class AtomicFile implements Closeable {

    /** Moves a file; {@link Files#move} but for tests, which refuse atomic moves. */
    @FunctionalInterface
    interface Mover {
        void move(Path source, Path target, CopyOption... options) throws IOException;
    }

    private static final Mover FILES = Files::move;
    private static final String MARK = ".tmp";
    private static final int DIGITS = 13; // Long.MAX_VALUE has 13 base-36 digits
    /** {@code .<name>.<13 digits>.tmp}, then the suffix and whatever a library adds (SQLite's -journal). */
    private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.[0-9a-z]{" + DIGITS + "}\\.tmp.*", Pattern.DOTALL);

    private final Path target;
    private final Path temp;
    private boolean done;
    private boolean committed;
    private boolean synced;

    private AtomicFile(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /**
     * Starts writing {@code target}: creates its folder if needed and an empty temporary file beside it.
     *
     * @throws IOException when the folder or the temporary file cannot be created
     */
    public static AtomicFile open(Path target) throws IOException {
        AtomicFile f = reserve(target, "");
        Files.createFile(f.temp); // fails rather than share a name another writer took since reserve
        return f;
    }

    /**
     * Starts writing {@code target} through a library that insists on creating the file itself: a free
     * temporary name beside the target ending in {@code suffix} (say {@code ".gpkg"}), the folder created,
     * the file not.
     *
     * @throws IOException when the folder cannot be created or no free name is found
     */
    public static AtomicFile reserve(Path target, String suffix) throws IOException {
        Objects.requireNonNull(suffix, "suffix");
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        String name = abs.getFileName().toString();
        for (int i = 0; i < 100; i++) {
            String r = Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
            Path t = dir.resolve("." + name + "." + "0".repeat(DIGITS - r.length()) + r + MARK + suffix);
            if (!Files.exists(t)) {
                return new AtomicFile(abs, t);
            }
        }
        throw new IOException(dir + ": cannot find a free temporary name for " + name);
    }

    /** The file this one replaces on commit, absolute. */
    public Path target() {
        return target;
    }

    /** The temporary file the content goes to. */
    public Path temp() {
        return temp;
    }

    /**
     * A new, unbuffered stream onto the temporary file (created or truncated), refusing to follow a
     * symbolic link put in its place.
     */
    public OutputStream newOutputStream() throws IOException {
        return Files.newOutputStream(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);
    }

    /** A new UTF-8 writer onto the temporary file (created or truncated), with a 64 KiB buffer. */
    public Writer newWriter() throws IOException {
        return new BufferedWriter(new OutputStreamWriter(newOutputStream(), StandardCharsets.UTF_8), 1 << 16);
    }

    /**
     * Forces the temporary file to storage and renames it onto the target (atomically where the file
     * system can). Streams onto the temporary file must be closed first. On failure the temporary
     * file is deleted and the target is as it was.
     *
     * @throws IllegalStateException when already committed or aborted
     * @throws IOException           when the sync or the rename fails
     */
    public void commit() throws IOException {
        commit(FILES);
    }

    /**
     * Forces the temporary file to storage without renaming it (the first half of {@link #commit()},
     * which then only renames). Streams onto the temporary file must be closed first. On failure the
     * temporary file is deleted.
     *
     * @throws IllegalStateException when already committed or aborted
     * @throws IOException           when the sync fails (a full disk, an I/O error)
     */
    public void sync() throws IOException {
        if (done) {
            throw new IllegalStateException(target + ": already " + (committed ? "committed" : "aborted"));
        }
        boolean ok = false;
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            ch.force(true); // the bytes are on storage before the name points at them
            ok = true;
        } finally {
            if (!ok) {
                abort();
            }
        }
        synced = true;
    }

    void commit(Mover mover) throws IOException {
        if (done) {
            throw new IllegalStateException(target + ": already " + (committed ? "committed" : "aborted"));
        }
        if (!synced) {
            sync();
        }
        try {
            try {
                mover.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                mover.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
        } finally {
            if (!committed) {
                abort();
            }
            done = true;
        }
    }

    /** True once {@link #commit()} succeeded. */
    public boolean isCommitted() {
        return committed;
    }

    /** Deletes the temporary file unless committed; never throws (a file left is deleted by the next {@link #deleteTemporaries}). */
    public void abort() {
        if (!done) {
            done = true;
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // best effort: deleteTemporaries removes it later
            }
        }
    }

    /** {@link #abort()} unless committed. */
    @Override
    public void close() {
        abort();
    }

    /**
     * Writes {@code target} from what {@code body} writes to a buffered stream, then commits. When the
     * body throws, the target is untouched and the temporary file deleted. The body may close the stream.
     */
    public static void write(Path target, IoConsumer<? super OutputStream> body) throws IOException {
        write(target, body, FILES);
    }

    static void write(Path target, IoConsumer<? super OutputStream> body, Mover mover) throws IOException {
        Objects.requireNonNull(body, "body");
        try (AtomicFile f = open(target)) {
            try (OutputStream out = new BufferedOutputStream(f.newOutputStream(), 1 << 16)) {
                body.accept(out);
            }
            f.commit(mover);
        }
    }

    /** Writes {@code text} to {@code target} in UTF-8, atomically as {@link #write} does. */
    public static void writeString(Path target, CharSequence text) throws IOException {
        writeString(target, text, StandardCharsets.UTF_8);
    }

    /** Writes {@code text} to {@code target} in {@code charset}, atomically as {@link #write} does. */
    public static void writeString(Path target, CharSequence text, Charset charset) throws IOException {
        byte[] bytes = text.toString().getBytes(charset);
        write(target, out -> out.write(bytes));
    }

    /** True when the file's name is one this class gives its temporary files. */
    public static boolean isTemporary(Path file) {
        Path name = file.getFileName();
        return name != null && TEMPORARY.matcher(name.toString()).matches();
    }

    /**
     * Deletes the temporary files (regular files whose name {@link #isTemporary} recognises) directly in
     * {@code folder}, which interrupted writers left; a missing folder has none.
     *
     * @return how many were deleted
     */
    public static int deleteTemporaries(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, p -> isTemporary(p) && Files.isRegularFile(p))) {
            for (Path p : ds) {
                if (Files.deleteIfExists(p)) {
                    n++;
                }
            }
        }
        return n;
    }
}
