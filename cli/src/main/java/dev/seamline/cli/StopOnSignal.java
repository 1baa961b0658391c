package dev.seamline.cli;

import dev.seamline.pipeline.StopSignal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT (Ctrl-C) during {@code seamline detect}: a JVM shutdown hook raises the run's
 * {@link StopSignal} and waits (at most {@value #WAIT_SECONDS} s) until the run has stopped at a tile
 * boundary, removed its temporary files and printed its one line; the JVM then exits with 143
 * (SIGTERM) or 130 (SIGINT), 128 + the signal's number, as it does for any signal. Which signal came is
 * learnt by a handler put in front of the JVM's own (through {@code sun.misc.Signal}, where the runtime
 * allows it), which then hands the signal on unchanged. A signal the process ignored when it started
 * ({@code nohup}) stays ignored.
 *
 * <p>One per run; {@link #close()} (after the run's message is printed) releases the hook, removes it
 * and restores the handlers. Thread-safe.
 */
final class StopOnSignal implements AutoCloseable {

    static final int WAIT_SECONDS = 120;

    private final StopSignal stop = new StopSignal();
    private final Thread hook;
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private volatile String received;
    private volatile boolean finished;

    private StopOnSignal() {
        hook = new Thread(() -> {
            if (finished) {
                return; // an ordinary exit: the run is over
            }
            stop.request(received != null ? received : "a shutdown request");
            try {
                stop.awaitStopped(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "seamline-stop");
    }

    /** Installs the hook and the signal handlers. */
    static StopOnSignal install() {
        StopOnSignal s = new StopOnSignal();
        for (String name : new String[] {"TERM", "INT"}) {
            s.listen(name);
        }
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    private void listen(String name) {
        try {
            Signal signal = new Signal(name);
            SignalHandler[] before = new SignalHandler[1];
            before[0] = Signal.handle(signal, sig -> {
                received = "SIG" + name;
                SignalHandler b = before[0];
                if (b != null && b != SignalHandler.SIG_DFL && b != SignalHandler.SIG_IGN) {
                    b.handle(sig); // the JVM's own: starts the shutdown, exit status 128 + number
                } else {
                    Runtime.getRuntime().exit(128 + sig.getNumber());
                }
            });
            if (before[0] == SignalHandler.SIG_IGN) {
                Signal.handle(signal, SignalHandler.SIG_IGN);
                return;
            }
            signals.add(signal);
            previous.add(before[0]);
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            // the runtime keeps this signal to itself (-Xrs, another platform): the hook still stops the run
        }
    }

    /** The run's stop signal, for {@code Seamline.RunControl}. */
    StopSignal signal() {
        return stop;
    }

    /** The exit code of a stopped run: 130 after SIGINT, else 143. */
    int exitCode() {
        return "SIGINT".equals(stop.reason()) ? 130 : 143;
    }

    /** The run is over and its message printed: releases a waiting hook, removes it, restores the handlers. */
    @Override
    public void close() {
        finished = true;
        stop.runFinished();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running, and now returns
        }
        for (int i = 0; i < signals.size(); i++) {
            try {
                Signal.handle(signals.get(i), previous.get(i));
            } catch (IllegalArgumentException e) {
                // left as it is
            }
        }
    }
}
