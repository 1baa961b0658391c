/**
 * xView: the ground-truth GeoJSON (properties only), the per-chip prediction files and the class
 * table that maps names to {@code type_id}s ({@link dev.seamline.formats.xview.XviewFormat},
 * {@link dev.seamline.formats.xview.XviewClasses}); pixels, no "+1". Thread-safe.
 */
package dev.seamline.formats.xview;
