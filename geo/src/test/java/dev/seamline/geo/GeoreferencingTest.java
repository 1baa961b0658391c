package dev.seamline.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seamline.core.Box;
import dev.seamline.core.OrientedBox;
import org.junit.jupiter.api.Test;

/**
 * {@link Georeferencing#of} from a CRS and a GDAL geotransform, and {@link Georeferencer}, against
 * the gdaltransform probes of the fixtures.
 */
class GeoreferencingTest {

    static JsonNode raster(String file) throws Exception {
        for (JsonNode r : Fixtures.json("made.json").get("rasters")) {
            if (r.get("file").asText().equals(file)) {
                return r;
            }
        }
        throw new AssertionError(file);
    }

    static void assertProbes(Georeferencing g, JsonNode r) {
        for (JsonNode probe : r.get("probes")) {
            double[] v = Fixtures.doubles(probe);
            double[] map = g.pixelToCrs(v[0], v[1], PixelAnchor.CORNER);
            assertEquals(v[2], map[0], 1e-3);
            assertEquals(v[3], map[1], 1e-3);
            double[] ll = g.pixelToLonLat(v[0], v[1], PixelAnchor.CORNER);
            assertEquals(v[4], ll[0], 1e-8, "lon");
            assertEquals(v[5], ll[1], 1e-8, "lat");
        }
    }

    @Test
    void fromEpsgCodeAndGeoTransform() throws Exception {
        for (String f : new String[] {"tiled_deflate.tif", "geographic_4326.tif", "laea_3035.tif", "point_rotated.tif"}) {
            JsonNode r = raster(f);
            Georeferencing g = Georeferencing.of("EPSG:" + r.get("epsg").asInt(), Fixtures.doubles(r.get("geoTransform")));
            assertEquals(r.get("epsg").asInt(), g.epsg().getAsInt());
            assertProbes(g, r);
        }
    }

    @Test
    void fromWktOfAnotherGeoreferencing() throws Exception {
        JsonNode r = raster("laea_3035.tif");
        double[] gt = Fixtures.doubles(r.get("geoTransform"));
        Georeferencing byCode = Georeferencing.of(3035, gt);
        Georeferencing byWkt = Georeferencing.of(byCode.wkt(), gt);
        assertEquals(3035, byWkt.epsg().orElse(-1));
        assertProbes(byWkt, r);
    }

    @Test
    void badCrsOrTransformIsIllegalArgument() {
        double[] gt = {0, 1, 0, 0, 0, -1};
        assertThrows(IllegalArgumentException.class, () -> Georeferencing.of("EPSG:999999", gt));
        assertThrows(IllegalArgumentException.class, () -> Georeferencing.of("PROJCS[nonsense", gt));
        assertThrows(IllegalArgumentException.class, () -> Georeferencing.of("EPSG:32633", new double[] {0, 0, 0, 0, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> Georeferencing.of("EPSG:32633", new double[] {1, 2}));
    }

    @Test
    void anchorsDifferByHalfAPixel() {
        Georeferencing g = Georeferencing.of(32633, new double[] {500000, 0.5, 0, 4649776, 0, -0.5});
        double[] corner = g.pixelToCrs(10.5, 20.5, PixelAnchor.CORNER);
        double[] centre = g.pixelToCrs(10, 20, PixelAnchor.CENTER);
        assertEquals(corner[0], centre[0], 0);
        assertEquals(corner[1], centre[1], 0);
        assertEquals(500005.25, centre[0], 0);
        assertEquals(4649766.0 - 0.25, centre[1], 0);
        double[] back = g.crsToPixel(centre[0], centre[1], PixelAnchor.CENTER);
        assertEquals(10, back[0], 1e-9);
        assertEquals(20, back[1], 1e-9);
    }

    @Test
    void groundSampleDistanceAccountsForProjectionScale() {
        // UTM on its central meridian: scale 0.9996, so a 0.5 m grid step is 0.5 / 0.9996 m on the ground
        Georeferencing utm = Georeferencing.of(32633, new double[] {500000, 0.5, 0, 4649776, 0, -0.5});
        assertEquals(0.5 / 0.9996, utm.groundSampleDistance(0, 0, PixelAnchor.CORNER), 2e-5);
        // World Mercator at 60°N: scale ≈ 2, so a 1 m grid step is about 0.5 m on the ground
        Georeferencing merc = Georeferencing.of(3395, new double[] {0, 1, 0, 8362698.5, 0, -1});
        double[] ll = merc.pixelToLonLat(0, 0, PixelAnchor.CORNER);
        assertEquals(60, ll[1], 0.01);
        assertEquals(0.5, merc.groundSampleDistance(0, 0, PixelAnchor.CORNER), 0.003);
        // degrees: 0.0001° of latitude is about 11.1 m
        Georeferencing geo = Georeferencing.of(4326, new double[] {5, 0.0001, 0, 52, 0, -0.0001});
        double gsd = geo.groundSampleDistance(0, 0, PixelAnchor.CORNER);
        assertTrue(gsd > 8.95 && gsd < 9.05, "mean of 6.87 m (lon) and 11.13 m (lat): " + gsd);
    }

    @Test
    void georeferencerGivesClosedCounterClockwiseRings() throws Exception {
        JsonNode r = raster("point_rotated.tif");
        Georeferencing g = Georeferencing.of(r.get("epsg").asInt(), Fixtures.doubles(r.get("geoTransform")));
        Georeferencer geo = new Georeferencer(g);
        GeoPolygon p = geo.polygon(new Box(0, 0, r.get("width").asInt(), r.get("height").asInt()));
        assertEquals(5, p.vertexCount());
        double[] ll = p.lonLat(), crs = p.crs();
        assertEquals(ll[0], ll[8], 0);
        assertEquals(ll[1], ll[9], 0);
        assertTrue(Georeferencer.signedArea(ll) > 0, "counter-clockwise in lon/lat");
        assertTrue(Georeferencer.signedArea(crs) > 0, "counter-clockwise in the CRS");
        // every GDAL corner probe is a vertex of the ring
        for (JsonNode probe : r.get("probes")) {
            double[] v = Fixtures.doubles(probe);
            boolean isCorner = (v[0] == 0 || v[0] == r.get("width").asInt()) && (v[1] == 0 || v[1] == r.get("height").asInt());
            if (!isCorner) {
                continue;
            }
            boolean found = false;
            for (int i = 0; i < 8; i += 2) {
                found |= Math.abs(ll[i] - v[4]) < 1e-8 && Math.abs(ll[i + 1] - v[5]) < 1e-8
                        && Math.abs(crs[i] - v[2]) < 1e-3 && Math.abs(crs[i + 1] - v[3]) < 1e-3;
            }
            assertTrue(found, "corner " + v[0] + "," + v[1] + " in the ring");
        }
        GeoPolygon o = geo.polygon(new OrientedBox(40, 30, 20, 10, 0.3));
        assertEquals(5, o.vertexCount());
        assertTrue(Georeferencer.signedArea(o.lonLat()) > 0);
        GeoPolygon tri = geo.polygon(new double[] {0, 0, 0, 10, 10, 0});
        assertEquals(4, tri.vertexCount());
        assertTrue(Georeferencer.signedArea(tri.lonLat()) > 0);
    }
}
