package dev.seamline.outputs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seamline.core.Box;
import dev.seamline.core.ClassCatalog;
import dev.seamline.core.Detection;
import dev.seamline.core.ObjectClass;
import dev.seamline.core.OrientedBox;
import dev.seamline.formats.coco.CocoResult;
import dev.seamline.formats.dota.DotaDetection;
import dev.seamline.formats.geojson.SeamlineGeoJson;
import dev.seamline.formats.xview.XviewFormat;
import dev.seamline.geo.GeoPolygon;
import dev.seamline.geo.Georeferencer;
import dev.seamline.geo.Georeferencing;
import dev.seamline.geo.PixelAnchor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.features.user.FeatureResultSet;
import mil.nga.geopackage.features.user.FeatureRow;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
import mil.nga.sf.LineString;
import mil.nga.sf.Polygon;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every format read back by the reader the scorers' side uses (eval's {@code SeamlineGeoJson},
 * {@code CocoResult}, {@code XviewFormat}, {@code DotaDetection}; NGA for the GeoPackage), the
 * GeoJSON compared field by field with eval's own writer, and the atomic life of the files.
 */
class OutputFormatTest {

    static final ClassCatalog CLASSES = ClassCatalog.ofNames(List.of("small-vehicle", "large-vehicle", "ship", "plane"));
    /** The synthetic scenes' UTM 33N grid: 0.3 m pixels. */
    static final double[] GT = {500_000, 0.3, 0, 5_000_000, 0, -0.3};
    static Georeferencing utm;

    @TempDir
    Path tmp;

    @BeforeAll
    static void crs() {
        utm = Georeferencing.of(32633, GT);
    }

    /** Axis-aligned and oriented, all classes, one reaching past the top-left corner of the scene. */
    static List<Detection> detections() {
        List<Detection> d = new ArrayList<>();
        d.add(Detection.of(new Box(10.25, 20.5, 25.75, 26.5), 0, 0.875));
        d.add(Detection.of(new OrientedBox(300.5, 200.25, 40, 12, 0.3), 1, 0.5));
        d.add(Detection.of(new Box(-4, -2, 11, 5), 2, 0.25));
        d.add(Detection.of(new OrientedBox(900, 700, 50, 45, -1.2), 3, 0.9999));
        d.add(Detection.of(new Box(995, 790, 1010, 796), 0, 0.125));
        return d;
    }

    OutputContext context(String stem, boolean georeferenced) {
        return new OutputContext(tmp.resolve("out"), stem, stem + ".tif", 1000, 800,
                georeferenced ? Optional.of(utm) : Optional.empty(), CLASSES, 7);
    }

    /** Writes the detections in three bands (one empty) and commits. */
    static Path write(OutputFormat f, OutputContext ctx, List<Detection> dets) throws IOException {
        try (DetectionSink sink = f.open(ctx)) {
            int half = dets.size() / 2;
            sink.accept(dets.subList(0, half));
            sink.accept(List.of());
            sink.accept(dets.subList(half, dets.size()));
            sink.commit();
        }
        return f.target(ctx);
    }

