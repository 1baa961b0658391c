package dev.seamline.cli;

import dev.seamline.core.BadInputException;
import dev.seamline.detector.DetectorOptions;
import dev.seamline.detector.DeviceChoice;
import dev.seamline.pipeline.RuntimeOptions;
import picocli.CommandLine.Option;

/**
 * {@code --batch}, {@code --threads}, {@code --device}, {@code --input-transfer}: how fast a run goes and where
 * ({@link RuntimeOptions}); a flag not given keeps the preset's value. {@code --threads} is always
 * tile-reading threads ({@code bench detect} calls PyTorch's {@code --torch-threads}). Mixed in with
 * {@code @Mixin}.
 */
final class RuntimeMixin {

    @Option(names = "--batch", paramLabel = "N", description = "Tiles per forward pass.")
    Integer batch;

    @Option(names = "--threads", paramLabel = "N", description = "Tile-reading threads.")
    Integer threads;

    @Option(names = "--device", paramLabel = "auto|cpu|gpu|gpu:N", description = "Where the model runs.")
    String device;

    @Option(names = "--input-transfer", paramLabel = "float32|uint8", description = "How batches cross to the "
            + "device: float32 normalised on the host (default), or uint8 normalised on the device (4x fewer bytes; "
            + "the same detections).")
    String inputTransfer;

    /**
     * {@code preset} with the flags given.
     *
     * @throws BadInputException for a device that is none of auto, cpu, gpu, gpu:N
     * @throws IllegalArgumentException for values out of range
     */
    RuntimeOptions over(RuntimeOptions preset) throws BadInputException {
        return new RuntimeOptions(batch != null ? batch : preset.batchSize(),
                threads != null ? threads : preset.readThreads(),
                device != null ? DeviceChoice.parse(device) : preset.device(),
                inputTransfer != null ? transfer(inputTransfer) : preset.input());
    }

    /** {@code float32} or {@code uint8}. */
    static DetectorOptions.InputTransfer transfer(String text) throws BadInputException {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "float32" -> DetectorOptions.InputTransfer.FLOAT32;
            case "uint8" -> DetectorOptions.InputTransfer.UINT8;
            default -> throw new BadInputException("--input-transfer: expected float32 or uint8, found \""
                    + dev.seamline.core.io.Printable.escape(text) + "\"");
        };
    }
}
