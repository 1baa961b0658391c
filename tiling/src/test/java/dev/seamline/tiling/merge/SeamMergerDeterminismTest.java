package dev.seamline.tiling.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.tiling.Tile;
import dev.seamline.tiling.TileGrid;
import dev.seamline.tiling.TileLayout;
import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.core.OrientedBox;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Output is identical (same bands, same detections, same order, bit for bit) whatever the order in
 * which tiles finish and however many threads hand them in, and equals the one-call whole-scene merge.
 */
class SeamMergerDeterminismTest {

    private static final SyntheticScene SCENE = SyntheticScene.generate(2600, 2100, 2500, 10, 60, 7);

    static List<MergeStrategy> strategies() {
        return SeamInvarianceTest.strategies();
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void sameBandsWhateverTheOrderAndThreadCount(MergeStrategy strategy) throws Exception {
        TileGrid grid = TileGrid.of(SCENE.width, SCENE.height, TileLayout.of(512, 96));
        Map<Tile, List<Detection>> perTile = withCrowdAndOrientedBoxes(grid, SCENE.detectAll(grid));
        List<List<Detection>> reference = inOrder(grid, strategy, perTile, grid.tiles());
        assertTrue(reference.size() > 1, "streams in several bands");
        List<Detection> flat = new ArrayList<>(reference.stream().flatMap(List::stream).toList());
        OutputOrder.sort(flat);
        assertEquals(SeamMerger.mergeAll(grid, strategy, SeamRule.DEFAULT, perTile), flat);

        Random random = new Random(1);
        for (int trial = 0; trial < 4; trial++) {
            List<Tile> order = new ArrayList<>(grid.tiles());
            Collections.shuffle(order, random);
            assertEquals(reference, inOrder(grid, strategy, perTile, order), "shuffled order " + trial);
        }
        List<Tile> reversed = new ArrayList<>(grid.tiles());
        Collections.reverse(reversed);
        assertEquals(reference, inOrder(grid, strategy, perTile, reversed), "reversed order");
        for (int threads : new int[] {1, 2, 4, 8}) {
            assertEquals(reference, threaded(grid, strategy, perTile, threads), threads + " threads");
        }
    }

    /** Adds a dense crowd of overlapping boxes and some oriented detections, so every code path runs. */
    static Map<Tile, List<Detection>> withCrowdAndOrientedBoxes(TileGrid grid, Map<Tile, List<Detection>> perTile) {
        Random r = new Random(3);
        Map<Tile, List<Detection>> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<Tile, List<Detection>> e : perTile.entrySet()) {
            List<Detection> list = new ArrayList<>(e.getValue());
            Box w = e.getKey().window().toBox();
            for (int k = 0; k < 40; k++) {
                double cx = w.x0() + 100 + r.nextDouble() * 60, cy = w.y0() + 100 + r.nextDouble() * 60;
                list.add(Detection.of(Box.ofCenter(cx, cy, 20 + r.nextDouble() * 20, 20 + r.nextDouble() * 20),
                        r.nextInt(2), Math.round(r.nextDouble() * 20) / 20.0)); // coarse scores: many ties
            }
            for (int k = 0; k < 10; k++) {
                double cx = w.x0() + 300 + r.nextDouble() * 50, cy = w.y0() + 300 + r.nextDouble() * 50;
                list.add(Detection.of(new OrientedBox(cx, cy, 30, 12, r.nextDouble() * Math.PI), 0, r.nextDouble()));
            }
            out.put(e.getKey(), list);
        }
        return out;
    }

    private static List<List<Detection>> inOrder(TileGrid grid, MergeStrategy s, Map<Tile, List<Detection>> perTile,
            List<Tile> order) {
        List<List<Detection>> bands = new ArrayList<>();
        SeamMerger m = new SeamMerger(grid, s, SeamRule.DEFAULT, bands::add);
        for (Tile t : order) {
            m.accept(t, perTile.get(t));
        }
        m.finish();
        assertEquals(0, m.held());
        return bands;
    }

    private static List<List<Detection>> threaded(TileGrid grid, MergeStrategy s, Map<Tile, List<Detection>> perTile,
            int threads) throws InterruptedException {
        List<List<Detection>> bands = Collections.synchronizedList(new ArrayList<>());
        SeamMerger m = new SeamMerger(grid, s, SeamRule.DEFAULT, bands::add);
        ConcurrentLinkedQueue<Tile> queue = new ConcurrentLinkedQueue<>(grid.tiles());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int i = 0; i < threads; i++) {
            pool.submit(() -> {
                Tile t;
                while ((t = queue.poll()) != null) {
                    m.accept(t, perTile.get(t));
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        m.finish();
        return bands;
    }

    /** Streaming without the seam rule is exactly the textbook merge of all tiles' detections at once. */
    @Test
    void streamingWithoutTheSeamRuleEqualsTheTextbookMerge() {
        TileGrid grid = TileGrid.of(SCENE.width, SCENE.height, TileLayout.of(512, 96));
        Map<Tile, List<Detection>> perTile = withCrowdAndOrientedBoxes(grid, SCENE.detectAll(grid));
        List<Detection> all = perTile.values().stream().flatMap(List::stream).toList();
        Matching m = Matching.iou(0.5);
        assertEquals(NaiveMerges.greedyNms(all, m), SeamMerger.mergeAll(grid, new GreedyNms(m), SeamRule.OFF, perTile));
        assertEquals(NaiveMerges.greedyNmm(all, Matching.ios(0.6)),
                SeamMerger.mergeAll(grid, new GreedyNmm(Matching.ios(0.6)), SeamRule.OFF, perTile));
    }

    /** Memory holds only the band in progress: never more than a few tile rows' worth of detections. */
    @Test
    void holdsOnlyTheActiveBand() {
        TileGrid grid = TileGrid.of(SCENE.width, SCENE.height, TileLayout.of(256, 32));
        Map<Tile, List<Detection>> perTile = SCENE.detectAll(grid);
        int total = perTile.values().stream().mapToInt(List::size).sum();
        int worstTwoRows = 0;
        for (int r = 0; r + 1 < grid.rows(); r++) {
            int sum = 0;
            for (int c = 0; c < grid.columns(); c++) {
                sum += perTile.get(grid.tile(c, r)).size() + perTile.get(grid.tile(c, r + 1)).size();
            }
            worstTwoRows = Math.max(worstTwoRows, sum);
        }
        SeamMerger m = new SeamMerger(grid, GreedyNms.iou(0.5), SeamRule.DEFAULT, band -> { });
        for (Tile t : grid.tiles()) {
            m.accept(t, perTile.get(t));
        }
        m.finish();
        assertTrue(m.maxHeld() <= worstTwoRows, "held " + m.maxHeld() + ", two rows hold " + worstTwoRows);
        assertTrue(m.maxHeld() < total / 3, "held " + m.maxHeld() + " of " + total);
    }

    @Test
    void rejectsMisuse() {
        TileGrid grid = TileGrid.of(1000, 1000, TileLayout.of(512, 64));
        SeamMerger m = new SeamMerger(grid, GreedyNms.iou(0.5), SeamRule.DEFAULT, band -> { });
        m.skip(grid.tile(0));
        assertThrows(IllegalStateException.class, () -> m.accept(grid.tile(0), List.of()));
        TileGrid other = TileGrid.of(1000, 1000, TileLayout.of(256, 64));
        assertThrows(IllegalArgumentException.class, () -> m.accept(other.tile(1), List.of()));
        assertThrows(IllegalStateException.class, m::finish);
    }
}
