package dev.seamline.detector;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain boxes: rows x0, y0, x1, y1, score, class in input pixels, given as one {@code [N, 6]} tensor per
 * tile (a list), one {@code [B, N, 6]} tensor, or {@code [N, 6]} for a batch of one. Rows whose score
 * exceeds the threshold are kept in the model's order (padding rows with score 0 drop out); the model
 * has done its own NMS. The class column must hold whole numbers of the catalog.
 */
final class BoxesTranslator extends TileTranslator {

    BoxesTranslator(Builder b) {
        super(b);
    }

    @Override
    List<List<Detection>> decode(NDList output, int batch) {
        List<float[]> perImage = new ArrayList<>(batch);
        if (output.size() == batch && output.stream().allMatch(a -> is2d6(a))) {
            for (NDArray a : output) {
                perImage.add(a.toType(DataType.FLOAT32, false).toFloatArray());
            }
        } else if (output.size() == 1 && output.get(0).getShape().dimension() == 3
                && output.get(0).getShape().get(0) == batch && output.get(0).getShape().get(2) == 6) {
            NDArray a = output.get(0).toType(DataType.FLOAT32, false);
            for (int i = 0; i < batch; i++) {
                perImage.add(a.get(i).toFloatArray());
            }
        } else {
            List<String> shapes = new ArrayList<>();
            for (NDArray a : output) {
                shapes.add(shapeText(a));
            }
            throw new OutputLayoutException("BOXES output: expected one [N, 6] tensor per tile (" + batch
                    + ") or [" + batch + ", N, 6], found " + (shapes.size() == 1 ? shapes.get(0) : shapes.toString()));
        }
        List<List<Detection>> result = new ArrayList<>(batch);
        for (float[] rows : perImage) {
            List<Detection> dets = new ArrayList<>();
            for (int r = 0; r + 6 <= rows.length; r += 6) {
                float score = rows[r + 4];
                if (!(score > threshold)) {
                    continue;
                }
                float cls = rows[r + 5];
                if (cls != Math.rint(cls) || cls < 0 || cls >= classSlots) {
                    throw new OutputLayoutException("BOXES output: expected class ids 0.." + (classSlots - 1)
                            + " in column 6, found " + cls);
                }
                dets.add(Detection.of(new Box(rows[r], rows[r + 1], rows[r + 2], rows[r + 3]), (int) cls,
                        YoloTranslator.checkedScore(score)));
            }
            result.add(dets);
        }
        return result;
    }

    private static boolean is2d6(NDArray a) {
        return a.getShape().dimension() == 2 && a.getShape().get(1) == 6;
    }
}
