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

    /** Finishes the output and moves it into place atomically. */
    void commit() throws IOException;

    /** Releases resources; without a prior {@link #commit()}, deletes the partial output. */
    @Override
    void close() throws IOException;
}
