package dev.seamline.geo.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.SampleType;
import dev.seamline.geo.Georeferencing;
import dev.seamline.geo.PixelAnchor;
import dev.seamline.geo.Scene;
import dev.seamline.geo.write.WriterFixtures.Fixture;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The GeoTIFF writer against GDAL: {@code write/gdal-facts.json} records what GDAL 3.6 read from
 * the fixture files (made by {@code write/make-gdal-facts.sh}). Each test writes the fixture again,
 * checks it is byte for byte the file GDAL read (same SHA-256), so GDAL's facts hold for it, and
 * reads it back with {@link Scene} for every pixel and the georeferencing.
 */
class GeoTiffWriterTest {

    @TempDir
    Path dir;

    static JsonNode facts() throws IOException {
        try (InputStream in = GeoTiffWriterTest.class.getResourceAsStream("/write/gdal-facts.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static Stream<Fixture> fixtures() {
        return Stream.of(WriterFixtures.all());
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void fileIsTheOneGdalReadWithEveryPixelRight(Fixture f) throws Exception {
        JsonNode gdal = facts().get(f.name());
        Path file = WriterFixtures.write(f, dir);
        assertEquals(gdal.get("sha256").asText(), sha256(file), "bytes differ from the file GDAL checked");
        assertTrue(gdal.get("pixelsEqualFormula").asBoolean(), "GDAL's ReadAsArray saw every pixel as written");
        assertEquals("DEFLATE", gdal.get("compression").asText());
        GeoTiffLayout l = f.layout();
        assertEquals(l.width(), gdal.get("size").get(0).asInt());
        assertEquals(l.height(), gdal.get("size").get(1).asInt());
        assertEquals(l.tileWidth(), gdal.get("block").get(0).asInt());
        assertEquals(l.tileHeight(), gdal.get("block").get(1).asInt());
        for (JsonNode t : gdal.get("types")) {
            assertEquals(l.sampleType().gdalName(), t.asText());
        }
        assertEquals(l.bandCount(), gdal.get("types").size());
        if (f.options().nodata().isPresent()) {
            assertEquals(f.options().nodata().getAsDouble(), gdal.get("noData").asDouble());
        } else {
            assertTrue(gdal.get("noData").isNull());
        }

        try (Scene scene = Scene.open(file)) {
            assertEquals(l.width(), scene.width());
            assertEquals(l.height(), scene.height());
            assertEquals(l.bandCount(), scene.bandCount());
            assertEquals(l.sampleType(), scene.sampleType());
            assertEquals(f.name().equals("bigtiff.tif"), scene.isBigTiff());
            int[] bands = new int[l.bandCount()];
            for (int b = 0; b < bands.length; b++) {
                bands[b] = b;
            }
            PixelBuffer all = scene.read(new PixelWindow(0, 0, l.width(), l.height()), bands);
            PixelBuffer expected = WriterFixtures.buffer(l, new PixelWindow(0, 0, l.width(), l.height()));
            if (l.sampleType() == SampleType.UINT8) {
                assertArrayEquals(expected.asBytes(), all.asBytes());
            } else {
                assertArrayEquals(expected.asShorts(), all.asShorts());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void georeferencingMatchesGdal(Fixture f) throws Exception {
        JsonNode gdal = facts().get(f.name());
        if (f.options().georeferencing().isEmpty()) {
            assertTrue(gdal.get("geoTransform") == null || gdal.get("geoTransform").isNull());
            return;
        }
        Georeferencing g = f.options().georeferencing().get();
        double[] gt = new double[6];
        for (int i = 0; i < 6; i++) {
            gt[i] = gdal.get("geoTransform").get(i).asDouble();
        }
        assertArrayEquals(g.gridTransform().toArray(), gt, 1e-12, "GDAL's geotransform");
        if (g.epsg().isPresent()) {
            assertEquals(g.epsg().getAsInt(), gdal.get("epsg").asInt(), "GDAL's EPSG code");
        }
        // corners in CRS units, anchored at pixel corners, as gdalinfo prints them
        JsonNode corners = gdal.get("corners");
        int w = f.layout().width(), h = f.layout().height();
        assertCorner(g, 0, 0, corners.get("upperLeft"));
        assertCorner(g, 0, h, corners.get("lowerLeft"));
        assertCorner(g, w, 0, corners.get("upperRight"));
        assertCorner(g, w, h, corners.get("lowerRight"));
        assertCorner(g, w / 2.0, h / 2.0, corners.get("center"));
        // and the file read back by Scene carries the same grid and CRS
        Path file = WriterFixtures.write(f, dir);
        try (Scene scene = Scene.open(file)) {
            Georeferencing back = scene.georeferencing().orElseThrow();
            assertArrayEquals(gt, back.gridTransform().toArray(), 1e-12);
            if (g.epsg().isPresent()) {
                assertEquals(g.epsg(), back.epsg());
            }
            double[] ul = g.pixelToLonLat(0, 0, PixelAnchor.CORNER), ulBack = back.pixelToLonLat(0, 0, PixelAnchor.CORNER);
            assertArrayEquals(ul, ulBack, 1e-9);
        }
    }

    private static void assertCorner(Georeferencing g, double x, double y, JsonNode expected) {
        double[] xy = g.pixelToCrs(x, y, PixelAnchor.CORNER);
        assertEquals(expected.get(0).asDouble(), xy[0], 1e-3);
        assertEquals(expected.get(1).asDouble(), xy[1], 1e-3);
    }

    @Test
    void rowsCompressedInParallelGiveTheSameBytesAsSingleTiles() throws Exception {
        Fixture f = WriterFixtures.all()[0];
        GeoTiffLayout l = f.layout();
        Path row = dir.resolve("row.tif");
        try (GeoTiffWriter w = GeoTiffWriter.create(row, l, f.options())) {
            for (int r = 0; r < l.tileRows(); r++) {
                List<PixelBuffer> tiles = new ArrayList<>();
                for (int c = 0; c < l.tileColumns(); c++) {
                    tiles.add(WriterFixtures.buffer(l, l.tileWindow(c, r))); // full padded windows this time
                }
                w.writeRow(r, tiles);
            }
            w.finish();
        }
        assertEquals(sha256(WriterFixtures.write(f, dir)), sha256(row));
    }

    @Test
    void tilesInAnyOrderReadBackTheSame() throws Exception {
        Fixture f = WriterFixtures.all()[1];
        GeoTiffLayout l = f.layout();
        Path file = dir.resolve("reverse.tif");
        try (GeoTiffWriter w = GeoTiffWriter.create(file, l, f.options())) {
            for (int r = l.tileRows() - 1; r >= 0; r--) {
                for (int c = l.tileColumns() - 1; c >= 0; c--) {
                    w.writeTile(c, r, WriterFixtures.buffer(l, l.tileWindow(c, r)));
                }
            }
            w.finish();
        }
        try (Scene scene = Scene.open(file)) {
            PixelWindow win = new PixelWindow(100, 50, 150, 120);
            PixelBuffer got = scene.read(win, new int[] {0, 2, 4});
            for (int b : new int[] {0, 2, 4}) {
                for (int y = 0; y < win.height(); y++) {
                    for (int x = 0; x < win.width(); x++) {
                        int bi = b / 2;
                        assertEquals(WriterFixtures.sample(l.sampleType(), b, win.x() + x, win.y() + y),
                                (int) got.sample(bi, x, y));
                    }
                }
            }
        }
    }

    @Test
    void nothingAppearsUnlessFinished() throws Exception {
        Fixture f = WriterFixtures.all()[2];
        GeoTiffLayout l = f.layout();
        Path file = dir.resolve("partial.tif");
        try (GeoTiffWriter w = GeoTiffWriter.create(file, l, f.options())) {
            w.writeTile(0, 0, WriterFixtures.buffer(l, l.tileWindow(0, 0)));
            assertThrows(IllegalStateException.class, () -> w.writeTile(0, 0, WriterFixtures.buffer(l, l.tileWindow(0, 0))));
            IllegalStateException e = assertThrows(IllegalStateException.class, w::finish);
            assertTrue(e.getMessage().contains("never written"), e.getMessage());
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "no target and no temporary file after an unfinished write");
        }
    }

    @Test
    void badTilesAreRefused() throws Exception {
        Fixture f = WriterFixtures.all()[0];
        GeoTiffLayout l = f.layout();
        try (GeoTiffWriter w = GeoTiffWriter.create(dir.resolve("bad.tif"), l, f.options())) {
            assertThrows(IllegalArgumentException.class, () -> w.writeTile(l.tileColumns(), 0,
                    WriterFixtures.buffer(l, l.tileWindow(0, 0))));
            PixelWindow small = new PixelWindow(0, 0, 100, 100);
            assertThrows(IllegalArgumentException.class, () -> w.writeTile(0, 0, WriterFixtures.buffer(l, small)));
            GeoTiffLayout gray = GeoTiffLayout.of(l.width(), l.height(), 1, SampleType.UINT8, l.tileWidth());
            assertThrows(IllegalArgumentException.class, () -> w.writeTile(0, 0, WriterFixtures.buffer(gray, l.tileWindow(0, 0))));
        }
        assertThrows(IllegalArgumentException.class, () -> GeoTiffWriter.create(dir.resolve("n.tif"), l,
                f.options().withNodata(256)));
        assertThrows(IllegalArgumentException.class, () -> GeoTiffWriter.create(dir.resolve("n.tif"), l,
                f.options().withNodata(1.5)));
        assertThrows(IllegalArgumentException.class, () -> GeoTiffLayout.of(10, 10, 1, SampleType.FLOAT32, 16));
        assertThrows(IllegalArgumentException.class, () -> GeoTiffLayout.of(10, 10, 1, SampleType.UINT8, 100));
    }

    @Test
    void bigTiffIsChosenUpFrontFromTheUncompressedSize() throws Exception {
        GeoTiffLayout small = GeoTiffLayout.of(30_000, 30_000, 4, SampleType.UINT8, 512);   // 3.6 GB
        GeoTiffLayout large = GeoTiffLayout.of(40_000, 40_000, 3, SampleType.UINT8, 512);   // 4.8 GB
        try (GeoTiffWriter a = GeoTiffWriter.create(dir.resolve("a.tif"), small, GeoTiffOptions.defaults());
                GeoTiffWriter b = GeoTiffWriter.create(dir.resolve("b.tif"), large, GeoTiffOptions.defaults());
                GeoTiffWriter c = GeoTiffWriter.create(dir.resolve("c.tif"), large,
                        GeoTiffOptions.defaults().withBigTiff(GeoTiffOptions.BigTiff.NEVER))) {
            assertFalse(a.isBigTiff());
            assertTrue(b.isBigTiff());
            assertFalse(c.isBigTiff());
        }
    }

    static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }
}
