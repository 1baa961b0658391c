package dev.seamline.pipeline.loop;

import dev.seamline.eval.Metric;
import dev.seamline.outputs.OutputFormat;
import java.util.List;
import java.util.Locale;

/**
 * The competitions {@link CompetitionLoop} runs end to end: for each, the preset of
 * {@code configs/} its detection uses, the output format its submission is made from, and the
 * metrics it is scored with (DOTA with both tasks). Their data layouts: {@link CompetitionData}.
 */
public enum Competition {
    /** DOTA v1.0: {@code images/} and {@code labelTxt/}; submission {@code dota/Task1_<class>.txt}, {@code Task2_…}. */
    DOTA("dota", "dota", OutputFormat.DOTA, List.of(Metric.DOTA_TASK1, Metric.DOTA_TASK2)),
    /** xView: GeoTIFF chips and the GeoJSON truth; submission one {@code xview/<chip>.tif.txt} per chip. */
    XVIEW("xview", "xview", OutputFormat.XVIEW, List.of(Metric.XVIEW)),
    /** SpaceNet buildings: images and the truth CSV; submission {@code spacenet/proposals.csv} (pixel WKT). */
    SPACENET("spacenet", "spacenet", OutputFormat.GEOJSON, List.of(Metric.SPACENET)),
    /** COCO: a folder of images and an instances file; submission {@code coco/results.json}. */
    COCO("coco", "default", OutputFormat.COCO, List.of(Metric.COCO)),
    /** Dstl Safe Passage: JPEGs and {@code trainingObservations.csv}; submission {@code safe-passage/submission.csv}. */
    SAFE_PASSAGE("safe-passage", "safe-passage", OutputFormat.SAFE_PASSAGE, List.of(Metric.SAFE_PASSAGE));

    private final String cliName;
    private final String preset;
    private final OutputFormat format;
    private final List<Metric> metrics;

    Competition(String cliName, String preset, OutputFormat format, List<Metric> metrics) {
        this.cliName = cliName;
        this.preset = preset;
        this.format = format;
        this.metrics = metrics;
    }

    /** The name the command line and the docs use: {@code dota}, {@code xview}, {@code spacenet}, {@code coco}, {@code safe-passage}. */
    public String cliName() {
        return cliName;
    }

    /** The preset of {@code configs/} detection starts from. */
    public String preset() {
        return preset;
    }

    /** The output format the submission is made from; a run always writes it, whatever else it writes. */
    public OutputFormat format() {
        return format;
    }

    /** The metrics the submission is scored with, in the order printed. */
    public List<Metric> metrics() {
        return metrics;
    }

    /** The competition of a command-line name (case-blind, {@code _} for {@code -}), or {@code null}. */
    public static Competition ofCliName(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Competition c : values()) {
            if (c.cliName.equals(n)) {
                return c;
            }
        }
        return null;
    }
}
