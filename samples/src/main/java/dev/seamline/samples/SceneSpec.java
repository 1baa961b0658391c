package dev.seamline.samples;

/**
 * What a synthetic scene is: its size, the seed that fixes every pixel and every object, the ground
 * sample distance and where the scene lies on the map.
 *
 * <p>The scene's grid-to-CRS transform is GDAL's geotransform
 * {@code (originEasting, gsd, 0, originNorthing, 0, -gsd)}: {@code (originEasting, originNorthing)} is
 * the top-left CORNER of the top-left pixel, in the units of the CRS {@code EPSG:epsg} (metres for
 * the default UTM zone 33N), x grows east and y grows south.
 *
 * <p>Immutable and thread-safe.
 *
 * @param width          scene width, pixels, ≥ 1
 * @param height         scene height, pixels, ≥ 1
 * @param seed           the seed; the same spec always gives the same pixels and objects
 * @param gsd            ground sample distance, metres per pixel, in [0.05, 10] (default 0.3)
 * @param epsg           EPSG code of the scene's projected CRS (default 32633, WGS 84 / UTM zone 33N)
 * @param originEasting  easting of the scene's top-left corner, CRS units (default 500,000)
 * @param originNorthing northing of the scene's top-left corner, CRS units (default 5,000,000)
 */
public record SceneSpec(int width, int height, long seed, double gsd, int epsg, double originEasting,
        double originNorthing) {

    /** Default ground sample distance, metres per pixel. */
    public static final double DEFAULT_GSD = 0.3;
    /** Default CRS: WGS 84 / UTM zone 33N. */
    public static final int DEFAULT_EPSG = 32633;
    /** Default easting of the top-left corner, metres (UTM zone 33N's central meridian, 15°E). */
    public static final double DEFAULT_EASTING = 500_000;
    /** Default northing of the top-left corner, metres (about 45.1°N). */
    public static final double DEFAULT_NORTHING = 5_000_000;

    /** @throws IllegalArgumentException for a non-positive size, a GSD out of range or a non-finite origin */
    public SceneSpec {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("scene size must be positive: " + width + " x " + height);
        }
        if (!(gsd >= 0.05 && gsd <= 10)) {
            throw new IllegalArgumentException("gsd must be between 0.05 and 10 metres per pixel: " + gsd);
        }
        if (epsg <= 0) {
            throw new IllegalArgumentException("EPSG code must be positive: " + epsg);
        }
        if (!Double.isFinite(originEasting) || !Double.isFinite(originNorthing)) {
            throw new IllegalArgumentException("origin must be finite: " + originEasting + ", " + originNorthing);
        }
    }

    /** A scene of the given size and seed with the default GSD, CRS and origin. */
    public static SceneSpec of(int width, int height, long seed) {
        return new SceneSpec(width, height, seed, DEFAULT_GSD, DEFAULT_EPSG, DEFAULT_EASTING, DEFAULT_NORTHING);
    }

    /** This spec with another ground sample distance, metres per pixel. */
    public SceneSpec withGsd(double metresPerPixel) {
        return new SceneSpec(width, height, seed, metresPerPixel, epsg, originEasting, originNorthing);
    }

    /** This spec with another CRS. */
    public SceneSpec withEpsg(int code) {
        return new SceneSpec(width, height, seed, gsd, code, originEasting, originNorthing);
    }

    /** This spec with another top-left corner, CRS units. */
    public SceneSpec withOrigin(double easting, double northing) {
        return new SceneSpec(width, height, seed, gsd, epsg, easting, northing);
    }

    /** GDAL's geotransform of the scene: {@code {originEasting, gsd, 0, originNorthing, 0, -gsd}}. */
    public double[] geoTransform() {
        return new double[] {originEasting, gsd, 0, originNorthing, 0, -gsd};
    }
}
