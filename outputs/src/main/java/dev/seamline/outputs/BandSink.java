package dev.seamline.outputs;

import dev.seamline.core.Detection;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * What every format's sink is inside this package: a {@link DetectionSink} that is fed bands already
 * placed on the map by the scene's {@link BandGeoreferencer}. {@link SceneOutputs} places each band
 * once for all its sinks; {@link OutputFormat#open} wraps one sink with its own stage
 * ({@link #placing}). Not thread-safe.
 */
interface BandSink extends AutoCloseable {

    /** Writes placed detections; may be called any number of times, with any list size. */
    void accept(List<PlacedDetection> band) throws IOException;

    /** See {@link DetectionSink#prepare()}. */
    void prepare() throws IOException;

    /** See {@link DetectionSink#commit()}. */
    void commit() throws IOException;

    /** See {@link DetectionSink#close()}. */
    @Override
    void close() throws IOException;

    /** The sink as a {@link DetectionSink} that places each band with {@code stage} first. */
    static DetectionSink placing(BandSink sink, BandGeoreferencer stage) {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(stage, "stage");
        return new DetectionSink() {
            @Override
            public void accept(List<Detection> detections) throws IOException {
                sink.accept(stage.place(detections));
            }

            @Override
            public void prepare() throws IOException {
                sink.prepare();
            }

            @Override
            public void commit() throws IOException {
                sink.commit();
            }

            @Override
            public void close() throws IOException {
                sink.close();
            }
        };
    }
}
