package dev.seamline.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every fixture raster against what GDAL said about it (make_fixtures.py): size, type, block layout,
 * geotransform, EPSG code, corners and probes (map coordinates to 1 mm, WGS84 to 1e-8°), and the
 * exact samples of windows read with ReadAsArray (SHA-256 of the padded window).
 */
class SceneAgainstGdalTest {

    static final double MM = 1e-3, DEG = 1e-8;

    @TestFactory
    Stream<DynamicTest> madeWithGdal() throws Exception {
        JsonNode root = Fixtures.json("made.json");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode r : root.get("rasters")) {
            Path p = Fixtures.resource("made/" + r.get("file").asText());
            tests.add(DynamicTest.dynamicTest(r.get("file").asText(), () -> check(p, r)));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> realRasters() throws Exception {
        assumeTrue(Fixtures.realDataPresent(), "shared/data/real is not beside the clone: " + Fixtures.REAL.toAbsolutePath());
        JsonNode root = Fixtures.json("real_rasters.json");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode r : root.get("rasters")) {
            Path p = Fixtures.REAL.resolve(r.get("file").asText());
            tests.add(DynamicTest.dynamicTest(r.get("file").asText(), () -> check(p, r)));
        }
        return tests.stream();
    }

    static void check(Path path, JsonNode r) throws Exception {
        try (Scene s = Scene.open(path)) {
            String name = r.get("file").asText();
            assertEquals(r.get("width").asInt(), s.width(), name);
            assertEquals(r.get("height").asInt(), s.height(), name);
            assertEquals(r.get("bandCount").asInt(), s.bandCount(), name);
            assertEquals(r.get("dataType").asText(), s.sampleType().gdalName(), name);
            if (r.get("nodata").isNull()) {
                assertTrue(s.nodata().isEmpty(), name);
            } else {
                assertEquals(r.get("nodata").asDouble(), s.nodata().getAsDouble(), name);
            }
            assertEquals(r.get("block").get(0).asInt(), s.blockLayout().blockWidth(), name);
            assertEquals(r.get("block").get(1).asInt(), s.blockLayout().blockHeight(), name);
            if (!r.get("compression").isNull()) {
                String c = r.get("compression").asText();
                assertTrue(c.contains(s.compression().name()), name + ": " + c + " vs " + s.compression());
            }
            JsonNode gt = r.get("geoTransform");
            if (gt.isNull() || r.get("cornerCoordinates").isNull()) {
                assertTrue(s.georeferencing().isEmpty(), name + " has no georeferencing");
            } else {
                Georeferencing g = s.georeferencing().orElseThrow();
                double[] want = Fixtures.doubles(gt), got = g.gridTransform().toArray();
                for (int i = 0; i < 6; i++) {
                    assertEquals(want[i], got[i], Math.abs(want[i]) * 1e-12 + 1e-12, name + " geotransform[" + i + "]");
                }
                if (r.get("epsg").isNull()) {
                    assertTrue(g.epsg().isEmpty(), name);
                } else {
                    assertEquals(r.get("epsg").asInt(), g.epsg().getAsInt(), name);
                }
                assertFalse(g.wkt().isBlank());
                JsonNode cc = r.get("cornerCoordinates");
                checkCorner(g, cc.get("upperLeft"), 0, 0, name);
                checkCorner(g, cc.get("lowerLeft"), 0, s.height(), name);
                checkCorner(g, cc.get("upperRight"), s.width(), 0, name);
                checkCorner(g, cc.get("lowerRight"), s.width(), s.height(), name);
                checkCorner(g, cc.get("center"), s.width() / 2.0, s.height() / 2.0, name);
                for (JsonNode probe : r.get("probes")) {
                    double[] v = Fixtures.doubles(probe);
                    double[] map = g.pixelToCrs(v[0], v[1], PixelAnchor.CORNER);
                    assertEquals(v[2], map[0], MM, name + " map X of pixel " + v[0] + "," + v[1]);
                    assertEquals(v[3], map[1], MM, name + " map Y of pixel " + v[0] + "," + v[1]);
                    double[] ll = g.pixelToLonLat(v[0], v[1], PixelAnchor.CORNER);
                    assertEquals(v[4], ll[0], DEG, name + " longitude of pixel " + v[0] + "," + v[1]);
                    assertEquals(v[5], ll[1], DEG, name + " latitude of pixel " + v[0] + "," + v[1]);
                    // the same point named by its centre anchor, and the way back
                    double[] c = g.pixelToCrs(v[0] - 0.5, v[1] - 0.5, PixelAnchor.CENTER);
                    assertEquals(v[2], c[0], MM, name);
                    assertEquals(v[3], c[1], MM, name);
                    double[] back = g.lonLatToPixel(ll[0], ll[1], PixelAnchor.CORNER);
                    double tol = MM / g.gridTransform().pixelSizeX();
                    assertEquals(v[0], back[0], tol, name + " round trip x (1 mm)");
                    assertEquals(v[1], back[1], tol, name + " round trip y (1 mm)");
                }
            }
            for (JsonNode w : r.get("windows")) {
                int[] win = Fixtures.ints(w.get("window"));
                int[] bands = Fixtures.ints(w.get("bands"));
                PixelWindow window = new PixelWindow(win[0], win[1], win[2], win[3]);
                PixelBuffer b = s.read(window, bands);
                assertEquals(window, b.window());
                assertEquals(window.clip(s.width(), s.height()), b.valid());
                assertEquals(w.get("sha256").asText(), Fixtures.digest(b),
                        name + ": window " + window + " bands " + java.util.Arrays.toString(bands) + " differs from GDAL");
            }
        }
    }

    static void checkCorner(Georeferencing g, JsonNode want, double x, double y, String name) {
        double[] got = g.pixelToCrs(x, y, PixelAnchor.CORNER);
        assertEquals(want.get(0).asDouble(), got[0], MM, name + " corner X at " + x + "," + y);
        assertEquals(want.get(1).asDouble(), got[1], MM, name + " corner Y at " + x + "," + y);
    }
}
