package dev.seamline.outputs;

import dev.seamline.core.Detection;
import java.io.IOException;
import java.util.List;

/**
 * A streaming writer of one scene's detections in one format. The pipeline calls {@link #accept}
 * with finalised detections in scene pixels (the core pixel convention), band by band, then
 * {@link #commit()} once, which makes the output appear atomically; {@link #close()} without a
 * commit removes everything written so far. Not thread-safe: one pipeline thread feeds it.
 */
public interface DetectionSink extends AutoCloseable {

    /** Writes detections (scene pixels); may be called any number of times, with any list size. */
    void accept(List<Detection> detections) throws IOException;

    /**
     * Finishes the output in its temporary file and forces it to storage, without moving it into place:
     * the first half of {@link #commit()}, for a writer of several outputs that must all be written
     * before any appears (a full disk then fails before any is committed). Optional: {@link #commit()}
     * does it when it was not done; by default nothing.
     */
    default void prepare() throws IOException {
    }

    /** Finishes the output (unless {@link #prepare()} did) and moves it into place atomically. */
    void commit() throws IOException;

    /** Releases resources; without a prior {@link #commit()}, deletes the partial output. */
    @Override
    void close() throws IOException;
}
