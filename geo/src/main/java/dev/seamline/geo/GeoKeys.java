package dev.seamline.geo;

import dev.seamline.core.BadInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.sis.storage.Aggregate;
import org.apache.sis.storage.DataStore;
import org.apache.sis.storage.DataStores;
import org.apache.sis.storage.GridCoverageResource;
import org.apache.sis.storage.Resource;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.util.FactoryException;

/**
 * The GeoTIFF georeferencing of a TIFF directory: the GeoKey directory (validated), the grid-to-CRS
 * transform from ModelTiepoint + ModelPixelScale or ModelTransformation, with PixelIsPoint treated as
 * GDAL treats it (the transform moved half a pixel up-left, unless GTIFF_POINT_GEO_IGNORE), and the
 * CRS from its EPSG code, or through Apache SIS's GeoTIFF reader for user-defined CRSs.
 * Package-private.
 */
final class GeoKeys {

    static final int MODEL_TYPE = 1024, RASTER_TYPE = 1025, GEOGRAPHIC_TYPE = 2048, PROJECTED_CS_TYPE = 3072;
    static final int USER_DEFINED = 32767;
    /** Larger CRS coordinates (metres, feet or degrees) place a scene nowhere on Earth: 10^10. */
    static final double MAX_CRS_COORDINATE = 1e10;
    private static final java.util.regex.Pattern QUALIFIED_EXCEPTION =
            java.util.regex.Pattern.compile("^([a-z_][\\w$]*\\.)+[A-Z][\\w$]*(Exception|Error): ");

    private GeoKeys() {
    }

    /**
     * What the GeoKeys and model tags say, checked but not yet turned into a CRS (which needs the EPSG
     * database, seconds on first use): the EPSG code (null for a user-defined CRS), the grid, and the
     * scene's size in pixels (where {@link #build} checks that the scene lies where its CRS is defined).
     */
    record Parsed(Path path, Integer epsg, GridTransform grid, long width, long height) {
    }

    /** The georeferencing, or null when the file has none (no GeoKeys, no transform, or ground control points only). */
    static Georeferencing read(TiffDirectory dir) throws BadInputException, IOException {
        Parsed p = parse(dir);
        return p == null ? null : build(p);
    }

    /** The checked GeoKeys, or null when the file has no georeferencing. */
    static Parsed parse(TiffDirectory dir) throws BadInputException, IOException {
        boolean hasKeys = dir.has(TiffDirectory.GEO_KEY_DIRECTORY);
        Map<Integer, Integer> keys = hasKeys ? shortKeys(dir) : Map.of();
        GridTransform grid = gridTransform(dir, keys.getOrDefault(RASTER_TYPE, 1) == 2);
        if (!hasKeys || grid == null) {
            return null;
        }
        int modelType = keys.getOrDefault(MODEL_TYPE, 0);
        int projected = keys.getOrDefault(PROJECTED_CS_TYPE, 0);
        int geographic = keys.getOrDefault(GEOGRAPHIC_TYPE, 0);
        Integer code = null;
        if (modelType != 2 && projected > 0 && projected != USER_DEFINED) {
            code = projected;
        } else if (modelType != 1 && geographic > 0 && geographic != USER_DEFINED) {
            code = geographic;
        }
        if (code == null && modelType == 0 && projected == 0 && geographic == 0) {
            return null; // keys say nothing about a CRS
        }
        return new Parsed(dir.path(), code, grid, dir.scalar(TiffDirectory.IMAGE_WIDTH, 0),
                dir.scalar(TiffDirectory.IMAGE_LENGTH, 0));
    }

