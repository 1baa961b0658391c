package dev.seamline.cli;

import dev.seamline.pipeline.TilingOptions;
import java.util.OptionalInt;
import picocli.CommandLine.Option;

/**
 * {@code --tile}, {@code --overlap}, {@code --[no-]resample}: how a scene is cut into tiles for the
 * model ({@link TilingOptions}); a flag not given keeps the preset's value. Mixed in with {@code @Mixin}.
 */
final class TilingMixin {

    @Option(names = "--tile", paramLabel = "N", description = "Tile size, pixels (default: the model's input size).")
    Integer tile;

    @Option(names = "--overlap", paramLabel = "N", description = "Overlap between tiles, pixels.")
    Integer overlap;

    @Option(names = "--resample", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Resample a scene whose ground sample distance differs from the model's (gsd_m) by more than "
                    + "5%% to the model's (default: on; --no-resample turns it off).")
    boolean resample;

    /**
     * {@code preset} with the flags given.
     *
     * @throws IllegalArgumentException for values out of range
     */
    TilingOptions over(TilingOptions preset) {
        return new TilingOptions(tile != null ? OptionalInt.of(tile) : preset.tileSize(),
                overlap != null ? overlap : preset.overlap(), resample && preset.resample());
    }
}
