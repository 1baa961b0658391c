package dev.seamline.pipeline;

import dev.seamline.tiling.merge.ClassMode;
import dev.seamline.tiling.merge.MatchMetric;
import dev.seamline.tiling.merge.Matching;
import dev.seamline.tiling.merge.MergeStrategy;
import dev.seamline.tiling.merge.SeamRule;
import java.io.Serial;
import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * How detections from overlapping tiles merge: the seam rule first, then the strategy (which holds
 * its {@link Matching}: metric and threshold). Immutable, thread-safe and serializable.
 *
 * @param strategy the merge strategy; its match threshold must be above 0
 * @param seamRule the seam rule (a cut detection gives way to the one a neighbour saw whole)
 */
public record MergeOptions(MergeStrategy strategy, SeamRule seamRule) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** @throws IllegalArgumentException for a match threshold of 0 */
    public MergeOptions {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(seamRule, "seamRule");
        checkThreshold(strategy.matching().threshold());
    }

    /**
     * The options of a method name with that method's defaults ({@link MergeStrategy#of}), class-aware.
     *
     * @param method    {@code nms}, {@code soft-nms}, {@code wbf} or {@code nmm}; case and surrounding
     *                  blanks do not matter, nor {@code _} for {@code -}
     * @param metric    IoU or IoS
     * @param threshold overlap from which two detections are one object, in (0, 1)
     * @throws IllegalArgumentException for an unknown method or a threshold out of range
     */
    public static MergeOptions of(String method, MatchMetric metric, double threshold, SeamRule seamRule) {
        checkThreshold(threshold);
        return new MergeOptions(MergeStrategy.of(method(method), new Matching(metric, threshold, ClassMode.CLASS_AWARE)),
                seamRule);
    }

    /**
     * The one spelling of a method name ({@link MergeStrategy#METHODS}) from what a user typed.
     *
     * @throws IllegalArgumentException when it names no method
     */
    public static String method(String text) {
        String name = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        if (!MergeStrategy.METHODS.contains(name)) {
            throw new IllegalArgumentException("unknown merge method '" + text + "' (expected one of "
                    + String.join(", ", MergeStrategy.METHODS) + ")");
        }
        return name;
    }

    /** The method name of the strategy ({@link MergeStrategy#method()}). */
    public String method() {
        return strategy.method();
    }

    /** The strategy's match metric. */
    public MatchMetric matchMetric() {
        return strategy.matching().metric();
    }

    /** The strategy's match threshold. */
    public double matchThreshold() {
        return strategy.matching().threshold();
    }

    /** These options with the strategy of another method, keeping the matching and seam rule. */
    public MergeOptions withMethod(String method) {
        return new MergeOptions(MergeStrategy.of(method(method), strategy.matching()), seamRule);
    }

    private static void checkThreshold(double threshold) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("merge threshold must be in (0, 1), was " + threshold);
        }
    }
}
