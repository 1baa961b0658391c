package dev.seamline.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.core.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14, finding 8: the output folder's lock (the CLI side is in cli's OutputFolderCliTest). */
class OutputLockTest {

    @Test
    void finding8_aHeldFolderIsRefusedInOneLineNamingTheHolder(@TempDir Path out) throws Exception {
        try (OutputLock held = OutputLock.acquire(out)) {
            String content = Files.readString(held.file());
            assertTrue(content.contains("pid=" + ProcessHandle.current().pid() + "\n"), content);
            assertTrue(content.contains("host=" + OutputLock.Owner.HOST + "\n"), content);
            BadInputException e = assertThrows(BadInputException.class, () -> OutputLock.acquire(out));
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(e.getMessage().contains("in use by pid " + ProcessHandle.current().pid() + " on host "), e.getMessage());
        }
        assertEquals(0, Files.size(out.resolve(Seamline.STATE_DIR).resolve(OutputLock.NAME)), "released: empty");
        try (OutputLock again = OutputLock.acquire(out)) {
            assertTrue(Files.size(again.file()) > 0, "free again once released");
        }
    }

    @Test
    void finding8_aStaleLockIsTakenOver(@TempDir Path out) throws Exception {
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Path file = out.resolve(Seamline.STATE_DIR).resolve(OutputLock.NAME);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "pid=" + dead.pid() + "\nhost=" + OutputLock.Owner.HOST + "\n");
        try (OutputLock lock = OutputLock.acquire(out)) {
            assertTrue(Files.readString(lock.file()).contains("pid=" + ProcessHandle.current().pid()));
        }
    }

    @Test
    void finding8_aLinkAtTheLocksNameIsRefused(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Path victim = dir.resolve("victim");
        Files.writeString(victim, "keep");
        Files.createDirectories(out.resolve(Seamline.STATE_DIR));
        Files.createSymbolicLink(out.resolve(Seamline.STATE_DIR).resolve(OutputLock.NAME), victim);
        assertThrows(BadInputException.class, () -> OutputLock.acquire(out));
        assertEquals("keep", Files.readString(victim));
    }

    /** Where the file system has no locks, the owner's pid decides: alive on this host, or not. */
    @Test
    void ownersLifeByPidAndStartTime() throws Exception {
        OutputLock.Owner me = OutputLock.Owner.self();
        assertTrue(me.alive());
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        assertFalse(new OutputLock.Owner(dead.pid(), OutputLock.Owner.HOST, Optional.empty()).alive());
        assertFalse(new OutputLock.Owner(me.pid(), OutputLock.Owner.HOST, Optional.of(Instant.EPOCH)).alive(),
                "a reused pid: another process than the one that took the lock");
        assertTrue(new OutputLock.Owner(dead.pid(), "elsewhere.invalid", Optional.empty()).alive(),
                "another host's process is taken for alive");
        assertEquals(Optional.of(me), OutputLock.Owner.parse(me.content()));
        assertEquals(Optional.empty(), OutputLock.Owner.parse("garbage"));
    }
}
