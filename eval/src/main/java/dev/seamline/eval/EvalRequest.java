package dev.seamline.eval;

import dev.seamline.formats.coco.CocoDataset;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What to evaluate: the metric and the files, as {@code seamline eval} takes them. Immutable and
 * thread-safe.
 *
 * @param metric         the competition metric
 * @param gt             ground truth: a file or folder as the format stores it (COCO instances JSON,
 *                       DOTA labelTxt folder, xView GeoJSON, SpaceNet CSV or GeoJSON, DeepForest CSV)
 * @param pred           predictions: COCO results JSON, folder of DOTA Task files, folder of xView
 *                       txt files, SpaceNet CSV or GeoJSON, DeepForest CSV
 * @param classes        optional class list file (one name per line): the classes scored, in order;
 *                       any other class name in the input is an error. {@code null}: from the data
 * @param imageset       optional image list file (one name or id per line); {@code null}: all
 * @param ap             AP method for DOTA; {@code null}: the official default (VOC07)
 * @param xviewFixRecall xView: count every GT toward recall (the official scorer's bug is the default)
 * @param cocoMaxDets    COCO: the largest maxDets (detections kept per image and category), at least
 *                       10; COCO's own value is {@value CocoEval#DEFAULT_MAX_DETS}
 * @param ignore         Safe Passage: optional low-confidence centres (the same CSV), on which a
 *                       detection costs nothing; {@code null}: none
 */
public record EvalRequest(Metric metric, Path gt, Path pred, Path classes, Path imageset, ApMethod ap, boolean xviewFixRecall,
        int cocoMaxDets, Path ignore) {

    /** Checks the required parts. */
    public EvalRequest {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(gt, "gt");
        Objects.requireNonNull(pred, "pred");
        if (cocoMaxDets < 10) {
            throw new IllegalArgumentException("COCO maxDets must be at least 10, was " + cocoMaxDets);
        }
    }

    /** A request without an ignore file. */
    public EvalRequest(Metric metric, Path gt, Path pred, Path classes, Path imageset, ApMethod ap, boolean xviewFixRecall,
            int cocoMaxDets) {
        this(metric, gt, pred, classes, imageset, ap, xviewFixRecall, cocoMaxDets, null);
    }

    /** A request with the official defaults. */
    public static EvalRequest of(Metric metric, Path gt, Path pred) {
        return new EvalRequest(metric, gt, pred, null, null, null, false, CocoEval.DEFAULT_MAX_DETS);
    }

    /** This request with a class list file. */
    public EvalRequest withClasses(Path file) {
        return new EvalRequest(metric, gt, pred, file, imageset, ap, xviewFixRecall, cocoMaxDets, ignore);
    }

    /** This request with an image set file. */
    public EvalRequest withImageset(Path file) {
        return new EvalRequest(metric, gt, pred, classes, file, ap, xviewFixRecall, cocoMaxDets, ignore);
    }

    /** This request with an AP method. */
    public EvalRequest withAp(ApMethod method) {
        return new EvalRequest(metric, gt, pred, classes, imageset, method, xviewFixRecall, cocoMaxDets, ignore);
    }

    /** This request with xView's corrected recall count on or off. */
    public EvalRequest withXviewFixRecall(boolean fix) {
        return new EvalRequest(metric, gt, pred, classes, imageset, ap, fix, cocoMaxDets, ignore);
    }

    /** This request with a Safe Passage low-confidence file ({@code null}: none). */
    public EvalRequest withIgnore(Path file) {
        return new EvalRequest(metric, gt, pred, classes, imageset, ap, xviewFixRecall, cocoMaxDets, file);
    }

    /** This request with another COCO maxDets (see {@link CocoEval#evaluate(CocoDataset, java.util.List, int)}). */
    public EvalRequest withCocoMaxDets(int maxDets) {
        return new EvalRequest(metric, gt, pred, classes, imageset, ap, xviewFixRecall, maxDets, ignore);
    }
}
