package dev.seamline.geo;

/**
 * One polygon ring placed on the map, as interleaved coordinate arrays {x0,y0,x1,y1,…}, closed (the
 * last vertex repeats the first) and counter-clockwise (RFC 7946): {@code crs} in the scene CRS,
 * easting first, counter-clockwise in easting/northing; {@code lonLat} in WGS84 degrees, longitude
 * first, counter-clockwise in longitude/latitude.
 *
 * <p>Immutable and thread-safe: the arrays are copied on the way in and out.
 *
 * @param crs    the ring in the scene CRS
 * @param lonLat the ring in WGS84 longitude/latitude, degrees
 */
public record GeoPolygon(double[] crs, double[] lonLat) {

    /** Copies the arrays. */
    public GeoPolygon {
        crs = crs.clone();
        lonLat = lonLat.clone();
        if (crs.length != lonLat.length || crs.length % 2 != 0) {
            throw new IllegalArgumentException("rings must have the same even length");
        }
    }

    /** The ring in the scene CRS (a copy). */
    @Override
    public double[] crs() {
        return crs.clone();
    }

    /** The ring in WGS84 longitude/latitude (a copy). */
    @Override
    public double[] lonLat() {
        return lonLat.clone();
    }

    /** Number of vertices including the closing one. */
    public int vertexCount() {
        return crs.length / 2;
    }
}
