package dev.seamline.outputs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seamline.core.Detection;
import dev.seamline.geo.Georeferencing;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GeoParquet dataset read back by an independent reader, DuckDB: every detection of the run, the
 * WGS84 footprints equal to the GeoJSON's coordinates to 1e-9°, the scene-CRS footprints equal to
 * the GeoPackage's transform, and the {@code geo} metadata as GeoParquet 1.1 asks.
 */
class GeoParquetSinkTest {

    static Georeferencing utm;

    @TempDir
    Path tmp;

    @BeforeAll
    static void crs() {
        utm = Georeferencing.of(32633, OutputFormatTest.GT);
    }

    private OutputContext context(Path out, String stem, boolean georeferenced) {
        return new OutputContext(out, stem, stem + ".tif", 1000, 800, georeferenced ? Optional.of(utm) : Optional.empty(),
                OutputFormatTest.CLASSES, 1, "tiny-yolo", "ab12");
    }

    private static void write(OutputContext ctx, List<Detection> detections, int bands) throws Exception {
        try (SceneOutputs o = SceneOutputs.open(ctx, EnumSet.of(OutputFormat.GEOJSON, OutputFormat.GEOPARQUET), false,
                OptionalDouble.empty())) {
            int per = (detections.size() + bands - 1) / bands;
            for (int i = 0; i < detections.size(); i += per) {
                o.accept(detections.subList(i, Math.min(detections.size(), i + per)));
            }
            o.accept(List.of());
            o.commit();
        }
    }

