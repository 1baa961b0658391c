package dev.seamline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.core.BadInputException;
import dev.seamline.core.Box;
import dev.seamline.formats.xview.XviewFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each xView scorer quirk of ../shared/METRICS.md on a hand-made case, and the corrected recall. */
class XviewQuirksTest {

    private static XviewFormat.Truth t(String chip, int c, double x0, double y0, double x1, double y1) {
        return new XviewFormat.Truth(chip, c, new Box(x0, y0, x1, y1));
    }

    private static XviewFormat.Detection d(int c, double s, double x0, double y0, double x1, double y1) {
        return new XviewFormat.Detection(new Box(x0, y0, x1, y1), c, s);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> per(XviewEval.Outcome o, String key) {
        return (Map<String, Object>) o.values().get(key);
    }

    @Test
    void gtCountsOnlyWhereTheChipHasADetectionOfThatClassUnlessFixed() {
        List<XviewFormat.Truth> gt = List.of(t("1.tif", 11, 0, 0, 10, 10), t("1.tif", 11, 50, 50, 60, 60),
                t("2.tif", 11, 0, 0, 10, 10), t("3.tif", 11, 0, 0, 10, 10));
        Map<String, List<XviewFormat.Detection>> pred = new TreeMap<>();
        pred.put("1.tif", List.of(d(11, .9, 0, 0, 10, 10)));
        pred.put("2.tif", List.of(d(13, .9, 0, 0, 10, 10))); // another class only: chip 2's class-11 GT vanishes
        // chip 3 has no prediction file: its GT vanishes too
        XviewEval.Outcome quirk = XviewEval.score(gt, pred, false);
        XviewEval.Outcome fixed = XviewEval.score(gt, pred, true);
        assertEquals(2L, per(quirk, "per_class_num_gt_counted").get("11"));
        assertEquals(4L, per(fixed, "per_class_num_gt_counted").get("11"));
        assertEquals(0.5, (double) quirk.values().get("mar_score"), 1e-15);
        assertEquals(0.25, (double) fixed.values().get("mar_score"), 1e-15);
        assertEquals(0.5, (double) per(quirk, "per_class_AP").get("11"), 1e-12);
        assertEquals(0.25, (double) per(fixed, "per_class_AP").get("11"), 1e-12);
    }

    @Test
    void iouAtHalfMatchesAndATakenArgmaxIsAFalsePositive() {
        List<XviewFormat.Truth> gt = List.of(t("1.tif", 11, 0, 0, 10, 20), t("1.tif", 11, 3, 0, 13, 10));
        Map<String, List<XviewFormat.Detection>> pred = Map.of("1.tif",
                List.of(d(11, .9, 0, 0, 10, 10), d(11, .8, 1, 0, 11, 10)));
        // det 1: IoU .5 with GT 0 (>= .5 matches), 7/13 with GT 1 -> argmax GT 1; det 2: argmax GT 1 (taken) -> FP
        assertEquals(0.5, XviewEval.iou(new Box(0, 0, 10, 10), new Box(0, 0, 10, 20)), 0);
        XviewEval.Outcome o = XviewEval.score(gt, pred, false);
        assertEquals(0.5, (double) o.values().get("map_score"), 1e-15);
    }

    @Test
    void ignoredClassesAndClassesWithoutGtAreLeftOut() {
        List<XviewFormat.Truth> gt = List.of(t("1.tif", 11, 0, 0, 10, 10), t("1.tif", 75, 20, 20, 30, 30),
                t("1.tif", 13, 40, 40, 50, 50));
        Map<String, List<XviewFormat.Detection>> pred = Map.of("1.tif", List.of(d(11, .9, 0, 0, 10, 10),
                d(75, .9, 20, 20, 30, 30), d(99, .9, 40, 40, 50, 50)));
        XviewEval.Outcome o = XviewEval.score(gt, pred, false);
        assertTrue(Double.isNaN((double) per(o, "per_class_AP").get("75")));
        assertEquals(0.0, (double) per(o, "per_class_AP").get("13"), 0); // nothing counted: AP 0, still in the mean
        assertNull(per(o, "per_class_AP").get("99"));
        assertEquals(0.5, (double) o.values().get("map"), 1e-12);
        assertEquals(0.0, (double) o.values().get("map/large"), 0); // class 13 is "large"
        assertEquals(1.0, (double) o.values().get("map/medium"), 1e-12); // class 11 is "medium"
        assertTrue(Double.isNaN((double) o.values().get("map/small")));
    }

    @Test
    void scoreZeroIsDroppedAndBadLinesAreErrors(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("1.tif.txt");
        Files.writeString(f, "0 0 10 10 11 0\n0 0 10 10 11 0.5\n");
        assertEquals(1, XviewFormat.readFile(f).size());
        Files.writeString(f, "0 0 10 10 11 0.5\n-1 0 10 10 11 0.5\n");
        BadInputException e = assertThrows(BadInputException.class, () -> XviewFormat.readFile(f));
        assertTrue(e.getMessage().contains("1.tif.txt: line 2: bounding boxes cannot be negative"), e.getMessage());
        Files.writeString(f, "0 0 10 10 11 1.5\n");
        e = assertThrows(BadInputException.class, () -> XviewFormat.readFile(f));
        assertTrue(e.getMessage().endsWith("line 1: score 1.5 is outside [0, 1]"), e.getMessage());
        Files.writeString(f, "");
        assertEquals(List.of(new XviewFormat.Detection(new Box(0, 0, 0, 0), 0, 0)), XviewFormat.readFile(f));
    }

    @Test
    void writersRoundTrip(@TempDir Path dir) throws Exception {
        List<XviewFormat.Truth> gt = List.of(t("5.tif", 11, 1, 2, 30, 40), t("6.tif", 73, 0, 0, 5, 5));
        XviewFormat.writeTruth(dir.resolve("gt.geojson"), gt);
        assertEquals(gt, XviewFormat.readTruth(dir.resolve("gt.geojson")));
        List<XviewFormat.Detection> ds = List.of(d(11, 0.25, 1.5, 2, 30, 40.5));
        XviewFormat.writeFile(dir.resolve("5.tif.txt"), ds);
        assertEquals(ds, XviewFormat.readFile(dir.resolve("5.tif.txt")));
    }
}
