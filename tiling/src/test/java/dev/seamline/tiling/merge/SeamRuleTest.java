package dev.seamline.tiling.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.seamline.tiling.Tile;
import dev.seamline.tiling.TileGrid;
import dev.seamline.tiling.TileLayout;
import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.core.OrientedBox;
import dev.seamline.core.PixelWindow;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seam rule on hand-built views, oriented boxes and regions of interest included. */
class SeamRuleTest {

    // two tiles side by side: windows x 0..512 and 384..896, cores split at x = 448
    private final TileGrid grid = TileGrid.of(896, 512, TileLayout.of(512, 128));
    private final Tile left = grid.tile(0, 0);
    private final Tile right = grid.tile(1, 0);

    @Test
    void orientedWholeViewFromTheCoreTileWins() {
        // centre x = 470 lies in the right tile's core; both tiles see it whole; the left view scores higher
        OrientedBox object = new OrientedBox(470, 200, 40, 16, 0.6);
        Detection fromLeft = Detection.of(object.shift(2, -1.5), 0, 0.95); // IoU with the right view ≈ 0.75
        Detection fromRight = Detection.of(object, 0, 0.7);
        List<Detection> merged = SeamMerger.mergeAll(grid, GreedyNms.iou(0.9), SeamRule.DEFAULT,
                Map.of(left, List.of(fromLeft), right, List.of(fromRight)));
        assertEquals(List.of(fromRight), merged);
        // without the rule, NMS at 0.9 keeps both: their IoU is below it
        assertEquals(2, SeamMerger.mergeAll(grid, GreedyNms.iou(0.9), SeamRule.OFF,
                Map.of(left, List.of(fromLeft), right, List.of(fromRight))).size());
    }

    @Test
    void orientedCutViewGivesWay() {
        // the object crosses x = 512, the left tile's edge: the left tile sees the part left of it
        OrientedBox object = new OrientedBox(515, 300, 50, 20, 0.1);
        Detection whole = Detection.of(object, 1, 0.6);
        // the left tile's detector reports a shorter box ending on its edge, with a higher score
        double c = Math.cos(0.1);
        double visible = 25 + (512 - 515) / c; // length along the box axis left of x = 512
        OrientedBox part = new OrientedBox(515 - (25 - visible / 2) * c, 300 - (25 - visible / 2) * Math.sin(0.1),
                visible, 20, 0.1);
        Detection cut = Detection.of(part, 1, 0.9);
        assertEquals(List.of(whole), SeamMerger.mergeAll(grid, GreedyNms.iou(0.5), SeamRule.DEFAULT,
                Map.of(left, List.of(cut), right, List.of(whole))));
    }

    @Test
    void differentClassesDoNotGiveWayWhenClassAware() {
        Detection cut = Detection.of(new Box(495, 200, 512, 240), 0, 0.5);
        Detection whole = Detection.of(new Box(495, 200, 530, 240), 1, 0.9);
        assertEquals(2, SeamMerger.mergeAll(grid, GreedyNms.iou(0.5), SeamRule.DEFAULT,
                Map.of(left, List.of(cut), right, List.of(whole))).size());
        assertEquals(List.of(whole), SeamMerger.mergeAll(grid,
                new GreedyNms(new Matching(MatchMetric.IOU, 0.5, ClassMode.CLASS_AGNOSTIC)), SeamRule.DEFAULT,
                Map.of(left, List.of(cut), right, List.of(whole))));
    }

    @Test
    void aDetectionReachingOutOfItsTileIsClippedToIt() {
        // a detector cannot see past its tile: the part outside the window is dropped
        Detection sticking = Detection.of(new Box(500, 10, 540, 30), 0, 0.8);
        assertEquals(List.of(Detection.of(new Box(500, 10, 512, 30), 0, 0.8)),
                SeamMerger.mergeAll(grid, GreedyNms.iou(0.5), SeamRule.DEFAULT, Map.of(left, List.of(sticking))));
    }

    @Test
    void regionOfInterestEdgesAreNotSeams() {
        TileGrid roi = TileGrid.of(3000, 3000, TileLayout.of(512, 128), new PixelWindow(1000, 1000, 900, 500));
        Tile first = roi.tile(0, 0);
        Tile second = roi.tile(1, 0);
        // an object crossing the region's left edge (x = 1000), where the first tile starts, is seen by
        // that tile only, in part: it is not cut by a seam and stays
        Detection onRoiEdge = Detection.of(new Box(1000, 1100, 1020, 1130), 0, 0.7);
        // an object crossing the seam between the two tiles gives its cut view away
        Detection whole = Detection.of(new Box(1495, 1200, 1530, 1240), 0, 0.6);
        Detection cut = Detection.of(new Box(1495, 1200, 1512, 1240), 0, 0.9);
        List<Detection> merged = SeamMerger.mergeAll(roi, GreedyNms.iou(0.5), SeamRule.DEFAULT,
                Map.of(first, List.of(onRoiEdge, cut), second, List.of(whole)));
        assertEquals(List.of(onRoiEdge, whole), merged);
    }
}
