package dev.seamline.tiling.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.tiling.TileGrid;
import dev.seamline.tiling.TileLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A scene that is one tile has no seams: the detector's own detections come out as they went in, clipped to
 * the scene, never merged again. Here a box sticking out of the scene overlaps an inner box of lower score by
 * IoU 0.45 (kept by the model's own NMS at 0.7) but by 0.71 once clipped, so a second merge at IoU 0.5 would
 * drop the inner one; and two detections the model kept overlap by 0.54. With two tiles they are merged.
 */
class OneTileSceneTest {

    private static final Detection BORDER = Detection.of(new Box(-40, 100, 60, 200), 0, 0.9);   // clipped: [0, 60)
    private static final Detection INNER = Detection.of(new Box(10, 100, 70, 200), 0, 0.5);
    private static final Detection A = Detection.of(new Box(300, 300, 400, 400), 1, 0.8);
    private static final Detection B = Detection.of(new Box(300, 330, 400, 430), 1, 0.7);       // IoU(A, B) = 0.54

    @Test
    void oneTileGivesTheDetectorsOwnResult() {
        TileGrid grid = TileGrid.of(640, 640, TileLayout.of(640, 128));
        assertEquals(1, grid.size());
        MergeStrategy nms = new GreedyNms(Matching.iou(0.5));
        List<Detection> in = List.of(BORDER, INNER, A, B);
        List<Detection> out = SeamMerger.mergeAll(grid, nms, SeamRule.DEFAULT, Map.of(grid.tile(0), in));
        List<Detection> expected = new ArrayList<>(List.of(Detection.of(new Box(0, 100, 60, 200), 0, 0.9), INNER, A, B));
        OutputOrder.sort(expected);
        assertEquals(expected, out);
    }

    @Test
    void twoTilesStillMerge() {
        TileGrid grid = TileGrid.of(1000, 640, TileLayout.of(640, 128));
        assertEquals(2, grid.size());
        List<Detection> out = SeamMerger.mergeAll(grid, new GreedyNms(Matching.iou(0.5)), SeamRule.DEFAULT,
                Map.of(grid.tile(0), List.of(BORDER, INNER, A, B)));
        assertEquals(2, out.size(), "the clipped border box suppresses the inner one, A suppresses B: " + out);
    }
}
