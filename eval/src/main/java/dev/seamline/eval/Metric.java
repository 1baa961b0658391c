package dev.seamline.eval;

import java.util.Locale;

/** The competition metrics Seamline reproduces, with their command-line names. Immutable and thread-safe. */
public enum Metric {
    /** COCO bbox (pycocotools COCOeval): 12 summary stats and per category. */
    COCO("coco"),
    /** DOTA task1, oriented boxes (dota_evaluation_task1.py). */
    DOTA_TASK1("dota-task1"),
    /** DOTA task2, horizontal boxes (dota_evaluation_task2.py). */
    DOTA_TASK2("dota-task2"),
    /** xView (the xView baseline's scoring/score.py), recall quirk included by default. */
    XVIEW("xview"),
    /** SpaceNet buildings F1 (solaris Evaluator). */
    SPACENET("spacenet"),
    /** DeepForest precision and recall (deepforest.evaluate). */
    DEEPFOREST("deepforest"),
    /** Dstl Safe Passage vehicle centres: Jaccard TP / (TP + FP + FN) under Seamline's stated rule. */
    SAFE_PASSAGE("safe-passage");

    private final String cliName;

    Metric(String cliName) {
        this.cliName = cliName;
    }

    /** The name on the command line, e.g. {@code dota-task1}. */
    public String cliName() {
        return cliName;
    }

    /** The metric of a command-line name (case-insensitive), or {@code null}. */
    public static Metric ofCliName(String name) {
        for (Metric m : values()) {
            if (m.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return cliName;
    }
}
