package dev.seamline.pipeline;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A request, from another thread, that a run stop at the next tile boundary: the scenes whose tiles were
 * all inferred are committed, the scenes in progress (the current one, and those whose tiles share a
 * batch not yet inferred) keep their journals (so {@code --resume} goes on from there), remove their
 * temporary files and commit nothing; later scenes do not start; {@link Seamline#detect} then throws
 * {@link RunStoppedException}.
 * {@code seamline detect} requests it from a JVM shutdown hook on SIGTERM or SIGINT and waits for
 * {@link #awaitStopped}. Thread-safe.
 */
public final class StopSignal {

    /** A signal never raised, for runs nothing stops. */
    public static final StopSignal NEVER = new StopSignal();

    private volatile String reason;
    private final CountDownLatch finished = new CountDownLatch(1);

    /** A signal not raised yet. */
    public StopSignal() {
    }

    /** Asks the run to stop; {@code reason} (say, "SIGTERM") goes into its message. */
    public void request(String reason) {
        if (this == NEVER) {
            throw new IllegalStateException("StopSignal.NEVER cannot be raised");
        }
        this.reason = reason == null ? "a stop request" : reason;
    }

    /** Whether a stop was requested. */
    public boolean isRequested() {
        return reason != null;
    }

    /** What asked the run to stop, or null. */
    public String reason() {
        return reason;
    }

    /** Called by the run's owner once the run has returned or thrown: releases {@link #awaitStopped}. */
    public void runFinished() {
        finished.countDown();
    }

    /** Waits until {@link #runFinished()}, at most {@code timeout}; true when it came. */
    public boolean awaitStopped(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit);
    }
}
