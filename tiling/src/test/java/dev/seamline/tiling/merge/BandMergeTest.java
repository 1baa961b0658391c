package dev.seamline.tiling.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.core.OrientedBox;
import dev.seamline.tiling.EdgePolicy;
import dev.seamline.tiling.Overlap;
import dev.seamline.tiling.Tile;
import dev.seamline.tiling.TileGrid;
import dev.seamline.tiling.TileLayout;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Row bands merged in parts ({@link BandMerge}) give exactly {@link SeamMerger}'s bands for the whole
 * scene: random grids, random splits into bands, seven strategies, the seam rule on and off, oriented
 * boxes, seam duplicates, chains of boxes reaching down many rows, and ties.
 */
class BandMergeTest {

    static List<MergeStrategy> strategies() {
        return List.of(
                GreedyNms.iou(0.5),
                new GreedyNms(new Matching(MatchMetric.IOS, 0.6, ClassMode.CLASS_AGNOSTIC)),
                new SoftNms(Matching.iou(0.5), SoftNms.Decay.GAUSSIAN, 0.5, 0.3),
                new SoftNms(Matching.iou(0.3), SoftNms.Decay.LINEAR, 0.5, 0.3),
                new WeightedBoxFusion(Matching.iou(0.55), 1),
                new WeightedBoxFusion(Matching.iou(0.4), 2),
                new GreedyNmm(Matching.ios(0.5)));
    }

    @Test
    void randomSplitsGiveSeamMergersBands() throws Exception {
        Random random = new Random(15);
        int checks = 0;
        long merged = 0, raw = 0;
        for (int scene = 0; scene < 60; scene++) {
            int tile = 96 + random.nextInt(160);
            int overlap = random.nextInt(tile / 2);
            int width = 40 + random.nextInt(600);
            int height = 40 + random.nextInt(900);
            EdgePolicy policy = random.nextInt(4) == 0 ? EdgePolicy.PAD : EdgePolicy.SHIFT_INSIDE;
            TileGrid grid = TileGrid.of(width, height, new TileLayout(tile, Overlap.ofPixels(overlap), policy));
            Map<Integer, List<Detection>> tiles = detections(grid, random);
            for (MergeStrategy strategy : strategies()) {
                for (SeamRule rule : List.of(SeamRule.DEFAULT, SeamRule.OFF)) {
                    List<List<Detection>> expected = new ArrayList<>();
                    SeamMerger reference = new SeamMerger(grid, strategy, rule, expected::add);
                    for (Tile t : grid.tiles()) {
                        reference.accept(t, tiles.getOrDefault(t.index(), List.of()));
                    }
                    reference.finish();
                    for (int split = 0; split < 3; split++) {
                        List<BandMerge.Part> parts = new ArrayList<>();
                        for (int[] rows : split(grid.rows(), random)) {
                            Map<Integer, List<Detection>> band = new TreeMap<>();
                            for (int i = rows[0] * grid.columns(); i < rows[1] * grid.columns(); i++) {
                                if (tiles.containsKey(i)) {
                                    band.put(i, tiles.get(i));
                                }
                            }
                            BandMerge.Part part = BandMerge.band(grid, strategy, rule, rows[0], rows[1], band);
                            merged += part.merged().size();
                            raw += part.raw().size();
                            parts.add(split == 0 ? roundTrip(part) : part);
                        }
                        Collections.shuffle(parts, random);
                        List<List<Detection>> got = new ArrayList<>();
                        BandMerge.assemble(grid, strategy, rule, parts, got::add);
                        assertEquals(expected, got, "scene " + scene + " " + grid + " " + strategy + " " + rule);
                        checks++;
                    }
                }
            }
        }
        assertEquals(2520, checks);
        // both paths run: groups merged in the bands' tasks and groups left raw for the reducer
        assertTrue(merged > 1000 && raw > 1000, merged + " merged in bands, " + raw + " raw");
    }

