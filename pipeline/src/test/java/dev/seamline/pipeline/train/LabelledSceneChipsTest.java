package dev.seamline.pipeline.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.core.BadInputException;
import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.core.PixelWindow;
import dev.seamline.detector.builtin.TrainingChip;
import dev.seamline.geo.Scene;
import dev.seamline.samples.SceneFiles;
import dev.seamline.samples.SceneObject;
import dev.seamline.samples.SceneSpec;
import dev.seamline.samples.SyntheticScene;
import dev.seamline.testkit.BoxAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users' labelled scenes as training chips, checked against the synthetic scene's own ground truth:
 * labels read back from its GeoJSON (WGS84, through the scene's georeferencing) and COCO files land
 * on the generator's pixel boxes, and a chip's pixels and labels are the generator's for that window.
 */
class LabelledSceneChipsTest {

    @TempDir
    static Path dir;
    static SyntheticScene synthetic;
    static Path scenePath;

    @BeforeAll
    static void writeScene() throws Exception {
        synthetic = SyntheticScene.of(SceneSpec.of(1024, 896, 26));
        SceneFiles.write(synthetic, dir, 1);
        scenePath = dir.resolve(SceneFiles.SCENE);
    }

    private static List<Box> truth() {
        List<Box> boxes = new ArrayList<>();
        for (SceneObject o : synthetic.objects()) {
            boxes.add(o.box().bounds());
        }
        boxes.sort(BOX_ORDER);
        return boxes;
    }

    private static final Comparator<Box> BOX_ORDER = Comparator.comparingDouble(Box::x0).thenComparingDouble(Box::y0);

    private static void assertSameBoxes(List<Box> expected, SceneLabels labels, double tolerance) {
        List<Box> got = new ArrayList<>(labels.objects().stream().map(Detection::box).toList());
        got.sort(BOX_ORDER);
        BoxAssertions.assertBoxesEqual(expected, got, tolerance, "objects");
    }

    @Test
    void geoJsonAndCocoLabelsLandOnTheGeneratorsPixelBoxes() throws Exception {
        assertTrue(synthetic.objects().size() > 10, "the scene has objects: " + synthetic.objects().size());
        try (Scene scene = Scene.open(scenePath)) {
            // 9 decimals of a degree are 0.1 mm: far below a pixel of 0.3 m
            assertSameBoxes(truth(), SceneLabels.read(scene, dir.resolve(SceneFiles.LABELS), synthetic.catalog()), 0.005);
            // COCO bbox has 3 decimals
            assertSameBoxes(truth(), SceneLabels.read(scene, dir.resolve(SceneFiles.COCO), synthetic.catalog()), 0.005);
            SceneLabels l = SceneLabels.read(scene, dir.resolve(SceneFiles.LABELS), synthetic.catalog());
            for (Detection d : l.objects()) {
                SceneObject o = synthetic.objects().stream()
                        .min(Comparator.comparingDouble(x -> Math.abs(x.box().cx() - d.box().centerX())
                                + Math.abs(x.box().cy() - d.box().centerY())))
                        .orElseThrow();
                assertEquals(o.type().id(), d.classId(), "class of the object at " + d.box());
            }
        }
        assertEquals(dir.resolve(SceneFiles.LABELS), SceneLabels.findNextTo(scenePath).orElseThrow());
    }

    @Test
    void aChipIsTheScenesPixelsWithTheObjectsInItsWindow() throws Exception {
        try (Scene scene = Scene.open(scenePath)) {
            SceneLabels labels = SceneLabels.read(scene, dir.resolve(SceneFiles.LABELS), synthetic.catalog());
            try (LabelledSceneChips chips = new LabelledSceneChips(List.of(Scene.open(scenePath)), List.of(labels),
                    new int[] {1, 2, 3})) {
                TrainingChip chip = chips.chipAt(0, 200, 136, 256);
                PixelWindow window = new PixelWindow(200, 136, 256, 256);
                assertArrayEquals(synthetic.render(window).asBytes(), chip.image().asBytes());
                List<Box> expected = new ArrayList<>();
                for (SceneObject o : synthetic.objects()) {
                    Box b = o.box().bounds();
                    if (b.intersectionArea(new Box(200, 136, 456, 392)) > 0) {
                        expected.add(b.shift(-200, -136));
                    }
                }
                expected.sort(BOX_ORDER);
                assertSameBoxes(expected, new SceneLabels(scenePath, 256, 256, chip.objects()), 0.005);

                // random chips: reproducible, most of them around an object
                int withObjects = 0;
                for (int k = 0; k < 16; k++) {
                    TrainingChip a = chips.next(192, new SplittableRandom(k)), b = chips.next(192, new SplittableRandom(k));
                    assertArrayEquals(a.image().asBytes(), b.image().asBytes());
                    assertEquals(a.objects(), b.objects());
                    withObjects += a.objects().isEmpty() ? 0 : 1;
                }
                assertTrue(withObjects >= 9, "chips around objects: " + withObjects + " of 16");
            }
        }
    }

    @Test
    void badLabelsAreOneLineErrorsNamingTheFile() throws Exception {
        Path unknown = dir.resolve("unknown.geojson");
        Files.writeString(unknown, Files.readString(dir.resolve(SceneFiles.LABELS))
                .replaceFirst("\"class\":\"[a-z-]+\"", "\"class\":\"helicopter\""));
        Path point = dir.resolve("point.geojson");
        Files.writeString(point, """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"class":"ship"},
                 "geometry":{"type":"Point","coordinates":[15.0,45.1]}}]}""");
        Path projected = dir.resolve("projected.geojson");
        Files.writeString(projected, """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"class":"ship"},
                 "geometry":{"type":"Polygon","coordinates":[[[500000,5000000],[500010,5000000],[500010,5000010],[500000,5000000]]]}}]}""");
        Path notJson = dir.resolve("broken.geojson");
        Files.writeString(notJson, "{\"type\": \"FeatureCollection\", \"features\": [");
        try (Scene scene = Scene.open(scenePath)) {
            for (Path p : List.of(unknown, point, projected, notJson)) {
                BadInputException e = assertThrows(BadInputException.class,
                        () -> SceneLabels.read(scene, p, synthetic.catalog()), p.toString());
                assertTrue(e.getMessage().contains(p.getFileName().toString()) && !e.getMessage().contains("\n"),
                        e.getMessage());
            }
            assertTrue(assertThrows(BadInputException.class, () -> SceneLabels.read(scene, unknown, synthetic.catalog()))
                    .getMessage().contains("helicopter"));
        }
    }
}
