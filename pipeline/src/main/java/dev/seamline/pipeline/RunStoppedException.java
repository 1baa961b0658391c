package dev.seamline.pipeline;

import dev.seamline.core.SeamlineException;

/**
 * A run stopped on a {@link StopSignal} at a tile boundary: the scenes in progress committed nothing
 * and left no temporary file, their journals are kept, and the same command with {@code --resume} goes
 * on from there.
 */
public final class RunStoppedException extends SeamlineException {

    private static final long serialVersionUID = 1L;

    /** @param message one line: what stopped the run and how to resume */
    public RunStoppedException(String message) {
        super(message);
    }
}
