package dev.seamline.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.seamline.core.BadInputException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing (Jazzer) of the YAML preset parser: any bytes as {@code --config FILE} must
 * give options or a one-line {@link BadInputException} naming the file — no other exception, no error,
 * under 64 MB allocated. A plain build replays {@code PresetFuzzTestInputs/}; {@code JAZZER_FUZZ=1}
 * fuzzes (docs/robustness.md, "What Seamline promises").
 */
class PresetFuzzTest {

    private static final ThreadLocal<Path> FILE = ThreadLocal.withInitial(() -> {
        try {
            Path d = Files.createTempDirectory("seamline-fuzz-preset");
            d.toFile().deleteOnExit();
            d.resolve("preset.yaml").toFile().deleteOnExit();
            return d.resolve("preset.yaml");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    });

    static {
        // the first preset of a process loads the YAML parser's classes (73 MB allocated once, under Jazzer's
        // instrumentation): not per input
        try {
            for (String name : Preset.BUILT_IN) {
                Preset.load(name).applyTo(DetectOptions.defaults());
            }
        } catch (BadInputException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void presetYaml(byte[] data) throws IOException {
        Path p = FILE.get();
        Files.write(p, data);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        try {
            assertTrue(PresetCorpusTest.apply(p).outputs().formats().size() > 0);
        } catch (BadInputException e) {
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        }
        long mb = (threads.getCurrentThreadAllocatedBytes() - before) >> 20;
        assertTrue(mb < 64, data.length + " bytes of YAML made the preset allocate " + mb + " MB");
    }
}