    @Test
    void geoJsonReadsBackAndMatchesEvalsWriter() throws Exception {
        OutputContext ctx = context("scene", true);
        List<Detection> dets = detections();
        Path file = write(OutputFormat.GEOJSON, ctx, dets);
        assertEquals(tmp.resolve("out/scene.geojson"), file);
        List<SeamlineGeoJson.Feature> back = SeamlineGeoJson.read(file, CLASSES);
        assertEquals(dets.size(), back.size());
        for (int i = 0; i < dets.size(); i++) {
            Detection want = dets.get(i), got = back.get(i).detection();
            assertEquals("scene.tif", back.get(i).image());
            assertEquals(CLASSES.nameOf(want.classId()), back.get(i).className());
            assertEquals(want.classId(), got.classId());
            assertEquals(want.score(), got.score());
            if (want.isOriented()) {
                assertArrayEquals(want.oriented().corners(), got.oriented().corners(), 1e-9);
            } else {
                assertEquals(want.box(), got.box());
            }
        }
        // the same document as eval's (non-streaming) writer, number for number
        Path ref = tmp.resolve("ref.geojson");
        SeamlineGeoJson.write(ref, "scene.tif", dets, CLASSES, (x, y) -> utm.pixelToLonLat(x, y, PixelAnchor.CORNER));
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(file.toFile()), b = json.readTree(ref.toFile());
        assertEquals(b.get("type"), a.get("type"));
        for (int i = 0; i < dets.size(); i++) {
            JsonNode fa = a.get("features").get(i), fb = b.get("features").get(i);
            assertEquals(fb.get("properties"), fa.get("properties"), "feature " + i);
            JsonNode ra = fa.get("geometry").get("coordinates").get(0), rb = fb.get("geometry").get("coordinates").get(0);
            assertEquals(5, ra.size());
            for (int p = 0; p < 5; p++) {
                assertEquals(rb.get(p).get(0).asDouble(), ra.get(p).get(0).asDouble(), 1e-12, "feature " + i + " lon " + p);
                assertEquals(rb.get(p).get(1).asDouble(), ra.get(p).get(1).asDouble(), 1e-12, "feature " + i + " lat " + p);
            }
        }
    }

    @Test
    void geoJsonWithoutGeoreferencingHasNullGeometry() throws Exception {
        Path file = write(OutputFormat.GEOJSON, context("plain", false), detections());
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        for (JsonNode f : root.get("features")) {
            assertTrue(f.get("geometry").isNull());
        }
        List<SeamlineGeoJson.Feature> back = SeamlineGeoJson.read(file, null);
        assertEquals(detections().get(0).box(), back.get(0).detection().box());
        assertEquals(detections().size(), back.size());
    }

    @Test
    void cocoResultsReadBack() throws Exception {
        List<Detection> dets = detections();
        List<CocoResult> back = CocoResult.read(write(OutputFormat.COCO, context("scene", true), dets));
        assertEquals(dets.size(), back.size());
        for (int i = 0; i < dets.size(); i++) {
            CocoResult r = back.get(i);
            Box b = dets.get(i).box();
            assertEquals(7, r.imageId());
            assertEquals(dets.get(i).classId() + 1, r.categoryId());
            assertEquals(CocoResult.of(7, dets.get(i).classId() + 1, b, dets.get(i).score()), r);
        }
        assertEquals(tmp.resolve("out/scene.coco.json"), OutputFormat.COCO.target(context("scene", true)));
    }

