package dev.seamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.samples.SceneFiles;
import dev.seamline.samples.SceneSpec;
import dev.seamline.samples.SyntheticScene;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code seamline train} on a user's labelled scene: fine-tuning the built-in model, and a scene without labels. */
class TrainCommandTest {

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

    @Test
    void seamlineTrainFineTunesTheBuiltInModelOnALabelledScene() throws Exception {
        Path out = dir.resolve("tuned");
        java.io.StringWriter err = new java.io.StringWriter();
        int code = dev.seamline.cli.Main.run(new String[] {"train", "--from",
            dev.seamline.detector.builtin.BuiltinModel.bundle().toString(), "--data", scenePath.toString(), "--steps", "2",
            "--batch", "2", "--chip", "128", "--out", out.toString()}, new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        assertTrue(err.toString().contains(synthetic.objects().size() + " labelled object(s) from scene.labels.geojson"),
                err.toString());
        dev.seamline.detector.ModelBundle tuned = dev.seamline.detector.ModelBundle.load(out);
        assertEquals(synthetic.catalog(), tuned.classes());
        assertTrue(tuned.name().endsWith("-finetuned"), tuned.name());

        // a scene with no labels next to it: exit code 2, one line naming it
        Path lonely = dir.resolve("lonely");
        Files.createDirectories(lonely);
        Files.copy(scenePath, lonely.resolve("other.tif"));
        java.io.StringWriter err2 = new java.io.StringWriter();
        int code2 = dev.seamline.cli.Main.run(new String[] {"train", "--data", lonely.toString(), "--steps", "1",
            "--out", dir.resolve("never").toString()}, new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(err2, true));
        assertEquals(2, code2, err2.toString());
        assertTrue(err2.toString().contains("other.tif") && err2.toString().contains("other.labels.geojson"), err2.toString());
        assertTrue(Files.notExists(dir.resolve("never")));
    }

    @Test
    void newClassHeadsOnTheBuiltInBackboneFromSafePassageCentres() throws Exception {
        Path data = dir.resolve("safe-passage");
        dev.seamline.samples.safepassage.SafePassageSet.write(data, "TQ2379", 0, 1, 3);
        Path out = dir.resolve("sp-model");
        java.io.StringWriter err = new java.io.StringWriter();
        int code = dev.seamline.cli.Main.run(new String[] {"train", "--from",
            dev.seamline.detector.builtin.BuiltinModel.bundle().toString(), "--classes", "safe-passage", "--data",
            data.toString(), "--steps", "2", "--batch", "2", "--chip", "128", "--out", out.toString()},
                new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        // the backbone and the box head kept, the heatmap head's output layer (one channel a class) fresh
        assertTrue(err.toString().matches("(?s).*parameter arrays kept, [1-9][0-9]* fresh.*"), err.toString());
        assertTrue(err.toString().contains("labelled object(s) from trainingObservations.csv"), err.toString());
        dev.seamline.detector.ModelBundle m = dev.seamline.detector.ModelBundle.load(out);
        assertEquals(dev.seamline.core.ClassCatalog.ofNames(List.of("A", "B", "C", "D", "E", "F", "G", "H", "I")), m.classes());
        assertTrue(m.name().endsWith("-newheads"), m.name());
        assertEquals(0.05, m.gsd().orElseThrow(), 1e-3, "the data's 5 cm");
        // other classes without labelled scenes: one line, exit code 2
        java.io.StringWriter err2 = new java.io.StringWriter();
        int code2 = dev.seamline.cli.Main.run(new String[] {"train", "--classes", "A,B", "--steps", "1", "--out",
            dir.resolve("never2").toString()}, new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(err2, true));
        assertEquals(2, code2, err2.toString());
        assertTrue(err2.toString().contains("--data"), err2.toString());
    }
}
