package dev.seamline.detector.builtin;

import dev.seamline.core.SeamlineException;
import java.util.SplittableRandom;

/**
 * Where training chips come from: a synthetic scene rendered on demand, or windows cut from users'
 * labelled GeoTIFFs. The trainer asks for square chips of a given size, drawing every random
 * choice from the generator it passes, so a seeded run is reproducible.
 *
 * <p>Implementations must allow calls from one thread at a time (the trainer's loader thread).
 */
public interface ChipSource {

    /**
     * A chip of {@code size × size} pixels at a random place.
     *
     * @param size   chip width and height, pixels
     * @param random the only source of randomness to use
     */
    TrainingChip next(int size, SplittableRandom random) throws SeamlineException;
}
