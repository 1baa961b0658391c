package dev.seamline.outputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seamline.core.Box;
import dev.seamline.core.ClassCatalog;
import dev.seamline.core.Detection;
import dev.seamline.core.OrientedBox;
import dev.seamline.geo.Georeferencing;
import dev.seamline.geo.Scene;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.features.user.FeatureResultSet;
import mil.nga.geopackage.features.user.FeatureRow;
import mil.nga.sf.LineString;
import mil.nga.sf.Point;
import mil.nga.sf.Polygon;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * "A real GIS reader agrees" (issue 8): the GeoJSON and the GeoPackage of five small georeferenced
 * scenes (UTM, LAEA Europe with its northing-first EPSG axes, a rotated geotransform, the solaris
 * custom Albers CRS without EPSG code, geographic EPSG:4326) against GDAL.
 *
 * <p>Always: every written vertex within 1 mm of what GDAL's gdaltransform gave for the same pixel
 * corner, recorded in {@code gis/gdal_points.json} by {@code gis/make_gis_fixtures.py}. When
 * {@code ogrinfo} is on the PATH (Debian's gdal-bin): ogrinfo opens both files, finds the right
 * feature count and CRS (compared as PROJ strings with {@code gdalsrsinfo} of the scene), and the
 * polygons it prints are within 1 mm of {@code gdaltransform} run now on the same pixels.
 */
class OutputGisTest {

    static final double MM = 1e-3;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> againstGdal() throws Exception {
        JsonNode root = JSON.readTree(resource("gdal_points.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode s : root.get("scenes")) {
            tests.add(DynamicTest.dynamicTest(s.get("file").asText() + " vs recorded GDAL numbers", () -> check(s, false)));
            tests.add(DynamicTest.dynamicTest(s.get("file").asText() + " vs ogrinfo and gdaltransform now", () -> check(s, true)));
        }
        return tests.stream();
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(OutputGisTest.class.getResource("gis/" + name).toURI());
    }

    /** The detections of gis/detections.json, in file order. */
    static List<Detection> detections() throws Exception {
        List<Detection> out = new ArrayList<>();
        for (JsonNode d : JSON.readTree(resource("detections.json").toFile())) {
            int cls = d.get("class_id").asInt();
            double score = d.get("score").asDouble();
            if (d.has("box")) {
                JsonNode b = d.get("box");
                out.add(Detection.of(new Box(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(),
                        b.get(3).asDouble()), cls, score));
            } else {
                JsonNode o = d.get("oriented");
                out.add(Detection.of(new OrientedBox(o.get(0).asDouble(), o.get(1).asDouble(), o.get(2).asDouble(),
                        o.get(3).asDouble(), o.get(4).asDouble()), cls, score));
            }
        }
        return out;
    }

    private void check(JsonNode s, boolean live) throws Exception {
        if (live) {
            assumeTrue(onPath("ogrinfo") && onPath("gdaltransform") && onPath("gdalsrsinfo"),
                    "GDAL's command-line tools are not on the PATH (Debian: gdal-bin)");
        }
        String file = s.get("file").asText();
        String stem = file.replace(".tif", "");
        Path tif = resource(file);
        Georeferencing geo;
        int w, h;
        try (Scene scene = Scene.open(tif)) {
            geo = scene.georeferencing().orElseThrow();
            w = scene.width();
            h = scene.height();
        }
        ClassCatalog classes = ClassCatalog.ofNames(List.of("small-vehicle", "large-vehicle", "ship", "plane"));
        Path out = tmp.resolve(stem + (live ? "-live" : ""));
        OutputContext ctx = new OutputContext(out, stem, file, w, h, Optional.of(geo), classes, 1);
        List<Detection> dets = detections();
        for (OutputFormat f : List.of(OutputFormat.GEOJSON, OutputFormat.GPKG, OutputFormat.CSV)) {
            try (DetectionSink sink = f.open(ctx)) {
                sink.accept(dets.subList(0, 2));
                sink.accept(dets.subList(2, dets.size()));
                sink.commit();
            }
        }
        double[][] lonLat = points(s.get("lon_lat"));
        double[][] crsXy = points(s.get("crs_xy"));
        boolean geographic = file.contains("4326");
        int n = dets.size();

        // GeoJSON rings (lon/lat) against GDAL's recorded lon/lat of the same corners
        List<double[][]> rings = geoJsonRings(out.resolve(stem + ".geojson"));
        assertEquals(n, rings.size());
        for (int i = 0; i < n; i++) {
            assertRing(rings.get(i), corners(lonLat, i), true, file + " GeoJSON feature " + i);
        }
        // GeoPackage rings (scene CRS) and centre lon/lat against GDAL's recorded numbers
        try (GeoPackage gp = GeoPackageManager.open(out.resolve(stem + ".gpkg").toFile(), false)) {
            FeatureDao dao = gp.getFeatureDao(GpkgSink.TABLE);
            assertEquals(n, dao.count());
            FeatureResultSet rs = dao.queryForAll();
            try {
                int i = 0;
                while (rs.moveToNext()) {
                    FeatureRow row = rs.getRow();
                    LineString ring = ((Polygon) row.getGeometry().getGeometry()).getExteriorRing();
                    double[][] got = new double[ring.numPoints()][];
                    for (int p = 0; p < got.length; p++) {
                        Point pt = ring.getPoint(p);
                        got[p] = new double[] {pt.getX(), pt.getY()};
                    }
                    assertRing(got, corners(crsXy, i), geographic, file + " GeoPackage feature " + i);
                    double[] centre = lonLat[4 * n + i];
                    assertClose(centre, new double[] {((Number) row.getValue("lon")).doubleValue(),
                        ((Number) row.getValue("lat")).doubleValue()}, true, file + " centre of feature " + i);
                    i++;
                }
                assertEquals(n, i);
            } finally {
                rs.close();
            }
        }
        // CSV centres against GDAL
        List<String> csv = Files.readAllLines(out.resolve(stem + ".csv"), StandardCharsets.UTF_8);
        assertEquals(dev.seamline.formats.csv.SeamlineCsv.HEADER, csv.get(0));
        assertEquals(n + 1, csv.size());
        for (int i = 0; i < n; i++) {
            String[] f = csv.get(i + 1).split(",");
            assertClose(crsXy[4 * n + i], new double[] {Double.parseDouble(f[7]), Double.parseDouble(f[8])}, geographic,
                    file + " CSV CRS centre " + i);
            assertClose(lonLat[4 * n + i], new double[] {Double.parseDouble(f[9]), Double.parseDouble(f[10])}, true,
                    file + " CSV lon/lat centre " + i);
        }

        if (!live) {
            return;
        }
        Path gj = out.resolve(stem + ".geojson"), gpkg = out.resolve(stem + ".gpkg");
        String gjInfo = run(null, "ogrinfo", "-ro", "-al", gj.toString());
        String gpkgInfo = run(null, "ogrinfo", "-ro", "-al", gpkg.toString());
        assertTrue(gjInfo.contains("Feature Count: " + n), gjInfo);
        assertTrue(gpkgInfo.contains("Feature Count: " + n), gpkgInfo);
        assertEquals("+proj=longlat +datum=WGS84 +no_defs", proj4(gj), file + " GeoJSON CRS");
        assertEquals(proj4(tif), proj4(gpkg), file + " GeoPackage CRS");
        String crs = s.get("crs").asText();
        if (crs.startsWith("EPSG:")) {
            String id = "ID[\"EPSG\"," + crs.substring(5) + "]]";
            assertTrue(gpkgInfo.contains(id), file + ": ogrinfo does not identify the GeoPackage CRS as " + crs);
        } else {
            assertTrue(gpkgInfo.contains("Albers Equal Area"), file + ": ogrinfo sees no Albers CRS");
        }
        assertEquals(s.get("proj4").asText(), proj4(tif), file + ": gdalsrsinfo changed since the fixture was made");
        // GDAL's spatial filter (answered from the R-tree index) finds feature 1 alone around its centre
        double[] c1 = crsXy[4 * n + 1];
        double eps = geographic ? 1e-7 : 0.01;
        String spat = run(null, "ogrinfo", "-ro", "-al", "-so", "-spat", Double.toString(c1[0] - eps),
                Double.toString(c1[1] - eps), Double.toString(c1[0] + eps), Double.toString(c1[1] + eps), gpkg.toString());
        assertTrue(spat.contains("Feature Count: 1"), spat);
        double[][] liveLonLat = gdaltransform(tif, s.get("pixels"), "-t_srs", "EPSG:4326");
        double[][] liveCrs = gdaltransform(tif, s.get("pixels"));
        List<double[][]> ogrGj = wktPolygons(gjInfo), ogrGpkg = wktPolygons(gpkgInfo);
        assertEquals(n, ogrGj.size());
        assertEquals(n, ogrGpkg.size());
        for (int i = 0; i < n; i++) {
            assertRing(ogrGj.get(i), corners(liveLonLat, i), true, file + " ogrinfo GeoJSON feature " + i);
            assertRing(ogrGpkg.get(i), corners(liveCrs, i), geographic, file + " ogrinfo GeoPackage feature " + i);
        }
    }

    /** The four expected corners of detection i: rows 4i … 4i+3 of the point list. */
    static double[][] corners(double[][] pts, int i) {
        return new double[][] {pts[4 * i], pts[4 * i + 1], pts[4 * i + 2], pts[4 * i + 3]};
    }

    static double[][] points(JsonNode a) {
        double[][] p = new double[a.size()][];
        for (int i = 0; i < p.length; i++) {
            p[i] = new double[] {a.get(i).get(0).asDouble(), a.get(i).get(1).asDouble()};
        }
        return p;
    }

    /**
     * A closed ring of 5 positions holding the 4 expected corners, each within 1 mm, in one of the
     * two cyclic orders, counter-clockwise (RFC 7946 and GeoPackage alike: x east, y north).
     */
    static void assertRing(double[][] ring, double[][] expected, boolean degrees, String what) {
        assertEquals(5, ring.length, what + ": positions");
        assertClose(ring[0], ring[4], degrees, what + ": ring not closed");
        double area = 0;
        for (int i = 0; i < 4; i++) {
            area += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
        }
        assertTrue(area > 0, what + ": ring is not counter-clockwise");
        int start = -1;
        for (int j = 0; j < 4; j++) {
            if (distance(ring[0], expected[j], degrees) < MM) {
                start = j;
            }
        }
        assertTrue(start >= 0, what + ": first vertex matches no corner");
        boolean forward = distance(ring[1], expected[(start + 1) % 4], degrees) < MM;
        for (int i = 0; i < 4; i++) {
            double[] want = expected[forward ? (start + i) % 4 : (start - i + 4) % 4];
            assertClose(want, ring[i], degrees, what + " vertex " + i);
        }
    }

    static void assertClose(double[] want, double[] got, boolean degrees, String what) {
        double d = distance(want, got, degrees);
        assertTrue(d < MM, what + ": " + want[0] + ", " + want[1] + " vs " + got[0] + ", " + got[1] + " is "
                + d * 1000 + " mm apart");
    }

    /** Metres between two points: planar in metres, or lon/lat degrees on a 6,378,137 m sphere. */
    static double distance(double[] a, double[] b, boolean degrees) {
        if (!degrees) {
            return Math.hypot(a[0] - b[0], a[1] - b[1]);
        }
        double r = 6_378_137;
        double dy = Math.toRadians(a[1] - b[1]) * r;
        double dx = Math.toRadians(a[0] - b[0]) * r * Math.cos(Math.toRadians((a[1] + b[1]) / 2));
        return Math.hypot(dx, dy);
    }

    static List<double[][]> geoJsonRings(Path file) throws IOException {
        List<double[][]> out = new ArrayList<>();
        for (JsonNode f : JSON.readTree(file.toFile()).get("features")) {
            JsonNode ring = f.get("geometry").get("coordinates").get(0);
            double[][] r = new double[ring.size()][];
            for (int i = 0; i < r.length; i++) {
                r[i] = new double[] {ring.get(i).get(0).asDouble(), ring.get(i).get(1).asDouble()};
            }
            out.add(r);
        }
        return out;
    }

    private static final Pattern POLYGON = Pattern.compile("POLYGON \\(\\(([^)]*)\\)\\)");

    /** The polygons ogrinfo printed, in feature order. */
    static List<double[][]> wktPolygons(String ogrinfo) {
        List<double[][]> out = new ArrayList<>();
        Matcher m = POLYGON.matcher(ogrinfo);
        while (m.find()) {
            String[] pts = m.group(1).split(",");
            double[][] r = new double[pts.length][];
            for (int i = 0; i < pts.length; i++) {
                String[] xy = pts[i].trim().split("\\s+");
                r[i] = new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])};
            }
            out.add(r);
        }
        return out;
    }

    static String proj4(Path file) throws Exception {
        return run(null, "gdalsrsinfo", "-o", "proj4", file.toString()).strip().replace("'", "");
    }

    static double[][] gdaltransform(Path tif, JsonNode pixels, String... args) throws Exception {
        StringBuilder in = new StringBuilder();
        for (JsonNode p : pixels) {
            in.append(p.get(0).asText()).append(' ').append(p.get(1).asText()).append('\n');
        }
        List<String> cmd = new ArrayList<>(List.of("gdaltransform"));
        cmd.addAll(List.of(args));
        cmd.add(tif.toString());
        String[] lines = run(in.toString(), cmd.toArray(String[]::new)).strip().split("\n");
        double[][] out = new double[lines.length][];
        for (int i = 0; i < lines.length; i++) {
            String[] f = lines[i].trim().split("\\s+");
            out[i] = new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])};
        }
        return out;
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    static String run(String stdin, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", cmd) + " did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ":\n" + out);
        return out;
    }
}
