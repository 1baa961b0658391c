package dev.seamline.detector;

/**
 * Where a {@link Detector}'s time went since it was opened (the validation pass excluded): building
 * input tensors (preprocess), the model's forward pass, and decoding outputs into detections, in
 * nanoseconds of wall time. Immutable and thread-safe.
 *
 * @param tiles           tiles detected
 * @param batches         forward passes
 * @param preprocessNanos building and normalising input tensors, wherever it ran ({@link Detector#prepare}
 *                        on another thread included)
 * @param forwardNanos    the forward passes
 * @param decodeNanos     decoding outputs (peaks, NMS, boxes)
 * @param blankTiles      blank tiles that filled short batches up to the batch size (not in {@code tiles})
 */
public record InferenceTimings(long tiles, long batches, long preprocessNanos, long forwardNanos, long decodeNanos,
        long blankTiles) {

    /** Java-side work (preprocess + decode) as a fraction of the forward pass. */
    public double javaShareOfForward() {
        return forwardNanos == 0 ? 0 : (double) (preprocessNanos + decodeNanos) / forwardNanos;
    }

    /** Tiles per second over the whole of detect (preprocess, forward and decode, as if run one after another). */
    public double tilesPerSecond() {
        long total = preprocessNanos + forwardNanos + decodeNanos;
        return total == 0 ? 0 : tiles * 1e9 / total;
    }

    /** The timings since {@code earlier}. */
    public InferenceTimings minus(InferenceTimings earlier) {
        return new InferenceTimings(tiles - earlier.tiles, batches - earlier.batches,
                preprocessNanos - earlier.preprocessNanos, forwardNanos - earlier.forwardNanos,
                decodeNanos - earlier.decodeNanos, blankTiles - earlier.blankTiles);
    }
}
