package dev.seamline.geo;

import dev.seamline.core.BadInputException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The georeferencing of a PNG or JPEG from the files beside it, found as GDAL 3.6 finds them:
 * <ul>
 * <li>{@code <image>.aux.xml}, GDAL's PAM: the SRS (WKT), the GeoTransform (corner-anchored, GDAL order)
 *     and band 1's NoDataValue;</li>
 * <li>a world file: {@code <stem>.<e1><eN>w} (first and last letter of the extension: {@code .pgw},
 *     {@code .jgw}), then {@code <stem>.<ext>w} ({@code .pngw}, {@code .jpgw}), then {@code <stem>.wld},
 *     each in lower then upper case. Its six numbers are A, D, B, E, C, F; (C, F) is the CENTRE of the
 *     top-left pixel, so the geotransform is {C − A/2 − B/2, A, B, F − D/2 − E/2, D, E}, rotation
 *     included, as GDAL's {@code GDALLoadWorldFile} makes it;</li>
 * <li>{@code <stem>.prj}: ESRI WKT, for the CRS when the PAM has none. GDAL 3.6 reads it for neither
 *     PNG nor JPEG (QGIS does); Seamline does.</li>
 * </ul>
 * Which geotransform wins when there are both, follows GDAL 3.6 per driver (measured): for JPEG the
 * PAM's, then the world file's (GDAL_GEOREF_SOURCES=PAM,WORLDFILE); for PNG the world file's, then the
 * PAM's. The PAM's {@code dataAxisToSRSAxisMapping} is honoured as GDAL honours it: "1,2" with a CRS whose
 * first axis is northing or latitude (GDAL 3 writes that for an authority-ordered EPSG:4326) makes the
 * geotransform's x a latitude, so its rows are swapped to Seamline's east/north. A geotransform without a CRS is not georeferencing (as for a TIFF without GeoKeys). A sidecar
 * that is present but malformed is a {@link BadInputException} naming it. Package-private.
 */
final class Sidecars {

    /** Sidecar files larger than this are refused rather than read (a PAM of GCPs is a few MB). */
    private static final long MAX_BYTES = 16L << 20;

    private Sidecars() {
    }

    /**
     * What the sidecars say.
     *
     * @param grid       the geotransform, or null
     * @param gridFile   the file it came from, or null
     * @param crsWkt     the CRS as WKT, or null
     * @param crsFile    the file it came from, or null
     * @param nodata     band 1's nodata from the PAM, or null
     * @param files      the sidecar files, as gdalinfo lists them: the PAM and the world file when present, then
     *                   the .prj when its CRS is used
     * @param axisMapping the PAM SRS's {@code dataAxisToSRSAxisMapping} (1-based), or null: which CRS axis the
     *                    geotransform's x and y are
     */
    record Found(GridTransform grid, Path gridFile, String crsWkt, Path crsFile, Double nodata, List<Path> files,
            int[] axisMapping) {

        /** A sentence for {@code info} when there is no georeferencing although a sidecar was found. */
        String missing() {
            if (grid != null && crsWkt == null) {
                return "geotransform from " + gridFile.getFileName() + " but no CRS (add a .prj or an .aux.xml with an SRS)";
            }
            if (grid == null && crsWkt != null) {
                return "CRS from " + crsFile.getFileName() + " but no geotransform (add a world file)";
            }
            return null;
        }
    }

    /** Reads the sidecars of {@code image}; {@code png} chooses GDAL's PNG order, else its JPEG order. */
    static Found read(Path image, boolean png) throws BadInputException {
        String name = image.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot + 1) : "";

        Path pamFile = resolve(image, name + ".aux.xml");
        double[] pamGt = null;
        String pamSrs = null;
        Double pamNodata = null;
        int[] pamMapping = null;
        if (pamFile != null) {
            String[] pam = readPam(pamFile);
            pamSrs = pam[0];
            if (pam[3] != null && !pam[3].isBlank()) {
                String[] m = pam[3].strip().split("\\s*,\\s*");
                try {
                    pamMapping = new int[] {Integer.parseInt(m[0]), Integer.parseInt(m[1])};
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    throw new BadInputException(pamFile, "malformed PAM: dataAxisToSRSAxisMapping '" + GeoKeys.oneLine(pam[3]) + "'");
                }
            }
            pamGt = pam[1] == null ? null : numbers(pamFile, pam[1], "GeoTransform");
            if (pam[2] != null) {
                try {
                    pamNodata = Double.parseDouble(pam[2].strip());
                } catch (NumberFormatException e) {
                    String s = pam[2].strip().toLowerCase(Locale.ROOT);
                    if (!s.equals("nan")) {
                        throw new BadInputException(pamFile, "malformed PAM: NoDataValue '" + GeoKeys.oneLine(pam[2]) + "' is not a number");
                    }
                    pamNodata = Double.NaN;
                }
            }
        }
        Path worldFile = null;
        List<String> candidates = new ArrayList<>();
        if (ext.length() >= 2) {
            candidates.add("" + ext.charAt(0) + ext.charAt(ext.length() - 1) + "w");
        }
        if (!ext.isEmpty()) {
            candidates.add(ext + "w");
        }
        candidates.add("wld");
        for (String c : candidates) {
            for (String e : new String[] {c.toLowerCase(Locale.ROOT), c.toUpperCase(Locale.ROOT)}) {
                if (worldFile == null) {
                    worldFile = resolve(image, stem + "." + e);
                }
            }
        }
        double[] worldGt = worldFile == null ? null : worldFile(worldFile);

