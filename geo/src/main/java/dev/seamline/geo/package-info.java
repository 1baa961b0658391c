/**
 * GeoTIFF scenes: opening a file of any size (BigTIFF included), or a TIFF/COG at an {@code http(s)://}
 * URL read by range requests ({@link dev.seamline.geo.ScenePaths}), reading windows of it into
 * primitive buffers, the scene's CRS and affine grid-to-CRS transform, transforms between scene
 * pixels, CRS coordinates and WGS84 lon/lat (each call naming its pixel anchor), a streaming tiled
 * GeoTIFF writer, and vector export of georeferenced detections.
 *
 * <p>Georeferencing follows GDAL exactly (DESIGN.md, "Conventions"): the reference for every number is
 * {@code gdalinfo -json} and {@code gdaltransform}. Depends on {@code core} and Apache SIS.
 *
 * <p>The public API is {@link dev.seamline.geo.Scene}, {@link dev.seamline.geo.Georeferencing},
 * {@link dev.seamline.geo.Georeferencer}, {@link dev.seamline.geo.GridTransform},
 * {@link dev.seamline.geo.PixelAnchor}, {@link dev.seamline.geo.GeoPolygon} and
 * {@link dev.seamline.geo.ScenePaths}; the TIFF storage internals (byte sources, file or HTTP, directory
 * parsing, block layout and codecs, the block cache, compression kinds) are
 * package-private, as Apache SIS keeps {@code storage.geotiff}'s.
 */
package dev.seamline.geo;
