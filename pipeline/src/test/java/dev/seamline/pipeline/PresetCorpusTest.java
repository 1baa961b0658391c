package dev.seamline.pipeline;

import dev.seamline.core.BadInputException;
import dev.seamline.testkit.Corpus;
import java.nio.file.Path;
import java.time.Duration;
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

    static final Corpus CORPUS = Corpus.besides(PresetCorpusTest.class);

    static List<Case> cases() {
        return CORPUS.cases(f -> new Case(f.get(0), f.get(1), f.get(2)));
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
        Path p = CORPUS.resolve(c.file());
        Corpus.assertRefused(Duration.ofSeconds(10), p.toString(), c.phrase(), c.how(), () -> apply(p));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void presetsNeverAllocateMuch(Case c) {
        // the outcome is checked above
        Corpus.assertAllocatesUnder(64, c.file() + " made the preset allocate", () -> apply(CORPUS.resolve(c.file())),
                BadInputException.class);
    }
}
