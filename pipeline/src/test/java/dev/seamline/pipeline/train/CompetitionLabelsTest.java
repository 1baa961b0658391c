package dev.seamline.pipeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.core.BadInputException;
import dev.seamline.core.Box;
import dev.seamline.core.ClassCatalog;
import dev.seamline.core.Detection;
import dev.seamline.formats.deepforest.DeepForestFormat;
import dev.seamline.formats.dota.DotaObject;
import dev.seamline.formats.safepassage.SafePassageCsv;
import dev.seamline.formats.safepassage.VehicleClass;
import dev.seamline.formats.spacenet.SpaceNetFormat;
import dev.seamline.formats.xview.XviewFormat;
import dev.seamline.geo.Scene;
import dev.seamline.samples.ImageFiles;
import dev.seamline.samples.SceneObject;
import dev.seamline.samples.SceneSpec;
import dev.seamline.samples.SyntheticClass;
import dev.seamline.samples.SyntheticScene;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * {@link SceneLabels} on every competition format eval reads: the same synthetic scene's objects,
 * written by each format's writer, read back as training boxes equal to the objects' own bounds
 * (as each format keeps them: xView rounds outwards to integers), and Safe Passage centres as the
 * nominal squares worked by hand.
 */
class CompetitionLabelsTest {

    @TempDir
    static Path dir;
    static SyntheticScene synthetic;
    static Path image;
    static final ClassCatalog CLASSES = SyntheticClass.catalog();

    @BeforeAll
    static void writeScene() throws Exception {
        synthetic = SyntheticScene.of(SceneSpec.of(384, 320, 21));
        assertTrue(synthetic.objects().size() > 2, "objects: " + synthetic.objects().size());
        image = dir.resolve("RGB-PanSharpen_AOI_9_Synth_img3.png");
        ImageFiles.writePng(synthetic, image);
    }

    private static List<Box> read(Path labels, ClassCatalog classes) throws Exception {
        try (Scene s = Scene.open(image)) {
            return SceneLabels.read(s, labels, classes).objects().stream().map(Detection::box).sorted(ORDER).toList();
        }
    }

    private static final Comparator<Box> ORDER = Comparator.comparingDouble(Box::x0).thenComparingDouble(Box::y0);

    /** The objects' bounds, as the trainer takes them (the chips clip them). */
    private static List<Box> expected(boolean roundOut) {
        List<Box> out = new ArrayList<>();
        for (SceneObject o : synthetic.objects()) {
            Box b = o.box().bounds();
            if (roundOut) {
                b = new Box(Math.floor(b.x0()), Math.floor(b.y0()), Math.ceil(b.x1()), Math.ceil(b.y1()));
            }
            out.add(b);
        }
        out.sort(ORDER);
        return out;
    }

    private static void assertBoxes(List<Box> want, List<Box> got) {
        assertEquals(want.size(), got.size(), got.toString());
        for (int i = 0; i < want.size(); i++) {
            Box a = want.get(i), b = got.get(i);
            assertEquals(a.x0(), b.x0(), 1e-3, b.toString());
            assertEquals(a.y0(), b.y0(), 1e-3, b.toString());
            assertEquals(a.x1(), b.x1(), 1e-3, b.toString());
            assertEquals(a.y1(), b.y1(), 1e-3, b.toString());
        }
    }

    @Test
    void dotaLabelTxt() throws Exception {
        List<DotaObject> objs = new ArrayList<>();
        for (SceneObject o : synthetic.objects()) {
            objs.add(new DotaObject(o.box().corners(), o.type().dotaName(), false));
        }
        // DOTA's layout: images/<name>.png beside labelTxt/<name>.txt
        Path f = dir.resolve("dota/labelTxt/RGB-PanSharpen_AOI_9_Synth_img3.txt");
        Files.createDirectories(f.getParent());
        DotaObject.write(f, objs);
        assertBoxes(expected(false), read(f, CLASSES));
        Path inLayout = dir.resolve("dota/images").resolve(image.getFileName());
        Files.createDirectories(inLayout.getParent());
        Files.copy(image, inLayout);
        assertEquals(f, SceneLabels.findNextTo(inLayout).orElseThrow(), "found as ../labelTxt/<stem>.txt");
    }

