package dev.seamline.detector;

import java.util.OptionalDouble;

/**
 * How a {@link Detector} runs. Immutable and thread-safe.
 *
 * @param device         where inference runs
 * @param batchSize      tiles per forward pass, ≥ 1; {@link Detector#detect} splits longer lists
 * @param scoreThreshold overrides the bundle's default score threshold when present (0…1)
 */
public record DetectorOptions(DeviceChoice device, int batchSize, OptionalDouble scoreThreshold) {

    /** @throws IllegalArgumentException for a batch size below 1 or a threshold outside [0, 1] */
    public DetectorOptions {
        if (device == null) {
            throw new IllegalArgumentException("device must not be null");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
        }
        if (scoreThreshold == null) {
            scoreThreshold = OptionalDouble.empty();
        }
        if (scoreThreshold.isPresent() && !(scoreThreshold.getAsDouble() >= 0 && scoreThreshold.getAsDouble() <= 1)) {
            throw new IllegalArgumentException("score threshold must be in [0, 1], was " + scoreThreshold.getAsDouble());
        }
    }

    /** Automatic device, batches of 8, the bundle's threshold. */
    public static DetectorOptions defaults() {
        return new DetectorOptions(DeviceChoice.AUTO, 8, OptionalDouble.empty());
    }

    /** These options with another device. */
    public DetectorOptions withDevice(DeviceChoice newDevice) {
        return new DetectorOptions(newDevice, batchSize, scoreThreshold);
    }

    /** These options with another batch size. */
    public DetectorOptions withBatchSize(int newBatchSize) {
        return new DetectorOptions(device, newBatchSize, scoreThreshold);
    }

    /** These options with a score threshold overriding the bundle's. */
    public DetectorOptions withScoreThreshold(double threshold) {
        return new DetectorOptions(device, batchSize, OptionalDouble.of(threshold));
    }
}
