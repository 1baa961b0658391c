package dev.seamline.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.core.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.AssertionFailedError;

/**
 * A corpus of hostile input files: a folder whose {@code manifest.tsv} describes one file per line, in
 * tab-separated fields (the first one names the file in the folder; what the others mean is the test's
 * business). Lines starting with {@code #} and blank lines are comments.
 *
 * <p>Besides reading the manifest, this class holds the promise Seamline keeps for every refused file,
 * as each corpus test checks it: a {@link BadInputException} whose message is one line, starts with the
 * file and says what is wrong ({@link #assertRefused}), within a time limit, having allocated less than a
 * bound on the test's own thread ({@link #assertAllocatesUnder}).
 *
 * <p>Immutable and thread-safe; the manifest is read again at each {@link #rows()} call.
 */
public final class Corpus {

    /** The name of the manifest inside the corpus folder. */
    public static final String MANIFEST = "manifest.tsv";

    private final Path dir;

    private Corpus(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    /** The corpus in the folder {@code dir}. */
    public static Corpus at(Path dir) {
        return new Corpus(dir);
    }

    /**
     * The corpus in the test resource folder {@code corpus/} of {@code test}'s package (where {@code
     * src/test/resources/dev/seamline/geo/corpus/} lands for a test in {@code dev.seamline.geo}).
     *
     * @throws IllegalStateException if that folder has no manifest on the class path
     */
    public static Corpus besides(Class<?> test) {
        URL url = test.getResource("corpus/" + MANIFEST);
        if (url == null) {
            throw new IllegalStateException("no corpus/" + MANIFEST + " next to " + test.getName());
        }
        try {
            return new Corpus(Path.of(url.toURI()).getParent());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(url.toString(), e);
        }
    }

    /** The corpus folder. */
    public Path dir() {
        return dir;
    }

    /** A file (or folder) of the corpus, by its name in the manifest. */
    public Path resolve(String name) {
        return dir.resolve(name);
    }

    /**
     * The manifest's lines that are not comments, in file order, each split at tabs (empty fields kept,
     * trailing ones included).
     *
     * @throws UncheckedIOException if the manifest cannot be read
     */
    public List<List<String>> rows() {
        List<String> lines;
        try {
            lines = Files.readAllLines(dir.resolve(MANIFEST));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<List<String>> out = new ArrayList<>();
        for (String line : lines) {
            if (!line.startsWith("#") && !line.isBlank()) {
                out.add(List.of(line.split("\t", -1)));
            }
        }
        return out;
    }

    /**
     * One row of a four-column manifest, the shape most corpora share: the input's file name, what it
     * goes through (an entry point or an expected outcome), the phrase its error must hold, and what is
     * wrong with it. Shown by its name in test reports.
     */
    public record Case(String name, String mode, String phrase, String how) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The manifest's rows as four-column {@link Case}s, in file order. */
    public List<Case> cases() {
        return cases(f -> new Case(f.get(0), f.get(1), f.get(2), f.get(3)));
    }

    /** The manifest's rows ({@link #rows()}) made into a test's own case records, in file order. */
    public <T> List<T> cases(Function<List<String>, T> parse) {
        return rows().stream().map(parse).toList();
    }

    /**
     * Asserts that {@code body} throws a {@link BadInputException} within {@code limit} (the body runs on
     * another thread, as {@link org.junit.jupiter.api.Assertions#assertTimeoutPreemptively} runs it) and
     * that its message keeps the promise of {@link #assertOneLine}.
     *
     * @param prefix what the message starts with: the file, sometimes with {@code ": "}
     * @param phrase what the message says about the problem
     * @param how what is wrong with the file, for the failure message
     * @return the exception
     */
    public static BadInputException assertRefused(Duration limit, String prefix, String phrase, String how,
            Executable body) {
        return assertTimeoutPreemptively(limit, () -> {
            BadInputException e = assertThrows(BadInputException.class, body, how);
            assertOneLine(e.getMessage(), prefix, phrase);
            return e;
        });
    }

    /**
     * Asserts that an error message as the user sees it is one line, starts with {@code prefix} (the file)
     * and contains {@code phrase} (the problem; {@code ""} checks nothing).
     */
    public static void assertOneLine(String message, String prefix, String phrase) {
        assertEquals(1, message.lines().count(), "one line: " + message);
        assertTrue(message.startsWith(prefix), "names the file: " + message);
        assertTrue(message.contains(phrase), "says '" + phrase + "': " + message);
    }

    /** Bytes allocated so far by the calling thread (HotSpot's per-thread counter). */
    public static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /**
     * Runs {@code body} on the calling thread and asserts that it allocated less than {@code maxMb} MiB
     * (whole MiB, rounded down). An exception of type {@code expected} is what the corpus file is for and
     * is ignored (its outcome is another test's business); any other fails the test.
     *
     * @param what the start of the failure message, completed with {@code " <n> MB"}: for example
     *     {@code "x.tif made Seamline allocate"}
     */
    public static void assertAllocatesUnder(long maxMb, String what, Executable body,
            Class<? extends Throwable> expected) {
        long before = allocatedBytes();
        try {
            body.execute();
        } catch (Throwable t) {
            if (!expected.isInstance(t)) {
                if (t instanceof Error e) {
                    throw e;
                }
                if (t instanceof RuntimeException e) {
                    throw e;
                }
                throw new AssertionFailedError(what + ": unexpected " + t, t);
            }
        }
        long mb = (allocatedBytes() - before) >> 20;
        assertTrue(mb < maxMb, what + " " + mb + " MB");
    }
}
