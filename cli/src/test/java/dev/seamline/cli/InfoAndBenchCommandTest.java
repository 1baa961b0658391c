package dev.seamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code seamline info} and {@code seamline bench read}, run in-process, against GDAL's numbers for the
 * geo module's fixtures (geo/src/test/resources/dev/seamline/geo: made.json from gdalinfo/gdaltransform,
 * made_bench.json from shared/tools/gdal_read_bench.py; see make_fixtures.py there).
 */
class InfoAndBenchCommandTest {

    static final Path FIXTURES = Path.of("../geo/src/test/resources/dev/seamline/geo");

    record Result(int code, String out, String err) {
    }

    static Result seamline(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    static JsonNode gdal(String file) throws Exception {
        for (JsonNode r : new ObjectMapper().readTree(FIXTURES.resolve("made.json").toFile()).get("rasters")) {
            if (r.get("file").asText().equals(file)) {
                return r;
            }
        }
        throw new AssertionError(file);
    }

    static double[] probe(JsonNode gdal, double x, double y) {
        for (JsonNode p : gdal.get("probes")) {
            if (p.get(0).asDouble() == x && p.get(1).asDouble() == y) {
                double[] v = new double[6];
                for (int i = 0; i < 6; i++) {
                    v[i] = p.get(i).asDouble();
                }
                return v;
            }
        }
        throw new AssertionError("no GDAL probe at " + x + "," + y);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiled_deflate.tif", "point_rotated.tif", "laea_3035.tif", "geographic_4326.tif"})
    void jsonMatchesGdalinfoAndGdaltransform(String file) throws Exception {
        String path = FIXTURES.resolve("made/" + file).toString();
        Result r = seamline("info", "--json", "--pixel", "12.5,7.25", "--pixel", "123.456,78.9", path);
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode info = new ObjectMapper().readTree(r.out()).get(path);
        JsonNode g = gdal(file);
        int w = g.get("width").asInt(), h = g.get("height").asInt();
        assertEquals(w, info.get("width").asInt());
        assertEquals(h, info.get("height").asInt());
        assertEquals(g.get("bandCount").asInt(), info.get("bandCount").asInt());
        assertEquals(g.get("dataType").asText(), info.get("dataType").asText());
        assertEquals(g.get("epsg").asInt(), info.get("epsg").asInt());
        assertFalse(info.get("wkt").asText().isBlank());
        for (int i = 0; i < 6; i++) {
            assertEquals(g.get("geoTransform").get(i).asDouble(), info.get("geoTransform").get(i).asDouble(), 1e-9);
        }
        String[] names = {"upperLeft", "lowerLeft", "upperRight", "lowerRight", "center"};
        double[][] px = {{0, 0}, {0, h}, {w, 0}, {w, h}, {w / 2.0, h / 2.0}};
        for (int i = 0; i < names.length; i++) {
            JsonNode want = g.get("cornerCoordinates").get(names[i]);
            JsonNode got = info.get("corners").get(names[i]);
            assertEquals(want.get(0).asDouble(), got.get(0).asDouble(), 1e-3, names[i]);
            assertEquals(want.get(1).asDouble(), got.get(1).asDouble(), 1e-3, names[i]);
            double[] p = probe(g, px[i][0], px[i][1]);
            JsonNode ll = info.get("cornersLonLat").get(names[i]);
            assertEquals(p[4], ll.get(0).asDouble(), 1e-8, names[i] + " lon");
            assertEquals(p[5], ll.get(1).asDouble(), 1e-8, names[i] + " lat");
        }
        double[][] asked = {{12.5, 7.25}, {123.456, 78.9}};
        for (int k = 0; k < 2; k++) {
            double[] p = probe(g, asked[k][0], asked[k][1]);
            JsonNode got = info.get("probes").get(k);
            assertEquals(asked[k][0], got.get(0).asDouble());
            assertEquals(asked[k][1], got.get(1).asDouble());
            assertEquals(p[2], got.get(2).asDouble(), 1e-3);
            assertEquals(p[3], got.get(3).asDouble(), 1e-3);
            assertEquals(p[4], got.get(4).asDouble(), 1e-8);
            assertEquals(p[5], got.get(5).asDouble(), 1e-8);
        }
    }

    @Test
    void noGeoreferencingGivesNullsAndPixelCorners() throws Exception {
        String path = FIXTURES.resolve("made/no_georef.tif").toString();
        Result r = seamline("info", "--json", "--pixel", "1,2", path);
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode info = new ObjectMapper().readTree(r.out()).get(path);
        assertTrue(info.get("epsg").isNull());
        assertTrue(info.get("wkt").isNull());
        assertTrue(info.get("geoTransform").isNull());
        assertTrue(info.get("cornersLonLat").isNull());
        assertEquals(50.0, info.get("corners").get("lowerRight").get(0).asDouble());
        JsonNode p = info.get("probes").get(0);
        assertEquals(1.0, p.get(0).asDouble());
        for (int i = 2; i < 6; i++) {
            assertTrue(p.get(i).isNull());
        }
        Result text = seamline("info", path);
        assertEquals(ExitCodes.OK, text.code());
        assertTrue(text.out().contains("Georeferencing: none"), text.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not_a_tiff.tif", "truncated.tif", "tile_offsets_past_end.tif", "absurd_dimensions.tif",
        "unsupported_compression.tif", "zero_bands.tif", "corrupt_geokeys.tif", "unknown_epsg.tif"})
    void badInputIsExitCode2WithOneLineAndNoStackTrace(String file) {
        String path = FIXTURES.resolve("bad/" + file).toString();
        // bench read opens for pixels and never builds the CRS, so an unknown EPSG code does not stop it
        String[][] commands = file.equals("unknown_epsg.tif") ? new String[][] {{"info", path}}
                : new String[][] {{"info", path}, {"bench", "read", path}};
        for (String[] args : commands) {
            Result r = seamline(args);
            assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
            assertTrue(r.err().startsWith("seamline: " + path + ": "), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertFalse(r.err().contains("\tat "), r.err());
        }
        Result verbose = seamline("info", "--verbose", path);
        assertEquals(ExitCodes.BAD_INPUT, verbose.code());
        assertTrue(verbose.err().contains("\tat "), "stack trace under --verbose: " + verbose.err());
    }

    @Test
    void malformedPixelIsAUsageError() {
        Result r = seamline("info", "--pixel", "12", FIXTURES.resolve("made/no_georef.tif").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertTrue(r.err().contains("X,Y"), r.err());
    }

    @Test
    void benchReadMatchesGdalReadBenchChecksums() throws Exception {
        for (JsonNode g : new ObjectMapper().readTree(FIXTURES.resolve("made_bench.json").toFile())) {
            String path = FIXTURES.resolve("made/" + g.get("file").asText()).toString();
            Result r = seamline("bench", "read", path, "--tile", g.get("tile").asText(), "--overlap",
                    g.get("overlap").asText(), "--threads", "3");
            assertEquals(ExitCodes.OK, r.code(), r.err());
            JsonNode got = new ObjectMapper().readTree(r.out());
            assertEquals("seamline", got.get("reader").asText());
            assertEquals(g.get("tiles").asInt(), got.get("tiles").asInt(), g.get("file").asText());
            assertEquals(g.get("checksum").asText(), got.get("checksum").asText(), g.get("file").asText());
        }
    }

    @Test
    void fastByteSumEqualsThePlainSum() {
        java.util.Random r = new java.util.Random(3);
        for (int n : new int[] {0, 1, 7, 8, 9, 1023, 1024, 1025, 3 * 1024 * 1024 + 5}) {
            byte[] a = new byte[n];
            r.nextBytes(a);
            if (n > 100) {
                java.util.Arrays.fill(a, 0, 100, (byte) 0xFF);
            }
            long plain = 0;
            for (byte v : a) {
                plain += v & 0xFF;
            }
            assertEquals(plain, BenchCommand.Read.sumUnsignedBytes(a), "n=" + n);
        }
        byte[] all = new byte[5000];
        java.util.Arrays.fill(all, (byte) 0xFF);
        assertEquals(5000L * 255, BenchCommand.Read.sumUnsignedBytes(all));
    }

    @Test
    void benchNeedsASubcommandAndSaneOptions() {
        assertEquals(ExitCodes.BAD_INPUT, seamline("bench").code());
        String path = FIXTURES.resolve("made/cog.tif").toString();
        assertEquals(ExitCodes.BAD_INPUT, seamline("bench", "read", path, "--tile", "64", "--overlap", "64").code());
    }
}
