package dev.seamline.eval;

import java.util.Objects;

/**
 * A precision-recall curve of one class, points in score order (or at COCO's 101 recall points).
 * Immutable and thread-safe (arrays are copied).
 *
 * @param classKey  the class key
 * @param label     what the curve is, e.g. "IoU 0.50"
 * @param recall    recall values in [0, 1]
 * @param precision precision values in [0, 1], same length
 */
public record PrCurve(String classKey, String label, double[] recall, double[] precision) {

    /** Checks the lengths and copies. */
    public PrCurve {
        Objects.requireNonNull(classKey, "classKey");
        if (recall.length != precision.length) {
            throw new IllegalArgumentException("recall and precision differ in length");
        }
        recall = recall.clone();
        precision = precision.clone();
    }

    /** Recall values (a copy). */
    @Override
    public double[] recall() {
        return recall.clone();
    }

    /** Precision values (a copy). */
    @Override
    public double[] precision() {
        return precision.clone();
    }
}
