package dev.seamline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.formats.dota.DotaDetection;
import dev.seamline.formats.dota.DotaObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each DOTA devkit quirk of ../shared/METRICS.md on a hand-made case. */
class DotaQuirksTest {

    private static final double EPS = 1e-12;

    private static DotaObject obj(String cls, boolean difficult, double... p) {
        return new DotaObject(p, cls, difficult);
    }

    private static DotaDetection det(String img, double s, double... c) {
        return new DotaDetection(img, s, c);
    }

    private static double ap(DotaEval.Task task, List<DotaObject> gt, List<DotaDetection> dets, ApMethod m) {
        return DotaEval.evaluate(task, List.of("P1"), Map.of("P1", gt), Map.of("a", dets), List.of("a"), m).mAP();
    }

    @Test
    void task2OverlapMustBeStrictlyAboveHalfWithPlusOneWidths() {
        List<DotaObject> g = List.of(obj("a", false, 0, 0, 9, 0, 9, 9, 0, 9)); // 10 x 10 with +1
        assertEquals(0.0, ap(DotaEval.Task.TASK2, g, List.of(det("P1", .9, 0, 0, 9, 19)), ApMethod.VOC07), 0); // 100/200
        assertEquals(1.0, ap(DotaEval.Task.TASK2, g, List.of(det("P1", .9, 0, 0, 9, 18)), ApMethod.VOC07), EPS); // 100/190
        assertEquals(0.5, DotaEval.overlapTask2(new double[] {0, 0, 9, 19}, new double[] {0, 0, 9, 9}), 0);
    }

    @Test
    void task2GtComesFromPoints1And3TruncatedToIntegers() {
        // GT 0.9..2.9 becomes [0, 0, 2, 2]; the identical detection then overlaps only 4.41 / 13.59
        List<DotaObject> g = List.of(obj("a", false, 0.9, 0.9, 2.9, 0.9, 2.9, 2.9, 0.9, 2.9));
        assertEquals(0.0, ap(DotaEval.Task.TASK2, g, List.of(det("P1", .9, 0.9, 0.9, 2.9, 2.9)), ApMethod.VOC07), 0);
        assertEquals(1.0, ap(DotaEval.Task.TASK2, g, List.of(det("P1", .9, 0, 0, 2, 2)), ApMethod.VOC07), EPS);
        // points 1 and 3, whatever the polygon: a start at the top-right corner gives an inverted box
        List<DotaObject> g2 = List.of(obj("a", false, 10, 0, 10, 10, 0, 10, 0, 0));
        assertEquals(0.0, ap(DotaEval.Task.TASK2, g2, List.of(det("P1", .9, 0, 0, 10, 10)), ApMethod.VOC07), 0);
    }

    @Test
    void task1PolygonIouIgnoresVertexOrderAndStart() {
        double[] sq = {0, 0, 1, 0, 1, 1, 0, 1};
        double[] shifted = {0.5, 0.5, 1.5, 0.5, 1.5, 1.5, 0.5, 1.5};
        double[] reversedRotated = {1.5, 1.5, 1.5, 0.5, 0.5, 0.5, 0.5, 1.5};
        assertEquals(0.14285714285714285, PolyIou.iou(sq, shifted), 1e-15); // the devkit's own example, run through polyiou
        assertEquals(0.14285714285714285, PolyIou.iou(sq, reversedRotated), 1e-15);
        double[] diamond = {1, 0, 2, 1, 1, 2, 0, 1}; // a square turned 45°, area 2
        double[] box = {0, 0, 2, 0, 2, 2, 0, 2}; // area 4, holds the diamond
        assertEquals(0.5, PolyIou.iou(diamond, box), 1e-15);
        // oriented: the diamond detected as the box has IoU exactly 0.5, not above: FP
        assertEquals(0.0, ap(DotaEval.Task.TASK1, List.of(obj("a", false, diamond)), List.of(det("P1", .9, box)),
                ApMethod.VOC07), 0);
        assertEquals(1.0, ap(DotaEval.Task.TASK1, List.of(obj("a", false, diamond)),
                List.of(det("P1", .9, 0, 1, 1, 2, 2, 1, 1, 0)), ApMethod.VOC07), EPS);
    }

