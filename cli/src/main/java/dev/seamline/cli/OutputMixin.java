package dev.seamline.cli;

import dev.seamline.pipeline.OutputOptions;
import dev.seamline.pipeline.Preset;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import picocli.CommandLine.Option;

/**
 * {@code --out}, {@code --format}, {@code --min-score}, {@code --[no-]quicklook}: where a run writes
 * and what ({@link OutputOptions}); a flag not given keeps the preset's value. Mixed in with
 * {@code @Mixin}.
 */
final class OutputMixin {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--format", split = ",", paramLabel = "F",
            description = "Outputs: geojson,gpkg,csv,coco,xview,dota,safe-passage,stac,geoparquet (comma-separated).")
    List<String> formats;

    @Option(names = "--min-score", paramLabel = "X", description = "Score threshold (default: the model's).")
    Double minScore;

    @Option(names = "--quicklook", negatable = true, description = "Write <stem>.quicklook.png (default: the preset's).")
    Boolean quicklook;

    /** The output folder. */
    Path out() {
        return out;
    }

    /**
     * {@code preset} with the flags given.
     *
     * @throws IllegalArgumentException for an unknown format or a score out of range
     */
    OutputOptions over(OutputOptions preset) {
        return new OutputOptions(formats != null ? Preset.parseFormats(formats) : preset.formats(),
                minScore != null ? OptionalDouble.of(minScore) : preset.minScore(),
                quicklook != null ? quicklook : preset.quicklook(), preset.safePassageClasses());
    }
}
