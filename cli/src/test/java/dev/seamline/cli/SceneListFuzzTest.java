package dev.seamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.seamline.core.BadInputException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Coverage-guided fuzzing (Jazzer) of {@code detect @list.txt} (issue 14): any bytes as the list must give
 * paths or a one-line {@link BadInputException} naming the list — no other exception or error, under
 * 64 MB allocated; each path is one whole line (no line end inside, never blank), and the paths written
 * back one per line read back the same. The expansion that follows ({@link SceneArguments#expand}) only
 * looks at the file system (stat, list), and must keep the list's order and drop only duplicates.
 * A plain build replays {@code SceneListFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes (docs/robustness.md).
 */
class SceneListFuzzTest {

    private static final ThreadLocal<Path> LIST = ThreadLocal.withInitial(() -> {
        try {
            Path d = Files.createTempDirectory("seamline-fuzz-list");
            d.toFile().deleteOnExit();
            d.resolve("list.txt").toFile().deleteOnExit();
            return d.resolve("list.txt");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    });

    @FuzzTest(maxDuration = "10m")
    void sceneList(byte[] data) throws IOException {
        Path list = LIST.get();
        Files.write(list, data);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        try {
            List<String> paths = SceneArguments.readList(list);
            for (String p : paths) {
                assertFalse(p.isBlank() || p.contains("\n") || p.contains("\r"), "one whole line: '" + p + "'");
            }
            // written back as a list file is: a leading byte-order mark, then one path per line (a path that
            // itself starts with U+FEFF keeps it only behind the mark)
            byte[] again = ("\uFEFF" + String.join("\n", paths)).getBytes(StandardCharsets.UTF_8);
            assertEquals(paths, SceneArguments.parseList(list, again), "written one per line, read back the same");
            try {
                List<Path> files = SceneArguments.expand(List.of("@" + list));
                assertTrue(files.size() <= paths.size() || paths.stream().anyMatch(p -> Files.isDirectory(Path.of(p))));
            } catch (BadInputException e) {
                assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            }
        } catch (BadInputException e) {
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(e.getMessage().startsWith(list + ": "), e.getMessage());
        }
        long mb = (threads.getCurrentThreadAllocatedBytes() - before) >> 20;
        assertTrue(mb < 64, data.length + " bytes of list made SceneArguments allocate " + mb + " MB");
    }
}
