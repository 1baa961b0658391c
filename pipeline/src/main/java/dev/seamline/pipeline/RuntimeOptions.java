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
 */
public record RuntimeOptions(int batchSize, int readThreads, DeviceChoice device, InputTransfer input)
        implements Serializable {

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

    /** Options whose batches cross to the device as float32. */
    public RuntimeOptions(int batchSize, int readThreads, DeviceChoice device) {
        this(batchSize, readThreads, device, InputTransfer.FLOAT32);
    }

    /** These options with another input transfer. */
    public RuntimeOptions withInput(InputTransfer transfer) {
        return new RuntimeOptions(batchSize, readThreads, device, transfer);
    }
}
