package dev.seamline.core;

import java.util.Objects;
import java.util.Optional;

/**
 * One detected object: its axis-aligned box, its oriented box when the model gives one, its class
 * and its score. Coordinates are in whatever pixel frame the producer states (a detector gives tile
 * pixels, the pipeline shifts them to scene pixels in one place); the convention is the package's.
 *
 * <p>When {@code oriented} is present, {@code box} is its bounds. Immutable, thread-safe and serializable
 * (a Spark job ships detections between tasks).
 *
 * @param box      axis-aligned box, pixels
 * @param oriented the rotated box, or {@code null} for axis-aligned models
 * @param classId  class id in the model's {@link ClassCatalog}
 * @param score    confidence in [0, 1]
 */
public record Detection(Box box, OrientedBox oriented, int classId, double score) implements java.io.Serializable {

    /** @throws IllegalArgumentException for a score outside [0,1] or a negative class id */
    public Detection {
        Objects.requireNonNull(box, "box");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1], was " + score);
        }
        if (classId < 0) {
            throw new IllegalArgumentException("class id must not be negative, was " + classId);
        }
    }

    /** An axis-aligned detection. */
    public static Detection of(Box box, int classId, double score) {
        return new Detection(box, null, classId, score);
    }

    /** An oriented detection; its axis-aligned box is the oriented box's bounds. */
    public static Detection of(OrientedBox oriented, int classId, double score) {
        return new Detection(oriented.bounds(), oriented, classId, score);
    }

    /** The oriented box, if the model gave one. */
    public Optional<OrientedBox> orientedBox() {
        return Optional.ofNullable(oriented);
    }

    /** True when this detection carries an oriented box. */
    public boolean isOriented() {
        return oriented != null;
    }

    /** This detection moved by (dx, dy) pixels: tile to scene coordinates. */
    public Detection shift(double dx, double dy) {
        return new Detection(box.shift(dx, dy), oriented == null ? null : oriented.shift(dx, dy), classId, score);
    }

    /** This detection with another score (soft-NMS decays scores). */
    public Detection withScore(double newScore) {
        return new Detection(box, oriented, classId, newScore);
    }
}
