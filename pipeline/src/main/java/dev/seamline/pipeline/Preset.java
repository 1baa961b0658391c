package dev.seamline.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.seamline.core.BadInputException;
import dev.seamline.core.io.InputFiles;
import dev.seamline.core.io.Printable;
import dev.seamline.detector.DeviceChoice;
import dev.seamline.outputs.OutputFormat;
import dev.seamline.tiling.merge.MatchMetric;
import dev.seamline.tiling.merge.MergeStrategy;
import dev.seamline.tiling.merge.SeamRule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A YAML preset for {@code seamline detect --config}: a file path, or the name of one of the presets
 * shipped in {@code configs/} ({@code default}, {@code xview}, {@code dota}, {@code spacenet}). Its
 * keys (all optional) are those of {@code configs/default.yaml}; unknown keys and bad values are
 * errors naming the file and the key.
 */
public final class Preset {

    /** The presets shipped with Seamline. */
    public static final List<String> BUILT_IN = List.of("default", "xview", "dota", "spacenet", "safe-passage");

    private static final Set<String> KEYS = Set.of("tile", "overlap", "merge", "match_metric", "match_threshold",
            "seam_rule", "batch", "threads", "device", "formats", "min_score", "quicklook", "resample", "metric",
            "safe_passage_classes");

    /** The largest preset file read, bytes. */
    static final int MAX_BYTES = 1 << 20;

    private final String source;
    private final JsonNode root;

    private Preset(String source, JsonNode root) {
        this.source = source;
        this.root = root;
    }

    /** Reads a preset file, or a built-in preset by name. */
    public static Preset load(String pathOrName) throws BadInputException {
        Path path = Path.of(pathOrName);
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try {
            if (Files.exists(path) && !(Files.isDirectory(path) && BUILT_IN.contains(pathOrName))) {
                InputFiles.requireRegularFile(path); // a FIFO would block the read forever
                if (Files.size(path) > MAX_BYTES) {
                    throw new BadInputException(path, "over " + (MAX_BYTES >> 10) + " KB; a preset is a few lines of YAML");
                }
                return check(pathOrName, yaml.readTree(path.toFile()));
            }
            if (BUILT_IN.contains(pathOrName)) {
                try (InputStream in = Preset.class.getResourceAsStream("configs/" + pathOrName + ".yaml")) {
                    if (in == null) {
                        throw new BadInputException("built-in preset '" + pathOrName + "' is missing from the build");
                    }
                    return check(pathOrName + ".yaml", yaml.readTree(in));
                }
            }
        } catch (IOException e) {
            throw new BadInputException(pathOrName + ": not a valid YAML preset: " + firstLine(e.getMessage()), e);
        }
        throw new BadInputException(pathOrName + ": no such preset file (built-in presets: " + BUILT_IN + ")");
    }

