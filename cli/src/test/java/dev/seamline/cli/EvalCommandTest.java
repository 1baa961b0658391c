package dev.seamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code seamline eval}, run in-process: JSON keys, NaN as null, table, report, bad input exit codes. */
class EvalCommandTest {

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result seamline(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private Path cocoGt() throws Exception {
        return write("gt.json", """
                {"images": [{"id": 1, "file_name": "a.tif"}, {"id": 2, "file_name": "b.tif"}],
                 "categories": [{"id": 1, "name": "car"}, {"id": 2, "name": "ship"}, {"id": 3, "name": "plane"}],
                 "annotations": [
                  {"id": 1, "image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 20], "area": 200, "iscrowd": 0},
                  {"id": 2, "image_id": 2, "category_id": 2, "bbox": [5, 5, 40, 40], "area": 1600, "iscrowd": 0}]}
                """);
    }

    @Test
    void cocoPrintsSummarizeLayoutAndWritesJsonWithNullForNaN() throws Exception {
        Path gt = cocoGt();
        Path res = write("res.json", """
                [{"image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10], "score": 0.9},
                 {"image_id": 2, "category_id": 3, "bbox": [5, 5, 40, 40], "score": 0.8}]
                """);
        Path json = dir.resolve("out/coco.json");
        Path report = dir.resolve("report");
        Result r = seamline("eval", "--metric", "coco", "--gt", gt.toString(), "--pred", res.toString(), "--json",
                json.toString(), "--report", report.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(" Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.050"),
                r.out());
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertEquals(12, j.get("stats").size());
        assertEquals(0.05, j.get("stats").get(0).asDouble(), 1e-12); // car .1, ship 0, plane excluded
        assertTrue(j.get("per_class").get("3").get("AP").isNull());
        assertEquals(0.0, j.get("per_class").get("2").get("AP").asDouble(), 0);
        for (String k : new String[] {"AP", "AP50", "AP75", "AR_100"}) {
            assertTrue(j.get("per_class").get("1").has(k), k);
        }
        assertTrue(Files.isRegularFile(report.resolve("report.md")));
        assertTrue(Files.readString(report.resolve("per_class.csv")).startsWith("class,name,AP,"));
        assertTrue(Files.readString(report.resolve("errors.csv")).contains("all,"));
        assertEquals(640, ImageIO.read(report.resolve("pr_1_1.png").toFile()).getWidth());
    }

    @Test
    void cocoMaxDetsIsPrintedRecordedAndChecked() throws Exception {
        Path gt = cocoGt();
        Path res = write("res.json", "[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 10, 20], \"score\": 0.9}]");
        Path json = dir.resolve("md.json");
        Result r = seamline("eval", "--metric", "coco", "--gt", gt.toString(), "--pred", res.toString(), "--max-dets", "1000",
                "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| area=   all | maxDets=1000 ] = 0.500"), r.out());
        assertTrue(r.out().contains("| area=   all | maxDets= 10 ]"), r.out());
        assertEquals(1000, new ObjectMapper().readTree(json.toFile()).get("max_dets").asInt());
        Result bad = seamline("eval", "--metric", "coco", "--gt", gt.toString(), "--pred", res.toString(), "--max-dets", "5");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--max-dets"), bad.err());
    }