    @Test
    void xviewGeoJsonByImageIdAndTypeId() throws Exception {
        List<XviewFormat.Truth> truth = new ArrayList<>();
        for (SceneObject o : synthetic.objects()) {
            Box b = o.box().bounds();
            truth.add(new XviewFormat.Truth(image.getFileName().toString(), o.type().xviewTypeId(),
                    new Box(Math.floor(b.x0()), Math.floor(b.y0()), Math.ceil(b.x1()), Math.ceil(b.y1()))));
        }
        truth.add(new XviewFormat.Truth("other.tif", 18, new Box(1, 1, 9, 9))); // another chip's: left out
        Path f = dir.resolve("xView_train.geojson");
        XviewFormat.writeTruth(f, truth);
        assertBoxes(expected(true), read(f, CLASSES));
        // the xView names resolve the same ids
        ClassCatalog xviewNames = ClassCatalog.ofNames(List.of("Small Car", "Truck", "Maritime Vessel", "Fixed-wing Aircraft"));
        assertBoxes(expected(true), read(f, xviewNames));
    }

    @Test
    void deepForestCsvByImagePath() throws Exception {
        List<DeepForestFormat.Row> rows = new ArrayList<>();
        for (SceneObject o : synthetic.objects()) {
            rows.add(new DeepForestFormat.Row("images/" + image.getFileName(), o.box().bounds(), o.type().dotaName(), Double.NaN));
        }
        rows.add(new DeepForestFormat.Row("other.png", new Box(1, 1, 5, 5), "ship", Double.NaN));
        Path f = dir.resolve("annotations.csv");
        DeepForestFormat.write(f, rows);
        assertBoxes(expected(false), read(f, CLASSES));
    }

    @Test
    void spaceNetCsvByImageIdAtTheEndOfTheStem() throws Exception {
        GeometryFactory gf = new GeometryFactory();
        List<SpaceNetFormat.Footprint> fps = new ArrayList<>();
        for (SceneObject o : synthetic.objects()) {
            double[] c = o.box().corners();
            Coordinate[] ring = new Coordinate[5];
            for (int k = 0; k < 4; k++) {
                ring[k] = new Coordinate(c[2 * k], c[2 * k + 1]);
            }
            ring[4] = ring[0];
            fps.add(new SpaceNetFormat.Footprint("AOI_9_Synth_img3", gf.createPolygon(ring), 1));
        }
        fps.add(new SpaceNetFormat.Footprint("AOI_9_Synth_img4", gf.createPolygon(new Coordinate[] {new Coordinate(0, 0),
            new Coordinate(5, 0), new Coordinate(5, 5), new Coordinate(0, 0)}), 1));
        Path f = dir.resolve("AOI_9_Synth_Train_Building_Solutions.csv");
        SpaceNetFormat.writeCsv(f, fps);
        assertBoxes(expected(false), read(f, ClassCatalog.ofNames(List.of("building"))));
        BadInputException e = assertThrows(BadInputException.class, () -> read(f, CLASSES));
        assertTrue(e.getMessage().contains("building"), e.getMessage());
    }

    @Test
    void safePassageCentresAsSquaresOfTheClassLength() throws Exception {
        String name = image.getFileName().toString();
        List<SafePassageCsv.Row> rows = new ArrayList<>();
        for (VehicleClass c : VehicleClass.values()) {
            List<SafePassageCsv.Centre> centres = switch (c) {
                case B -> List.of(new SafePassageCsv.Centre(100, 200));
                case I -> List.of(new SafePassageCsv.Centre(300, 20));
                default -> List.of();
            };
            rows.add(new SafePassageCsv.Row(name, c, centres));
        }
        Path f = dir.resolve("trainingObservations.csv");
        SafePassageCsv.write(f, rows);
        // no georeferencing: the contest's 5 cm. B is 3.9 m = 78 px around the pixel centre 100.5, 200.5;
        // I is 11.5 m = 230 px around 300.5, 20.5, clipped to the 384 x 320 scene
        List<Box> want = List.of(new Box(61.5, 161.5, 139.5, 239.5), new Box(185.5, 0, 384, 135.5));
        assertBoxes(want, read(f, ClassCatalog.ofNames(List.of("A", "B", "C", "D", "E", "F", "G", "H", "I"))));
        BadInputException e = assertThrows(BadInputException.class, () -> read(f, CLASSES));
        assertTrue(e.getMessage().contains("'B'"), e.getMessage());
    }
}
