package dev.seamline.detector;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.core.BadInputException;
import dev.seamline.testkit.Corpus;
import java.nio.file.Path;
import java.time.Duration;
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

    static final Corpus CORPUS = Corpus.besides(ModelCorpusTest.class);

    static List<Corpus.Case> cases() {
        return CORPUS.cases();
    }

    @Test
    void corpusCoversDescriptorsWeightsAndZips() {
        List<Corpus.Case> c = cases();
        assertTrue(c.size() >= 40, c.size() + " bundles");
        assertTrue(c.stream().anyMatch(k -> k.name().endsWith(".zip")));
        assertTrue(c.stream().anyMatch(k -> k.mode().equals("open")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachBundleFailsWithOneLineNamingItsFile(Corpus.Case c) {
        Path p = CORPUS.resolve(c.name());
        Corpus.assertRefused(Duration.ofSeconds(c.mode().equals("open") ? 60 : 10), p.toString(), c.phrase(), c.how(), () -> {
            if (c.mode().equals("open")) {
                ModelBundle b = ModelBundle.load(p); // the descriptor itself is valid
                try (Detector d = Detector.open(b, DetectorOptions.defaults().withDevice(DeviceChoice.CPU))) {
                    d.bundle();
                }
            } else {
                ModelBundle.load(p);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void loadingNeverAllocatesMuch(Corpus.Case c) {
        // the outcome is checked above
        Corpus.assertAllocatesUnder(64, c.name() + " made ModelBundle.load allocate",
                () -> ModelBundle.load(CORPUS.resolve(c.name())), BadInputException.class);
    }
}
