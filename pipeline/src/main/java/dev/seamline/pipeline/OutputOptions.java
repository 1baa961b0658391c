package dev.seamline.pipeline;

import dev.seamline.outputs.OutputFormat;
import java.io.Serial;
import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * What a run writes. Immutable, thread-safe and serializable.
 *
 * @param formats   outputs to write (copied; not empty)
 * @param minScore  score threshold in [0, 1]; empty: the model's default
 * @param quicklook also write {@code <stem>.quicklook.png}
 * @param safePassageClasses the Safe Passage class map, model class name → contest class A … I
 *                  (copied; empty: the model classes named A … I), see
 *                  {@link OutputFormat#finishRun(java.nio.file.Path, Set, java.util.List, dev.seamline.core.ClassCatalog, Map)}
 */
public record OutputOptions(Set<OutputFormat> formats, OptionalDouble minScore, boolean quicklook,
        Map<String, String> safePassageClasses) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** @throws IllegalArgumentException for a min score outside [0, 1] */
    public OutputOptions {
        Objects.requireNonNull(minScore, "minScore");
        formats = Set.copyOf(formats);
        safePassageClasses = Map.copyOf(safePassageClasses);
        if (minScore.isPresent() && !(minScore.getAsDouble() >= 0 && minScore.getAsDouble() <= 1)) {
            throw new IllegalArgumentException("min score must be in [0, 1], was " + minScore.getAsDouble());
        }
    }

    /** Options without a Safe Passage class map. */
    public OutputOptions(Set<OutputFormat> formats, OptionalDouble minScore, boolean quicklook) {
        this(formats, minScore, quicklook, Map.of());
    }

    /** These options writing the given formats. */
    public OutputOptions withFormats(Set<OutputFormat> newFormats) {
        return new OutputOptions(newFormats, minScore, quicklook, safePassageClasses);
    }

    /** These options with the quicklook on or off. */
    public OutputOptions withQuicklook(boolean on) {
        return new OutputOptions(formats, minScore, on, safePassageClasses);
    }

    /** These options with a Safe Passage class map (model class name → A … I). */
    public OutputOptions withSafePassageClasses(Map<String, String> map) {
        return new OutputOptions(formats, minScore, quicklook, map);
    }

    /** {@link OptionalDouble} is not serializable: the stream holds this form instead (NaN: no min score). */
    @Serial
    private Object writeReplace() {
        return new Form(formats, minScore.orElse(Double.NaN), quicklook, new java.util.TreeMap<>(safePassageClasses));
    }

    private record Form(Set<OutputFormat> formats, double minScore, boolean quicklook,
            java.util.TreeMap<String, String> safePassageClasses) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        @Serial
        private Object readResolve() {
            return new OutputOptions(formats, Double.isNaN(minScore) ? OptionalDouble.empty() : OptionalDouble.of(minScore),
                    quicklook, safePassageClasses == null ? Map.of() : safePassageClasses);
        }
    }
}
