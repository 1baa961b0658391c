package dev.seamline.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The process's CPU time by thread, while it runs: a daemon thread reads the threads' user and
 * system time from {@code /proc/self/task/<tid>/stat} (every {@value #PERIOD_MS} ms, below), so that threads
 * which end in between (a scene's readers, writer and finishing threads) are counted up to their last
 * sample, and threads the JVM runs outside Java (the JIT compilers, the collector) are counted too,
 * which {@code ThreadMXBean} cannot do. Threads are grouped by name without a trailing number
 * ({@code seamline-tile-reader-3} → {@code seamline-tile-reader-}); the kernel cuts names to 15
 * characters. Seamline's own threads are read every period, the JVM's and the engine's (which live as
 * long as the process) every {@value #SLOW_EVERY}th and at the end. Linux only: elsewhere {@link #start()}
 * returns a sampler that reports nothing. For benchmarks: one sampler per measured span, from one thread.
 */
final class ThreadCpu {

    /** Sampling period, milliseconds; the error per ended thread is at most this much of its CPU. */
    static final int PERIOD_MS = 10;
    /** Samples between reads of the long-lived threads. */
    static final int SLOW_EVERY = 20;
    private static final Path TASKS = Path.of("/proc/self/task");
    /** USER_HZ, the unit of the stat times: 100 on every Linux architecture the JDK runs on. */
    private static final double TICKS_PER_SECOND = 100;

    /** Per thread id: its name and CPU time when the span began (threads alive then). */
    private final Map<String, Sample> before;
    /** Per thread id: its last sample. */
    private final Map<String, Sample> last = new HashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;
    /** Samples taken; every {@value #SLOW_EVERY}th reads every thread, the others only Seamline's own. */
    private long tick;

    /** A thread's name and CPU ticks (user + system). */
    record Sample(String name, long ticks) {
    }

    private ThreadCpu(boolean enabled) {
        if (enabled) {
            sampleOnce(); // the first sample reads every thread
        }
        this.before = Map.copyOf(last);
        if (enabled) {
            sampler = new Thread(() -> {
                while (running) {
                    sampleOnce();
                    try {
                        Thread.sleep(PERIOD_MS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "seamline-bench-cpu-sampler");
            sampler.setDaemon(true);
            sampler.start();
        } else {
            sampler = null;
        }
    }

    /** Starts sampling now. */
    static ThreadCpu start() {
        return new ThreadCpu(Files.isDirectory(TASKS));
    }

    /**
     * One sample. Seamline's own threads ({@code seamline-…}), which end with their scene, are read every
     * time; the JVM's and the engine's, which live as long as the process, every {@value #SLOW_EVERY}th
     * time and at the end (so the sampler costs ~1 % of a core, not ~10 %).
     */
    private synchronized void sampleOnce() {
        boolean all = tick++ % SLOW_EVERY == 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String tid = task.getFileName().toString();
                Sample known = last.get(tid);
                if (all || known == null || known.name().startsWith("seamline-")) {
                    Sample s = readOne(task);
                    if (s != null) {
                        last.put(tid, s);
                    }
                }
            }
        } catch (IOException e) {
            // no /proc: nothing to report
        }
    }

    /**
     * Stops sampling (one last sample first) and returns the CPU seconds each group of threads spent
     * since {@link #start()}, largest first in name order; the sampler's own thread is left out. Empty
     * where {@code /proc} is missing.
     */
    Map<String, Double> stop() {
        if (sampler == null) {
            return Map.of();
        }
        running = false;
        sampler.interrupt();
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tick = 0; // the last sample reads every thread
        sampleOnce();
        Map<String, Double> seconds = new TreeMap<>();
        synchronized (this) {
            for (Map.Entry<String, Sample> e : last.entrySet()) {
                Sample s = e.getValue();
                if (s.name().startsWith("seamline-bench-")) {
                    continue;
                }
                Sample b = before.get(e.getKey());
                long ticks = s.ticks() - (b != null && b.name().equals(s.name()) ? b.ticks() : 0);
                if (ticks > 0) {
                    seconds.merge(group(s.name()), ticks / TICKS_PER_SECOND, Double::sum);
                }
            }
        }
        return seconds;
    }

    /** A thread's group: its name without trailing digits and '#'. */
    static String group(String name) {
        int end = name.length();
        while (end > 0 && (Character.isDigit(name.charAt(end - 1)) || name.charAt(end - 1) == '#')) {
            end--;
        }
        return end == 0 ? name : name.substring(0, end);
    }

    /** One thread's sample, or null when it ended before it could be read. */
    private static Sample readOne(Path task) {
        try {
            return parse(new String(Files.readAllBytes(task.resolve("stat")), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * One {@code stat} line: the name between the first '(' and the last ')' (it may hold spaces and
     * parentheses), then fields from the state on; utime and stime are the 12th and 13th after the name.
     */
    static Sample parse(String stat) {
        int open = stat.indexOf('('), close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
            return null;
        }
        String[] f = stat.substring(close + 2).trim().split(" ");
        if (f.length < 13) {
            return null;
        }
        return new Sample(stat.substring(open + 1, close), Long.parseLong(f[11]) + Long.parseLong(f[12]));
    }

    /** Seconds by group as a JSON object of milliseconds per tile, largest first. */
    static String perTileJson(Map<String, Double> seconds, int tiles) {
        StringBuilder b = new StringBuilder("{");
        seconds.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> b.append(b.length() > 1 ? ", " : "").append('"').append(e.getKey().replace("\"", "'"))
                        .append("\": ").append(String.format(java.util.Locale.ROOT, "%.3f", 1e3 * e.getValue() / tiles)));
        return b.append('}').toString();
    }
}
