package dev.seamline.outputs;

import dev.seamline.core.Detection;
import dev.seamline.geo.GeoPolygon;
import java.util.Objects;

/**
 * A finalised detection with its place on the map, computed once per band by the
 * {@link BandGeoreferencer} and handed to every sink of the scene, so that GeoJSON, GeoPackage and CSV
 * write the same transformed numbers. Immutable and thread-safe.
 *
 * @param detection the detection, scene pixels ((0,0) the top-left corner of the top-left pixel)
 * @param footprint the box (or oriented box) corners taken through
 *                  {@link dev.seamline.geo.Georeferencer#polygon(double[])} at the pixel CORNER: the ring
 *                  in the scene CRS and in WGS84, closed, counter-clockwise; null without georeferencing
 *                  or when no sink of the scene writes footprints
 * @param centre    the box centre at the pixel CORNER anchor, in the scene CRS and in WGS84; null likewise
 */
record PlacedDetection(Detection detection, GeoPolygon footprint, Centre centre) {

    /** @throws NullPointerException for a null detection */
    PlacedDetection {
        Objects.requireNonNull(detection, "detection");
    }

    /**
     * A box centre on the map. Immutable and thread-safe.
     *
     * @param x   scene CRS easting (or first axis after east/north normalisation), CRS units
     * @param y   scene CRS northing, CRS units
     * @param lon WGS84 longitude, degrees
     * @param lat WGS84 latitude, degrees
     */
    record Centre(double x, double y, double lon, double lat) {
    }
}
