/**
 * Competition formats and metrics: readers and writers for COCO, DOTA, xView, SpaceNet and
 * DeepForest files and Seamline's own GeoJSON, and the official scorers reproduced to the last digit
 * (COCO bbox, DOTA task1/task2, xView, SpaceNet F1, DeepForest precision/recall), quirks included, as
 * ../shared/METRICS.md lists them. Depends on {@code core} only.
 */
package dev.seamline.eval;
