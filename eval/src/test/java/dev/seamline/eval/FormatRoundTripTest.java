package dev.seamline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.core.Box;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports and error breakdowns of the metrics (the format round trips are in the formats module). */
class FormatRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void reportHasTablesPlotsAndBreakdown() throws Exception {
        Path d = Fixtures.resource("coco/edges");
        EvalResult r = Evaluator.evaluate(EvalRequest.of(Metric.COCO, d.resolve("gt.json"), d.resolve("results.json")));
        List<Path> files = ReportWriter.write(r, dir.resolve("rep"));
        assertTrue(files.contains(dir.resolve("rep/report.md")));
        String md = Files.readString(dir.resolve("rep/report.md"));
        assertTrue(md.contains("| class | name | AP |"), md);
        assertTrue(md.contains("duplicate"), md);
        var img = javax.imageio.ImageIO.read(dir.resolve("rep/pr_1_1.png").toFile());
        assertEquals(480, img.getHeight());
        List<String> errors = Files.readAllLines(dir.resolve("rep/errors.csv"));
        assertEquals("class,true_positive,ignored,duplicate,localisation,class_confusion,background,missed", errors.get(0));
        assertTrue(errors.get(errors.size() - 1).startsWith("all,"));
    }

    @Test
    void errorBreakdownClassesEachKind() {
        List<TruthBox> gt = List.of(new TruthBox("i", "a", new Box(0, 0, 10, 10), false),
                new TruthBox("i", "a", new Box(100, 100, 110, 110), false), new TruthBox("i", "b", new Box(200, 200, 210, 210), false),
                new TruthBox("i", "a", new Box(300, 300, 400, 400), true), new TruthBox("i", "a", new Box(500, 500, 510, 510), false));
        List<ScoredBox> det = List.of(new ScoredBox("i", "a", new Box(0, 0, 10, 10), .9), // TP
                new ScoredBox("i", "a", new Box(0, 0, 10, 9), .8), // duplicate
                new ScoredBox("i", "a", new Box(100, 100, 104, 110), .7), // IoU .4: localisation
                new ScoredBox("i", "a", new Box(200, 200, 210, 210), .6), // other class: confusion
                new ScoredBox("i", "a", new Box(300, 300, 400, 400), .5), // crowd/difficult: ignored
                new ScoredBox("i", "a", new Box(700, 700, 710, 710), .4)); // background
        ErrorBreakdown b = ErrorBreakdown.of(gt, det);
        assertEquals(1, b.count(ErrorBreakdown.Kind.TRUE_POSITIVE));
        assertEquals(1, b.count(ErrorBreakdown.Kind.DUPLICATE));
        assertEquals(1, b.count(ErrorBreakdown.Kind.LOCALISATION));
        assertEquals(1, b.count(ErrorBreakdown.Kind.CLASS_CONFUSION));
        assertEquals(1, b.count(ErrorBreakdown.Kind.IGNORED));
        assertEquals(1, b.count(ErrorBreakdown.Kind.BACKGROUND));
        assertEquals(3, b.count(ErrorBreakdown.Kind.MISSED)); // a@100 (only localised), b@200, a@500
        assertEquals(1, b.count("b", ErrorBreakdown.Kind.MISSED));
    }
}
