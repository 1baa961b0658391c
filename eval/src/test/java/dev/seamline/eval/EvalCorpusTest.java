package dev.seamline.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.core.BadInputException;
import dev.seamline.testkit.Corpus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of broken label and prediction files ({@code corpus/}, made by {@code corpus/make_corpus.py},
 * one line each in {@code corpus/manifest.tsv}), every format {@code eval} reads: each broken file is
 * evaluated through {@link Evaluator#evaluate}, against the valid counterpart of {@code corpus/valid/},
 * and must fail with a one-line {@link BadInputException} naming the broken file and the problem, within
 * 10 s and under 64 MB allocated. The valid pairs themselves score.
 */
class EvalCorpusTest {

    record Case(String file, Metric metric, String side, String phrase, String how) {
        @Override
        public String toString() {
            return file;
        }
    }

    static final Corpus CORPUS = Corpus.besides(EvalCorpusTest.class);

    static List<Case> cases() {
        return CORPUS.cases(f -> new Case(f.get(0), Metric.ofCliName(f.get(1)), f.get(2), f.get(3), f.get(4)));
    }

    /** The valid ground truth and predictions of a metric, as {@code corpus/valid/} holds them. */
    static EvalRequest valid(Metric m, boolean geojson) {
        Path v = CORPUS.resolve("valid");
        return switch (m) {
            case COCO -> EvalRequest.of(m, v.resolve("coco_gt.json"),
                    v.resolve(geojson ? "seamline.geojson" : "coco_results.json"));
            case DOTA_TASK1, DOTA_TASK2 -> EvalRequest.of(m, v.resolve("dota_labels"), v.resolve("dota_det"));
            case XVIEW -> EvalRequest.of(m, v.resolve("xview_gt.geojson"), v.resolve("xview_pred"));
            case SPACENET -> geojson ? EvalRequest.of(m, v.resolve("spacenet_gt.geojson"), v.resolve("spacenet_pred.geojson"))
                    : EvalRequest.of(m, v.resolve("spacenet_gt.csv"), v.resolve("spacenet_pred.csv"));
            case DEEPFOREST -> EvalRequest.of(m, v.resolve("deepforest_gt.csv"), v.resolve("deepforest_pred.csv"));
            case SAFE_PASSAGE -> EvalRequest.of(m, v.resolve("safepassage_gt.csv"), v.resolve("safepassage_pred.csv"));
        };
    }

    /** The request with the broken file on its side and the valid counterpart on the other. */
    static EvalRequest request(Case c) {
        Path p = CORPUS.resolve(c.file());
        boolean geojson = c.file().endsWith(".geojson");
        EvalRequest v = valid(c.metric(), geojson);
        return switch (c.side()) {
            case "gt" -> EvalRequest.of(c.metric(), p, v.pred());
            case "pred" -> EvalRequest.of(c.metric(), v.gt(), p);
            case "imageset" -> v.withImageset(p);
            default -> throw new IllegalArgumentException(c.side());
        };
    }

    @Test
    void corpusCoversEveryFormat() {
        List<Case> all = cases();
        assertTrue(all.size() >= 60, all.size() + " files");
        Set<String> kinds = all.stream().map(c -> c.metric() + "/" + c.side() + "/" + (c.file().endsWith(".geojson")
                ? "geojson" : "other")).collect(Collectors.toSet());
        for (String k : List.of("coco/gt/other", "coco/pred/other", "coco/pred/geojson", "dota-task1/gt/other",
                "dota-task1/pred/other", "xview/gt/geojson", "xview/pred/other", "spacenet/gt/other", "spacenet/pred/other",
                "spacenet/gt/geojson", "spacenet/pred/geojson", "deepforest/gt/other", "deepforest/pred/other",
                "safe-passage/gt/other", "safe-passage/pred/other")) {
            assertTrue(kinds.contains(k), "no broken file for " + k);
        }
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void validCounterpartsScore(Metric m) throws Exception {
        assertTrue(Evaluator.evaluate(valid(m, false)).table().length() > 0);
        if (m == Metric.COCO || m == Metric.SPACENET) {
            assertTrue(Evaluator.evaluate(valid(m, true)).table().length() > 0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachBrokenFileFailsWithOneLineNamingIt(Case c) {
        Path p = CORPUS.resolve(c.file());
        Corpus.assertRefused(Duration.ofSeconds(10), p.toString(), c.phrase(), c.how(), () -> Evaluator.evaluate(request(c)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void brokenFilesNeverAllocateMuch(Case c) {
        // the outcome is checked above
        Corpus.assertAllocatesUnder(64, c.file() + " made the evaluation allocate", () -> Evaluator.evaluate(request(c)),
                Exception.class);
    }
}
