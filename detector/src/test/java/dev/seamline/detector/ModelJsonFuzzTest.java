package dev.seamline.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.seamline.core.BadInputException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing (Jazzer) of the model descriptor: any bytes as {@code model.json}, next to
 * the corpus's {@code weights.bin}, must load or fail with a one-line {@link BadInputException} naming
 * a file — no other exception, no error, under 64 MB allocated. A plain build replays
 * {@code ModelJsonFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes (docs/robustness.md, "What Seamline promises").
 */
class ModelJsonFuzzTest {

    private static final ThreadLocal<Path> BUNDLE = ThreadLocal.withInitial(() -> {
        try {
            Path dir = Files.createTempDirectory("seamline-fuzz-model");
            dir.toFile().deleteOnExit();
            Files.copy(ModelCorpusTest.CORPUS.resolve("sha_mismatch/weights.bin"), dir.resolve("weights.bin"));
            dir.resolve("weights.bin").toFile().deleteOnExit();
            dir.resolve("model.json").toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    });

    @FuzzTest(maxDuration = "10m")
    void modelJson(byte[] data) throws IOException {
        Path dir = BUNDLE.get();
        Files.write(dir.resolve("model.json"), data);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        try {
            ModelBundle b = ModelBundle.load(dir);
            assertTrue(b.channels() > 0 && b.inputWidth() > 0 && b.inputHeight() > 0);
        } catch (BadInputException e) {
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(e.getMessage().startsWith(dir.toString()), e.getMessage());
        }
        long mb = (threads.getCurrentThreadAllocatedBytes() - before) >> 20;
        assertTrue(mb < 64, data.length + " bytes of model.json made ModelBundle.load allocate " + mb + " MB");
    }
}
