package dev.seamline.detector;

import java.util.OptionalDouble;

/**
 * How a {@link Detector} runs. Immutable and thread-safe.
 *
 * @param device         where inference runs
 * @param batchSize      tiles per forward pass, ≥ 1; {@link Detector#detect} splits longer lists
 * @param scoreThreshold overrides the bundle's default score threshold when present (0…1)
 * @param input          how a prepared batch crosses to the device ({@link InputTransfer})
 */
public record DetectorOptions(DeviceChoice device, int batchSize, OptionalDouble scoreThreshold, InputTransfer input) {

    /**
     * How {@link Detector#prepare} hands a batch to the device. Either way the model sees the same
     * float32 values (the same operations in the same order), so detections are equal.
     */
    public enum InputTransfer {
        /** Normalised to float32 on the host, in Java (4 bytes a sample cross to the device). */
        FLOAT32,
        /**
         * 8-bit samples cross as they are (1 byte a sample) and are converted and normalised by the
         * engine on the device; on the CPU engine the same steps run in PyTorch. Batches of other sample
         * types, percentile stretches and ONNX models take the float32 path.
         */
        UINT8
    }

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
        if (input == null) {
            input = InputTransfer.FLOAT32;
        }
    }

    /** Options whose batches cross to the device as float32. */
    public DetectorOptions(DeviceChoice device, int batchSize, OptionalDouble scoreThreshold) {
        this(device, batchSize, scoreThreshold, InputTransfer.FLOAT32);
    }

    /** Automatic device, batches of 8, the bundle's threshold, float32 input. */
    public static DetectorOptions defaults() {
        return new DetectorOptions(DeviceChoice.AUTO, 8, OptionalDouble.empty());
    }

    /** These options with another device. */
    public DetectorOptions withDevice(DeviceChoice newDevice) {
        return new DetectorOptions(newDevice, batchSize, scoreThreshold, input);
    }

    /** These options with another batch size. */
    public DetectorOptions withBatchSize(int newBatchSize) {
        return new DetectorOptions(device, newBatchSize, scoreThreshold, input);
    }

    /** These options with a score threshold overriding the bundle's. */
    public DetectorOptions withScoreThreshold(double threshold) {
        return new DetectorOptions(device, batchSize, OptionalDouble.of(threshold), input);
    }

    /** These options with another input transfer. */
    public DetectorOptions withInput(InputTransfer transfer) {
        return new DetectorOptions(device, batchSize, scoreThreshold, transfer);
    }
}
