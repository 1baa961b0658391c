package dev.seamline.eval;

import dev.seamline.core.Box;
import java.util.Objects;

/**
 * A ground-truth object reduced to what the error breakdown needs: image, class, axis-aligned box
 * (pixels, [x0,y0,x1,y1)) and whether the metric ignores it (COCO crowd, DOTA difficult).
 * Immutable and thread-safe.
 *
 * @param image    image key
 * @param classKey class key
 * @param box      axis-aligned box (for polygons: their bounds)
 * @param ignored  true when the metric neither rewards finding it nor punishes missing it
 */
public record TruthBox(String image, String classKey, Box box, boolean ignored) {
    /** Checks for nulls. */
    public TruthBox {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(classKey, "classKey");
        Objects.requireNonNull(box, "box");
    }
}
