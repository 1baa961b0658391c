package dev.seamline.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * One thread that journals, merges and writes a scene's detections while the inference thread goes
 * on to the next batch, so writing overlaps inference. Tasks run one at a time in submission order
 * (the journal and the merger see tiles in the order the inference thread finished them); at most
 * {@value #AHEAD} submitted tasks wait, so memory stays bounded when writing is the slower side (an
 * offered task, which holds only what the caller holds, does not wait: {@link #offer}). The first
 * failure stops further tasks and is rethrown by the next {@link #submit} or by {@link #drain()}.
 */
final class WriterThread implements AutoCloseable {

    /** A unit of writing. */
    interface Task {
        void run() throws IOException;
    }

    private static final int AHEAD = 2;

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "seamline-writer");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore room = new Semaphore(AHEAD);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final LongAdder busyNanos = new LongAdder();

    /** Queues a task, waiting while {@value #AHEAD} are queued already. */
    void submit(Task task) throws IOException {
        rethrow();
        room.acquireUninterruptibly();
        run(task, true);
    }

    /**
     * Queues a task without waiting for room: for a task that holds nothing the caller does not hold
     * already (a tile of a batch, for the quicklook), so that taking tiles never waits for the writer.
     * Memory stays bounded as the caller's own {@link #submit} calls wait.
     */
    void offer(Task task) throws IOException {
        rethrow();
        run(task, false);
    }

    private void run(Task task, boolean counted) {
        executor.execute(() -> {
            long t0 = System.nanoTime();
            try {
                if (failure.get() == null) {
                    task.run();
                }
            } catch (IOException | RuntimeException | Error e) {
                failure.compareAndSet(null, e);
            } finally {
                busyNanos.add(System.nanoTime() - t0);
                if (counted) {
                    room.release();
                }
            }
        });
    }

    /** Waits for every queued task, then rethrows the first failure, if any. */
    void drain() throws IOException {
        room.acquireUninterruptibly();
        run(() -> { }, true); // a counted task behind every queued one, offered ones included
        room.acquireUninterruptibly(AHEAD);
        room.release(AHEAD);
        rethrow();
    }

    /** Time the thread spent on tasks, nanoseconds. */
    long busyNanos() {
        return busyNanos.sum();
    }

    private void rethrow() throws IOException {
        Throwable t = failure.get();
        if (t instanceof IOException e) {
            throw e;
        }
        if (t instanceof UncheckedIOException e) {
            throw e.getCause();
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
