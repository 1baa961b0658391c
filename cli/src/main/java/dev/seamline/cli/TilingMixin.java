package dev.seamline.cli;

import dev.seamline.pipeline.TilingOptions;
import java.util.OptionalInt;
import picocli.CommandLine.Option;

/**
 * {@code --tile}, {@code --overlap}, {@code --resample[=on|off|force]}, {@code --no-resample}: how a
 * scene is cut into tiles for the model ({@link TilingOptions}); a flag not given keeps the preset's
 * value. Mixed in with {@code @Mixin}.
 */
final class TilingMixin {

    @Option(names = "--tile", paramLabel = "N", description = "Tile size, pixels (default: the model's input size).")
    Integer tile;

    @Option(names = "--overlap", paramLabel = "N", description = "Overlap between tiles, pixels (default: 128, or the "
            + "model's largest object, its max_object_px, when larger).")
    Integer overlap;

    @Option(names = "--resample", arity = "0..1", paramLabel = "on|off|force", fallbackValue = "on",
            converter = ResampleConverter.class,
            description = "Resample a scene whose ground sample distance differs from the model's (gsd_m) by more than "
                    + "5%% to the model's (default: on). Beyond 4x up or 8x down the scene fails with one line saying "
                    + "why, unless 'force'; 'off' (or --no-resample) never resamples.")
    TilingOptions.Resample resample;

    @Option(names = "--no-resample", description = "Never resample (the same as --resample=off).")
    boolean noResample;

    /** {@code on | off | force} (and {@code true | false}) for {@code --resample}. */
    static final class ResampleConverter implements picocli.CommandLine.ITypeConverter<TilingOptions.Resample> {
        @Override
        public TilingOptions.Resample convert(String value) {
            try {
                return TilingOptions.Resample.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("expected on, off or force, found '" + value + "'");
            }
        }
    }

    /**
     * {@code preset} with the flags given.
     *
     * @throws IllegalArgumentException for values out of range, or {@code --no-resample} with another
     *         {@code --resample}
     */
    TilingOptions over(TilingOptions preset) {
        if (noResample && resample != null && resample != TilingOptions.Resample.OFF) {
            throw new IllegalArgumentException("--no-resample and --resample=" + resample.label() + " contradict each other");
        }
        TilingOptions.Resample r = noResample ? TilingOptions.Resample.OFF : resample != null ? resample : preset.resampling();
        return new TilingOptions(tile != null ? OptionalInt.of(tile) : preset.tileSize(),
                overlap != null ? overlap : preset.overlap(),
                overlap != null ? TilingOptions.OverlapSource.OPTION : preset.overlapSource(), r);
    }
}