    @Test
    void dotaTask2JsonKeysAndApOption() throws Exception {
        write("labelTxt/P1.txt", "0 0 9 0 9 9 0 9 plane 0\n50 50 59 50 59 59 50 59 plane 0\n");
        write("det/Task2_plane.txt", "P1 0.9 0 0 9 9\n");
        Path json = dir.resolve("dota.json");
        Result r = seamline("eval", "--metric", "dota-task2", "--gt", dir.resolve("labelTxt").toString(), "--pred",
                dir.resolve("det").toString(), "--ap", "all-points", "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertEquals(0.5, j.get("mAP").asDouble(), 1e-12);
        assertEquals(0.5, j.get("per_class_AP").get("plane").asDouble(), 1e-12);
        r = seamline("eval", "--metric", "dota-task2", "--gt", dir.resolve("labelTxt").toString(), "--pred",
                dir.resolve("det").toString(), "--json", json.toString());
        assertEquals(6 / 11.0, new ObjectMapper().readTree(json.toFile()).get("mAP").asDouble(), 1e-12);
    }

    @Test
    void xviewAndSpacenetAndDeepforestJsonKeys() throws Exception {
        write("xv/gt.geojson", """
                {"type": "FeatureCollection", "features": [
                 {"type": "Feature", "properties": {"image_id": "1.tif", "type_id": 11, "bounds_imcoords": "0,0,10,10"}},
                 {"type": "Feature", "properties": {"image_id": "2.tif", "type_id": 11, "bounds_imcoords": "0,0,10,10"}}]}
                """);
        write("xv/pred/1.tif.txt", "0 0 10 10 11 0.9\n");
        Path json = dir.resolve("xv.json");
        Result r = seamline("eval", "--metric", "xview", "--gt", dir.resolve("xv/gt.geojson").toString(), "--pred",
                dir.resolve("xv/pred").toString(), "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        for (String k : new String[] {"map", "map_score", "mar_score", "f1", "map/small", "map/medium", "map/large",
            "map/common", "map/rare", "per_class_AP", "per_class_num_gt_counted"}) {
            assertTrue(j.has(k), k);
        }
        assertEquals(1, j.get("per_class_num_gt_counted").get("11").asInt());
        assertTrue(j.get("map/small").isNull());
        seamline("eval", "--metric", "xview", "--gt", dir.resolve("xv/gt.geojson").toString(), "--pred",
                dir.resolve("xv/pred").toString(), "--json", json.toString(), "--xview-fix-recall");
        assertEquals(2, new ObjectMapper().readTree(json.toFile()).get("per_class_num_gt_counted").get("11").asInt());

        Path sg = write("sn/gt.csv", "ImageId,BuildingId,PolygonWKT_Pix,PolygonWKT_Geo\n"
                + "AOI_1_img1,0,\"POLYGON ((0 0 0, 10 0 0, 10 10 0, 0 10 0, 0 0 0))\",\"POLYGON EMPTY\"\n");
        Path sp = write("sn/pred.csv", "ImageId,BuildingId,PolygonWKT_Pix,Confidence\n"
                + "AOI_1_img1,0,\"POLYGON ((1 0, 10 0, 10 10, 1 10, 1 0))\",1\n");
        r = seamline("eval", "--metric", "spacenet", "--gt", sg.toString(), "--pred", sp.toString(), "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        j = new ObjectMapper().readTree(json.toFile());
        assertEquals(1, j.get("TP").asInt());
        assertEquals(1.0, j.get("F1").asDouble(), 0);
        for (String k : new String[] {"TP", "FP", "FN", "precision", "recall", "F1"}) {
            assertTrue(j.has(k), k);
        }

        Path dg = write("df/gt.csv", "image_path,xmin,ymin,xmax,ymax,label\na.tif,0,0,10,10,Tree\n");
        Path dp = write("df/pred.csv", "image_path,xmin,ymin,xmax,ymax,label,score\na.tif,0,0,10,10,Tree,0.7\n");
        r = seamline("eval", "--metric", "deepforest", "--gt", dg.toString(), "--pred", dp.toString(), "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        j = new ObjectMapper().readTree(json.toFile());
        assertEquals(1.0, j.get("precision").asDouble(), 0);
        assertEquals(1.0, j.get("recall").asDouble(), 0);
    }

    @Test
    void badInputIsOneLineNamingFileAndLineWithExitCode2() throws Exception {
        Path gt = cocoGt();
        Path res = write("bad.json", "[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 10, 10], \"score\": 0.9},\n"
                + " {\"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 10, 10], \"score\": 1.5}]\n");
        Result r = seamline("eval", "--metric", "coco", "--gt", gt.toString(), "--pred", res.toString());
        assertEquals(2, r.code());
        assertEquals("seamline: " + res + ": line 2: score 1.5 is outside [0, 1]", r.err().strip());
        Path broken = write("broken.json", "[{\"image_id\": 1,\n \"category_id\": }]\n");
        r = seamline("eval", "--metric", "coco", "--gt", gt.toString(), "--pred", broken.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("seamline: " + broken + ": line 2: malformed JSON"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        r = seamline("eval", "--metric", "nope", "--gt", gt.toString(), "--pred", res.toString());
        assertEquals(2, r.code());
    }

    @Test
    void helpDescribesTheOptions() {
        Result r = seamline("eval", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("--metric=METRIC") && r.out().contains("--xview-fix-recall"), r.out());
    }
}
