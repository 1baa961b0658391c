package dev.seamline.spark;

import dev.seamline.core.SeamlineException;
import dev.seamline.detector.Detector;
import dev.seamline.detector.DetectorOptions;
import dev.seamline.detector.ModelBundle;
import java.nio.file.Path;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The detectors of one executor JVM, kept for its lifetime: a task borrows one and gives it back, so a
 * model is loaded once per concurrent task slot, not once per task (DJL's Spark extension reloads it per
 * partition). {@link Detector#detect} is synchronized, so tasks running side by side each get their own.
 *
 * <p>The one static, mutable state of the job, by design: it lives as long as the executor. Before the
 * first detector opens, PyTorch's intra-op threads are set to the task's cores ({@code spark.task.cpus})
 * unless {@code ai.djl.pytorch.num_threads} was set: each task thread has its own OpenMP team, and more
 * threads than cores slow every task down (issue 15's probe). Thread-safe.
 */
final class DetectorPool {

    private static final Map<String, Deque<Detector>> IDLE = new ConcurrentHashMap<>();

    private DetectorPool() {
    }

    /** A detector from the pool, or a new one; {@code opened[0]} says whether it was opened now. */
    static Detector borrow(String model, DetectorOptions options, int taskCpus, boolean[] opened) throws SeamlineException {
        Detector d = IDLE.computeIfAbsent(key(model, options), k -> new ConcurrentLinkedDeque<>()).pollFirst();
        opened[0] = d == null;
        if (d != null) {
            return d;
        }
        synchronized (DetectorPool.class) {
            if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
                System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(Math.max(1, taskCpus)));
            }
        }
        return Detector.open(ModelBundle.load(Path.of(model)), options);
    }

    /** Gives a detector back for the next task of this executor. */
    static void release(String model, Detector detector) {
        IDLE.computeIfAbsent(key(model, detector.options()), k -> new ConcurrentLinkedDeque<>()).addFirst(detector);
    }

    private static String key(String model, DetectorOptions options) {
        return Path.of(model).toAbsolutePath().normalize() + " " + options;
    }
}
