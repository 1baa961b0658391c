package dev.seamline.detector.builtin;

import dev.seamline.core.Detection;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.SampleType;
import java.util.List;
import java.util.Objects;

/**
 * One training example: an RGB uint8 image chip and the objects in it, in chip pixels (the
 * core pixel convention; boxes may reach past the chip's edges, the trainer clips them).
 * Immutable and thread-safe as long as nobody writes the buffer's array.
 *
 * @param image   3-band {@link SampleType#UINT8} pixels, planar
 * @param objects the labelled objects; {@link Detection#score()} is ignored
 */
public record TrainingChip(PixelBuffer image, List<Detection> objects) {

    /** @throws IllegalArgumentException unless the image is 3-band uint8 */
    public TrainingChip {
        Objects.requireNonNull(image, "image");
        objects = List.copyOf(objects);
        if (image.bandCount() != 3 || image.sampleType() != SampleType.UINT8) {
            throw new IllegalArgumentException("training chips are 3-band uint8, got " + image.bandCount()
                    + " band(s) of " + image.sampleType());
        }
    }
}
