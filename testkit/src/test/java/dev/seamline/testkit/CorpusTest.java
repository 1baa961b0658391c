package dev.seamline.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.seamline.core.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

class CorpusTest {

    @TempDir
    Path dir;

    @Test
    void rowsSkipCommentsAndBlankLinesAndKeepEmptyFields() throws IOException {
        Files.writeString(dir.resolve(Corpus.MANIFEST), "# file\tphrase\n\na.tif\tbad\t\n\nb.tif\tok\tx\ty\n");
        Corpus c = Corpus.at(dir);
        assertEquals(List.of(List.of("a.tif", "bad", ""), List.of("b.tif", "ok", "x", "y")), c.rows());
        assertEquals(List.of("a.tif", "b.tif"), c.cases(f -> f.get(0)));
        assertEquals(dir.resolve("a.tif"), c.resolve("a.tif"));
    }

    @Test
    void theRefusalPromise() {
        Corpus.assertRefused(Duration.ofSeconds(5), "f.tif", "broken", "how",
                () -> { throw new BadInputException("f.tif: broken header"); });
        assertThrows(AssertionFailedError.class, () -> Corpus.assertRefused(Duration.ofSeconds(5), "f.tif", "broken",
                "how", () -> { }));
        assertThrows(AssertionFailedError.class, () -> Corpus.assertOneLine("f.tif: broken\nat line 2", "f.tif", ""));
        assertThrows(AssertionFailedError.class, () -> Corpus.assertOneLine("g.tif: broken", "f.tif", ""));
        assertThrows(AssertionFailedError.class, () -> Corpus.assertOneLine("f.tif: broken", "f.tif", "missing"));
    }

    @Test
    void allocationBound() {
        Corpus.assertAllocatesUnder(64, "small", () -> { throw new BadInputException("f: bad"); }, BadInputException.class);
        assertThrows(AssertionFailedError.class, () -> Corpus.assertAllocatesUnder(4, "big", () -> {
            for (int i = 0; i < 16; i++) {
                byte[] mb = new byte[1 << 20];
                mb[i] = 1;
            }
        }, BadInputException.class));
        assertThrows(AssertionFailedError.class, () -> Corpus.assertAllocatesUnder(64, "other",
                () -> { throw new IOException("x"); }, BadInputException.class));
    }
}
