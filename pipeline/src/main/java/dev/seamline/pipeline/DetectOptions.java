package dev.seamline.pipeline;

import dev.seamline.outputs.OutputFormat;
import dev.seamline.tiling.merge.MatchMetric;
import dev.seamline.tiling.merge.SeamRule;
import java.io.Serializable;
import java.util.EnumSet;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * How {@code seamline detect} runs, as one serializable value (the same options drive a local run or,
 * later, a Spark executor). Immutable and thread-safe.
 *
 * @param tileSize       tile width and height in pixels; empty: the model's input size
 * @param overlap        overlap between neighbouring tiles, pixels
 * @param merge          how overlapping detections merge
 * @param matchMetric    IoU or IoS for the merge
 * @param matchThreshold overlap from which two detections are one object
 * @param seamRule       the seam rule (a cut detection gives way to the one a neighbour saw whole)
 * @param batchSize      tiles per forward pass
 * @param readThreads    threads decoding tiles ahead of inference
 * @param device         cpu, gpu, gpu:N or auto
 * @param formats        outputs to write
 * @param minScore       score threshold; empty: the model's default
 * @param quicklook      also write {@code <stem>.quicklook.png}
 * @param resample       resample a scene whose ground sample distance differs from the model's by more
 *                       than 5 % to the model's (when the model states its GSD and allows it); tile and
 *                       overlap are then in model pixels
 */
public record DetectOptions(OptionalInt tileSize, int overlap, MergeMethod merge, MatchMetric matchMetric,
        double matchThreshold, SeamRule seamRule, int batchSize, int readThreads, String device,
        Set<OutputFormat> formats, OptionalDouble minScore, boolean quicklook, boolean resample) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** @throws IllegalArgumentException for values out of range */
    public DetectOptions {
        Objects.requireNonNull(tileSize, "tileSize");
        Objects.requireNonNull(merge, "merge");
        Objects.requireNonNull(matchMetric, "matchMetric");
        Objects.requireNonNull(seamRule, "seamRule");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(minScore, "minScore");
        formats = Set.copyOf(formats);
        if (tileSize.isPresent() && tileSize.getAsInt() < 16) {
            throw new IllegalArgumentException("tile size must be at least 16 pixels, was " + tileSize.getAsInt());
        }
        if (overlap < 0 || tileSize.isPresent() && overlap >= tileSize.getAsInt()) {
            throw new IllegalArgumentException("overlap must be in [0, tile size), was " + overlap);
        }
        if (!(matchThreshold > 0 && matchThreshold <= 1)) {
            throw new IllegalArgumentException("merge threshold must be in (0, 1], was " + matchThreshold);
        }
        if (batchSize < 1 || readThreads < 1) {
            throw new IllegalArgumentException("batch size and read threads must be at least 1");
        }
        if (minScore.isPresent() && !(minScore.getAsDouble() >= 0 && minScore.getAsDouble() <= 1)) {
            throw new IllegalArgumentException("min score must be in [0, 1], was " + minScore.getAsDouble());
        }
    }

    /** The options with resampling on (the default). */
    public DetectOptions(OptionalInt tileSize, int overlap, MergeMethod merge, MatchMetric matchMetric,
            double matchThreshold, SeamRule seamRule, int batchSize, int readThreads, String device,
            Set<OutputFormat> formats, OptionalDouble minScore, boolean quicklook) {
        this(tileSize, overlap, merge, matchMetric, matchThreshold, seamRule, batchSize, readThreads, device, formats,
                minScore, quicklook, true);
    }

    /** The defaults of {@code configs/default.yaml}. */
    public static DetectOptions defaults() {
        return new DetectOptions(OptionalInt.empty(), 128, MergeMethod.NMS, MatchMetric.IOU, 0.5, SeamRule.DEFAULT, 4,
                Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), "auto",
                EnumSet.of(OutputFormat.GEOJSON, OutputFormat.GPKG, OutputFormat.CSV, OutputFormat.COCO),
                OptionalDouble.empty(), true);
    }

    /** These options writing the given formats. */
    public DetectOptions withFormats(Set<OutputFormat> newFormats) {
        return new DetectOptions(tileSize, overlap, merge, matchMetric, matchThreshold, seamRule, batchSize, readThreads,
                device, newFormats, minScore, quicklook, resample);
    }

    /** These options with the quicklook on or off. */
    public DetectOptions withQuicklook(boolean on) {
        return new DetectOptions(tileSize, overlap, merge, matchMetric, matchThreshold, seamRule, batchSize, readThreads,
                device, formats, minScore, on, resample);
    }

    /** These options with GSD resampling on or off. */
    public DetectOptions withResample(boolean on) {
        return new DetectOptions(tileSize, overlap, merge, matchMetric, matchThreshold, seamRule, batchSize, readThreads,
                device, formats, minScore, quicklook, on);
    }

    /** The tile size for a model whose input is {@code modelInput} pixels. */
    public int tileSizeFor(int modelInput) {
        return tileSize.orElse(modelInput);
    }

    /**
     * What must not change between an interrupted run and its resumption for the output to stay the
     * same: everything except how fast it runs (batch size, threads, device).
     */
    public String resultFingerprint() {
        return "tile=" + tileSize + " overlap=" + overlap + " merge=" + merge + " metric=" + matchMetric + " threshold="
                + matchThreshold + " seam=" + seamRule + " formats=" + new java.util.TreeSet<>(formats) + " minScore="
                + minScore + " quicklook=" + quicklook + (resample ? "" : " resample=false");
    }
}
