package dev.seamline.detector;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import java.util.ArrayList;
import java.util.List;

/**
 * CenterNet (Zhou et al., "Objects as Points", 2019): heatmap {@code [B, C, H/s, W/s]} of centre
 * probabilities, size {@code [B, 2, H/s, W/s]} (box width and height in input pixels), and optionally
 * offset {@code [B, 2, H/s, W/s]} (the centre's position inside its cell, in cells from the cell's
 * top-left corner; 0.5, the cell centre, without it). Peaks are the cells equal to their 3×3
 * max-pool (padding 1), found in Java over one copy of the heads ({@link #peaks}; {@link #max3x3} is
 * the NDArray form); the top {@code maxDetections} peaks over all classes whose score exceeds the
 * threshold become boxes centred at ((i + offset.x)·s, (j + offset.y)·s).
 */
final class CenterNetTranslator extends TileTranslator {

    CenterNetTranslator(Builder b) {
        super(b);
    }

    @Override
    List<List<Detection>> decode(NDList output, int batch) {
        if (output.size() < 2 || output.size() > 3) {
            throw new OutputLayoutException("CENTERNET output: expected 2 or 3 tensors (heatmap, size[, offset]), found "
                    + output.size() + describe(output));
        }
        NDArray heat = output.get(0);
        long[] hs = heat.getShape().getShape();
        if (hs.length != 4 || hs[0] != batch) {
            throw new OutputLayoutException("CENTERNET heatmap: expected [" + batch + ", C, H/s, W/s], found "
                    + shapeText(heat));
        }
        if (hs[1] != classSlots) {
            throw new OutputLayoutException("CENTERNET heatmap: expected " + classSlots
                    + " channels for the catalog's classes, found " + shapeText(heat) + " (" + hs[1] + " classes)");
        }
        int gh = (int) hs[2];
        int gw = (int) hs[3];
        if (gh * outputStride != height || gw * outputStride != width) {
            throw new OutputLayoutException("CENTERNET heatmap: expected " + (height / outputStride) + "x"
                    + (width / outputStride) + " cells (input " + width + "x" + height + ", output_stride "
                    + outputStride + "), found " + shapeText(heat));
        }
        Shape pair = new Shape(batch, 2, gh, gw);
        for (int k = 1; k < output.size(); k++) {
            if (!output.get(k).getShape().equals(pair)) {
                throw new OutputLayoutException("CENTERNET " + (k == 1 ? "size" : "offset") + ": expected " + pair
                        + ", found " + shapeText(output.get(k)));
            }
        }
        // One copy of each head to Java, then the peak search there: most cells fall below the threshold
        // at the first comparison, so this is a fraction of the NDArray route (pool, compare, top-k),
        // whose every step walks the whole heatmap in a native call of its own.
        float[] heatmap = heat.toType(DataType.FLOAT32, false).toFloatArray();
        float[] size = output.get(1).toType(DataType.FLOAT32, false).toFloatArray();
        float[] offset = output.size() > 2 ? output.get(2).toType(DataType.FLOAT32, false).toFloatArray() : null;
        int cells = gh * gw;
        List<List<Detection>> result = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            long[] peaks = peaks(heatmap, i * classSlots * cells, classSlots, gh, gw, threshold, maxDetections);
            List<Detection> dets = new ArrayList<>(peaks.length);
            for (long packed : peaks) {
                int idx = (int) packed;
                float score = heatmap[i * classSlots * cells + idx];
                int cls = idx / cells;
                int cell = idx % cells;
                int y = cell / gw;
                int x = cell % gw;
                int base = i * 2 * cells + cell;
                double ox = offset == null ? 0.5 : offset[base];
                double oy = offset == null ? 0.5 : offset[base + cells];
                double cx = (x + ox) * outputStride;
                double cy = (y + oy) * outputStride;
                double bw = size[base];
                double bh = size[base + cells];
                dets.add(Detection.of(Box.ofCenter(cx, cy, bw, bh), cls, YoloTranslator.checkedScore(score)));
            }
            result.add(dets);
        }
        return result;
    }

    /**
     * The peaks of one tile's heatmap {@code [C, H, W]} (from {@code from} in {@code heat}): the cells
     * above {@code threshold} that equal the maximum of their 3×3 neighbourhood (cells outside the map
     * do not count, as with −∞ padding; {@link #max3x3} is the NDArray form, and the reference of the
     * tests), at most {@code limit} of them, highest score first (ties: lower class, then row-major
     * cell first). Each is returned as its index {@code c·H·W + y·W + x}, in a long whose high half holds
     * the score's bits, so that one primitive sort orders them.
     */
    static long[] peaks(float[] heat, int from, int classes, int h, int w, float threshold, int limit) {
        long[] found = new long[16];
        int n = 0;
        for (int c = 0; c < classes; c++) {
            int plane = from + c * h * w;
            for (int y = 0; y < h; y++) {
                int row = plane + y * w;
                for (int x = 0; x < w; x++) {
                    float v = heat[row + x];
                    if (!(v > threshold) || !isPeak(heat, row, x, y, w, h, v)) {
                        continue;
                    }
                    if (n == found.length) {
                        found = java.util.Arrays.copyOf(found, n * 2);
                    }
                    // scores are in (threshold, 1]: positive floats order as their bits do; the complement
                    // sorts the best first, the index breaks ties in ascending order
                    long bits = Float.floatToRawIntBits(v);
                    found[n++] = ((0x7fffffffL - bits) << 32) | (row + x - from);
                }
            }
        }
        java.util.Arrays.sort(found, 0, n);
        return java.util.Arrays.copyOf(found, Math.min(n, limit));
    }

    private static boolean isPeak(float[] heat, int row, int x, int y, int w, int h, float v) {
        int x0 = Math.max(0, x - 1);
        int x1 = Math.min(w - 1, x + 1);
        for (int yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) {
            int r = row + (yy - y) * w;
            for (int xx = x0; xx <= x1; xx++) {
                if (heat[r + xx] > v) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The 3×3 max-pool (stride 1, padding 1) of {@code [B, C, H, W]}, as the maximum of shifted copies,
     * separably: a row pass then a column pass, the edge repeating itself (which leaves a maximum
     * unchanged, as −∞ padding does). Equal to {@code max_pool2d} element for element, and several
     * times faster than DJL's pooling on the CPU.
     */
    static NDArray max3x3(NDArray x) {
        NDArray left = x.get("..., :1").concat(x.get("..., :-1"), 3);
        NDArray right = x.get("..., 1:").concat(x.get("..., -1:"), 3);
        NDArray rows = x.maximum(left).maximum(right);
        NDArray up = rows.get(":, :, :1, :").concat(rows.get(":, :, :-1, :"), 2);
        NDArray down = rows.get(":, :, 1:, :").concat(rows.get(":, :, -1:, :"), 2);
        return rows.maximum(up).maximum(down);
    }

    private static String describe(NDList list) {
        List<String> shapes = new ArrayList<>();
        for (NDArray a : list) {
            shapes.add(shapeText(a));
        }
        return " " + shapes;
    }
}
