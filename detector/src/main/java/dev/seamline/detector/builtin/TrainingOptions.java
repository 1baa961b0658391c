package dev.seamline.detector.builtin;

import dev.seamline.core.ClassCatalog;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to train a built-in detector. Immutable and thread-safe.
 *
 * @param architecture   a name from {@link BuiltinArchitectures#names()}
 * @param classes        the classes to learn; chip labels carry their ids
 * @param chipSize       training chip width and height, pixels (a multiple of 32)
 * @param batchSize      chips per step
 * @param steps          optimizer steps in all
 * @param learningRate   peak Adam learning rate (linear warm-up, then cosine decay to 5%)
 * @param maxScale       scale jitter: chips are resampled by a factor in [1/maxScale, maxScale]
 * @param seed           seeds weight initialisation and every random choice of the data
 * @param checkpointEvery steps between checkpoints (training resumes from the last one)
 * @param initialWeights parameters to start from (fine-tuning), or empty to start from scratch
 */
public record TrainingOptions(String architecture, ClassCatalog classes, int chipSize, int batchSize, int steps,
        double learningRate, double maxScale, long seed, int checkpointEvery, Optional<Path> initialWeights) {

    /** @throws IllegalArgumentException for out-of-range values */
    public TrainingOptions {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(classes, "classes");
        Objects.requireNonNull(initialWeights, "initialWeights");
        if (!BuiltinArchitectures.names().contains(architecture)) {
            throw new IllegalArgumentException("unknown architecture '" + architecture + "'");
        }
        if (chipSize < 32 || chipSize % CenterNetLite.INPUT_MULTIPLE != 0) {
            throw new IllegalArgumentException("chip size must be a positive multiple of 32, was " + chipSize);
        }
        if (batchSize < 1 || steps < 1 || checkpointEvery < 1) {
            throw new IllegalArgumentException("batch size, steps and checkpoint interval must be positive");
        }
        if (!(learningRate > 0) || !(maxScale >= 1)) {
            throw new IllegalArgumentException("learning rate must be > 0 and max scale >= 1");
        }
    }

    /** Defaults for training the built-in detector from scratch on the given classes. */
    public static TrainingOptions defaults(ClassCatalog classes) {
        return new TrainingOptions(BuiltinArchitectures.CENTERNET_LITE_V1, classes, 256, 16, 6000, 2e-3, 1.25, 1, 100,
                Optional.empty());
    }

    /** These options with another number of steps. */
    public TrainingOptions withSteps(int newSteps) {
        return new TrainingOptions(architecture, classes, chipSize, batchSize, newSteps, learningRate, maxScale, seed,
                checkpointEvery, initialWeights);
    }

    /** These options starting from the given parameters (fine-tuning). */
    public TrainingOptions withInitialWeights(Path params) {
        return new TrainingOptions(architecture, classes, chipSize, batchSize, steps, learningRate, maxScale, seed,
                checkpointEvery, Optional.of(params));
    }
}
