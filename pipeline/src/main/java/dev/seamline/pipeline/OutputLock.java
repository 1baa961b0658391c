package dev.seamline.pipeline;

import dev.seamline.core.BadInputException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output folder's lock, {@code <out>/.seamline/lock}, held for the whole of a run so that two runs
 * never write into one folder (the second would delete the first's temporaries and replace its
 * outputs with its own).
 *
 * <p>The file holds the owner ({@code pid=…}, {@code host=…}, {@code started=…}) while a run holds it
 * and is empty between runs; it is never deleted, so that every run locks the same file. Whether it
 * is held is decided by an operating-system lock on it ({@link FileChannel#tryLock()}: {@code fcntl} on
 * Linux), which the system releases when its process dies however it dies ({@code kill -9} included):
 * a lock file that still names an owner but is not locked is stale, taken over with a warning. Where
 * the file system has no such locks, the owner's pid is checked instead: a lock of this host whose
 * process is gone (or is another process under a reused pid, by its start time) is stale; one of
 * another host is refused, the message saying which file to delete if that run is gone.
 *
 * <p>Two runs in one JVM into one folder are refused too. The link at the lock's name, if any, is not
 * followed. Not thread-safe: one run opens and closes it.
 */
final class OutputLock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutputLock.class);
    /** The lock's file name inside {@link Seamline#STATE_DIR}. */
    static final String NAME = "lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code outDir} (creating {@code .seamline/} if needed). A {@code .seamline} that is a
     * symbolic link is refused: journals and markers would be written wherever it points.
     *
     * @throws BadInputException when another run holds it: one line naming the holder
     * @throws IOException       when the lock file cannot be created or written
     */
    static OutputLock acquire(Path outDir) throws IOException, BadInputException {
        Path state = outDir.resolve(Seamline.STATE_DIR);
        if (Files.isSymbolicLink(state)) {
            throw new BadInputException(state, "is a symbolic link; Seamline's state folder must be a plain folder"
                    + " inside the output folder (delete the link)");
        }
        Files.createDirectories(state);
        Path file = state.resolve(NAME);
        if (Files.isSymbolicLink(file)) {
            throw new BadInputException(file, "is a symbolic link; Seamline's lock must be a plain file (delete the link)");
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        boolean ok = false;
        try {
            FileLock lock;
            boolean osLocks = true;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // this JVM holds it: another run in this process
            } catch (IOException e) {
                lock = null;
                osLocks = false; // the file system has no locks: the owner's pid decides
            }
            String previous = read(ch);
            Optional<Owner> owner = Owner.parse(previous);
            if (lock == null && (osLocks || owner.map(Owner::alive).orElse(false))) {
                throw held(outDir, file, owner);
            }
            if (owner.isPresent()) {
                LOG.warn("{}: taking over the lock of {}, which is no longer running", outDir, owner.get());
            }
            byte[] mine = Owner.self().content().getBytes(StandardCharsets.UTF_8);
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(mine), 0);
            ch.force(true);
            ok = true;
            return new OutputLock(file, ch, lock);
        } finally {
            if (!ok) {
                ch.close();
            }
        }
    }

    private static BadInputException held(Path outDir, Path file, Optional<Owner> owner) {
        String who = owner.map(Owner::toString).orElse("another Seamline run");
        String hint = owner.isPresent() && !owner.get().host().equals(Owner.HOST)
                ? "; if that run is gone, delete " + file
                : "; wait for it to finish or write into another folder";
        return new BadInputException(outDir + ": the output folder is in use by " + who + hint);
    }

    private static String read(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size == 0 || size > 4096) {
            return "";
        }
        ByteBuffer b = ByteBuffer.allocate((int) size);
        while (b.hasRemaining() && ch.read(b, b.position()) > 0) {
            // reads the whole small file
        }
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
    }

    /** The lock file. */
    Path file() {
        return file;
    }

    /** Empties the lock file (the folder is free) and releases it. */
    @Override
    public void close() throws IOException {
        try {
            if (channel.isOpen()) {
                channel.truncate(0);
                channel.force(true);
            }
        } finally {
            try {
                if (lock != null && lock.isValid()) {
                    lock.release();
                }
            } finally {
                channel.close();
            }
        }
    }

    /**
     * Who holds a lock: a process of a host, with the instant the process started (which tells a live
     * owner from another process under a reused pid). Immutable and thread-safe.
     *
     * @param pid     the process id
     * @param host    the host name
     * @param started when the process started, or empty where the system does not say
     */
    record Owner(long pid, String host, Optional<Instant> started) {

        static final String HOST = hostName();

        static Owner self() {
            ProcessHandle me = ProcessHandle.current();
            return new Owner(me.pid(), HOST, me.info().startInstant());
        }

        /** Whether the owner's process still runs (only known on this host: elsewhere, true). */
        boolean alive() {
            if (!host.equals(HOST)) {
                return true;
            }
            Optional<ProcessHandle> p = ProcessHandle.of(pid);
            if (p.isEmpty() || !p.get().isAlive()) {
                return false;
            }
            Optional<Instant> now = p.get().info().startInstant();
            return started.isEmpty() || now.isEmpty() || now.get().equals(started.get());
        }

        static Optional<Owner> parse(String text) {
            Long pid = null;
            String host = null;
            Instant started = null;
            for (String line : text.split("\n")) {
                int eq = line.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String key = line.substring(0, eq).strip(), value = line.substring(eq + 1).strip();
                try {
                    switch (key) {
                        case "pid" -> pid = Long.parseLong(value);
                        case "host" -> host = value;
                        case "started" -> started = Instant.parse(value);
                        default -> { }
                    }
                } catch (RuntimeException e) {
                    // an unreadable value: as if absent
                }
            }
            return pid == null || host == null ? Optional.empty()
                    : Optional.of(new Owner(pid, host, Optional.ofNullable(started)));
        }

        /** The lock file's content: {@code pid=…}, {@code host=…}, {@code started=…}, one a line. */
        String content() {
            return "pid=" + pid + "\nhost=" + host + "\n" + started.map(s -> "started=" + s + "\n").orElse("");
        }

        /** One line: {@code pid 123 on host h (started …)}. */
        @Override
        public String toString() {
            return "pid " + pid + " on host " + host + started.map(s -> " (started " + s + ")").orElse("");
        }

        private static String hostName() {
            String env = System.getenv("HOSTNAME");
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException | RuntimeException e) {
                return env == null || env.isBlank() ? "localhost" : env.strip();
            }
        }
    }
}
