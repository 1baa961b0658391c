package dev.seamline.detector;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import dev.seamline.core.Detection;
import dev.seamline.core.OrientedBox;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain rotated boxes ({@link Decoder#OBB_BOXES}): one {@code [B, N, 7]} tensor of rows cx, cy, w, h (input
 * pixels), score, class, angle (radians, clockwise on screen), as Ultralytics' end-to-end and {@code nms=True}
 * OBB exports give them. Rows whose score exceeds the threshold are kept in the model's order, at most
 * {@code maxDetections} (Ultralytics' predict: {@code pred[pred[:, 4] > conf][:max_det]}); the model has
 * done its own suppression. The angle is taken as it comes: a rectangle is the same in every convention
 * (w ≥ h modulo π, modulo π/2, or the raw head angle), and no suppression here depends on it.
 */
final class ObbBoxesTranslator extends TileTranslator {

    private static final int COLUMNS = 7;

    ObbBoxesTranslator(Builder b) {
        super(b);
    }

    @Override
    List<List<Detection>> decode(NDList output, int batch) {
        NDArray out = output.get(0);
        long[] s = out.getShape().getShape();
        if (output.size() != 1 || s.length != 3 || s[0] != batch || s[2] != COLUMNS) {
            throw new OutputLayoutException("OBB_BOXES output [B, N, 7] (cx, cy, w, h, score, class, angle): expected ["
                    + batch + ", N, 7], found " + (output.size() == 1 ? shapeText(out) : output.size() + " tensors"));
        }
        int n = (int) s[1];
        float[] a = out.toType(DataType.FLOAT32, false).toFloatArray();
        List<List<Detection>> result = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            List<Detection> dets = new ArrayList<>();
            for (int r = 0; r < n && dets.size() < maxDetections; r++) {
                int at = (i * n + r) * COLUMNS;
                float score = a[at + 4];
                if (!(score > threshold)) {
                    continue;
                }
                float cls = a[at + 5];
                if (cls != Math.rint(cls) || cls < 0 || cls >= classSlots) {
                    throw new OutputLayoutException("OBB_BOXES output: expected class ids 0.." + (classSlots - 1)
                            + " in column 6, found " + cls);
                }
                OrientedBox box = new OrientedBox(a[at], a[at + 1], Math.max(a[at + 2], 0), Math.max(a[at + 3], 0),
                        a[at + 6]);
                dets.add(Detection.of(box, (int) cls, YoloTranslator.checkedScore(score)));
            }
            result.add(dets);
        }
        return result;
    }
}
