package dev.seamline.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.seamline.core.BadInputException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Coverage-guided fuzzing (Jazzer) of bundle zips (issue 14): any bytes as {@code bundle.zip} must load
 * or fail with a one-line {@link BadInputException} naming the zip (never a temporary file), no other
 * exception or error, under 64 MB allocated, and leave no extracted file behind when it fails. A plain
 * build replays {@code BundleZipFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes (docs/robustness.md).
 */
class BundleZipFuzzTest {

    private static final ThreadLocal<Path> ZIP = ThreadLocal.withInitial(() -> {
        try {
            Path d = Files.createTempDirectory("seamline-fuzz-zip");
            d.toFile().deleteOnExit();
            d.resolve("bundle.zip").toFile().deleteOnExit();
            return d.resolve("bundle.zip");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    });

    @FuzzTest(maxDuration = "10m")
    void bundleZip(byte[] data) throws IOException {
        Path zip = ZIP.get();
        Files.write(zip, data);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        long ours = temporaries();
        try {
            ModelBundle b = ModelBundle.load(zip);
            assertTrue(b.channels() > 0 && Files.isRegularFile(b.weights()));
            Files.delete(b.weights());
            Files.delete(b.weights().resolveSibling(BundleZip.OWNER));
            Files.delete(b.weights().getParent());
        } catch (BadInputException e) {
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(e.getMessage().startsWith(zip + ": "), e.getMessage());
            assertEquals(ours, temporaries(), "a failed load leaves no extracted file: " + e.getMessage());
        }
        long mb = (threads.getCurrentThreadAllocatedBytes() - before) >> 20;
        assertTrue(mb < 64, data.length + " bytes of zip made ModelBundle.load allocate " + mb + " MB");
    }

    private static long temporaries() throws IOException {
        String prefix = BundleZip.PREFIX + ProcessHandle.current().pid() + "-";
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).count();
        }
    }
}
