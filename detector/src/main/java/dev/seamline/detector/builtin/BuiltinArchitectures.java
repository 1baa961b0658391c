package dev.seamline.detector.builtin;

import ai.djl.nn.Block;
import java.util.List;

/**
 * The network architectures Seamline builds itself, by name: a bundle whose {@code architecture} is
 * {@code builtin:<name>} stores DJL parameters for one of these, not a TorchScript file.
 */
public final class BuiltinArchitectures {

    /** The compact CenterNet of {@link CenterNetLite}, output stride 4. */
    public static final String CENTERNET_LITE_V1 = "centernet-lite-v1";

    private BuiltinArchitectures() {
    }

    /** Every architecture name {@link #create} accepts. */
    public static List<String> names() {
        return List.of(CENTERNET_LITE_V1);
    }

    /**
     * A new, uninitialised network.
     *
     * @param name       an architecture name from {@link #names()}
     * @param numClasses number of object classes (heatmap channels), ≥ 1
     * @throws IllegalArgumentException for an unknown name or a class count below 1
     */
    public static Block create(String name, int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("a detector needs at least one class, got " + numClasses);
        }
        if (CENTERNET_LITE_V1.equals(name)) {
            return new CenterNetLite(numClasses);
        }
        throw new IllegalArgumentException("unknown built-in architecture '" + name + "'; known: " + names());
    }

    /** Output stride of the named architecture: input pixels per output cell. */
    public static int outputStride(String name) {
        if (CENTERNET_LITE_V1.equals(name)) {
            return CenterNetLite.STRIDE;
        }
        throw new IllegalArgumentException("unknown built-in architecture '" + name + "'; known: " + names());
    }
}