    @Test
    void rowsOutsideTheGridOrTilesOutsideTheRowsAreRefused() {
        TileGrid grid = TileGrid.of(500, 500, TileLayout.of(128, 32));
        assertThrows(IllegalArgumentException.class,
                () -> BandMerge.band(grid, GreedyNms.iou(0.5), SeamRule.DEFAULT, 2, 2, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> BandMerge.band(grid, GreedyNms.iou(0.5), SeamRule.DEFAULT,
                0, 1, Map.of(grid.columns(), List.of())));
    }

    /** A split of {@code rows} rows into consecutive bands, at random cut points. */
    private static List<int[]> split(int rows, Random random) {
        int bands = 1 + random.nextInt(rows);
        List<Integer> cuts = new ArrayList<>();
        for (int r = 1; r < rows; r++) {
            cuts.add(r);
        }
        Collections.shuffle(cuts, random);
        List<Integer> chosen = new ArrayList<>(cuts.subList(0, bands - 1));
        Collections.sort(chosen);
        chosen.add(0, 0);
        chosen.add(rows);
        List<int[]> out = new ArrayList<>();
        for (int k = 0; k + 1 < chosen.size(); k++) {
            out.add(new int[] {chosen.get(k), chosen.get(k + 1)});
        }
        return out;
    }

    /**
     * What a detector gives per tile for random objects: each object seen by (most of) the tiles it
     * reaches, jittered and clipped to the tile; some oriented, some long enough to chain down many rows,
     * exact duplicates and coarse scores for ties; every tile's list in a random order.
     */
    private static Map<Integer, List<Detection>> detections(TileGrid grid, Random random) {
        int objects = 5 + random.nextInt(60);
        Map<Integer, List<Detection>> out = new TreeMap<>();
        for (int k = 0; k < objects; k++) {
            double w = random.nextInt(15) == 0 ? 100 + random.nextDouble() * 150 : 5 + random.nextDouble() * 40;
            double h = random.nextInt(12) == 0 ? 150 + random.nextDouble() * 250 : 5 + random.nextDouble() * 40;
            double cx = random.nextDouble() * grid.sceneWidth(), cy = random.nextDouble() * grid.sceneHeight();
            int cls = random.nextInt(3);
            double score = Math.round(random.nextDouble() * 9) / 10.0 + 0.05;
            boolean oriented = random.nextInt(6) == 0;
            double angle = random.nextDouble() * Math.PI;
            for (Tile t : grid.tiles()) {
                Box window = t.window().toBox();
                Box object = Box.ofCenter(cx, cy, w, h);
                if (object.intersection(window).isEmpty() || random.nextInt(10) == 0) {
                    continue;
                }
                double j = random.nextInt(3) == 0 ? 0 : random.nextDouble() * 2 - 1;
                double s = random.nextInt(3) == 0 ? score : Math.min(1, score + random.nextInt(3) * 0.05);
                Detection d;
                if (oriented) {
                    d = Detection.of(new OrientedBox(cx + j, cy - j, Math.min(w, 80), Math.min(h, 30), angle), cls, s);
                } else {
                    Box seen = Box.ofCenter(cx + j, cy + j, w, h).intersection(window);
                    if (seen.isEmpty()) {
                        continue;
                    }
                    d = Detection.of(seen, cls, s);
                }
                List<Detection> list = out.computeIfAbsent(t.index(), i -> new ArrayList<>());
                list.add(d);
                if (random.nextInt(15) == 0) {
                    list.add(d); // the detector's own duplicate
                }
            }
        }
        for (List<Detection> list : out.values()) {
            Collections.shuffle(list, random);
        }
        return out;
    }

    private static BandMerge.Part roundTrip(BandMerge.Part part) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
            o.writeObject(part);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            BandMerge.Part back = (BandMerge.Part) in.readObject();
            assertEquals(part, back);
            return back;
        }
    }
}
