package dev.seamline.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seamline.core.Box;
import dev.seamline.core.ClassCatalog;
import dev.seamline.core.Detection;
import dev.seamline.core.OrientedBox;
import dev.seamline.formats.coco.CocoDataset;
import dev.seamline.formats.coco.CocoResult;
import dev.seamline.formats.deepforest.DeepForestFormat;
import dev.seamline.formats.dota.DotaDetection;
import dev.seamline.formats.geojson.SeamlineGeoJson;
import dev.seamline.formats.spacenet.SpaceNetFormat;
import dev.seamline.formats.text.JsonInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.io.WKTReader;

/** Writers and readers agree, and write the formats as the competitions spell them. */
class FormatRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void cocoDatasetAndResults() throws Exception {
        CocoDataset d = new CocoDataset(List.of(new CocoDataset.Image(3, "a.tif", 100, 80)),
                List.of(new CocoDataset.Category(5, "car", "vehicle")),
                List.of(new CocoDataset.Annotation(9, 3, 5, 1.5, 2, 10, 20.25, 150, true)));
        d.write(dir.resolve("gt.json"));
        CocoDataset back = CocoDataset.read(dir.resolve("gt.json"));
        assertEquals(d.images(), back.images());
        assertEquals(d.categories(), back.categories());
        assertEquals(d.annotations(), back.annotations());
        List<CocoResult> r = List.of(CocoResult.of(3, 5, new Box(1, 2, 11, 22), 0.75));
        CocoResult.write(dir.resolve("res.json"), r);
        assertEquals(r, CocoResult.read(dir.resolve("res.json")));
        assertEquals(new CocoResult(3, 5, 1, 2, 10, 20, 0.75), r.get(0));
    }

    @Test
    void dotaTaskFiles() throws Exception {
        Map<String, List<DotaDetection>> m = new TreeMap<>();
        m.put("plane", List.of(new DotaDetection("P0001", 0.5, new double[] {1, 2, 3.5, 2, 3.5, 4, 1, 4})));
        DotaDetection.writeFolder(dir, 1, m);
        assertEquals("P0001 0.5 1 2 3.5 2 3.5 4 1 4\n", Files.readString(dir.resolve("Task1_plane.txt")));
        Map<String, List<DotaDetection>> back = DotaDetection.readFolder(dir, 1);
        assertEquals(m, back);
    }

    @Test
    void spacenetCsv() throws Exception {
        var g = new WKTReader().read("POLYGON ((0 0, 10 0, 10 5, 0 5, 0 0))");
        List<SpaceNetFormat.Footprint> fs = List.of(new SpaceNetFormat.Footprint("AOI_2_Vegas_img1", g, 0.9));
        SpaceNetFormat.writeCsv(dir.resolve("p.csv"), fs);
        List<SpaceNetFormat.Footprint> back = SpaceNetFormat.readCsv(dir.resolve("p.csv"), true);
        assertEquals(1, back.size());
        assertTrue(back.get(0).geometry().equalsExact(g));
        assertEquals(0.9, back.get(0).confidence(), 0);
        var holed = new WKTReader().read("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))");
        SpaceNetFormat.writeGeoJson(dir.resolve("p.geojson"), List.of(new SpaceNetFormat.Footprint("image", holed, 0.5)));
        List<SpaceNetFormat.Footprint> gj = SpaceNetFormat.readGeoJson(dir.resolve("p.geojson"), "image");
        assertTrue(gj.get(0).geometry().equalsExact(holed));
        assertEquals(0.5, gj.get(0).confidence(), 0);
    }

    @Test
    void deepforestCsv() throws Exception {
        List<DeepForestFormat.Row> rows = List.of(new DeepForestFormat.Row("a.tif", new Box(1, 2, 30.5, 40), "Tree", 0.25));
        DeepForestFormat.write(dir.resolve("d.csv"), rows);
        assertEquals(rows, DeepForestFormat.read(dir.resolve("d.csv"), true, null));
    }

    @Test
    void seamlineGeoJsonIsRfc7946AndReadsBack() throws Exception {
        ClassCatalog cat = ClassCatalog.ofNames(List.of("car", "ship"));
        // a north-up scene: x to the east, y to the south (lat decreases), 1e-5 degrees per pixel
        SeamlineGeoJson.PixelToLonLat geo = (x, y) -> new double[] {10 + x * 1e-5, 50 - y * 1e-5};
        Detection axis = Detection.of(new Box(10, 20, 30, 60), 0, 0.9);
        Detection obb = Detection.of(new OrientedBox(100, 100, 40, 10, 0.3), 1, 0.5);
        Path f = dir.resolve("out.geojson");
        SeamlineGeoJson.write(f, "scene.tif", List.of(axis, obb), cat, geo);
        JsonNode root = JsonInput.MAPPER.readTree(f.toFile());
        assertEquals("FeatureCollection", root.get("type").asText());
        JsonNode ring = root.get("features").get(0).get("geometry").get("coordinates").get(0);
        assertEquals(5, ring.size());
        assertEquals(ring.get(0), ring.get(4));
        double area2 = 0;
        for (int i = 0; i < 4; i++) {
            area2 += ring.get(i).get(0).asDouble() * ring.get(i + 1).get(1).asDouble()
                    - ring.get(i + 1).get(0).asDouble() * ring.get(i).get(1).asDouble();
        }
        assertTrue(area2 > 0, "exterior ring counter-clockwise");
        assertEquals(10.0001, ring.get(0).get(0).asDouble(), 1e-12); // pixel corner x = 10
        List<SeamlineGeoJson.Feature> back = SeamlineGeoJson.read(f, cat);
        assertEquals(2, back.size());
        assertEquals(axis, back.get(0).detection());
        assertEquals("scene.tif", back.get(0).image());
        OrientedBox o = back.get(1).detection().oriented();
        assertArrayEquals(new double[] {100, 100, 40, 10, 0.3}, new double[] {o.cx(), o.cy(), o.width(), o.height(), o.angle()},
                1e-9);
        assertEquals("ship", back.get(1).className());
    }
}
