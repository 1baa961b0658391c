/**
 * Tiling a scene for detection: the grid and the streaming tile source. Merging the tiles' detections
 * back into one set is {@link dev.seamline.tiling.merge}.
 *
 * <ul>
 *   <li>{@link dev.seamline.tiling.TileGrid} lays overlapping square tiles over a raster or a region
 *       of it ({@link dev.seamline.tiling.TileLayout}: size, {@link dev.seamline.tiling.Overlap},
 *       {@link dev.seamline.tiling.EdgePolicy}); every pixel is covered and each
 *       {@link dev.seamline.tiling.Tile} knows its core, its share of the scene with overlaps split at
 *       their middle.</li>
 *   <li>{@link dev.seamline.tiling.TileSource} streams the tiles' pixels in row-major order through a
 *       bounded read-ahead with parallel decoding, delivering all-nodata tiles as skipped.</li>
 * </ul>
 *
 * <p>Coordinates are scene pixels, (0,0) the top-left corner of the top-left pixel, boxes half-open.
 * Depends on {@code core} only: scenes are seen as {@link dev.seamline.core.RasterSource}.
 */
package dev.seamline.tiling;
