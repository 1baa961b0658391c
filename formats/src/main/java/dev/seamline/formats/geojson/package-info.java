/**
 * Seamline's own GeoJSON output ({@link dev.seamline.formats.geojson.SeamlineGeoJson}): the one place
 * that knows its property names and feature layout, for its file writer, its reader and the streaming
 * sink of the outputs module. Pixel boxes in the properties; the lon/lat polygon is handed in by the
 * caller, which georeferences.
 */
package dev.seamline.formats.geojson;
