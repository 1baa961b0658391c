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

    @Option(names = "--resample", arity = "0..1", paramLabel = "on|off|force", parameterConsumer = ResampleValue.class,
            description = "Resample a scene whose ground sample distance differs from the model's (gsd_m) by more than "
                    + "5%% to the model's (default: on). Beyond 4x up or 8x down the scene fails with one line saying "
                    + "why, unless 'force'; 'off' (or --no-resample) never resamples.")
    String resample;

    @Option(names = "--no-resample", description = "Never resample (the same as --resample=off).")
    boolean noResample;

    /**
     * The value of {@code --resample}: the next argument when it is a mode word (or no path: it is then
     * reported as a bad value), else {@code on}, so that {@code --resample scene.tif} keeps meaning what
     * the boolean flag meant.
     */
    static final class ResampleValue implements picocli.CommandLine.IParameterConsumer {
        @Override
        public void consumeParameters(java.util.Stack<String> args, picocli.CommandLine.Model.ArgSpec argSpec,
                picocli.CommandLine.Model.CommandSpec commandSpec) {
            String value = "on";
            if (!args.isEmpty() && isValue(args.peek())) {
                value = args.pop();
            }
            argSpec.setValue(value);
        }

        private static boolean isValue(String next) {
            if (java.util.List.of("on", "off", "force", "true", "false").contains(next.toLowerCase(java.util.Locale.ROOT))) {
                return true;
            }
            return !next.startsWith("-") && !next.startsWith("@") && next.chars().noneMatch(c -> "./\\*?".indexOf(c) >= 0)
                    && !java.nio.file.Files.exists(java.nio.file.Path.of(next));
        }
    }

    /**
     * {@code preset} with the flags given.
     *
     * @throws IllegalArgumentException for values out of range, or {@code --no-resample} with another
     *         {@code --resample}
     */
    TilingOptions over(TilingOptions preset) {
        TilingOptions.Resample given = null;
        if (resample != null) {
            try {
                given = TilingOptions.Resample.parse(resample);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--resample: expected on, off or force, found '"
                        + dev.seamline.core.io.Printable.escape(resample) + "'");
            }
        }
        if (noResample && given != null && given != TilingOptions.Resample.OFF) {
            throw new IllegalArgumentException("--no-resample and --resample " + given.label() + " contradict each other");
        }
        TilingOptions.Resample r = noResample ? TilingOptions.Resample.OFF : given != null ? given : preset.resampling();
        return new TilingOptions(tile != null ? OptionalInt.of(tile) : preset.tileSize(),
                overlap != null ? overlap : preset.overlap(),
                overlap != null ? TilingOptions.OverlapSource.OPTION : preset.overlapSource(), r);
    }
}
