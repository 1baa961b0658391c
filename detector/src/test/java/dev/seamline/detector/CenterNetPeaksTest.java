package dev.seamline.detector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Java peak search of the CenterNet decoder against its NDArray definition (cells equal to their
 * 3×3 max-pool, top-k over all classes, above the threshold), which {@code TensorTest} checks against
 * max-pooling itself: random heatmaps with plateaus (ties), peaks on the borders, and a limit that cuts.
 */
class CenterNetPeaksTest {

    /** The NDArray route: the set of cell indices of the top {@code limit} peaks above the threshold. */
    private static List<Integer> reference(NDManager m, float[] heat, int c, int h, int w, float threshold, int limit) {
        NDArray x = m.create(heat, new Shape(1, c, h, w));
        NDArray pooled = CenterNetTranslator.max3x3(x);
        NDArray peaks = x.mul(x.eq(pooled).toType(DataType.FLOAT32, false)).reshape(-1);
        float[] v = peaks.toFloatArray();
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            if (v[i] > threshold) {
                idx.add(i);
            }
        }
        idx.sort((a, b) -> v[a] != v[b] ? Float.compare(v[b], v[a]) : Integer.compare(a, b));
        return idx.subList(0, Math.min(limit, idx.size()));
    }

    @Test
    void javaPeaksEqualTheNdArrayRoute() {
        Random r = new Random(5);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            for (int round = 0; round < 40; round++) {
                int c = 1 + r.nextInt(4);
                int h = 1 + r.nextInt(20);
                int w = 1 + r.nextInt(20);
                float[] heat = new float[c * h * w];
                for (int i = 0; i < heat.length; i++) {
                    // coarse levels make plateaus and ties; some maps are nearly flat
                    heat[i] = round % 3 == 0 ? r.nextInt(4) / 4f : r.nextFloat();
                }
                float threshold = round % 2 == 0 ? 0.3f : 0f;
                int limit = round % 5 == 0 ? 3 : 1000;
                List<Integer> expected = reference(m, heat, c, h, w, threshold, limit);
                // a tile in the middle of a batch: the search starts at its offset
                float[] batch = new float[heat.length * 3];
                System.arraycopy(heat, 0, batch, heat.length, heat.length);
                long[] got = CenterNetTranslator.peaks(batch, heat.length, c, h, w, threshold, limit);
                int[] gotIdx = new int[got.length];
                for (int i = 0; i < got.length; i++) {
                    gotIdx[i] = (int) got[i];
                }
                assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), gotIdx,
                        "round " + round + ": " + c + "x" + h + "x" + w);
            }
        }
    }

    @Test
    void bordersAndPlateaus() {
        // 1 class, 3 x 4: a corner peak, a two-cell plateau (both cells are peaks), a cell beaten by a neighbour
        float[] heat = {
            0.9f, 0.1f, 0.5f, 0.5f,
            0.1f, 0.1f, 0.1f, 0.1f,
            0.2f, 0.1f, 0.1f, 0.4f};
        long[] got = CenterNetTranslator.peaks(heat, 0, 1, 3, 4, 0.15f, 10);
        int[] idx = new int[got.length];
        for (int i = 0; i < got.length; i++) {
            idx[i] = (int) got[i];
        }
        assertArrayEquals(new int[] {0, 2, 3, 11, 8}, idx);
        assertTrue(CenterNetTranslator.peaks(heat, 0, 1, 3, 4, 0.95f, 10).length == 0);
    }
}