        List<Path> used = new ArrayList<>();
        double[] gt;
        Path gridFile;
        if (png ? worldGt != null : pamGt == null && worldGt != null) {
            gt = worldGt;
            gridFile = worldFile;
        } else {
            gt = pamGt;
            gridFile = pamGt == null ? null : pamFile;
        }
        String wkt = pamSrs;
        Path crsFile = pamSrs == null ? null : pamFile;
        if (wkt == null) {
            Path prj = resolve(image, stem + ".prj");
            if (prj == null) {
                prj = resolve(image, stem + ".PRJ");
            }
            if (prj != null) {
                String text = text(prj).strip();
                if (text.isEmpty()) {
                    throw new BadInputException(prj, "empty .prj file (expected the CRS as WKT)");
                }
                wkt = text;
                crsFile = prj;
            }
        }
        // as gdalinfo's "Files:": the PAM and the world file when present (even where the other's geotransform
        // wins), then the .prj GDAL does not read, when its CRS is used
        if (pamFile != null) {
            used.add(pamFile);
        }
        if (worldFile != null) {
            used.add(worldFile);
        }
        if (crsFile != null && crsFile != pamFile) {
            used.add(crsFile);
        }
        GridTransform grid = null;
        if (gt != null) {
            try {
                grid = GridTransform.of(gt);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(gridFile, "unusable geotransform: " + e.getMessage());
            }
        }
        return new Found(grid, gridFile, wkt, crsFile, pamNodata, List.copyOf(used), crsFile == pamFile ? pamMapping : null);
    }

    /** The sibling file of that exact name when it is a regular file, else null. */
    private static Path resolve(Path image, String sibling) {
        Path p = image.resolveSibling(sibling);
        return Files.isRegularFile(p) ? p : null;
    }

    /** The six numbers of a world file, as a GDAL geotransform (corner-anchored). */
    static double[] worldFile(Path file) throws BadInputException {
        String[] tokens = text(file).strip().split("\\s+");
        double[] v = new double[6];
        int n = 0;
        for (String t : tokens) {
            if (t.isEmpty()) {
                continue;
            }
            if (n == 6) {
                break; // GDAL reads the first six values and ignores the rest
            }
            try {
                v[n] = Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw new BadInputException(file, "malformed world file: value " + (n + 1) + " '" + GeoKeys.oneLine(t)
                        + "' is not a number (expected six: A, D, B, E, C, F)");
            }
            if (!Double.isFinite(v[n])) {
                throw new BadInputException(file, "malformed world file: value " + (n + 1) + " is " + t);
            }
            n++;
        }
        if (n < 6) {
            throw new BadInputException(file, "malformed world file: " + n + " numbers, expected six (A, D, B, E, C, F)");
        }
        double a = v[0], d = v[1], b = v[2], e = v[3], c = v[4], f = v[5];
        if (a == 0 && b == 0 || d == 0 && e == 0) {
            throw new BadInputException(file, "malformed world file: a zero pixel size (A=" + a + ", E=" + e + ")");
        }
        return new double[] {c - 0.5 * a - 0.5 * b, a, b, f - 0.5 * d - 0.5 * e, d, e};
    }

    /** {SRS text, GeoTransform text, band 1 NoDataValue text, SRS axis mapping} of a PAM file, each null when absent. */
    private static String[] readPam(Path file) throws BadInputException {
        String xml = text(file);
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            f.setXIncludeAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            Document doc = b.parse(new InputSource(new StringReader(xml)));
            Element root = doc.getDocumentElement();
            if (!root.getTagName().equals("PAMDataset")) {
                throw new BadInputException(file, "malformed PAM: the root element is <" + root.getTagName()
                        + ">, expected <PAMDataset>");
            }
            String srs = child(root, "SRS"), gt = child(root, "GeoTransform"), nodata = null, mapping = null;
            for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals("SRS") && e.hasAttribute("dataAxisToSRSAxisMapping")) {
                    mapping = e.getAttribute("dataAxisToSRSAxisMapping");
                }
            }
            NodeList bands = root.getElementsByTagName("PAMRasterBand");
            for (int i = 0; i < bands.getLength(); i++) {
                Element e = (Element) bands.item(i);
                if (e.getParentNode() == root && "1".equals(e.getAttribute("band").strip())) {
                    nodata = child(e, "NoDataValue");
                }
            }
            return new String[] {srs == null || srs.isBlank() ? null : srs.strip(), gt, nodata, mapping};
        } catch (BadInputException e) {
            throw e;
        } catch (Exception e) {
            throw new BadInputException(file, "malformed PAM .aux.xml (" + GeoKeys.oneLine(e.getMessage()) + ")", e);
        }
    }

    private static String child(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e.getTextContent();
            }
        }
        return null;
    }

    private static double[] numbers(Path file, String text, String what) throws BadInputException {
        String[] parts = text.strip().split("\\s*,\\s*|\\s+");
        if (parts.length != 6) {
            throw new BadInputException(file, "malformed PAM: " + what + " has " + parts.length + " values, expected 6");
        }
        double[] v = new double[6];
        for (int i = 0; i < 6; i++) {
            try {
                v[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new BadInputException(file, "malformed PAM: " + what + " value '" + GeoKeys.oneLine(parts[i]) + "' is not a number");
            }
        }
        return v;
    }

    private static String text(Path file) throws BadInputException {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new BadInputException(file, "sidecar file of " + size + " bytes is too large to be georeferencing");
            }
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(file, "cannot be read (" + GeoKeys.oneLine(e.getMessage()) + ")", e);
        }
    }
}
