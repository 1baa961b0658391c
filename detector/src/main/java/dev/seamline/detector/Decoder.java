package dev.seamline.detector;

/**
 * The output layouts Seamline decodes, one DJL {@code Translator} each. Shapes use B for the batch,
 * C for the number of classes, N for candidate boxes; every box comes out in tile pixels.
 */
public enum Decoder {
    /** YOLOv5: {@code [B, N, 5+C]} rows cx, cy, w, h, objectness, class scores; score = obj · class; class-wise NMS. */
    YOLOV5,
    /** YOLOv8 / YOLO11: {@code [B, 4+C, N]} rows cx, cy, w, h, class probabilities; class-wise NMS. */
    YOLOV8,
    /**
     * YOLOv8-OBB: {@code [B, 4+C+1, N]} rows cx, cy, w, h, class probabilities, angle (radians, clockwise on
     * screen); boxes regularised as Ultralytics does (w ≥ h, angle in [0, π)); class-wise NMS on the rotated
     * polygons' IoU.
     */
    YOLOV8_OBB,
    /**
     * torchvision detection models (Faster R-CNN, RetinaNet, FCOS, SSD …), scripted: input {@code images[]},
     * one {@code [C, H, W]} tensor per tile; output per image a dict of boxes {@code [N, 4]} (x0, y0, x1, y1),
     * scores {@code [N]}, labels {@code [N]} (the model has already run its NMS).
     */
    TORCHVISION,
    /**
     * CenterNet: heatmap {@code [B, C, H/s, W/s]} (probabilities), size {@code [B, 2, H/s, W/s]} (width, height in
     * input pixels), optional offset {@code [B, 2, H/s, W/s]} (centre offset in cells from the cell's top-left
     * corner; 0.5 without it). Peaks are the cells equal to their 3×3 max-pool; the top {@code max_detections}
     * above the threshold are kept; box centre = (cell + offset) · s.
     */
    CENTERNET,
    /**
     * Plain boxes: rows x0, y0, x1, y1, score, class, as one {@code [N, 6]} tensor per tile (a list of them), one
     * {@code [B, N, 6]} tensor, or {@code [N, 6]} for a batch of one. Rows with score ≤ threshold are dropped
     * (padding rows included).
     */
    BOXES,
    /**
     * Plain rotated boxes: rows cx, cy, w, h, score, class, angle (radians, clockwise on screen), as one
     * {@code [B, N, 7]} tensor: Ultralytics' end-to-end OBB exports (YOLO26-OBB, {@code [B, 300, 7]}) and its
     * {@code nms=True} OBB exports. The model has done its own suppression; rows with score ≤ threshold are
     * dropped, the rest kept in the model's order (at most {@code max_detections}). Any angle convention
     * gives the same rectangle.
     */
    OBB_BOXES
}
