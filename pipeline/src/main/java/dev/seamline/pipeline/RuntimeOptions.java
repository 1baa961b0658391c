package dev.seamline.pipeline;

import dev.seamline.detector.DetectorOptions.InputTransfer;
import dev.seamline.detector.DeviceChoice;
import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * How fast a run goes, and where: nothing here changes its output (so none of it is in
 * {@link DetectOptions#resultFingerprint()}). Immutable, thread-safe and serializable.
 *
 * @param batchSize   tiles per forward pass, at least 1
 * @param readThreads threads decoding tiles ahead of inference, at least 1
 * @param device      where the model runs (parsed: {@link DeviceChoice#parse})
 * @param input       how batches cross to the device: normalised float32, or 8-bit samples normalised
 *                    there (the same values either way)
 * @param sceneStream one tile stream across the run's scenes (the default): the next scene opens while
 *                    the current one is inferred and a batch takes tiles from as many scenes as it needs;
 *                    false runs one scene at a time, each batch within one scene (the same outputs)
 */
public record RuntimeOptions(int batchSize, int readThreads, DeviceChoice device, InputTransfer input,
        boolean sceneStream) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** @throws IllegalArgumentException for a batch size or thread count under 1 */
    public RuntimeOptions {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(input, "input");
        if (batchSize < 1 || readThreads < 1) {
            throw new IllegalArgumentException("batch size and read threads must be at least 1");
        }
    }

    /** Options with one tile stream across scenes. */
    public RuntimeOptions(int batchSize, int readThreads, DeviceChoice device, InputTransfer input) {
        this(batchSize, readThreads, device, input, true);
    }

    /** Options whose batches cross to the device as float32, with one tile stream across scenes. */
    public RuntimeOptions(int batchSize, int readThreads, DeviceChoice device) {
        this(batchSize, readThreads, device, InputTransfer.FLOAT32);
    }

    /** These options with another input transfer. */
    public RuntimeOptions withInput(InputTransfer transfer) {
        return new RuntimeOptions(batchSize, readThreads, device, transfer, sceneStream);
    }

    /** These options with the tile stream across scenes on or off (see {@link #sceneStream()}). */
    public RuntimeOptions withSceneStream(boolean stream) {
        return new RuntimeOptions(batchSize, readThreads, device, input, stream);
    }
}