    /** Builds the CRS: from its EPSG code, or through Apache SIS's GeoTIFF reader when user-defined. */
    static Georeferencing build(Parsed p) throws BadInputException {
        Path path = p.path();
        Georeferencing g;
        try {
            if (p.epsg() != null) {
                g = Georeferencing.fromEpsg(p.epsg(), p.grid());
            } else {
                CoordinateReferenceSystem crs = userDefinedCrs(path);
                if (crs == null) {
                    throw new BadInputException(path, "corrupt GeoKeys: no CRS can be built from them");
                }
                g = Georeferencing.fromCrs(crs, null, p.grid());
            }
        } catch (FactoryException | RuntimeException e) {
            String what = p.epsg() != null ? "unknown EPSG code " + p.epsg() + " in GeoKeys" : "corrupt GeoKeys";
            throw new BadInputException(path, what + " (" + oneLine(e.getMessage()) + ")", e);
        }
        checkOnEarth(p, g);
        return g;
    }

    /**
     * The scene's centre and its neighbours one pixel right and down (where the ground sample
     * distance is measured) must map to finite longitudes and latitudes: a grid that puts the scene
     * where its CRS is not defined (a UTM easting of 10^12 m, say) is refused here, at open, rather
     * than failing later in the middle of a run.
     */
    static void checkOnEarth(Parsed p, Georeferencing g) throws BadInputException {
        double cx = p.width() / 2.0, cy = p.height() / 2.0;
        double[] xy = new double[6];
        double[][] pixels = {{cx, cy}, {cx + 1, cy}, {cx, cy + 1}};
        for (int i = 0; i < 3; i++) {
            double[] c = g.pixelToCrs(pixels[i][0], pixels[i][1], PixelAnchor.CORNER);
            xy[2 * i] = c[0];
            xy[2 * i + 1] = c[1];
        }
        String problem = null;
        for (double v : xy) {
            if (!(Math.abs(v) <= MAX_CRS_COORDINATE)) {
                problem = "coordinates beyond " + MAX_CRS_COORDINATE + " are nowhere on Earth in any unit";
            }
        }
        if (problem == null) {
            try {
                for (double v : g.crsToLonLat(xy)) {
                    if (!Double.isFinite(v)) {
                        problem = "non-finite longitude or latitude";
                    }
                }
            } catch (RuntimeException | AssertionError e) {
                // SIS's projections check their own results with assertions, which tests run enabled: for a
                // point outside the projection's domain that is an AssertionError, not a TransformException
                problem = oneLine(e.getMessage());
            }
        }
        if (problem != null) {
            throw new BadInputException(p.path(), "corrupt georeferencing: the scene centre (" + xy[0] + ", " + xy[1]
                    + ") lies outside the domain of its CRS (" + problem + ")");
        }
    }

    /** The SHORT-valued GeoKeys (those stored in the directory itself), after checking the directory. */
    static Map<Integer, Integer> shortKeys(TiffDirectory dir) throws BadInputException, IOException {
        Path path = dir.path();
        long[] k = dir.longs(TiffDirectory.GEO_KEY_DIRECTORY);
        if (k.length < 4 || k[0] != 1 || k[3] < 0 || 4 + 4 * k[3] > k.length) {
            throw new BadInputException(path, "corrupt GeoKeys: the key directory header "
                    + (k.length < 4 ? "is short" : "(version " + k[0] + ", " + k[3] + " keys in " + k.length
                    + " values) is inconsistent"));
        }
        double[] dbl = dir.has(TiffDirectory.GEO_DOUBLE_PARAMS) ? dir.doubles(TiffDirectory.GEO_DOUBLE_PARAMS) : new double[0];
        String ascii = dir.has(TiffDirectory.GEO_ASCII_PARAMS) ? dir.ascii(TiffDirectory.GEO_ASCII_PARAMS) : "";
        Map<Integer, Integer> out = new HashMap<>();
        for (int i = 0; i < k[3]; i++) {
            int p = 4 + 4 * i;
            int id = (int) k[p];
            long location = k[p + 1], count = k[p + 2], value = k[p + 3];
            if (location == 0) {
                if (count != 1) {
                    throw new BadInputException(path, "corrupt GeoKeys: key " + id + " has " + count + " inline values");
                }
                out.put(id, (int) value);
            } else if (location == TiffDirectory.GEO_DOUBLE_PARAMS) {
                if (value + count > dbl.length) {
                    throw new BadInputException(path, "corrupt GeoKeys: key " + id + " points past GeoDoubleParams");
                }
            } else if (location == TiffDirectory.GEO_ASCII_PARAMS) {
                if (value + count > ascii.length() + 1) {
                    throw new BadInputException(path, "corrupt GeoKeys: key " + id + " points past GeoAsciiParams");
                }
            } else if (location == TiffDirectory.GEO_KEY_DIRECTORY) {
                if (value + count > k.length) {
                    throw new BadInputException(path, "corrupt GeoKeys: key " + id + " points past the key directory");
                }
            } else {
                throw new BadInputException(path, "corrupt GeoKeys: key " + id + " is stored in unknown tag " + location);
            }
        }
        return out;
    }

