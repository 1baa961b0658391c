package dev.seamline.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every PNG and JPEG scene of make_image_fixtures.py against what GDAL 3.6 said about it: size, bands,
 * type, nodata, the files used (gdalinfo's "Files:", plus the .prj GDAL does not read), the geotransform
 * (to 1e-9), the EPSG code, the corners and probes (map coordinates to 1 mm, WGS84 to 1e-8°), the
 * exact samples of windows (PNG: SHA-256 of what ReadAsArray gave), and for JPEG every sample against
 * GDAL's ReadAsArray within {@link #JPEG_MAX_DIFF}.
 */
class ImageScenesAgainstGdalTest {

    static final double MM = 1e-3, DEG = 1e-8, GT = 1e-9;
    /**
     * Largest difference of a JPEG sample from GDAL's (libjpeg-turbo 2.1 in Debian 12) allowed, measured on
     * these fixtures with the JDK's libjpeg 6b: see {@link #jpegAgainstGdal}.
     */
    static final int JPEG_MAX_DIFF = 0;
    /**
     * The fixtures whose ESRI .prj Apache SIS 1.6 identifies with an EPSG code ("British_National_Grid" is an
     * EPSG alias); "WGS_1984_UTM_Zone_33N" and "ETRS_1989_LAEA" are not, so those scenes carry the .prj's CRS
     * without a code (their coordinates are still checked to 1 mm).
     */
    static final java.util.Set<String> ESRI_IDENTIFIED = java.util.Set.of("rgb8_pngw_prj.png");

    @TestFactory
    Stream<DynamicTest> madeWithGdal() throws Exception {
        JsonNode root = Fixtures.json("images.json");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode r : root.get("scenes")) {
            Path p = Fixtures.resource("images/" + r.get("file").asText());
            tests.add(DynamicTest.dynamicTest(r.get("file").asText(), () -> check(p, r, false)));
            if (r.get("driver").asText().equals("PNG") && !isInterlaced(p)) {
                // the same numbers when the rows go through the temporary file, as for a scene too large to keep whole
                tests.add(DynamicTest.dynamicTest(r.get("file").asText() + " (rows spilled)", () -> check(p, r, true)));
            }
        }
        return tests.stream();
    }

    /** IHDR's interlace method: byte 28 of a PNG. */
    static boolean isInterlaced(Path png) throws java.io.IOException {
        return Files.readAllBytes(png)[28] == 1;
    }

    static void check(Path path, JsonNode r, boolean spilled) throws Exception {
        String name = r.get("file").asText();
        try (Scene s = Scene.open(path)) {
            if (spilled) {
                ((PngImage) s.imagePixels()).keepWholeBelow(0);
            }
            assertEquals(r.get("driver").asText(), s.format(), name);
            assertEquals(r.get("width").asInt(), s.width(), name);
            assertEquals(r.get("height").asInt(), s.height(), name);
            assertEquals(r.get("bandCount").asInt(), s.bandCount(), name);
            assertEquals(r.get("dataType").asText(), s.sampleType().gdalName(), name);
            if (r.get("nodata").isNull()) {
                assertTrue(s.nodata().isEmpty(), name + " has no nodata");
            } else {
                assertEquals(r.get("nodata").asDouble(), s.nodata().getAsDouble(), name);
            }
            List<String> files = new ArrayList<>();
            r.get("files").forEach(f -> files.add(f.asText()));
            boolean prj = r.has("prjEpsg");
            if (prj) {
                files.add(name.substring(0, name.lastIndexOf('.')) + ".prj");
            }
            assertEquals(files, s.files().stream().map(f -> f.getFileName().toString()).toList(), name + " files used");

            JsonNode gt = r.get("geoTransform");
            boolean crs = !r.get("epsg").isNull() || prj;
            if (gt.isNull() || !crs) {
                assertTrue(s.georeferencing().isEmpty(), name + " has no georeferencing");
            } else {
                Georeferencing g = s.georeferencing().orElseThrow();
                // a PAM whose axis mapping makes x a latitude: GDAL's numbers are (lat, lon), Seamline's (lon, lat)
                boolean swap = r.path("swapAxes").asBoolean(false);
                double[] want = Fixtures.doubles(gt), got = g.gridTransform().toArray();
                if (swap) {
                    want = new double[] {want[3], want[4], want[5], want[0], want[1], want[2]};
                }
                for (int i = 0; i < 6; i++) {
                    assertEquals(want[i], got[i], GT, name + " geotransform[" + i + "]");
                }
                if (prj && !ESRI_IDENTIFIED.contains(name)) {
                    assertTrue(g.epsg().isEmpty(), name + ": Apache SIS does not identify this ESRI WKT");
                } else {
                    assertEquals(prj ? r.get("prjEpsg").asInt() : r.get("epsg").asInt(), g.epsg().orElse(-1), name + " EPSG");
                }
                JsonNode cc = r.get("cornerCoordinates");
                double w = s.width(), h = s.height();
                double[][] at = {{0, 0}, {0, h}, {w, 0}, {w, h}, {w / 2, h / 2}};
                String[] names = {"upperLeft", "lowerLeft", "upperRight", "lowerRight", "center"};
                for (int i = 0; i < 5; i++) {
                    double[] c = g.pixelToCrs(at[i][0], at[i][1], PixelAnchor.CORNER);
                    JsonNode want2 = cc.get(names[i]);
                    assertEquals(want2.get(swap ? 1 : 0).asDouble(), c[0], MM, name + " corner X at " + names[i]);
                    assertEquals(want2.get(swap ? 0 : 1).asDouble(), c[1], MM, name + " corner Y at " + names[i]);
                }
                for (JsonNode probe : r.get(prj ? "prjProbes" : "probes")) {
                    double[] v = Fixtures.doubles(probe);
                    double[] map = g.pixelToCrs(v[0], v[1], PixelAnchor.CORNER);
                    assertEquals(v[swap ? 3 : 2], map[0], MM, name + " map X of pixel " + v[0] + "," + v[1]);
                    assertEquals(v[swap ? 2 : 3], map[1], MM, name + " map Y of pixel " + v[0] + "," + v[1]);
                    double[] ll = g.pixelToLonLat(v[0], v[1], PixelAnchor.CORNER);
                    assertEquals(v[4], ll[0], DEG, name + " longitude of pixel " + v[0] + "," + v[1]);
                    assertEquals(v[5], ll[1], DEG, name + " latitude of pixel " + v[0] + "," + v[1]);
                }
            }
            if (r.has("pixels")) {
                jpegAgainstGdal(s, r.get("pixels").asText(), name);
            }
            for (JsonNode w : r.get("windows")) {
                int[] win = Fixtures.ints(w.get("window"));
                int[] bands = Fixtures.ints(w.get("bands"));
                PixelWindow window = new PixelWindow(win[0], win[1], win[2], win[3]);
                PixelBuffer b = s.read(window, bands);
                assertEquals(window.clip(s.width(), s.height()), b.valid());
                if (JPEG_MAX_DIFF == 0 || !r.has("pixels")) {
                    assertEquals(w.get("sha256").asText(), Fixtures.digest(b),
                            name + ": window " + window + " bands " + java.util.Arrays.toString(bands) + " differs from GDAL");
                }
            }
        }
    }

    /** Every sample of the JPEG against GDAL's ReadAsArray: the largest difference is at most JPEG_MAX_DIFF. */
    static void jpegAgainstGdal(Scene s, String pixels, String name) throws Exception {
        byte[] want;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Fixtures.resource("images/" + pixels)))) {
            want = in.readAllBytes();
        }
        byte[] got = (byte[]) s.read(new PixelWindow(0, 0, s.width(), s.height())).data();
        assertEquals(want.length, got.length, name);
        int max = 0;
        long sum = 0;
        for (int i = 0; i < want.length; i++) {
            int d = Math.abs((want[i] & 0xff) - (got[i] & 0xff));
            max = Math.max(max, d);
            sum += d;
        }
        System.out.printf("%s: JPEG samples against GDAL: max |diff| %d, mean %.5f over %d samples%n", name, max,
                (double) sum / want.length, want.length);
        assertTrue(max <= JPEG_MAX_DIFF, name + ": a sample differs from GDAL's by " + max);
    }
}
