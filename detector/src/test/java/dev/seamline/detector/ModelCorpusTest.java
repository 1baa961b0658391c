package dev.seamline.detector;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of broken model bundles ({@code corpus/}, made by {@code corpus/make_corpus.py}, one line
 * each in {@code corpus/manifest.tsv}): each goes through {@link ModelBundle#load} (or, for weights
 * that only the engine can judge, {@link Detector#open}) and must fail with a one-line
 * {@link BadInputException} naming a file of the bundle and saying what is wrong, within 10 s, having
 * allocated under 64 MB (a zip whose {@code model.json} inflates to 8 MB included).
 */
class ModelCorpusTest {

    record Case(String bundle, String entry, String phrase, String how) {
        @Override
        public String toString() {
            return bundle;
        }
    }

    static Path corpus() {
        try {
            return Path.of(ModelCorpusTest.class.getResource("corpus/manifest.tsv").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        for (String line : Files.readAllLines(corpus().resolve("manifest.tsv"))) {
            if (!line.startsWith("#") && !line.isBlank()) {
                String[] f = line.split("\t", -1);
                out.add(new Case(f[0], f[1], f[2], f[3]));
            }
        }
        return out;
    }

    @Test
    void corpusCoversDescriptorsWeightsAndZips() throws IOException {
        List<Case> c = cases();
        assertTrue(c.size() >= 40, c.size() + " bundles");
        assertTrue(c.stream().anyMatch(k -> k.bundle().endsWith(".zip")));
        assertTrue(c.stream().anyMatch(k -> k.entry().equals("open")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachBundleFailsWithOneLineNamingItsFile(Case c) {
        Path p = corpus().resolve(c.bundle());
        assertTimeoutPreemptively(Duration.ofSeconds(c.entry().equals("open") ? 60 : 10), () -> {
            BadInputException e = assertThrows(BadInputException.class, () -> {
                if (c.entry().equals("open")) {
                    ModelBundle b = ModelBundle.load(p); // the descriptor itself is valid
                    try (Detector d = Detector.open(b, DetectorOptions.defaults().withDevice(DeviceChoice.CPU))) {
                        d.bundle();
                    }
                } else {
                    ModelBundle.load(p);
                }
            }, c.how());
            String m = e.getMessage();
            assertEquals(1, m.lines().count(), m);
            assertTrue(m.startsWith(p.toString()), "names the bundle's file: " + m);
            assertTrue(m.contains(c.phrase()), "says '" + c.phrase() + "': " + m);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void loadingNeverAllocatesMuch(Case c) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        try {
            ModelBundle.load(corpus().resolve(c.bundle()));
        } catch (BadInputException expected) {
            // checked above
        }
        long mb = (threads.getCurrentThreadAllocatedBytes() - before) >> 20;
        assertTrue(mb < 64, c.bundle() + " made ModelBundle.load allocate " + mb + " MB");
    }
}
