package dev.seamline.geo;

import dev.seamline.core.Box;
import dev.seamline.core.OrientedBox;
import java.util.Objects;

/**
 * Places scene-pixel geometries on the map: a {@link Box}, an {@link OrientedBox} or a polygon in
 * corner-anchored scene pixels becomes a {@link GeoPolygon}, in the scene CRS and in WGS84
 * longitude/latitude, closed and counter-clockwise (RFC 7946). Box corners are pixel corners
 * (DESIGN.md), so a box [0,0,1,1) covers exactly the top-left pixel's footprint.
 *
 * <p>Immutable and thread-safe.
 */
public final class Georeferencer {

    private final Georeferencing georeferencing;

    /** A georeferencer for one scene's georeferencing. */
    public Georeferencer(Georeferencing georeferencing) {
        this.georeferencing = Objects.requireNonNull(georeferencing, "georeferencing");
    }

    /** The georeferencing it applies. */
    public Georeferencing georeferencing() {
        return georeferencing;
    }

    /** The box's footprint: its four corners, in scene pixels (corner anchor). */
    public GeoPolygon polygon(Box box) {
        return polygon(box.corners());
    }

    /** The oriented box's footprint: its four corners, in scene pixels (corner anchor). */
    public GeoPolygon polygon(OrientedBox box) {
        return polygon(box.corners());
    }

    /**
     * A polygon ring given as interleaved scene-pixel coordinates {x0,y0,x1,y1,…} (corner anchor), at
     * least three vertices, closed or not, in either orientation.
     */
    public GeoPolygon polygon(double[] pixelXy) {
        Objects.requireNonNull(pixelXy, "pixelXy");
        if (pixelXy.length % 2 != 0 || pixelXy.length < 6) {
            throw new IllegalArgumentException("a polygon needs at least 3 vertices as x,y pairs, got "
                    + pixelXy.length + " numbers");
        }
        int n = pixelXy.length / 2;
        boolean closed = pixelXy[0] == pixelXy[2 * n - 2] && pixelXy[1] == pixelXy[2 * n - 1];
        double[] ring = new double[(closed ? n : n + 1) * 2];
        System.arraycopy(pixelXy, 0, ring, 0, 2 * n);
        if (!closed) {
            ring[2 * n] = pixelXy[0];
            ring[2 * n + 1] = pixelXy[1];
        }
        double[] crs = georeferencing.gridTransform().toCrs(ring, PixelAnchor.CORNER);
        double[] lonLat = georeferencing.crsToLonLat(crs);
        // exact closure after the transforms
        crs[crs.length - 2] = crs[0];
        crs[crs.length - 1] = crs[1];
        lonLat[lonLat.length - 2] = lonLat[0];
        lonLat[lonLat.length - 1] = lonLat[1];
        orientCounterClockwise(crs);
        orientCounterClockwise(lonLat);
        return new GeoPolygon(crs, lonLat);
    }

    /**
     * Reverses a closed ring (x0, y0, …, x0, y0) in place unless it already runs counter-clockwise
     * with y up, as RFC 7946 and OGC simple features want exterior rings.
     */
    public static void orientCounterClockwise(double[] ring) {
        if (signedArea(ring) < 0) {
            reverse(ring);
        }
    }

    /** Twice the signed area of a closed ring, positive when counter-clockwise (y up). */
    static double signedArea(double[] ring) {
        double s = 0;
        for (int i = 0; i + 3 < ring.length; i += 2) {
            s += ring[i] * ring[i + 3] - ring[i + 2] * ring[i + 1];
        }
        return s;
    }

    private static void reverse(double[] ring) {
        for (int i = 0, j = ring.length - 2; i < j; i += 2, j -= 2) {
            double x = ring[i], y = ring[i + 1];
            ring[i] = ring[j];
            ring[i + 1] = ring[j + 1];
            ring[j] = x;
            ring[j + 1] = y;
        }
    }
}