    @Test
    void difficultGtIsNotCountedAndItsDetectionIsNeitherTpNorFp() {
        List<DotaObject> g = List.of(obj("a", false, 0, 0, 10, 0, 10, 10, 0, 10), obj("a", true, 50, 50, 60, 50, 60, 60, 50, 60));
        List<DotaDetection> d = List.of(det("P1", .9, 50, 50, 60, 60), det("P1", .8, 0, 0, 10, 10));
        DotaEval.Result r = DotaEval.evaluate(DotaEval.Task.TASK2, List.of("P1"), Map.of("P1", g), Map.of("a", d),
                List.of("a"), ApMethod.VOC07);
        assertEquals(1, r.classes().get(0).npos());
        assertEquals(1, r.classes().get(0).tp());
        assertEquals(0, r.classes().get(0).fp());
        assertEquals(1.0, r.mAP(), EPS);
    }

    @Test
    void aTakenArgmaxGtMakesAFalsePositiveWithoutFallBack() {
        // GT A [0,0,10,10] and GT B [2,0,12,10]; the second detection's best is A (taken) though B also overlaps > .5
        List<DotaObject> g = List.of(obj("a", false, 0, 0, 10, 0, 10, 10, 0, 10), obj("a", false, 2, 0, 12, 0, 12, 10, 2, 10));
        List<DotaDetection> d = List.of(det("P1", .9, 0, 0, 10, 10), det("P1", .8, 1, 0, 11, 10));
        DotaEval.Result r = DotaEval.evaluate(DotaEval.Task.TASK2, List.of("P1"), Map.of("P1", g), Map.of("a", d),
                List.of("a"), ApMethod.VOC07);
        assertEquals(1, r.classes().get(0).tp());
        assertEquals(1, r.classes().get(0).fp());
    }

    @Test
    void voc07ElevenPointAndAllPointDiffer() {
        // recall .5 at precision 1: VOC07 takes t = 0 … 0.5 (6 of 11 points), all-point gives 0.5
        List<DotaObject> g = List.of(obj("a", false, 0, 0, 9, 0, 9, 9, 0, 9), obj("a", false, 50, 50, 59, 50, 59, 59, 50, 59));
        List<DotaDetection> d = List.of(det("P1", .9, 0, 0, 9, 9));
        assertEquals(6 / 11.0, ap(DotaEval.Task.TASK2, g, d, ApMethod.VOC07), EPS);
        assertEquals(0.5, ap(DotaEval.Task.TASK2, g, d, ApMethod.ALL_POINTS), EPS);
    }

    @Test
    void aClassWithoutGtScoresZeroAndCountsInTheMean() {
        List<DotaObject> g = List.of(obj("a", false, 0, 0, 9, 0, 9, 9, 0, 9));
        DotaEval.Result r = DotaEval.evaluate(DotaEval.Task.TASK2, List.of("P1"), Map.of("P1", g),
                Map.of("a", List.of(det("P1", .9, 0, 0, 9, 9)), "b", List.of(det("P1", .5, 0, 0, 9, 9))), List.of("a", "b"),
                ApMethod.VOC07);
        assertEquals(0.0, r.classes().get(1).ap(), 0);
        assertEquals(0.5, r.mAP(), EPS);
        DotaEval.Result all = DotaEval.evaluate(DotaEval.Task.TASK2, List.of("P1"), Map.of("P1", g),
                Map.of("a", List.of(det("P1", .9, 0, 0, 9, 9)), "b", List.of(det("P1", .5, 0, 0, 9, 9))), List.of("a", "b"),
                ApMethod.ALL_POINTS);
        assertTrue(Double.isNaN(all.classes().get(1).ap()), "all-point AP of a class without GT is the devkit's 0/0");
    }

    @Test
    void headerLinesAndShortLinesAreSkipped(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("P1.txt");
        Files.writeString(f, "imagesource:GoogleEarth\ngsd:0.146\n1 1 5 1 5 5 1 5 plane 0\n2 2 6 2 6 6 2 6 ship 1\n");
        List<DotaObject> o = DotaObject.read(f);
        assertEquals(2, o.size());
        assertTrue(o.get(1).difficult());
        DotaObject.write(dir.resolve("out.txt"), o);
        assertEquals(o, DotaObject.read(dir.resolve("out.txt")));
    }
}
