/**
 * Tiling a scene for detection and merging the tiles' detections back into one set.
 *
 * <ul>
 *   <li>{@link dev.seamline.tiling.TileGrid} lays overlapping square tiles over a raster or a region
 *       of it ({@link dev.seamline.tiling.TileLayout}: size, {@link dev.seamline.tiling.Overlap},
 *       {@link dev.seamline.tiling.EdgePolicy}); every pixel is covered and each
 *       {@link dev.seamline.tiling.Tile} knows its core, its share of the scene with overlaps split at
 *       their middle.</li>
 *   <li>{@link dev.seamline.tiling.TileSource} streams the tiles' pixels in row-major order through a
 *       bounded read-ahead with parallel decoding, delivering all-nodata tiles as skipped.</li>
 *   <li>{@link dev.seamline.tiling.MergeStrategy} is one of {@link dev.seamline.tiling.GreedyNms},
 *       {@link dev.seamline.tiling.SoftNms}, {@link dev.seamline.tiling.WeightedBoxFusion} and
 *       {@link dev.seamline.tiling.GreedyNmm}, configured by {@link dev.seamline.tiling.Matching}
 *       (IoU or IoS, class-aware or not).</li>
 *   <li>{@link dev.seamline.tiling.SeamMerger} merges a tiled scene band by band as the sweep moves
 *       down, applying the {@link dev.seamline.tiling.SeamRule} (cut views give way to the whole view
 *       from the tile whose core holds the object) before the strategy.</li>
 * </ul>
 *
 * <p>Coordinates are scene pixels, (0,0) the top-left corner of the top-left pixel, boxes half-open.
 * Depends on {@code core} only: scenes are seen as {@link dev.seamline.core.RasterSource}.
 */
package dev.seamline.tiling;
