package dev.seamline.geo;

import java.util.Objects;
import java.util.OptionalInt;
import org.apache.sis.io.wkt.Convention;
import org.apache.sis.io.wkt.WKTFormat;
import org.apache.sis.referencing.CRS;
import org.apache.sis.referencing.CommonCRS;
import org.apache.sis.referencing.IdentifiedObjects;
import org.apache.sis.referencing.crs.AbstractCRS;
import org.apache.sis.referencing.cs.AxesConvention;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.referencing.operation.MathTransform;
import org.opengis.referencing.operation.TransformException;
import org.opengis.util.FactoryException;

/**
 * Where a scene's pixels lie on the earth: its CRS (normalised to easting/longitude first, DESIGN.md)
 * and its affine {@link GridTransform} from corner-anchored pixels to that CRS, with transforms
 * between scene pixels, CRS coordinates and WGS84 longitude/latitude (degrees, longitude first).
 * Every pixel ↔ CRS call names its {@link PixelAnchor}.
 *
 * <p>Build one from a GeoTIFF with {@link Scene#georeferencing()}, or from a CRS and a GDAL
 * geotransform with {@link #of(String, double[])}. CRS coordinates are in the CRS's own units
 * (metres, feet or degrees), easting first; WGS84 positions come from the operation Apache SIS
 * finds from the scene CRS to EPSG:4326 (a datum shift where the datums differ).
 *
 * <p>Immutable and thread-safe.
 */
public final class Georeferencing {

    private final CoordinateReferenceSystem crs;
    private final Integer epsg;
    private final String wkt;
    private final GridTransform grid;
    private final MathTransform toLonLat;
    private final MathTransform fromLonLat;

    private Georeferencing(CoordinateReferenceSystem original, Integer epsg, GridTransform grid) throws FactoryException {
        this.crs = AbstractCRS.castOrCopy(original).forConvention(AxesConvention.RIGHT_HANDED);
        this.epsg = epsg;
        this.grid = Objects.requireNonNull(grid, "grid");
        WKTFormat format = new WKTFormat();
        format.setConvention(Convention.WKT2_2019);
        this.wkt = format.format(original);
        CoordinateReferenceSystem wgs84 = CommonCRS.WGS84.normalizedGeographic();
        this.toLonLat = CRS.findOperation(crs, wgs84, null).getMathTransform();
        this.fromLonLat = CRS.findOperation(wgs84, crs, null).getMathTransform();
    }

