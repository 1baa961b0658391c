package dev.seamline.detector;

import dev.seamline.core.BadInputException;
import java.util.Locale;

/**
 * Where inference runs (a serializable value): {@code auto} (the first GPU when DJL's PyTorch sees one, else the CPU, and the
 * log says so), {@code cpu}, {@code gpu} (GPU 0) or {@code gpu:N}. An explicit GPU that PyTorch does
 * not see is an error, not a silent fallback. Immutable and thread-safe.
 *
 * @param kind  auto, CPU or GPU
 * @param index the GPU's index (0 unless {@code gpu:N}); 0 for the others
 */
public record DeviceChoice(Kind kind, int index) implements java.io.Serializable {

    /** The kinds of choice. */
    public enum Kind {
        /** The GPU when there is one, else the CPU. */
        AUTO,
        /** The CPU. */
        CPU,
        /** GPU number {@code index}. */
        GPU
    }

    /** Automatic choice. */
    public static final DeviceChoice AUTO = new DeviceChoice(Kind.AUTO, 0);
    /** The CPU. */
    public static final DeviceChoice CPU = new DeviceChoice(Kind.CPU, 0);

    /** @throws IllegalArgumentException for a negative index or an index without GPU */
    public DeviceChoice {
        if (kind == null || index < 0 || (kind != Kind.GPU && index != 0)) {
            throw new IllegalArgumentException("bad device choice: " + kind + " " + index);
        }
    }

    /** GPU number {@code index}. */
    public static DeviceChoice gpu(int index) {
        return new DeviceChoice(Kind.GPU, index);
    }

    /**
     * Parses {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N} (case-insensitive).
     *
     * @throws BadInputException for anything else
     */
    public static DeviceChoice parse(String text) throws BadInputException {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("auto")) {
            return AUTO;
        }
        if (t.equals("cpu")) {
            return CPU;
        }
        if (t.equals("gpu") || t.equals("cuda")) {
            return gpu(0);
        }
        if (t.matches("(gpu|cuda):\\d{1,3}")) {
            return gpu(Integer.parseInt(t.substring(t.indexOf(':') + 1)));
        }
        throw new BadInputException("--device: expected auto, cpu, gpu or gpu:N, found '" + text + "'");
    }

    @Override
    public String toString() {
        return switch (kind) {
            case AUTO -> "auto";
            case CPU -> "cpu";
            case GPU -> "gpu:" + index;
        };
    }
}
