package dev.seamline.detector;

import dev.seamline.core.BadInputException;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Whether a batch of tiles fits this machine, asked when a {@link Detector} opens, before the model
 * loads: a batch size or model input too big for the memory is refused in one line that says what it
 * would need, what the machine has, and the most that fits — never an {@code OutOfMemoryError} or a
 * native allocation failure later. The estimate, per tile of the model's input
 * (width × height × channels 32-bit floats, "the input tensor"):
 *
 * <ul>
 * <li>host memory: the input tensor twice (the batch being inferred and the next one prepared), and on the
 *     CPU the forward pass's activations, {@value #CPU_ACTIVATIONS} input tensors (measured for the built-in
 *     network: batch 25 of 512 × 512 × 3 took 2.95 GB of resident memory, about 30 tensors a tile above the
 *     process's own 0.7 GB); the whole batch within {@value #HOST_SHARE_PERCENT} % of the machine's memory
 *     (physical, or the container's limit, as the JVM sees it);</li>
 * <li>Java heap: the batch's tiles twice (read ahead, and batched) at one byte a sample, the least a scene
 *     has, within {@value #HOST_SHARE_PERCENT} % of the heap ({@code -Xmx}).</li>
 * </ul>
 *
 * GPU memory is not estimated (the engine reports its own failure there). Stateless and thread-safe.
 */
public final class MemoryBudget {

    /** Activations of one tile's forward pass on the CPU, in input tensors. */
    static final int CPU_ACTIVATIONS = 32;
    /** The share of the host memory and of the heap a batch may take, percent. */
    static final int HOST_SHARE_PERCENT = 80;

    private MemoryBudget() {
    }

    /** The machine's memory as the JVM sees it (a container's limit where there is one), bytes. */
    public static long hostBytes() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getTotalMemorySize();
        }
        return Runtime.getRuntime().maxMemory() * 4;
    }

    /**
     * Refuses a batch that cannot fit.
     *
     * @param onCpu whether the forward pass runs on the CPU (its activations then take host memory)
     * @throws BadInputException naming the batch, the input, the estimate and the most that fits
     */
    public static void requireFits(ModelBundle bundle, int batchSize, boolean onCpu) throws BadInputException {
        requireFits(bundle, batchSize, onCpu, hostBytes(), Runtime.getRuntime().maxMemory());
    }

    static void requireFits(ModelBundle bundle, int batchSize, boolean onCpu, long host, long heap)
            throws BadInputException {
        long pixels = (long) bundle.inputWidth() * bundle.inputHeight();
        int maxBand = bundle.bands().stream().mapToInt(Integer::intValue).max().orElse(1);
        long tensor = pixels * bundle.channels() * Float.BYTES;
        long hostPerTile = tensor * (2 + (onCpu ? CPU_ACTIVATIONS : 0));
        long heapPerTile = 2 * pixels * Math.max(maxBand, bundle.channels());
        long hostBudget = host / 100 * HOST_SHARE_PERCENT;
        long heapBudget = heap / 100 * HOST_SHARE_PERCENT;
        long fitsHost = hostBudget / hostPerTile;
        long fitsHeap = heapBudget / heapPerTile;
        String input = bundle.inputWidth() + "x" + bundle.inputHeight() + "x" + bundle.channels();
        if (fitsHost < batchSize) {
            throw new BadInputException("batch " + batchSize + " of the model's " + input + " input needs about "
                    + size(multiply(hostPerTile, batchSize)) + " of memory (" + size(hostPerTile) + " a tile"
                    + (onCpu ? " on the CPU, its activations included" : "") + "), more than the " + HOST_SHARE_PERCENT
                    + " % of this machine's " + size(host) + " a run may take: "
                    + (fitsHost < 1 ? "the model's input is too big for this machine" : "at most --batch " + fitsHost + " fits")
                    + " (a bound derived from memory)");
        }
        if (fitsHeap < batchSize) {
            throw new BadInputException("batch " + batchSize + " of the model's " + input + " input holds about "
                    + size(multiply(heapPerTile, batchSize)) + " of tiles on the Java heap, more than " + HOST_SHARE_PERCENT
                    + " % of its " + size(heap) + ": " + (fitsHeap < 1 ? "the model's input is too big for this heap"
                    : "at most --batch " + fitsHeap + " fits") + ", or give Java more (SEAMLINE_JAVA_OPTS=-Xmx8g)"
                    + " (a bound derived from memory)");
        }
    }

    private static long multiply(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static String size(long bytes) {
        if (bytes >= 1L << 40) {
            return String.format(Locale.ROOT, "%.1f TB", bytes / (double) (1L << 40));
        }
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
    }
}