    /**
     * Georeferencing from a CRS and a GDAL geotransform.
     *
     * @param crs          {@code "EPSG:<code>"} (or a bare code), or the CRS as WKT 1 or WKT 2
     * @param geoTransform six numbers in GDAL order, corner-anchored (see {@link GridTransform})
     * @throws IllegalArgumentException when the CRS is unknown or malformed, or the transform is bad
     */
    public static Georeferencing of(String crs, double[] geoTransform) {
        Objects.requireNonNull(crs, "crs");
        GridTransform grid = GridTransform.of(geoTransform);
        String s = crs.strip();
        try {
            if (s.matches("(?i)(EPSG:)?\\d+")) {
                int code = Integer.parseInt(s.replaceFirst("(?i)EPSG:", ""));
                return fromEpsg(code, grid);
            }
            CoordinateReferenceSystem parsed = CRS.fromWKT(s);
            Integer code = lookupEpsg(parsed);
            return new Georeferencing(parsed, code, grid);
        } catch (FactoryException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null
                    && iae.getMessage().startsWith("unknown CRS")) {
                throw iae;
            }
            throw new IllegalArgumentException("unknown or malformed CRS " + abbreviate(s) + ": " + e.getMessage(), e);
        }
    }

    /** Georeferencing from an EPSG code and a GDAL geotransform; see {@link #of(String, double[])}. */
    public static Georeferencing of(int epsg, double[] geoTransform) {
        return of("EPSG:" + epsg, geoTransform);
    }

    static Georeferencing fromEpsg(int code, GridTransform grid) throws FactoryException {
        return new Georeferencing(CRS.forCode("EPSG:" + code), code, grid);
    }

    static Georeferencing fromCrs(CoordinateReferenceSystem crs, Integer epsg, GridTransform grid) throws FactoryException {
        return new Georeferencing(crs, epsg, grid);
    }

    private static Integer lookupEpsg(CoordinateReferenceSystem crs) {
        try {
            return IdentifiedObjects.lookupEPSG(crs);
        } catch (FactoryException | RuntimeException e) {
            return null;
        }
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= 60 ? "\"" + one + "\"" : "\"" + one.substring(0, 57) + "...\"";
    }

    /** The EPSG code of the CRS, when it has one (a user-defined CRS has none). */
    public OptionalInt epsg() {
        return epsg == null ? OptionalInt.empty() : OptionalInt.of(epsg);
    }

    /** The CRS as WKT 2 (2019), as declared (EPSG axis order, identifiers included). */
    public String wkt() {
        return wkt;
    }

    /** The CRS, normalised to easting/longitude first, the axis order of {@link #gridTransform()}. */
    public CoordinateReferenceSystem crs() {
        return crs;
    }

    /** The affine transform from corner-anchored pixels to CRS coordinates, GDAL order. */
    public GridTransform gridTransform() {
        return grid;
    }

    /** CRS coordinates {X, Y} (easting first) of a scene pixel coordinate with the given anchor. */
    public double[] pixelToCrs(double x, double y, PixelAnchor anchor) {
        return grid.toCrs(x, y, anchor);
    }

    /** Scene pixel coordinates {x, y} with the given anchor of a CRS coordinate. */
    public double[] crsToPixel(double crsX, double crsY, PixelAnchor anchor) {
        return grid.toPixel(crsX, crsY, anchor);
    }

    /** WGS84 {longitude, latitude} in degrees of a CRS coordinate. */
    public double[] crsToLonLat(double crsX, double crsY) {
        return transform(toLonLat, new double[] {crsX, crsY});
    }

    /** CRS coordinates {X, Y} of a WGS84 longitude/latitude in degrees. */
    public double[] lonLatToCrs(double lon, double lat) {
        return transform(fromLonLat, new double[] {lon, lat});
    }

    /** WGS84 {longitude, latitude} in degrees of a scene pixel coordinate with the given anchor. */
    public double[] pixelToLonLat(double x, double y, PixelAnchor anchor) {
        double[] c = grid.toCrs(x, y, anchor);
        return crsToLonLat(c[0], c[1]);
    }

    /** Scene pixel coordinates {x, y} with the given anchor of a WGS84 longitude/latitude in degrees. */
    public double[] lonLatToPixel(double lon, double lat, PixelAnchor anchor) {
        double[] c = lonLatToCrs(lon, lat);
        return grid.toPixel(c[0], c[1], anchor);
    }

    /** Transforms interleaved CRS coordinates {X0,Y0,X1,Y1,…} to WGS84 {lon0,lat0,…} in degrees. */
    public double[] crsToLonLat(double[] xy) {
        return transform(toLonLat, xy);
    }

    /**
     * The ground distance covered by one pixel around a pixel coordinate, in metres: the mean of the
     * lengths on the WGS84 ellipsoid of one column step and one row step. Unlike the pixel size in CRS
     * units it accounts for the projection's scale (Mercator at high latitudes, UTM's 0.9996) and for
     * CRSs in degrees or feet.
     */
    public double groundSampleDistance(double x, double y, PixelAnchor anchor) {
        double[] p = pixelToLonLat(x, y, anchor);
        double[] px = pixelToLonLat(x + 1, y, anchor);
        double[] py = pixelToLonLat(x, y + 1, anchor);
        return (groundDistance(p, px) + groundDistance(p, py)) / 2;
    }

    /** Length on the WGS84 ellipsoid of a short step between two lon/lat positions, metres. */
    static double groundDistance(double[] a, double[] b) {
        double aAxis = 6378137.0, f = 1 / 298.257223563, e2 = f * (2 - f);
        double phi = Math.toRadians((a[1] + b[1]) / 2);
        double s = Math.sin(phi);
        double w = Math.sqrt(1 - e2 * s * s);
        double n = aAxis / w;
        double m = aAxis * (1 - e2) / (w * w * w);
        double dx = Math.toRadians(b[0] - a[0]) * n * Math.cos(phi);
        double dy = Math.toRadians(b[1] - a[1]) * m;
        return Math.hypot(dx, dy);
    }

    private static double[] transform(MathTransform t, double[] xy) {
        double[] out = new double[xy.length];
        try {
            t.transform(xy, 0, out, 0, xy.length / 2);
        } catch (TransformException e) {
            throw new IllegalArgumentException("cannot transform coordinates: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public String toString() {
        return "Georeferencing[" + (epsg == null ? "user-defined CRS" : "EPSG:" + epsg) + ", " + grid + "]";
    }
}
