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
 * max-pool (padding 1), found with NDArray operations ({@link #max3x3}); the top {@code maxDetections} peaks over all
 * classes whose score exceeds the threshold become boxes centred at ((i + offset.x)·s, (j + offset.y)·s).
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
        NDArray pooled = max3x3(heat);
        NDArray peaks = heat.mul(heat.eq(pooled).toType(DataType.FLOAT32, false)).reshape(batch, -1);
        int k = (int) Math.min(maxDetections, peaks.getShape().get(1));
        NDList top = peaks.topK(k, 1, true, true);
        float[] scores = top.get(0).toType(DataType.FLOAT32, false).toFloatArray();
        long[] index = top.get(1).toType(DataType.INT64, false).toLongArray();
        float[] size = output.get(1).toType(DataType.FLOAT32, false).toFloatArray();
        float[] offset = output.size() > 2 ? output.get(2).toType(DataType.FLOAT32, false).toFloatArray() : null;
        int cells = gh * gw;
        List<List<Detection>> result = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            List<Detection> dets = new ArrayList<>();
            for (int q = 0; q < k; q++) {
                float score = scores[i * k + q];
                if (!(score > threshold)) {
                    continue;
                }
                long idx = index[i * k + q];
                int cls = (int) (idx / cells);
                int cell = (int) (idx % cells);
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
