package dev.seamline.eval;

import dev.seamline.core.Box;
import java.util.Objects;

/**
 * A detection reduced to what the error breakdown needs: image, class, axis-aligned box (pixels,
 * [x0,y0,x1,y1)) and score in [0, 1]. Immutable and thread-safe.
 *
 * @param image    image key
 * @param classKey class key
 * @param box      axis-aligned box (for polygons: their bounds)
 * @param score    confidence in [0, 1]
 */
public record ScoredBox(String image, String classKey, Box box, double score) {
    /** Checks for nulls. */
    public ScoredBox {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(classKey, "classKey");
        Objects.requireNonNull(box, "box");
    }
}
