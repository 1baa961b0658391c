package dev.seamline.detector;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.core.PixelBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * torchvision detection models, scripted ({@code forward(images: List[Tensor])} returning
 * {@code (losses, detections)} or just the detections): the input is {@code images[]}, one normalised
 * {@code [C, h, w]} tensor per tile at the tile's own size (the model resizes and normalises inside);
 * the output, per image, a dict of {@code boxes [N, 4]} (x0, y0, x1, y1 in input pixels),
 * {@code scores [N]} and {@code labels [N]}, already through the model's own NMS. Detections whose
 * score exceeds the threshold are kept, in the model's order; labels are the catalog's ids. Other
 * outputs per image (Mask R-CNN's masks, keypoints) are ignored.
 */
final class TorchvisionTranslator extends TileTranslator {

    TorchvisionTranslator(Builder b) {
        super(b);
    }

    @Override
    NDList buildInput(NDManager manager, List<PixelBuffer> tiles) {
        NDList images = new NDList(tiles.size());
        for (PixelBuffer t : tiles) {
            NDArray image = tensor(manager, List.of(t), t.width(), t.height(), false).squeeze(0);
            image.setName("images[]");
            images.add(image);
        }
        return images;
    }

    @Override
    List<List<Detection>> decode(NDList output, int batch) {
        List<Map<String, NDArray>> images = new ArrayList<>();
        Map<String, NDArray> current = null;
        for (NDArray a : output) {
            String name = a.getName();
            if (name == null) {
                throw new OutputLayoutException("TORCHVISION output: expected per image a dict of boxes, scores and "
                        + "labels, found a tensor without a name " + shapeText(a));
            }
            if (name.startsWith("loss")) {
                continue;  // the (empty in eval) losses dict of a scripted GeneralizedRCNN
            }
            if (current == null || current.containsKey(name)) {
                current = new HashMap<>();
                images.add(current);
            }
            current.put(name, a);
        }
        if (images.size() != batch) {
            throw new OutputLayoutException("TORCHVISION output: expected " + batch + " detection dicts (one per image), found "
                    + images.size());
        }
        List<List<Detection>> result = new ArrayList<>(batch);
        for (Map<String, NDArray> image : images) {
            NDArray boxes = image.get("boxes");
            NDArray scores = image.get("scores");
            NDArray labels = image.get("labels");
            if (boxes == null || scores == null || labels == null) {
                throw new OutputLayoutException("TORCHVISION output: expected boxes, scores and labels per image, found "
                        + image.keySet());
            }
            long n = scores.getShape().get(0);
            if (boxes.getShape().dimension() != 2 || boxes.getShape().get(0) != n || boxes.getShape().get(1) != 4
                    || labels.getShape().get(0) != n) {
                throw new OutputLayoutException("TORCHVISION output: expected boxes [N, 4], scores [N], labels [N], found "
                        + shapeText(boxes) + ", " + shapeText(scores) + ", " + shapeText(labels));
            }
            float[] b = boxes.toType(DataType.FLOAT32, false).toFloatArray();
            float[] s = scores.toType(DataType.FLOAT32, false).toFloatArray();
            long[] l = labels.toType(DataType.INT64, false).toLongArray();
            List<Detection> dets = new ArrayList<>();
            for (int q = 0; q < n; q++) {
                if (!(s[q] > threshold)) {
                    continue;
                }
                if (l[q] < 0 || l[q] >= classSlots) {
                    throw new OutputLayoutException("TORCHVISION output: label " + l[q] + " is not in the catalog (ids up to "
                            + (classSlots - 1) + ")");
                }
                dets.add(Detection.of(new Box(b[4 * q], b[4 * q + 1], b[4 * q + 2], b[4 * q + 3]), (int) l[q],
                        YoloTranslator.checkedScore(s[q])));
            }
            result.add(dets);
        }
        return result;
    }
}