    @Test
    void csvRowsHoldPixelBoxAndGeoreferencedCentre() throws Exception {
        List<Detection> dets = detections();
        List<String> rows = Files.readAllLines(write(OutputFormat.CSV, context("scene", true), dets));
        assertEquals("class,class_id,score,x0,y0,x1,y1,crs_x,crs_y,lon,lat", rows.get(0));
        assertEquals(dets.size() + 1, rows.size());
        for (int i = 0; i < dets.size(); i++) {
            String[] f = rows.get(i + 1).split(",", -1);
            Detection d = dets.get(i);
            Box b = d.box();
            assertEquals(CLASSES.nameOf(d.classId()), f[0]);
            assertEquals(d.classId(), Integer.parseInt(f[1]));
            assertEquals(d.score(), Double.parseDouble(f[2]));
            assertArrayEquals(new double[] {b.x0(), b.y0(), b.x1(), b.y1()}, new double[] {Double.parseDouble(f[3]),
                Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6])});
            double[] crs = utm.pixelToCrs(b.centerX(), b.centerY(), PixelAnchor.CORNER);
            double[] ll = utm.crsToLonLat(crs[0], crs[1]);
            assertArrayEquals(new double[] {crs[0], crs[1], ll[0], ll[1]}, new double[] {Double.parseDouble(f[7]),
                Double.parseDouble(f[8]), Double.parseDouble(f[9]), Double.parseDouble(f[10])});
        }
        // the first box's centre (18, 23.5) by hand: 500000 + 18 * 0.3, 5000000 - 23.5 * 0.3
        String[] first = rows.get(1).split(",", -1);
        assertEquals(500_005.4, Double.parseDouble(first[7]), 1e-9);
        assertEquals(4_999_992.95, Double.parseDouble(first[8]), 1e-9);

        ClassCatalog odd = ClassCatalog.of(List.of(new ObjectClass(0, "car, parked"), new ObjectClass(1, "say \"hi\"")));
        OutputContext plain = new OutputContext(tmp.resolve("plain"), "p", "p.tif", 100, 100, Optional.empty(), odd, 1);
        List<String> p = Files.readAllLines(write(OutputFormat.CSV, plain, List.of(
                Detection.of(new Box(1, 2, 3, 4), 0, 0.5), Detection.of(new Box(1, 2, 3, 4), 1, 0.5),
                Detection.of(new Box(5, 6, 7, 8), 1, 1))));
        assertEquals("\"car, parked\",0,0.5,1,2,3,4,,,,", p.get(1));
        assertEquals("\"say \"\"hi\"\"\",1,0.5,1,2,3,4,,,,", p.get(2));
    }

    @Test
    void xviewFileReadsBackClippedWithXviewTypeIds() throws Exception {
        List<Detection> dets = new ArrayList<>(detections());
        dets.add(Detection.of(new Box(1001, 100, 1020, 110), 0, 0.5)); // wholly outside the 1000 px wide scene
        OutputContext ctx = context("scene", true);
        Path file = write(OutputFormat.XVIEW, ctx, dets);
        assertEquals(tmp.resolve("out/xview/scene.tif.txt"), file);
        List<XviewFormat.Detection> back = XviewFormat.readFile(file);
        assertEquals(dets.size() - 1, back.size());
        int[] type = {18, 23, 40, 11};
        for (int i = 0; i < back.size(); i++) {
            Detection d = dets.get(i);
            assertEquals(type[d.classId()], back.get(i).typeId());
            assertEquals(d.score(), back.get(i).score());
            assertEquals(d.box().intersection(new Box(0, 0, 1000, 800)), back.get(i).box());
        }
        assertEquals(new Box(0, 0, 11, 5), back.get(2).box());
        assertEquals(new Box(995, 790, 1000, 796), back.get(4).box());
        assertEquals("10.25 20.5 25.75 26.5 18 0.875", Files.readAllLines(file).get(0));

        ClassCatalog other = ClassCatalog.of(List.of(new ObjectClass(0, "Tree"), new ObjectClass(5, "Truck w/Box"),
                new ObjectClass(6, "bus")));
        OutputContext c2 = new OutputContext(tmp.resolve("o2"), "t", "t.tif", 100, 100, Optional.empty(), other, 1);
        List<XviewFormat.Detection> b2 = XviewFormat.readFile(write(OutputFormat.XVIEW, c2, List.of(
                Detection.of(new Box(1, 1, 5, 5), 0, 0.5), Detection.of(new Box(1, 1, 5, 5), 5, 0.5),
                Detection.of(new Box(1, 1, 5, 5), 6, 0.5))));
        assertEquals(1, b2.get(0).typeId()); // not an xView class: catalog id + 1
        assertEquals(25, b2.get(1).typeId());
        assertEquals(19, b2.get(2).typeId());
    }

    @Test
    void dotaPartsAssembleIntoTaskFilesInSceneOrder() throws Exception {
        List<Detection> a = detections();
        List<Detection> b = List.of(Detection.of(new Box(1, 2, 3, 4), 0, 0.75));
        write(OutputFormat.DOTA, context("b_scene", true), b); // written first, listed second
        write(OutputFormat.DOTA, context("a_scene", true), a);
        Path out = tmp.resolve("out");
        OutputFormat.assembleDota(out, List.of("a_scene", "b_scene"), CLASSES);
        Map<String, List<DotaDetection>> t1 = DotaDetection.readFolder(out.resolve("dota"), 1);
        Map<String, List<DotaDetection>> t2 = DotaDetection.readFolder(out.resolve("dota"), 2);
        assertEquals(CLASSES.classes().stream().map(ObjectClass::name).sorted().toList(), List.copyOf(t1.keySet()));
        assertEquals(t1.keySet(), t2.keySet());
        List<DotaDetection> small = t1.get("small-vehicle");
        assertEquals(List.of(new DotaDetection("a_scene", 0.875, a.get(0).box().corners()),
                new DotaDetection("a_scene", 0.125, a.get(4).box().corners()),
                new DotaDetection("b_scene", 0.75, b.get(0).box().corners())), small);
        Box box = a.get(1).box();
        assertEquals(List.of(new DotaDetection("a_scene", 0.5, a.get(1).oriented().corners())), t1.get("large-vehicle"));
        assertEquals(List.of(new DotaDetection("a_scene", 0.5, new double[] {box.x0(), box.y0(), box.x1(), box.y1()})),
                t2.get("large-vehicle"));
        assertEquals(3, t2.get("small-vehicle").size());

        // a class without detections still gets its (empty) files; a missing part is an error
        write(OutputFormat.DOTA, context("c_scene", true), List.of());
        OutputFormat.assembleDota(out, List.of("c_scene"), CLASSES);
        assertEquals(0, Files.size(out.resolve("dota/Task1_plane.txt")));
        IOException e = assertThrows(IOException.class, () -> OutputFormat.assembleDota(out, List.of("nope"), CLASSES));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        assertEquals(0, Files.size(out.resolve("dota/Task1_plane.txt")), "a failed assembly leaves the old files");
        assertNoTemporaries(out);
    }

    @Test
    void geoPackageHoldsCrsFeaturesAndAttributes() throws Exception {
        List<Detection> dets = detections();
        Path file = write(OutputFormat.GPKG, context("scene", true), dets);
        Georeferencer geo = new Georeferencer(utm);
        try (GeoPackage gp = GeoPackageManager.open(file.toFile(), false)) {
            FeatureDao dao = gp.getFeatureDao("detections");
            SpatialReferenceSystem srs = dao.getSrs();
            assertEquals(32633, srs.getSrsId());
            assertEquals("EPSG", srs.getOrganization());
            assertEquals(32633, srs.getOrganizationCoordsysId());
            assertTrue(srs.getDefinition().startsWith("PROJCS[\"WGS 84 / UTM zone 33N\""), srs.getDefinition());
            List<FeatureRow> rows = rows(dao);
            assertEquals(dets.size(), rows.size());
            for (int i = 0; i < dets.size(); i++) {
                Detection d = dets.get(i);
                FeatureRow r = rows.get(i);
                assertEquals(CLASSES.nameOf(d.classId()), r.getValue("class"));
                assertEquals((long) d.classId(), ((Number) r.getValue("class_id")).longValue());
                assertEquals(d.score(), r.getValue("score"));
                assertEquals(List.of(d.box().x0(), d.box().y0(), d.box().x1(), d.box().y1()),
                        List.of(r.getValue("x0"), r.getValue("y0"), r.getValue("x1"), r.getValue("y1")));
                double[] ll = utm.pixelToLonLat(d.box().centerX(), d.box().centerY(), PixelAnchor.CORNER);
                assertEquals(ll[0], (double) r.getValue("lon"));
                assertEquals(ll[1], (double) r.getValue("lat"));
                GeoPolygon want = d.isOriented() ? geo.polygon(d.oriented()) : geo.polygon(d.box());
                assertArrayEquals(want.crs(), ring(r));
            }
            assertEquals(1, gp.getFeatureTables().size());
            // the R-tree index holds every feature's envelope
            assertTrue(new mil.nga.geopackage.extension.rtree.RTreeIndexExtension(gp).has("detections"));
            try (var st = gp.getConnection().getConnection().createStatement();
                    var rs = st.executeQuery("SELECT id, minx, maxx, miny, maxy FROM rtree_detections_geom ORDER BY id")) {
                for (int i = 0; i < dets.size(); i++) {
                    assertTrue(rs.next());
                    assertEquals(i + 1, rs.getLong(1));
                    double[] ring = ring(rows.get(i));
                    double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
                    for (int p = 0; p < ring.length; p += 2) {
                        lo = Math.min(lo, ring[p]);
                        hi = Math.max(hi, ring[p]);
                    }
                    // SQLite's R-tree keeps 32-bit floats, rounded outwards
                    assertTrue(rs.getDouble(2) <= lo && lo - rs.getDouble(2) < 0.1, "minx of feature " + i);
                    assertTrue(rs.getDouble(3) >= hi && rs.getDouble(3) - hi < 0.1, "maxx of feature " + i);
                }
                assertFalse(rs.next());
            }
        }
    }

    @Test
    void geoPackageWithoutGeoreferencingIsInPixelsYUp() throws Exception {
        Path file = write(OutputFormat.GPKG, context("plain", false), List.of(Detection.of(new Box(10, 20, 30, 25), 2, 0.5)));
        try (GeoPackage gp = GeoPackageManager.open(file.toFile(), false)) {
            FeatureDao dao = gp.getFeatureDao("detections");
            assertEquals(-1, dao.getSrsId());
            FeatureRow r = rows(dao).get(0);
            // (x, -y), counter-clockwise
            assertArrayEquals(new double[] {10, -20, 10, -25, 30, -25, 30, -20, 10, -20}, ring(r));
            assertEquals(null, r.getValue("lon"));
        }
        // an empty scene is a valid, empty layer
        Path empty = write(OutputFormat.GPKG, context("empty", true), List.of());
        try (GeoPackage gp = GeoPackageManager.open(empty.toFile(), false)) {
            assertEquals(0, gp.getFeatureDao("detections").count());
        }
    }

    static List<FeatureRow> rows(FeatureDao dao) {
        List<FeatureRow> rows = new ArrayList<>();
        FeatureResultSet rs = dao.queryForAll();
        try {
            while (rs.moveToNext()) {
                rows.add(rs.getRow());
            }
        } finally {
            rs.close();
        }
        return rows;
    }

    static double[] ring(FeatureRow r) {
        LineString ls = ((Polygon) r.getGeometry().getGeometry()).getExteriorRing();
        double[] xy = new double[ls.numPoints() * 2];
        for (int i = 0; i < ls.numPoints(); i++) {
            xy[2 * i] = ls.getPoint(i).getX();
            xy[2 * i + 1] = ls.getPoint(i).getY();
        }
        return xy;
    }

    @Test
    void nothingAppearsBeforeCommitAndAbortLeavesNothing() throws Exception {
        for (OutputFormat f : OutputFormat.values()) {
            OutputContext ctx = context("scene", true);
            Path target = f.target(ctx);
            try (DetectionSink sink = f.open(ctx)) {
                sink.accept(detections());
                assertFalse(Files.exists(target), f + ": target visible before commit");
                assertEquals(1, temporaries(target.getParent()).size(), f + ": one hidden temporary file");
            }
            assertFalse(Files.exists(target), f + ": closed without commit");
            assertNoTemporaries(tmp.resolve("out"));

            Files.writeString(target, "old");
            DetectionSink sink = f.open(ctx);
            sink.accept(detections());
            sink.commit();
            assertThrows(IllegalStateException.class, () -> sink.accept(detections()));
            sink.close();
            assertTrue(Files.size(target) > 3, f + ": commit replaces the old file");
            assertNoTemporaries(tmp.resolve("out"));
        }
    }

    @Test
    void deleteTemporariesRemovesWhatAKilledRunLeft() throws Exception {
        OutputContext ctx = context("scene", true);
        List<DetectionSink> open = new ArrayList<>();
        for (OutputFormat f : OutputFormat.values()) {
            DetectionSink s = f.open(ctx);
            s.accept(detections());
            open.add(s); // never committed nor closed: as after kill -9
        }
        Files.writeString(tmp.resolve("out/keep.txt"), "not ours");
        assertTrue(OutputFormat.deleteTemporaries(tmp.resolve("out")) >= OutputFormat.values().length);
        assertNoTemporaries(tmp.resolve("out"));
        assertTrue(Files.exists(tmp.resolve("out/keep.txt")));
        for (DetectionSink s : open) {
            s.close();
        }
    }

    @Test
    void sameDetectionsGiveTheSameBytes() throws Exception {
        List<Path> first = new ArrayList<>(), second = new ArrayList<>();
        for (List<Path> files : List.of(first, second)) {
            OutputContext ctx = new OutputContext(tmp.resolve("run" + (files == first ? 1 : 2)), "scene", "scene.tif", 1000,
                    800, Optional.of(utm), CLASSES, 7);
            for (OutputFormat f : OutputFormat.values()) {
                files.add(write(f, ctx, detections()));
            }
        }
        for (int i = 0; i < first.size(); i++) {
            Path a = first.get(i), b = second.get(i);
            if (a.toString().endsWith(".gpkg")) {
                // the one difference between two GeoPackages: the time of last change (SOURCE_DATE_EPOCH fixes it)
                for (Path p : List.of(a, b)) {
                    try (GeoPackage gp = GeoPackageManager.open(p.toFile())) {
                        var c = gp.getContentsDao().queryForId("detections");
                        c.setLastChange(new java.util.Date(1_700_000_000_000L));
                        gp.getContentsDao().update(c);
                    }
                }
            }
            if (a.toString().endsWith(".stac.json")) {
                // the STAC item's datetime is the time it was written (SOURCE_DATE_EPOCH fixes it)
                String datetime = "\"datetime\" : \"[0-9T:Z-]+\"";
                assertEquals(Files.readString(a).replaceAll(datetime, ""), Files.readString(b).replaceAll(datetime, ""));
                continue;
            }
            assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), a.getFileName().toString());
        }
    }

    @Test
    void anOutputFolderThatCannotBeWrittenIsAnIoErrorNamingIt() throws Exception {
        Path notAFolder = tmp.resolve("file");
        Files.writeString(notAFolder, "x");
        for (OutputFormat f : OutputFormat.values()) {
            OutputContext ctx = new OutputContext(notAFolder, "scene", "scene.tif", 10, 10, Optional.of(utm), CLASSES, 1);
            IOException e = assertThrows(IOException.class, () -> f.open(ctx), f.name());
            assertTrue(String.valueOf(e.getMessage()).contains(notAFolder.toString()), f + ": " + e.getMessage());
        }
        assertEquals("x", Files.readString(notAFolder));
    }

    @Test
    void detectionsGoToDiskBandByBand() throws Exception {
        List<Detection> band = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            band.add(Detection.of(new Box(i % 900, i / 10, i % 900 + 15, i / 10 + 6), i % 4, 0.5));
        }
        for (OutputFormat f : OutputFormat.values()) {
            if (f == OutputFormat.STAC) {
                continue; // holds one count per class and writes the whole item on commit
            }
            OutputContext ctx = context("scene", true);
            try (DetectionSink sink = f.open(ctx)) {
                long before = 0;
                for (int b = 0; b < 4; b++) {
                    sink.accept(band);
                    Path temp = temporaries(tmp.resolve("out")).stream()
                            .filter(p -> p.getFileName().toString().endsWith(".tmp") || p.getFileName().toString().endsWith(".tmp.gpkg"))
                            .findFirst().orElseThrow();
                    long size = Files.size(temp);
                    assertTrue(size > before, f + ": the temporary file grows with every band (" + size + " bytes after band " + b + ")");
                    before = size;
                }
            }
        }
    }

    static List<Path> temporaries(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".") && p.getFileName().toString().contains(".tmp"))
                    .toList();
        }
    }

    static void assertNoTemporaries(Path dir) throws IOException {
        assertEquals(List.of(), temporaries(dir));
    }

    @Test
    void formatsAndFileNames() {
        OutputContext ctx = context("scene", true);
        Path out = tmp.resolve("out");
        assertEquals(out.resolve("scene.geojson"), OutputFormat.GEOJSON.target(ctx));
        assertEquals(out.resolve("scene.gpkg"), OutputFormat.GPKG.target(ctx));
        assertEquals(out.resolve("scene.csv"), OutputFormat.CSV.target(ctx));
        assertEquals(out.resolve("dota/parts/scene.part"), OutputFormat.DOTA.target(ctx));
        assertEquals(out.resolve("scene.stac.json"), OutputFormat.STAC.target(ctx));
    }
}
