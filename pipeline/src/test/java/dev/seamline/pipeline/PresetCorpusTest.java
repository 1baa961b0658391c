package dev.seamline.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.core.BadInputException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of broken YAML presets ({@code corpus/}, made by {@code corpus/make_corpus.py}, one line
 * each in {@code corpus/manifest.tsv}): each is loaded and applied as {@code seamline detect --config}
 * does, and must fail with a one-line {@link BadInputException} naming the file and the problem, within
 * 10 s and under 64 MB allocated (alias bombs and deep nesting included).
 */
class PresetCorpusTest {

    record Case(String file, String phrase, String how) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Path corpus() {
        try {
            return Path.of(PresetCorpusTest.class.getResource("corpus/manifest.tsv").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        for (String line : Files.readAllLines(corpus().resolve("manifest.tsv"))) {
            if (!line.startsWith("#") && !line.isBlank()) {
                String[] f = line.split("\t", -1);
                out.add(new Case(f[0], f[1], f[2]));
            }
        }
        return out;
    }

    /** What {@code detect --config FILE} does with a preset. */
    static DetectOptions apply(Path p) throws BadInputException {
        Preset preset = Preset.load(p.toString());
        preset.metric();
        return preset.applyTo(DetectOptions.defaults());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachPresetFailsWithOneLineNamingIt(Case c) {
        Path p = corpus().resolve(c.file());
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            BadInputException e = assertThrows(BadInputException.class, () -> apply(p), c.how());
            String m = e.getMessage();
            assertEquals(1, m.lines().count(), m);
            assertTrue(m.startsWith(p.toString()), "names the file: " + m);
            assertTrue(m.contains(c.phrase()), "says '" + c.phrase() + "': " + m);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void presetsNeverAllocateMuch(Case c) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        try {
            apply(corpus().resolve(c.file()));
        } catch (BadInputException expected) {
            // checked above
        }
        long mb = (threads.getCurrentThreadAllocatedBytes() - before) >> 20;
        assertTrue(mb < 64, c.file() + " made the preset allocate " + mb + " MB");
    }
}