    private static Preset check(String source, JsonNode root) throws BadInputException {
        if (root == null || root.isNull() || root.isMissingNode()) {
            return new Preset(source, new ObjectMapper().createObjectNode());
        }
        if (!root.isObject()) {
            throw new BadInputException(source + ": a preset is a mapping of keys to values");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new BadInputException(source + ": unknown key '" + Printable.mask(key) + "' (known: " + new java.util.TreeSet<>(KEYS) + ")");
            }
        }
        return new Preset(source, root);
    }

    /** The preset's metric for evaluation, if it names one. */
    public String metric() {
        JsonNode n = root.get("metric");
        return n == null || n.isNull() ? "coco" : n.asText();
    }

    /** {@code base} with every value this preset sets. */
    public DetectOptions applyTo(DetectOptions base) throws BadInputException {
        try {
            // the parts are built in the order of their keys, so that the first bad value is the one reported
            return new DetectOptions(tiling(base.tiling()), merge(base.merge()), runtime(base.runtime()),
                    outputs(base.outputs()));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(source + ": " + Printable.mask(String.valueOf(e.getMessage())));
        }
    }

    private TilingOptions tiling(TilingOptions base) {
        OptionalInt tile = has("tile") ? OptionalInt.of(integer("tile")) : base.tileSize();
        if (root.has("tile") && root.get("tile").isNull()) {
            tile = OptionalInt.empty();
        }
        int overlap = base.overlap();
        TilingOptions.OverlapSource source = base.overlapSource();
        if (has("overlap")) {
            overlap = integer("overlap");
            source = TilingOptions.OverlapSource.PRESET;
        } else if (root.has("overlap")) { // null: the default, raised to the model's largest object
            overlap = TilingOptions.DEFAULT_OVERLAP;
            source = TilingOptions.OverlapSource.DEFAULT;
        }
        TilingOptions.Resample resample = has("resample") ? resampling() : base.resampling();
        return new TilingOptions(tile, overlap, source, resample);
    }

    /** {@code resample}: true, false, or on, off, force. */
    private TilingOptions.Resample resampling() {
        JsonNode n = root.get("resample");
        if (n.isBoolean()) {
            return n.asBoolean() ? TilingOptions.Resample.ON : TilingOptions.Resample.OFF;
        }
        if (n.isTextual()) {
            try {
                return TilingOptions.Resample.parse(n.asText());
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException("'resample' must be true, false or force, was " + n);
    }

    private MergeOptions merge(MergeOptions base) {
        String method = has("merge") ? choice("merge", MergeStrategy.METHODS, () -> MergeOptions.method(text("merge")))
                : base.method();
        MatchMetric metric = has("match_metric") ? choice("match_metric", names(MatchMetric.values()),
                () -> MatchMetric.valueOf(text("match_metric").trim().toUpperCase(Locale.ROOT))) : base.matchMetric();
        double threshold = has("match_threshold") ? number("match_threshold") : base.matchThreshold();
        SeamRule seam = has("seam_rule") ? (bool("seam_rule") ? SeamRule.DEFAULT : SeamRule.OFF) : base.seamRule();
        if (method.equals(base.method()) && metric == base.matchMetric() && threshold == base.matchThreshold()) {
            return new MergeOptions(base.strategy(), seam); // the base's strategy as it is, defaults or not
        }
        return MergeOptions.of(method, metric, threshold, seam);
    }

    private RuntimeOptions runtime(RuntimeOptions base) {
        int batch = has("batch") ? integer("batch") : base.batchSize();
        int threads = has("threads") ? integer("threads") : base.readThreads();
        DeviceChoice device = base.device();
        if (has("device")) {
            try {
                device = DeviceChoice.parse(text("device"));
            } catch (BadInputException e) {
                throw new IllegalArgumentException("'device' must be auto, cpu, gpu or gpu:N, was " + root.get("device"));
            }
        }
        return new RuntimeOptions(batch, threads, device).withSceneStream(base.sceneStream());
    }

    private OutputOptions outputs(OutputOptions base) {
        Set<OutputFormat> formats = has("formats") ? formats(root.get("formats")) : base.formats();
        OptionalDouble minScore = has("min_score") ? OptionalDouble.of(number("min_score")) : base.minScore();
        if (root.has("min_score") && root.get("min_score").isNull()) {
            minScore = OptionalDouble.empty();
        }
        boolean quicklook = has("quicklook") ? bool("quicklook") : base.quicklook();
        Map<String, String> spc = base.safePassageClasses();
        if (has("safe_passage_classes")) {
            JsonNode m = root.get("safe_passage_classes");
            if (!m.isObject()) {
                throw new IllegalArgumentException("'safe_passage_classes' must map model classes to A–I, e.g. {car: B}");
            }
            spc = new java.util.LinkedHashMap<>();
            for (var it = m.fields(); it.hasNext();) {
                var e = it.next();
                String v = e.getValue().asText();
                if (!e.getValue().isTextual() || v.length() != 1 || v.charAt(0) < 'A' || v.charAt(0) > 'I') {
                    throw new IllegalArgumentException("'safe_passage_classes' maps '" + Printable.mask(e.getKey()) + "' to "
                            + e.getValue() + "; the contest's classes are A to I");
                }
                spc.put(e.getKey(), v);
            }
        }
        return new OutputOptions(formats, minScore, quicklook, spc);
    }

    /** Parses a comma-separated or YAML list of format names. */
    public static Set<OutputFormat> parseFormats(List<String> names) {
        Set<OutputFormat> set = EnumSet.noneOf(OutputFormat.class);
        for (String n : names) {
            for (String part : n.split(",")) {
                if (!part.isBlank()) {
                    try {
                        set.add(OutputFormat.valueOf(part.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("unknown format '" + Printable.mask(part.trim()) + "' (known: "
                                + java.util.Arrays.stream(OutputFormat.values())
                                        .map(f -> f.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList() + ")");
                    }
                }
            }
        }
        if (set.isEmpty()) {
            throw new IllegalArgumentException("no output format given");
        }
        return set;
    }

    private Set<OutputFormat> formats(JsonNode node) {
        if (node.isTextual()) {
            return parseFormats(List.of(node.asText()));
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("'formats' must be a list such as [geojson, gpkg]");
        }
        List<String> names = new java.util.ArrayList<>();
        node.forEach(n -> names.add(n.asText()));
        return parseFormats(names);
    }

    /** A parsed value, or a message naming the key, the value and the choices (not Java's "No enum constant …"). */
    private <T> T choice(String key, List<String> names, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + key + "' must be one of " + names + ", was " + root.get(key));
        }
    }

    /** The names of enum values as presets spell them. */
    private static List<String> names(Enum<?>[] values) {
        return java.util.Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList();
    }

    private boolean has(String key) {
        return root.has(key) && !root.get(key).isNull();
    }

    private String text(String key) {
        return root.get(key).asText();
    }

    private int integer(String key) {
        JsonNode n = root.get(key);
        if (!n.canConvertToInt() || !n.isIntegralNumber()) {
            throw new IllegalArgumentException("'" + key + "' must be a whole number, was " + n);
        }
        return n.asInt();
    }

    private double number(String key) {
        JsonNode n = root.get(key);
        if (!n.isNumber()) {
            throw new IllegalArgumentException("'" + key + "' must be a number, was " + n);
        }
        return n.asDouble();
    }

    private boolean bool(String key) {
        JsonNode n = root.get(key);
        if (!n.isBoolean()) {
            throw new IllegalArgumentException("'" + key + "' must be true or false, was " + n);
        }
        return n.asBoolean();
    }

    private static String firstLine(String s) {
        String one = s == null ? "" : s.lines().findFirst().orElse("");
        return one.replaceFirst("^([a-z_][\\w$]*\\.)+[A-Z][\\w$]*(Exception|Error): ", ""); // not "java.io.CharConversionException: "
    }

}