    /** GDAL's geotransform from the model tags, or null when there is none (or only ground control points). */
    static GridTransform gridTransform(TiffDirectory dir, boolean pixelIsPoint) throws BadInputException, IOException {
        double[] gt;
        double[] matrix = dir.has(TiffDirectory.MODEL_TRANSFORMATION) ? dir.doubles(TiffDirectory.MODEL_TRANSFORMATION) : null;
        double[] tie = dir.has(TiffDirectory.MODEL_TIEPOINT) ? dir.doubles(TiffDirectory.MODEL_TIEPOINT) : null;
        double[] scale = dir.has(TiffDirectory.MODEL_PIXEL_SCALE) ? dir.doubles(TiffDirectory.MODEL_PIXEL_SCALE) : null;
        if (matrix != null) {
            if (matrix.length < 16) {
                throw new BadInputException(dir.path(), "ModelTransformation has " + matrix.length + " values, expected 16");
            }
            gt = new double[] {matrix[3], matrix[0], matrix[1], matrix[7], matrix[4], matrix[5]};
        } else if (tie != null && scale != null && tie.length >= 6 && scale.length >= 2) {
            gt = new double[] {tie[3] - tie[0] * scale[0], scale[0], 0, tie[4] + tie[1] * scale[1], 0, -scale[1]};
        } else {
            return null;
        }
        if (pixelIsPoint && !Boolean.parseBoolean(System.getProperty("GTIFF_POINT_GEO_IGNORE", "false"))) {
            gt[0] -= gt[1] * 0.5 + gt[2] * 0.5;
            gt[3] -= gt[4] * 0.5 + gt[5] * 0.5;
        }
        try {
            return GridTransform.of(gt);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(dir.path(), "corrupt georeferencing tags: " + e.getMessage());
        }
    }

    /** A user-defined CRS, built by Apache SIS's GeoTIFF reader from the GeoKeys. */
    private static CoordinateReferenceSystem userDefinedCrs(Path path) throws BadInputException {
        if (ScenePaths.isUrl(path)) {
            throw new BadInputException(path, "a user-defined CRS (no EPSG code) is read only from a local file: download it");
        }
        try (DataStore store = DataStores.open(path)) {
            if (store instanceof GridCoverageResource g) {
                return g.getGridGeometry().getCoordinateReferenceSystem();
            }
            if (store instanceof Aggregate a) {
                for (Resource r : a.components()) {
                    if (r instanceof GridCoverageResource g && g.getGridGeometry().isDefined(
                            org.apache.sis.coverage.grid.GridGeometry.CRS)) {
                        return g.getGridGeometry().getCoordinateReferenceSystem();
                    }
                }
            }
            return null;
        } catch (Exception e) {
            throw new BadInputException(path, "corrupt GeoKeys: the user-defined CRS cannot be built ("
                    + oneLine(e.getMessage()) + ")", e);
        }
    }

    static String oneLine(String s) {
        if (s == null) {
            return "no detail";
        }
        String one = s.lines().findFirst().orElse("").strip();
        one = QUALIFIED_EXCEPTION.matcher(one).replaceFirst(""); // "org.apache.sis….DataStoreContentException: " says nothing
        return one.length() > 200 ? one.substring(0, 200) + "…" : one;
    }
}
