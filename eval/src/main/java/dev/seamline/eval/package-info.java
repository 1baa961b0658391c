/**
 * Competition metrics: the official scorers reproduced to the last digit (COCO bbox, DOTA
 * task1/task2, xView, SpaceNet F1, DeepForest precision/recall), quirks included, as
 * ../shared/METRICS.md lists them, over files read by the {@code formats} module. Depends on
 * {@code core} and {@code formats} only.
 *
 * <p>Entry points: {@link dev.seamline.eval.Evaluator#evaluate} (what {@code seamline eval} runs)
 * returns an {@link dev.seamline.eval.EvalResult}; {@link dev.seamline.eval.ReportWriter} writes its
 * report. Metrics, each with a one-call entry: {@link dev.seamline.eval.CocoEval},
 * {@link dev.seamline.eval.DotaEval}, {@link dev.seamline.eval.SpaceNetEval},
 * {@link dev.seamline.eval.DeepForestEval}, {@link dev.seamline.eval.XviewEval}.
 *
 * <p>Conventions: pixel coordinates are Seamline's ((0,0) the top-left corner of the top-left pixel,
 * boxes [x0,x1) × [y0,y1), no "+1"); formats that differ (COCO [x,y,w,h], DOTA task2's "+1" widths)
 * convert at their reader/writer in {@code formats} or inside the metric that owes the quirk. Bad input
 * is a {@link dev.seamline.core.BadInputException} whose one-line message names the file and the
 * line; reports are written atomically ({@link dev.seamline.core.io.AtomicFile}). Numbers follow the
 * reference implementations' arithmetic order (numpy's pairwise sums, linspace, the VOC loops) so
 * that results agree to the last bits, not merely to 1e-9.
 */
package dev.seamline.eval;
