/**
 * SpaceNet building footprints: CSV with pixel WKT and GeoJSON FeatureCollections
 * ({@link dev.seamline.formats.spacenet.SpaceNetFormat}), read and written as JTS geometries.
 */
package dev.seamline.formats.spacenet;