    @Test
    void duckDbReadsEveryDetectionWithTheGeoJsonsCoordinates() throws Exception {
        Path out = tmp.resolve("out");
        List<Detection> a = OutputFormatTest.detections();
        List<Detection> b = new ArrayList<>(a.subList(1, 4));
        write(context(out, "a", true), a, 3);
        write(context(out, "b", true), b, 1);
        write(context(out, "plain", false), a.subList(0, 2), 1);

        ObjectMapper json = new ObjectMapper();
        List<double[]> geojsonRings = new ArrayList<>();
        for (String stem : List.of("a", "b")) {
            for (JsonNode f : json.readTree(out.resolve(stem + ".geojson").toFile()).get("features")) {
                JsonNode ring = f.get("geometry").get("coordinates").get(0);
                double[] r = new double[ring.size() * 2];
                for (int i = 0; i < ring.size(); i++) {
                    r[2 * i] = ring.get(i).get(0).asDouble();
                    r[2 * i + 1] = ring.get(i).get(1).asDouble();
                }
                geojsonRings.add(r);
            }
        }
        assertEquals(a.size() + b.size(), geojsonRings.size());

        Class.forName("org.duckdb.DuckDBDriver");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            String glob = out.resolve("geoparquet").toString().replace("'", "''") + "/*.parquet";
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM read_parquet('" + glob + "')")) {
                rs.next();
                assertEquals(a.size() + b.size() + 2, rs.getLong(1));
            }
            // rows in file order: scene a, b (georeferenced), then plain
            int k = 0;
            String q = "SELECT scene_id, class, class_id, score, x0, y0, x1, y1, typeof(geometry), geometry::BLOB,"
                    + " bbox.xmin, bbox.ymin, bbox.xmax, bbox.ymax, geometry_scene, scene_crs, model, model_sha256"
                    + " FROM read_parquet('" + glob + "', filename = true) ORDER BY filename, file_row_number";
            try (ResultSet rs = s.executeQuery(q.replace("filename = true", "filename = true, file_row_number = true"))) {
                int row = 0;
                while (rs.next()) {
                    String scene = rs.getString(1);
                    List<Detection> src = scene.equals("a") ? a : scene.equals("b") ? b : a.subList(0, 2);
                    int i = scene.equals("a") ? row : scene.equals("b") ? row - a.size() : row - a.size() - b.size();
                    Detection d = src.get(i);
                    assertEquals(OutputFormatTest.CLASSES.nameOf(d.classId()), rs.getString(2));
                    assertEquals(d.classId(), rs.getInt(3));
                    assertEquals(d.score(), rs.getDouble(4));
                    assertArrayEquals(new double[] {d.box().x0(), d.box().y0(), d.box().x1(), d.box().y1()},
                            new double[] {rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8)});
                    assertEquals("tiny-yolo", rs.getString(17));
                    assertEquals("ab12", rs.getString(18));
                    if (scene.equals("plain")) {
                        assertNull(rs.getBytes(10));
                        assertNull(rs.getObject(11));
                        assertNull(rs.getBytes(15));
                        assertNull(rs.getString(16));
                    } else {
                        assertTrue(rs.getString(9).startsWith("GEOMETRY"), rs.getString(9));
                        double[] ring = polygon(rs.getBytes(10));
                        double[] ref = geojsonRings.get(k++);
                        assertEquals(ref.length, ring.length);
                        double xmin = Double.MAX_VALUE, ymin = Double.MAX_VALUE, xmax = -Double.MAX_VALUE, ymax = -Double.MAX_VALUE;
                        for (int j = 0; j < ring.length; j++) {
                            assertEquals(ref[j], ring[j], 1e-9);
                        }
                        for (int j = 0; j < ring.length; j += 2) {
                            xmin = Math.min(xmin, ring[j]);
                            xmax = Math.max(xmax, ring[j]);
                            ymin = Math.min(ymin, ring[j + 1]);
                            ymax = Math.max(ymax, ring[j + 1]);
                        }
                        assertArrayEquals(new double[] {xmin, ymin, xmax, ymax},
                                new double[] {rs.getDouble(11), rs.getDouble(12), rs.getDouble(13), rs.getDouble(14)});
                        double[] crs = polygon(rs.getBytes(15));
                        double[] corners = d.isOriented() ? d.oriented().corners() : d.box().corners();
                        double[] first = utm.pixelToCrs(corners[0], corners[1], dev.seamline.geo.PixelAnchor.CORNER);
                        boolean found = false;
                        for (int j = 0; j < crs.length; j += 2) {
                            found |= Math.abs(crs[j] - first[0]) < 1e-6 && Math.abs(crs[j + 1] - first[1]) < 1e-6;
                        }
                        assertTrue(found, "a corner of the scene-CRS footprint");
                        assertEquals("EPSG:32633", rs.getString(16));
                    }
                    row++;
                }
                assertEquals(a.size() + b.size() + 2, row);
            }

            try (ResultSet rs = s.executeQuery("SELECT decode(value) FROM parquet_kv_metadata('"
                    + out.resolve("geoparquet/a.parquet").toString().replace("'", "''") + "') WHERE decode(key) = 'geo'")) {
                assertTrue(rs.next());
                JsonNode geo = json.readTree(rs.getString(1));
                assertEquals("1.1.0", geo.get("version").asText());
                assertEquals("geometry", geo.get("primary_column").asText());
                JsonNode g = geo.get("columns").get("geometry");
                assertEquals("WKB", g.get("encoding").asText());
                assertEquals("Polygon", g.get("geometry_types").get(0).asText());
                assertEquals("counterclockwise", g.get("orientation").asText());
                assertFalse(g.has("crs"), "absent crs means OGC:CRS84");
                assertEquals("[\"bbox\",\"xmin\"]", g.get("covering").get("bbox").get("xmin").toString());
                assertEquals("[\"bbox\",\"ymax\"]", g.get("covering").get("bbox").get("ymax").toString());
                try (Statement s2 = c.createStatement(); ResultSet e = s2.executeQuery("SELECT min(bbox.xmin), min(bbox.ymin),"
                        + " max(bbox.xmax), max(bbox.ymax) FROM read_parquet('"
                        + out.resolve("geoparquet/a.parquet").toString().replace("'", "''") + "')")) {
                    e.next();
                    for (int j = 0; j < 4; j++) {
                        assertEquals(e.getDouble(j + 1), g.get("bbox").get(j).asDouble());
                    }
                }
            }
        }
        byte[] head = Files.readAllBytes(out.resolve("geoparquet/a.parquet"));
        assertEquals("PAR1", new String(head, 0, 4, StandardCharsets.US_ASCII));
    }

    @Test
    void sameDetectionsSameBytesAndNothingBeforeCommit() throws Exception {
        Path o1 = tmp.resolve("o1"), o2 = tmp.resolve("o2");
        write(context(o1, "s", true), OutputFormatTest.detections(), 1);
        write(context(o2, "s", true), OutputFormatTest.detections(), 5);
        assertArrayEquals(Files.readAllBytes(o1.resolve("geoparquet/s.parquet")), Files.readAllBytes(o2.resolve("geoparquet/s.parquet")));
        Path o3 = tmp.resolve("o3");
        try (DetectionSink sink = OutputFormat.GEOPARQUET.open(context(o3, "s", true))) {
            sink.accept(OutputFormatTest.detections());
            sink.prepare();
            assertFalse(Files.exists(o3.resolve("geoparquet/s.parquet")));
        }
        try (var files = Files.list(o3.resolve("geoparquet"))) {
            assertEquals(0, files.count(), "an uncommitted sink leaves nothing");
        }
    }

    /** Decodes a little-endian WKB Polygon of one ring (the test's own decoder). */
    static double[] polygon(byte[] wkb) {
        ByteBuffer bb = ByteBuffer.wrap(wkb).order(wkb[0] == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        bb.get();
        assertEquals(3, bb.getInt(), "WKB Polygon");
        assertEquals(1, bb.getInt(), "one ring");
        int n = bb.getInt();
        double[] r = new double[2 * n];
        for (int i = 0; i < r.length; i++) {
            r[i] = bb.getDouble();
        }
        assertEquals(bb.capacity(), bb.position());
        assertEquals(r[0], r[r.length - 2]);
        assertEquals(r[1], r[r.length - 1]);
        return r;
    }
}
