/**
 * Writing GeoTIFFs: {@link dev.seamline.geo.write.GeoTiffWriter} streams a tiled, DEFLATE-compressed
 * GeoTIFF (BigTIFF when it may pass 4 GiB) tile by tile, so a scene of any size is written in memory
 * bounded by a row of tiles. Files appear atomically. GDAL reads them; so does
 * {@link dev.seamline.geo.Scene}.
 */
package dev.seamline.geo.write;
