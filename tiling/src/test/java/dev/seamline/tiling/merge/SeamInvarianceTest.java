package dev.seamline.tiling.merge;

import dev.seamline.tiling.EdgePolicy;
import dev.seamline.tiling.Overlap;
import dev.seamline.tiling.TileGrid;
import dev.seamline.tiling.TileLayout;
import dev.seamline.core.Detection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The invariance criterion: for a scene with known objects (12–60 px, so smaller than every
 * overlap tried), the merged output is the same set of objects, one-to-one at IoU ≥ 0.95, for tile
 * sizes 512, 768 and 1024 and overlaps 64, 128 and 256, and no duplicate pair remains.
 */
class SeamInvarianceTest {

    private static final SyntheticScene SCENE = SyntheticScene.generate(3001, 2503, 3000, 12, 60, 42);

    static List<Arguments> grids() {
        List<Arguments> a = new ArrayList<>();
        for (int size : new int[] {512, 768, 1024}) {
            for (int overlap : new int[] {64, 128, 256}) {
                a.add(Arguments.of(size, overlap, EdgePolicy.SHIFT_INSIDE));
            }
        }
        a.add(Arguments.of(512, 128, EdgePolicy.PAD));
        a.add(Arguments.of(1024, 64, EdgePolicy.PAD));
        return a;
    }

    static List<MergeStrategy> strategies() {
        return List.of(
                GreedyNms.iou(0.5),
                new SoftNms(Matching.iou(0.5), SoftNms.Decay.GAUSSIAN, 0.5, 0.3),
                new SoftNms(Matching.iou(0.3), SoftNms.Decay.LINEAR, 0.5, 0.3),
                new WeightedBoxFusion(Matching.iou(0.55), 1),
                new GreedyNmm(Matching.ios(0.5)));
    }

    @ParameterizedTest(name = "tile {0}, overlap {1}, {2}")
    @MethodSource("grids")
    void sameObjectsForEveryTileSizeAndOverlap(int size, int overlap, EdgePolicy policy) {
        TileGrid grid = TileGrid.of(SCENE.width, SCENE.height, new TileLayout(size, Overlap.ofPixels(overlap), policy));
        var perTile = SCENE.detectAll(grid);
        int raw = perTile.values().stream().mapToInt(List::size).sum();
        org.junit.jupiter.api.Assertions.assertTrue(raw > SCENE.truth.size() * 1.1,
                "the simulated detector gives seam duplicates: " + raw + " for " + SCENE.truth.size());
        for (MergeStrategy s : strategies()) {
            List<Detection> merged = SeamMerger.mergeAll(grid, s, SeamRule.DEFAULT, perTile);
            String what = s + " tile " + size + " overlap " + overlap + " " + policy;
            MergeAssertions.assertOneToOne(SCENE.truth, merged, 0.95, what);
            MergeAssertions.assertNoDuplicatePair(merged, what);
        }
    }

    /** Without the seam rule, greedy NMS alone leaves cut fragments behind: the rule is what fixes it. */
    @Test
    void nmsAloneLeavesFragments() {
        TileGrid grid = TileGrid.of(SCENE.width, SCENE.height, TileLayout.of(512, 128));
        List<Detection> merged = SeamMerger.mergeAll(grid, GreedyNms.iou(0.5), SeamRule.OFF, SCENE.detectAll(grid));
        org.junit.jupiter.api.Assertions.assertTrue(merged.size() > SCENE.truth.size() * 1.02,
                "fragments expected without the seam rule: " + merged.size() + " for " + SCENE.truth.size());
    }
}
