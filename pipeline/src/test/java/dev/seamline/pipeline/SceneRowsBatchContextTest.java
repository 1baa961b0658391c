package dev.seamline.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A band's forward passes hold exactly the tiles detect's hold: for random grids, skipped tiles, band
 * splits and batch sizes, the batches a band forms over lead + its tiles + tail are detect's batches.
 */
class SceneRowsBatchContextTest {

    @Test
    void everyBandsBatchesAreTheWholeScenesBatches() {
        Random random = new Random(15);
        for (int trial = 0; trial < 2_000; trial++) {
            int columns = 1 + random.nextInt(6);
            int rows = 1 + random.nextInt(9);
            int tiles = rows * columns;
            int batch = 1 + random.nextInt(7);
            BitSet skipped = new BitSet();
            double p = random.nextDouble() * 0.6;
            for (int i = 0; i < tiles; i++) {
                if (random.nextDouble() < p) {
                    skipped.set(i);
                }
            }
            List<List<Integer>> whole = batches(range(0, tiles, skipped), batch);
            int from = random.nextInt(rows);
            int to = from + 1 + random.nextInt(rows - from);
            int first = from * columns, end = to * columns;
            SceneRows.BatchContext c = SceneRows.BatchContext.of(skipped, first, end, tiles, batch);
            List<Integer> seq = new ArrayList<>();
            for (int i : c.lead()) {
                seq.add(i);
            }
            seq.addAll(range(first, end, skipped));
            for (int i : c.tail()) {
                seq.add(i);
            }
            for (List<Integer> b : batches(seq, batch)) {
                assertEquals(true, whole.contains(b), "trial " + trial + ": batch " + b + " is not one of " + whole);
            }
            for (int i : c.lead()) {
                assertEquals(true, i < first && !skipped.get(i));
            }
        }
    }

    @Test
    void aBandAlignedWithTheBatchesNeedsNoContext() {
        SceneRows.BatchContext c = SceneRows.BatchContext.of(new BitSet(), 8, 16, 24, 4);
        assertArrayEquals(new int[0], c.lead());
        assertArrayEquals(new int[0], c.tail());
        SceneRows.BatchContext d = SceneRows.BatchContext.of(new BitSet(), 5, 10, 15, 4);
        assertArrayEquals(new int[] {4}, d.lead());
        assertArrayEquals(new int[] {10, 11}, d.tail());
    }

    private static List<Integer> range(int from, int to, BitSet skipped) {
        List<Integer> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (!skipped.get(i)) {
                out.add(i);
            }
        }
        return out;
    }

    private static List<List<Integer>> batches(List<Integer> seq, int size) {
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < seq.size(); i += size) {
            out.add(seq.subList(i, Math.min(seq.size(), i + size)));
        }
        return out;
    }
}
