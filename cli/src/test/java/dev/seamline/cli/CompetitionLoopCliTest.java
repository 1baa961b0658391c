package dev.seamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seamline.core.Box;
import dev.seamline.formats.coco.CocoDataset;
import dev.seamline.formats.coco.CocoResult;
import dev.seamline.formats.dota.DotaObject;
import dev.seamline.formats.safepassage.SafePassageCsv;
import dev.seamline.formats.safepassage.VehicleClass;
import dev.seamline.formats.spacenet.SpaceNetFormat;
import dev.seamline.formats.xview.XviewFormat;
import dev.seamline.samples.ImageFiles;
import dev.seamline.samples.SceneFiles;
import dev.seamline.samples.SceneObject;
import dev.seamline.samples.SceneSpec;
import dev.seamline.samples.SyntheticClass;
import dev.seamline.samples.SyntheticScene;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * {@code seamline loop}: each competition's loop from its own files to its score, on two small
 * synthetic scenes laid out as the competition ships them, with the built-in model. The reference
 * for each score is {@code seamline eval} run on its own over the submission the loop left (and the
 * scorers are checked against the official ones in eval's tests); the score must be above 0, which
 * it is only when the loop joined scenes, truth and classes up right.
 */
class CompetitionLoopCliTest {

    /** Two scenes of 512² at 0.3 m with vehicles in them (seeds picked for that, checked below). */
    private static final long[] SEEDS = {21, 22};
    private static final int SIZE = 512;

    private static List<SyntheticScene> scenes() {
        List<SyntheticScene> out = new ArrayList<>();
        for (long seed : SEEDS) {
            SyntheticScene s = SyntheticScene.of(SceneSpec.of(SIZE, SIZE, seed));
            assertTrue(s.objects().stream().anyMatch(o -> o.type() == SyntheticClass.SMALL_VEHICLE), "seed " + seed);
            out.add(s);
        }
        return out;
    }

    /** Runs the loop, checks its summary lines, and returns the JSON it wrote. */
    private static JsonNode loop(Path data, Path out, String competition, String... extra) throws Exception {
        Path json = out.resolveSibling(out.getFileName() + ".json");
        List<String> args = new ArrayList<>(List.of("loop", "--competition", competition, data.toString(), "--out",
                out.toString(), "--device", "cpu", "--no-quicklook", "--json", json.toString()));
        args.addAll(List.of(extra));
        CliTest.Result r = CliTest.seamline(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("time: detect "), r.out());
        assertTrue(r.out().contains(" s, eval "), r.out());
        return new ObjectMapper().readTree(json.toFile());
    }

    /** {@code seamline eval --json} on its own, the reference for the loop's score. */
    private static JsonNode eval(Path dir, String metric, Path gt, Path pred, String... extra) throws Exception {
        Path json = dir.resolve(metric + ".reference.json");
        List<String> args = new ArrayList<>(List.of("eval", "--metric", metric, "--gt", gt.toString(), "--pred",
                pred.toString(), "--json", json.toString()));
        args.addAll(List.of(extra));
        CliTest.Result r = CliTest.seamline(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, r.code(), r.err());
        return new ObjectMapper().readTree(json.toFile());
    }

    @Test
    void dotaPngsAndLabelTxtToTask1AndTask2Scores(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("DOTA/val");
        Files.createDirectories(data.resolve("images"));
        Files.createDirectories(data.resolve("labelTxt"));
        List<SyntheticScene> scenes = scenes();
        for (int i = 0; i < scenes.size(); i++) {
            String name = String.format("P%04d", i + 1);
            ImageFiles.writePng(scenes.get(i), data.resolve("images").resolve(name + ".png"));
            List<DotaObject> objs = new ArrayList<>();
            for (SceneObject o : scenes.get(i).objects()) {
                objs.add(new DotaObject(o.box().corners(), o.type().dotaName(), false));
            }
            DotaObject.write(data.resolve("labelTxt").resolve(name + ".txt"), objs);
        }
        Path out = dir.resolve("run");
        JsonNode j = loop(data, out, "dota", "--tile", "512"); // the preset's 1,024 px tiles are larger than the model
        for (String c : List.of("small-vehicle", "large-vehicle", "ship", "plane")) {
            assertTrue(Files.isRegularFile(out.resolve("dota/Task1_" + c + ".txt")), c);
            assertTrue(Files.isRegularFile(out.resolve("dota/Task2_" + c + ".txt")), c);
        }
        double task1 = j.at("/scores/dota-task1/mAP").asDouble();
        double task2 = j.at("/scores/dota-task2/mAP").asDouble();
        assertEquals(eval(dir, "dota-task1", data.resolve("labelTxt"), out.resolve("dota")).get("mAP").asDouble(), task1);
        assertEquals(eval(dir, "dota-task2", data.resolve("labelTxt"), out.resolve("dota")).get("mAP").asDouble(), task2);
        assertTrue(task1 > 0 && task2 > 0, j.toString());
        assertEquals(2, j.get("scenes").asInt());
        assertTrue(j.at("/seconds/detect").asDouble() > 0 && j.at("/seconds/eval").asDouble() >= 0, j.toString());
    }

    @Test
    void xviewGeoTiffChipsAndGeoJsonTruthToPerChipFilesAndScore(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("xview");
        Files.createDirectories(data.resolve("train_images"));
        List<SyntheticScene> scenes = scenes();
        List<XviewFormat.Truth> truth = new ArrayList<>();
        for (int i = 0; i < scenes.size(); i++) {
            String chip = (1036 + i) + ".tif";
            Path tmp = dir.resolve("synth" + i);
            SceneFiles.write(scenes.get(i), tmp, 1);
            Files.move(tmp.resolve(SceneFiles.SCENE), data.resolve("train_images").resolve(chip));
            for (SceneObject o : scenes.get(i).objects()) {
                Box b = o.box().bounds();
                truth.add(new XviewFormat.Truth(chip, o.type().xviewTypeId(), new Box(Math.floor(b.x0()), Math.floor(b.y0()),
                        Math.ceil(b.x1()), Math.ceil(b.y1()))));
            }
        }
        XviewFormat.writeTruth(data.resolve("xView_train.geojson"), truth);
        Path out = dir.resolve("run");
        JsonNode j = loop(data, out, "xview");
        assertTrue(Files.isRegularFile(out.resolve("xview/1036.tif.txt")));
        assertTrue(Files.isRegularFile(out.resolve("xview/1037.tif.txt")));
        double map = j.at("/scores/xview/map").asDouble();
        assertEquals(eval(dir, "xview", data.resolve("xView_train.geojson"), out.resolve("xview")).get("map").asDouble(), map);
        assertTrue(map > 0, j.toString());
    }

    @Test
    void spacenetImagesAndSummaryCsvToProposalsCsvAndF1(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("AOI_9_Synth_Train");
        Files.createDirectories(data.resolve("RGB-PanSharpen"));
        Files.createDirectories(data.resolve("summaryData"));
        List<SyntheticScene> scenes = scenes();
        List<SpaceNetFormat.Footprint> truth = new ArrayList<>();
        GeometryFactory gf = new GeometryFactory();
        for (int i = 0; i < scenes.size(); i++) {
            String id = "AOI_9_Synth_img" + (i + 1);
            Path tmp = dir.resolve("synth" + i);
            SceneFiles.write(scenes.get(i), tmp, 1);
            Files.move(tmp.resolve(SceneFiles.SCENE), data.resolve("RGB-PanSharpen").resolve("RGB-PanSharpen_" + id + ".tif"));
            // the "buildings" are the scene's vehicles: footprints of their oriented boxes
            for (SceneObject o : scenes.get(i).objects()) {
                double[] c = o.box().corners();
                Coordinate[] ring = new Coordinate[5];
                for (int k = 0; k < 4; k++) {
                    ring[k] = new Coordinate(c[2 * k], c[2 * k + 1]);
                }
                ring[4] = ring[0];
                truth.add(new SpaceNetFormat.Footprint(id, gf.createPolygon(ring), 1));
            }
        }
        Path gt = data.resolve("summaryData/AOI_9_Synth_Train_Building_Solutions.csv");
        SpaceNetFormat.writeCsv(gt, truth);
        Path out = dir.resolve("run");
        JsonNode j = loop(data, out, "spacenet", "--format", "geojson");
        Path proposals = out.resolve("spacenet/proposals.csv");
        assertTrue(Files.readAllLines(proposals).get(0).equals("ImageId,BuildingId,PolygonWKT_Pix,Confidence"));
        Set<String> ids = SpaceNetFormat.readCsv(proposals, true).stream().map(SpaceNetFormat.Footprint::imageId)
                .collect(Collectors.toSet());
        assertEquals(Set.of("AOI_9_Synth_img1", "AOI_9_Synth_img2"), ids);
        double f1 = j.at("/scores/spacenet/F1").asDouble();
        assertEquals(eval(dir, "spacenet", gt, proposals).get("F1").asDouble(), f1);
        assertTrue(j.at("/scores/spacenet/TP").asLong() > 0, j.toString());
    }

    @Test
    void cocoImagesFolderAndInstancesFileToResultsAndTheTwelveStats(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("coco");
        Files.createDirectories(data.resolve("images"));
        Files.createDirectories(data.resolve("annotations"));
        List<SyntheticScene> scenes = scenes();
        // category ids of the truth's own choosing, not the model's (catalog id + 1): the loop maps by name
        Map<SyntheticClass, Long> category = Map.of(SyntheticClass.SMALL_VEHICLE, 7L, SyntheticClass.LARGE_VEHICLE, 3L,
                SyntheticClass.SHIP, 11L, SyntheticClass.PLANE, 5L);
        List<CocoDataset.Image> images = new ArrayList<>();
        List<CocoDataset.Annotation> anns = new ArrayList<>();
        for (int i = 0; i < scenes.size(); i++) {
            long imageId = 4000 + i;
            String file = "00000000" + imageId + ".png";
            ImageFiles.writePng(scenes.get(i), data.resolve("images").resolve(file));
            images.add(new CocoDataset.Image(imageId, file, SIZE, SIZE));
            for (SceneObject o : scenes.get(i).objects()) {
                Box b = o.box().bounds();
                anns.add(new CocoDataset.Annotation(anns.size() + 1, imageId, category.get(o.type()), b.x0(), b.y0(),
                        b.x1() - b.x0(), b.y1() - b.y0(), o.box().area(), false));
            }
        }
        List<CocoDataset.Category> cats = new ArrayList<>();
        for (SyntheticClass c : SyntheticClass.values()) {
            cats.add(new CocoDataset.Category(category.get(c), c.dotaName(), "vehicle"));
        }
        Path gt = data.resolve("annotations/instances_val.json");
        new CocoDataset(images, cats, anns).write(gt);
        Path out = dir.resolve("run");
        JsonNode j = loop(data, out, "coco", "--format", "coco");
        Path results = out.resolve("coco/results.json");
        List<CocoResult> res = CocoResult.read(results);
        assertTrue(res.stream().allMatch(r -> Set.of(3L, 5L, 7L, 11L).contains(r.categoryId())
                && (r.imageId() == 4000 || r.imageId() == 4001)), "ids from the truth");
        JsonNode stats = j.at("/scores/coco/stats");
        JsonNode ref = eval(dir, "coco", gt, results).get("stats");
        assertEquals(12, stats.size());
        assertEquals(ref, stats);
        assertTrue(stats.get(1).asDouble() > 0, "AP50 " + stats);
    }

    @Test
    void safePassageJpegsAndTrainingObservationsToSubmissionAndJaccard(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("safe-passage");
        Files.createDirectories(data);
        List<SyntheticScene> scenes = scenes();
        // the truth: the scenes' vehicles as the preset's class map reads the built-in model's classes
        Map<SyntheticClass, VehicleClass> map = Map.of(SyntheticClass.SMALL_VEHICLE, VehicleClass.B,
                SyntheticClass.LARGE_VEHICLE, VehicleClass.H);
        List<SafePassageCsv.Row> truth = new ArrayList<>();
        for (int i = 0; i < scenes.size(); i++) {
            String image = "TQ2379_" + i + "_0.jpg";
            ImageFiles.writeJpeg(scenes.get(i), data.resolve(image), ImageFiles.DEFAULT_JPEG_QUALITY);
            Map<VehicleClass, List<SafePassageCsv.Centre>> centres = new EnumMap<>(VehicleClass.class);
            for (SceneObject o : scenes.get(i).objects()) {
                VehicleClass v = map.get(o.type());
                if (v != null) {
                    centres.computeIfAbsent(v, k -> new ArrayList<>()).add(SafePassageCsv.Centre.ofPixelSpace(o.box().cx(),
                            o.box().cy()));
                }
            }
            for (VehicleClass v : VehicleClass.values()) {
                truth.add(new SafePassageCsv.Row(image, v, centres.getOrDefault(v, List.of())));
            }
        }
        Path gt = data.resolve("trainingObservations.csv");
        SafePassageCsv.write(gt, truth);
        Path out = dir.resolve("run");
        JsonNode j = loop(data, out, "safe-passage");
        Path sub = out.resolve("safe-passage/submission.csv");
        assertEquals(2 * VehicleClass.values().length, SafePassageCsv.read(sub).size());
        JsonNode ref = eval(dir, "safe-passage", gt, sub);
        assertEquals(ref.get("jaccard").asDouble(), j.at("/scores/safe-passage/jaccard").asDouble());
        assertEquals(ref.get("TP").asLong(), j.at("/scores/safe-passage/TP").asLong());
        assertTrue(ref.get("TP").asLong() > 0, ref.toString());
    }

    @Test
    void aFolderOutOfTheCompetitionsLayoutIsOneLineNamingIt(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        CliTest.Result r = CliTest.seamline("loop", "--competition", "dota", dir.resolve("empty").toString(), "--out",
                dir.resolve("run").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("labelTxt") && r.err().strip().lines().count() == 1, r.err());
        assertTrue(Files.notExists(dir.resolve("run")));
        r = CliTest.seamline("loop", "--competition", "kaggle", dir.toString(), "--out", dir.resolve("run").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
    }
}
