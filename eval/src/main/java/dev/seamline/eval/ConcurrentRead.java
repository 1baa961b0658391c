package dev.seamline.eval;

import dev.seamline.core.BadInputException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * One input file read on its own thread while the caller reads another: the two reads of an
 * evaluation that do not depend on each other. {@link #join()} returns the value or rethrows the
 * read's {@link BadInputException} (or error) on the caller's thread, so a caller that reads its
 * ground truth first and joins second reports the ground truth's problem first, as a sequential
 * read would. Thread-safe; one join per read.
 *
 * @param <T> what the read returns
 */
final class ConcurrentRead<T> {

    /** A read of one file. */
    interface Read<T> {
        /** Reads it. */
        T read() throws BadInputException;
    }

    private final FutureTask<T> task;

    private ConcurrentRead(FutureTask<T> task) {
        this.task = task;
    }

    /** Starts {@code read} on a new daemon thread. */
    static <T> ConcurrentRead<T> start(Read<T> read) {
        FutureTask<T> task = new FutureTask<>(read::read);
        Thread t = new Thread(task, "seamline-eval-read");
        t.setDaemon(true);
        t.start();
        return new ConcurrentRead<>(task);
    }

    /** Waits for the read and returns its value, or throws what it threw. */
    T join() throws BadInputException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof BadInputException b) {
                throw b;
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
