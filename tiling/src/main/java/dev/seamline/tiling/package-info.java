/**
 * Tiling a scene for detection: {@code TileGrid} lays overlapping tiles over a raster (every pixel
 * covered, each tile knowing its core), {@code TileSource} streams their pixels through a bounded
 * queue with parallel decoding, and the seam-aware mergers join per-tile detections into one set,
 * band by band as the sweep moves down the scene, in bounded memory. Depends on {@code core} only:
 * scenes are seen as {@link dev.seamline.core.RasterSource}.
 */
package dev.seamline.tiling;
