package dev.seamline.detector;

import java.util.List;
import java.util.Objects;

/**
 * How raw samples become a model's input values, per channel: first a stretch to about 0…1, then
 * {@code (x − mean[c]) / std[c]}. All arithmetic is in float32, like the model's.
 *
 * <ul>
 *   <li>{@link Stretch#SCALE}: {@code x = v · scale} (8-bit imagery: {@code scale = 1/255});</li>
 *   <li>{@link Stretch#RANGE}: {@code x = clamp((v − low) / (high − low), 0, 1)}, {@code low} and
 *       {@code high} in sample values (16-bit imagery with a known radiometric range);</li>
 *   <li>{@link Stretch#PERCENTILE}: as RANGE with {@code low}/{@code high} the given percentiles (0…100,
 *       linear interpolation as numpy's default) of each tile's channel, computed over the part of the
 *       tile inside the raster ({@code PixelBuffer.valid()}); a flat channel becomes 0.</li>
 * </ul>
 * Unsigned sample types are read as unsigned. {@code mean} and {@code std} hold one value per input
 * channel. Immutable and thread-safe.
 *
 * @param stretch the stretch
 * @param scale   the factor for {@link Stretch#SCALE} (1 otherwise)
 * @param low     sample value or percentile mapped to 0 (RANGE, PERCENTILE)
 * @param high    sample value or percentile mapped to 1 (RANGE, PERCENTILE)
 * @param mean    per-channel mean subtracted after the stretch
 * @param std     per-channel standard deviation divided by last, each &gt; 0
 */
public record Normalization(Stretch stretch, double scale, double low, double high, List<Double> mean, List<Double> std) {

    /** The first step of the normalisation. */
    public enum Stretch {
        /** Multiply by a constant. */
        SCALE,
        /** Map a fixed range of sample values to 0…1, clamping. */
        RANGE,
        /** Map two percentiles of each tile's channel to 0…1, clamping. */
        PERCENTILE
    }

    /** @throws IllegalArgumentException for mean/std of different lengths, a std ≤ 0 or an empty range */
    public Normalization {
        Objects.requireNonNull(stretch, "stretch");
        mean = List.copyOf(mean);
        std = List.copyOf(std);
        if (mean.size() != std.size()) {
            throw new IllegalArgumentException("mean has " + mean.size() + " values, std " + std.size());
        }
        for (double s : std) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("std values must be positive, found " + s);
            }
        }
        for (double m : mean) {
            if (!Double.isFinite(m)) {
                throw new IllegalArgumentException("mean values must be finite, found " + m);
            }
        }
        if (stretch == Stretch.SCALE && !(Double.isFinite(scale) && scale != 0)) {
            throw new IllegalArgumentException("scale must be a finite non-zero number, found " + scale);
        }
        if (stretch != Stretch.SCALE && !(high > low)) {
            throw new IllegalArgumentException("the stretch's high (" + high + ") must exceed its low (" + low + ")");
        }
        if (stretch == Stretch.PERCENTILE && (low < 0 || high > 100)) {
            throw new IllegalArgumentException("percentiles must lie in [0, 100], found " + low + ", " + high);
        }
    }

    /** {@code (v · scale − mean) / std}. */
    public static Normalization ofScale(double scale, List<Double> mean, List<Double> std) {
        return new Normalization(Stretch.SCALE, scale, 0, 1, mean, std);
    }

    /** {@code (clamp((v − low)/(high − low)) − mean) / std}. */
    public static Normalization ofRange(double low, double high, List<Double> mean, List<Double> std) {
        return new Normalization(Stretch.RANGE, 1, low, high, mean, std);
    }

    /** As {@link #ofRange} with {@code low}/{@code high} the tile's percentiles. */
    public static Normalization ofPercentile(double lowPercent, double highPercent, List<Double> mean, List<Double> std) {
        return new Normalization(Stretch.PERCENTILE, 1, lowPercent, highPercent, mean, std);
    }

    /** Number of channels mean and std describe. */
    public int channels() {
        return mean.size();
    }
}
