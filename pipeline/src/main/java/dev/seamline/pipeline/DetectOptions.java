package dev.seamline.pipeline;

import dev.seamline.detector.DeviceChoice;
import dev.seamline.outputs.OutputFormat;
import dev.seamline.tiling.merge.ClassMode;
import dev.seamline.tiling.merge.MatchMetric;
import dev.seamline.tiling.merge.Matching;
import dev.seamline.tiling.merge.MergeStrategy;
import dev.seamline.tiling.merge.SeamRule;
import java.io.Serial;
import java.io.Serializable;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * How {@code seamline detect} runs, as one serializable value made of four parts, each checked when
 * built (the same options drive a local run or, later, a Spark executor). Every value is parsed at the
 * edge (the command line, {@link Preset}): nothing here is a string to interpret later. Immutable and
 * thread-safe.
 *
 * @param tiling  tile size, overlap and GSD resampling
 * @param merge   the merge strategy (with its match metric and threshold) and the seam rule
 * @param runtime batch size, reading threads and device: how fast, not what
 * @param outputs formats, min score and quicklook
 */
public record DetectOptions(TilingOptions tiling, MergeOptions merge, RuntimeOptions runtime, OutputOptions outputs)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 2L;

    /** @throws NullPointerException for a missing part */
    public DetectOptions {
        Objects.requireNonNull(tiling, "tiling");
        Objects.requireNonNull(merge, "merge");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(outputs, "outputs");
    }

    /** The defaults of {@code configs/default.yaml}. */
    public static DetectOptions defaults() {
        return new DetectOptions(TilingOptions.defaults(),
                MergeOptions.of("nms", MatchMetric.IOU, 0.5, SeamRule.DEFAULT),
                new RuntimeOptions(4, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())),
                        DeviceChoice.AUTO),
                new OutputOptions(EnumSet.of(OutputFormat.GEOJSON, OutputFormat.GPKG, OutputFormat.CSV, OutputFormat.COCO),
                        OptionalDouble.empty(), true));
    }

    /** These options with other tiling. */
    public DetectOptions withTiling(TilingOptions newTiling) {
        return new DetectOptions(newTiling, merge, runtime, outputs);
    }

    /** These options merging otherwise. */
    public DetectOptions withMerge(MergeOptions newMerge) {
        return new DetectOptions(tiling, newMerge, runtime, outputs);
    }

    /** These options running otherwise. */
    public DetectOptions withRuntime(RuntimeOptions newRuntime) {
        return new DetectOptions(tiling, merge, newRuntime, outputs);
    }

    /** These options writing otherwise. */
    public DetectOptions withOutputs(OutputOptions newOutputs) {
        return new DetectOptions(tiling, merge, runtime, newOutputs);
    }

    /** These options writing the given formats. */
    public DetectOptions withFormats(Set<OutputFormat> newFormats) {
        return withOutputs(outputs.withFormats(newFormats));
    }

    /** These options with the quicklook on or off. */
    public DetectOptions withQuicklook(boolean on) {
        return withOutputs(outputs.withQuicklook(on));
    }

    /** These options with GSD resampling on or off. */
    public DetectOptions withResample(boolean on) {
        return withTiling(tiling.withResample(on));
    }

    /**
     * What must not change between an interrupted run and its resumption for the output to stay the
     * same: everything except how fast it runs ({@link #runtime()}). The string is that of the journals
     * written before the options had parts (a merge method's defaults spelt as its old enum constant,
     * {@code SOFT_NMS}), so that they resume; a strategy other than its method's class-aware defaults
     * adds itself at the end.
     */
    public String resultFingerprint() {
        MergeStrategy strategy = merge.strategy();
        Matching matching = strategy.matching();
        String custom = strategy.equals(MergeStrategy.of(strategy.method(),
                new Matching(matching.metric(), matching.threshold(), ClassMode.CLASS_AWARE))) ? "" : " strategy=" + strategy;
        return "tile=" + tiling.tileSize() + " overlap=" + tiling.overlap() + " merge="
                + strategy.method().toUpperCase(Locale.ROOT).replace('-', '_') + " metric=" + matching.metric()
                + " threshold=" + matching.threshold() + " seam=" + merge.seamRule() + " formats="
                + new TreeSet<>(outputs.formats()) + " minScore=" + outputs.minScore() + " quicklook="
                + outputs.quicklook() + (tiling.resample() ? "" : " resample=false") + custom;
    }
}
