package dev.seamline.eval;

/**
 * One class's line of a report. Immutable and thread-safe.
 *
 * @param key            the class key as the metric's JSON names it (COCO category id, DOTA name, xView type id)
 * @param name           a readable name
 * @param ap             the metric's main per-class value (COCO AP .50:.95, DOTA AP, xView AP), NaN when undefined
 * @param groundTruth    ground-truth objects counted (COCO: non-crowd; DOTA: non-difficult; xView: counted toward recall)
 * @param detections     detections scored
 * @param truePositives  true positives at the metric's own IoU rule (COCO: IoU .50, all areas, 100 dets), -1 if not defined
 * @param falsePositives false positives likewise, -1 if not defined
 */
public record ClassSummary(String key, String name, double ap, long groundTruth, long detections, long truePositives,
        long falsePositives) {
}
