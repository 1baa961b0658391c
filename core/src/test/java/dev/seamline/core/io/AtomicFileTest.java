package dev.seamline.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file appears whole or not at all, and only AtomicFile's own leftovers are ever deleted. */
class AtomicFileTest {

    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesTheBytesAndLeavesOnlyTheTarget() throws Exception {
        Path target = dir.resolve("sub/out.txt");
        AtomicFile.writeString(target, "héllo\n");
        assertEquals("héllo\n", Files.readString(target));
        try (Stream<Path> s = Files.list(target.getParent())) {
            assertEquals(List.of(target), s.toList(), "the folder is created and holds only the target");
        }
        AtomicFile.writeString(target, "é", StandardCharsets.ISO_8859_1);
        assertArrayEquals(new byte[] {(byte) 0xe9}, Files.readAllBytes(target), "an existing file is replaced");
    }

    @Test
    void failureMidWriteLeavesTheTargetUntouchedAndNoLeftover() throws Exception {
        Path target = dir.resolve("out.json");
        Files.writeString(target, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(target, out -> {
            out.write(new byte[100_000]); // past the buffer: bytes reached the temporary file
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("out.json"), names());

        assertThrows(IllegalStateException.class, () -> AtomicFile.write(dir.resolve("new.json"), out -> {
            out.write(1);
            throw new IllegalStateException("a bug in the body");
        }));
        assertEquals(List.of("out.json"), names(), "an unchecked failure leaves nothing either");
    }

    @Test
    void refusedAtomicMoveFallsBackToAPlainReplace() throws Exception {
        Path target = dir.resolve("out.csv");
        Files.writeString(target, "old");
        List<List<CopyOption>> calls = new ArrayList<>();
        AtomicFile.Mover refusing = (source, to, options) -> {
            calls.add(List.of(options));
            if (Arrays.asList(options).contains(StandardCopyOption.ATOMIC_MOVE)) {
                throw new AtomicMoveNotSupportedException(source.toString(), to.toString(), "not here");
            }
            Files.move(source, to, options);
        };
        AtomicFile.write(target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)), refusing);
        assertEquals("new", Files.readString(target));
        assertEquals(List.of(List.of(StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING),
                List.of(StandardCopyOption.REPLACE_EXISTING)), calls, "atomic first, then the plain replacing move");
        assertEquals(List.of("out.csv"), names());
    }

