package dev.seamline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.seamline.formats.spacenet.SpaceNetFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.io.WKTReader;

/** The solaris quirks of ../shared/METRICS.md on hand-made footprints (repairs checked against shapely 1.8). */
class SpaceNetQuirksTest {

    private static SpaceNetFormat.Footprint fp(String wkt, double conf) throws Exception {
        return new SpaceNetFormat.Footprint("AOI_1_img1", new WKTReader().read(wkt), conf);
    }

    @Test
    void aMatchNeedsIouStrictlyAboveHalf() throws Exception {
        var gt = List.of(fp("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))", 1));
        var half = List.of(fp("POLYGON ((0 0, 10 0, 10 20, 0 20, 0 0))", 1)); // IoU 100/200
        assertEquals(new SpaceNetEval.Counts(0, 1, 1), SpaceNetEval.score(gt, half, 0, false).total());
        var more = List.of(fp("POLYGON ((0 0, 10 0, 10 19, 0 19, 0 0))", 1));
        assertEquals(new SpaceNetEval.Counts(1, 0, 0), SpaceNetEval.score(gt, more, 0, false).total());
    }

    @Test
    void csvModeKeepsGtFromTwentyAndProposalsAboveTwenty() throws Exception {
        var gt = List.of(fp("POLYGON ((0 0, 4 0, 4 5, 0 5, 0 0))", 1)); // area 20: kept
        var pred = List.of(fp("POLYGON ((0 0, 4 0, 4 5, 0 5, 0 0))", 1)); // area 20: dropped
        assertEquals(new SpaceNetEval.Counts(0, 0, 1), SpaceNetEval.score(gt, pred, SpaceNetEval.MIN_AREA, true).total());
    }

    @Test
    void invalidProposalsAreRepairedWithBufferZero() throws Exception {
        // the bowtie's buffer(0) keeps one lobe, POLYGON ((5 5, 10 10, 10 0, 5 5)), as shapely does
        var gt = List.of(fp("POLYGON ((5 5, 10 10, 10 0, 5 5))", 1));
        var pred = List.of(fp("POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))", 1));
        assertEquals(new SpaceNetEval.Counts(1, 0, 0), SpaceNetEval.score(gt, pred, 0, false).total());
        // in CSV mode the invalid polygon's area (0) fails the area filter first, as in solaris
        assertEquals(new SpaceNetEval.Counts(0, 0, 1), SpaceNetEval.score(gt, pred, SpaceNetEval.MIN_AREA, true).total());
    }

    @Test
    void proposalsGoInDescendingConfidenceAndTakeTheBestRemainingGt() throws Exception {
        var gt = List.of(fp("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))", 1));
        // the lower-confidence proposal fits better but comes second: the GT is gone
        var pred = List.of(fp("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))", 0.2), fp("POLYGON ((0 0, 10 0, 10 12, 0 12, 0 0))", 0.9));
        SpaceNetEval.Counts c = SpaceNetEval.score(gt, pred, 0, false).total();
        assertEquals(new SpaceNetEval.Counts(1, 1, 0), c);
        assertEquals(0.5, c.precision(), 0);
        assertEquals(2 * 0.5 / 1.5, c.f1(), 1e-15);
    }
}