    @Test
    void aFailedMoveDeletesTheTemporaryFile() throws Exception {
        Path target = dir.resolve("out.csv");
        Files.writeString(target, "old");
        AtomicFile f = AtomicFile.open(target);
        try (Writer w = f.newWriter()) {
            w.write("new");
        }
        assertThrows(IOException.class, () -> f.commit((source, to, options) -> {
            throw new IOException("read-only file system");
        }));
        assertFalse(f.isCommitted());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("out.csv"), names());
        assertThrows(IllegalStateException.class, f::commit, "a failed file cannot be committed again");
    }

    @Test
    void nothingAppearsBeforeCommitAndCloseWithoutCommitLeavesNothing() throws Exception {
        Path target = dir.resolve("scene.geojson");
        try (AtomicFile f = AtomicFile.open(target); Writer w = f.newWriter()) {
            w.write("{}");
            w.flush();
            assertFalse(Files.exists(target));
            assertEquals(List.of(f.temp().getFileName().toString()), names());
            assertEquals(dir, f.temp().getParent(), "the temporary file is beside the target");
        }
        assertEquals(List.of(), names());

        AtomicFile f = AtomicFile.open(target);
        Files.writeString(f.temp(), "{}");
        f.commit();
        assertTrue(f.isCommitted());
        f.close(); // after a commit, close deletes nothing
        assertEquals("{}", Files.readString(target));
        assertThrows(IllegalStateException.class, f::commit);
    }

    @Test
    void reserveNamesAFileWithASuffixWithoutCreatingIt() throws Exception {
        AtomicFile f = AtomicFile.reserve(dir.resolve("scene.gpkg"), ".gpkg");
        assertFalse(Files.exists(f.temp()));
        String name = f.temp().getFileName().toString();
        assertTrue(name.startsWith(".scene.gpkg.") && name.endsWith(".tmp.gpkg"), name);
        Files.writeString(f.temp(), "sqlite");
        f.commit();
        assertEquals("sqlite", Files.readString(dir.resolve("scene.gpkg")));
    }

    @Test
    void temporaryNamesAreRecognisedAndOnlyThoseAreDeleted() throws Exception {
        AtomicFile a = AtomicFile.open(dir.resolve("a.txt"));
        AtomicFile b = AtomicFile.reserve(dir.resolve("b.gpkg"), ".gpkg");
        Files.writeString(b.temp(), "");
        Files.writeString(Path.of(b.temp() + "-journal"), ""); // what SQLite leaves beside it
        String name = a.temp().getFileName().toString();
        assertTrue(name.matches("\\.a\\.txt\\.[0-9a-z]{13}\\.tmp"), name);
        assertTrue(AtomicFile.isTemporary(a.temp()) && AtomicFile.isTemporary(b.temp()));
        List<String> users = List.of("a.txt", ".a.txt.tmp", ".notes.tmp", "x.tmp", ".a.txt.abc.tmp", "report.1234567890abc.tmp",
                ".a.txt.1234567890ABC.tmp");
        for (String u : users) {
            Files.writeString(dir.resolve(u), "mine");
            assertFalse(AtomicFile.isTemporary(dir.resolve(u)), u);
        }
        Files.createDirectory(dir.resolve(".d.1234567890abc.tmp"));
        assertEquals(3, AtomicFile.deleteTemporaries(dir));
        assertEquals(users.stream().sorted().toList(), names().stream().filter(n -> !n.startsWith(".d.")).toList());
        assertTrue(Files.isDirectory(dir.resolve(".d.1234567890abc.tmp")), "folders are never deleted");
        assertEquals(0, AtomicFile.deleteTemporaries(dir.resolve("missing")));
        a.abort();
        b.abort();
    }

    @Test
    void aBodyMayCloseTheStreamItself() throws Exception {
        Path target = dir.resolve("run.json");
        AtomicFile.write(target, out -> {
            out.write('{');
            out.write('}');
            out.close(); // as Jackson's writeValue(OutputStream) does
        });
        assertEquals("{}", Files.readString(target));
        assertEquals(List.of("run.json"), names());
    }

    /** Issue 14, finding 1: only names AtomicFile gives its temporaries are cleaned. */
    @Test
    void finding1_foreignTmpFilesSurvive(@TempDir Path dir) throws IOException {
        List<String> foreign = List.of(".env.tmpl", ".notes.tmp", ".vimrc.tmp.bak", ".a.b.tmp", ".x.123.tmp",
                ".x.ABCDEFGHIJKLM.tmp", "x.0000000000abc.tmp", ".x.00000000000abc.tmp");
        for (String f : foreign) {
            Files.writeString(dir.resolve(f), f);
        }
        Files.writeString(dir.resolve(".scene.csv.0000000000abc.tmp"), "ours");
        Files.writeString(dir.resolve(".scene.gpkg.0000000000abc.tmp.gpkg-journal"), "ours");
        Files.createDirectory(dir.resolve(".dir.0000000000abc.tmp"));
        assertEquals(2, AtomicFile.deleteTemporaries(dir));
        for (String f : foreign) {
            assertEquals(f, Files.readString(dir.resolve(f)), f + " is not a Seamline temporary");
            assertFalse(AtomicFile.isTemporary(dir.resolve(f)), f);
        }
        assertTrue(Files.isDirectory(dir.resolve(".dir.0000000000abc.tmp")), "a folder is never deleted");
        try (AtomicFile f = AtomicFile.open(dir.resolve("t.txt"))) {
            assertTrue(AtomicFile.isTemporary(f.temp()), f.temp().toString());
        }
    }

    /** Issue 14, finding 4: a link put in place of the temporary file is not written through. */
    @Test
    void finding4_aLinkAtTheTemporaryIsNotFollowed(@TempDir Path dir) throws IOException {
        Path victim = dir.resolve("victim");
        Files.writeString(victim, "keep");
        try (AtomicFile f = AtomicFile.open(dir.resolve("t.txt"))) {
            Files.delete(f.temp());
            Files.createSymbolicLink(f.temp(), victim);
            assertThrows(IOException.class, f::newOutputStream);
            assertThrows(IOException.class, f::sync);
        }
        assertEquals("keep", Files.readString(victim));
        // a link at the target is replaced by the file, its own target untouched
        Path link = dir.resolve("out.txt");
        Files.createSymbolicLink(link, victim);
        AtomicFile.writeString(link, "new");
        assertFalse(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(link));
        assertEquals("keep", Files.readString(victim));
    }
}
