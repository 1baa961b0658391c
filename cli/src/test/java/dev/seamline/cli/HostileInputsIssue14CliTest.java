package dev.seamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seamline.pipeline.TestModels;
import dev.seamline.testkit.HostileBundles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14's hostile inputs through the real command ({@code Main.run}), one test per finding
 * (docs/robustness.md, "Hostile inputs (issue 14)"): the hostile bundles of {@link HostileBundles}
 * ({@code detect --model}), FIFOs everywhere a file is read, a batch beyond memory, a label line without
 * end, class names in report plots, and scene names DOTA cannot carry. Every refusal is exit code 2 and
 * one line naming the file, within 10 s (a FIFO used to hang forever).
 */
class HostileInputsIssue14CliTest {

    @TempDir
    static Path dir;

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path SCENE = ROOT.resolve("geo/src/test/resources/dev/seamline/geo/corpus/base.tif");
    private static Path model;
    private static List<HostileBundles.Case> bundles;

    @BeforeAll
    static void setUp() throws Exception {
        model = TestModels.randomBuiltin(dir.resolve("model"), 0.3);
        // the corpus's scene has one band: the model reads band 1 three times
        ObjectMapper json = new ObjectMapper();
        ObjectNode d = (ObjectNode) json.readTree(model.resolve("model.json").toFile());
        ((ObjectNode) d.get("input")).putArray("bands").add(1).add(1).add(1);
        json.writeValue(model.resolve("model.json").toFile(), d);
        bundles = HostileBundles.write(dir.resolve("hostile"));
    }

    static Stream<HostileBundles.Case> bundles() throws Exception {
        if (bundles == null) {
            bundles = HostileBundles.write(Files.createTempDirectory("hostile"));
        }
        return bundles.stream();
    }

    /** Runs the command; asserts exit code 2 and one line (log lines aside) starting as given. */
    private static String refused(String starts, String... args) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            CliTest.Result r = CliTest.seamline(args);
            assertEquals(ExitCodes.BAD_INPUT, r.code(), String.join(" ", args) + ": " + r.err());
            List<String> lines = r.err().lines().filter(l -> !l.startsWith("[")).toList();
            assertEquals(1, lines.size(), "one line: " + r.err());
            assertTrue(lines.get(0).startsWith("seamline: " + starts), lines.get(0));
            assertFalse(r.err().contains("\tat ") || r.err().contains("--verbose"), r.err());
            return lines.get(0);
        });
    }

    private static String detect(Path scene, Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("detect", scene.toString(), "--model", model.toString(), "--device", "cpu", "--resample", "force",
                "--out", out.toString()));
        a.addAll(List.of(more));
        return String.join("\u0000", a);
    }

    private static String[] args(String joined) {
        return joined.split("\u0000");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundles")
    void hostileBundlesAreRefusedByDetectInOneLine(HostileBundles.Case c) {
        String line = refused(c.named() + ": ", "detect", SCENE.toString(), "--model", c.bundle().toString(), "--out",
                dir.resolve("out-" + c.name()).toString());
        assertTrue(line.contains(c.phrase()), c + ": " + line);
    }

    @Test
    void finding3_zipBombIsBoundedAndNamesTheZip() {
        Path bomb = dir.resolve("hostile/zip_bomb.zip");
        String line = refused(bomb + ": weights 'weights.bin' inflates ", "detect", SCENE.toString(), "--model",
                bomb.toString(), "--out", dir.resolve("bomb").toString());
        assertTrue(line.contains("refused as a zip bomb"), line);
    }

    @Test
    void finding4_aFolderBundleNamingEtcShadowIsNeverRead() {
        Path b = dir.resolve("hostile/weights_absolute");
        String line = refused(b.resolve("model.json") + ": weights: expected a file name inside the bundle, found "
                + "\"/etc/passwd\" (an absolute path)", "detect", SCENE.toString(), "--model", b.toString(), "--out",
                dir.resolve("abs").toString());
        assertFalse(line.matches(".*[0-9a-f]{64}.*"), "no sha256 of a file outside: " + line);
    }

    @Test
    void finding5_slashAndUnderscoreClassesAreRefusedAtLoad() {
        Path b = dir.resolve("hostile/class_slash_and_underscore");
        refused(b.resolve("model.json") + ": classes: refused class name: \"a/b\" holds a path separator", "detect",
                SCENE.toString(), "--model", b.toString(), "--out", dir.resolve("slash").toString(), "--format", "dota");
    }

    @Test
    void finding5_reportPlotNamesNeverCollide() throws Exception {
        Path labels = Files.createDirectories(dir.resolve("dota5/labelTxt"));
        Path det = Files.createDirectories(dir.resolve("dota5/det"));
        List<String> classes = List.of("a,b", "a_b", "\u8f66\u8f86", "\u8239\u8236");
        StringBuilder gt = new StringBuilder();
        for (int i = 0; i < classes.size(); i++) {
            int x = 10 + 40 * i;
            gt.append(x).append(" 10 ").append(x + 30).append(" 10 ").append(x + 30).append(" 30 ").append(x)
                    .append(" 30 ").append(classes.get(i)).append(" 0\n");
            Files.writeString(det.resolve("Task1_" + classes.get(i) + ".txt"), "P1 0.9 " + x + " 10 " + (x + 30) + " 10 "
                    + (x + 30) + " 30 " + x + " 30\n", StandardCharsets.UTF_8);
        }
        Files.writeString(labels.resolve("P1.txt"), gt, StandardCharsets.UTF_8);
        Path report = dir.resolve("dota5/report");
        CliTest.Result r = CliTest.seamline("eval", "--metric", "dota-task1", "--gt", labels.toString(), "--pred",
                det.toString(), "--report", report.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        List<String> plots;
        try (Stream<Path> s = Files.list(report)) {
            plots = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).sorted().toList();
        }
        assertEquals(4, plots.size(), "one plot per class: " + plots);
        String md = Files.readString(report.resolve("report.md"));
        for (String p : plots) {
            assertEquals(2, md.split(java.util.regex.Pattern.quote("(" + p + ")"), -1).length - 1,
                    p + " linked once in the table and once under the curves");
        }
    }

    @Test
    void finding6_fifosAreRefusedNotWaitedOn() throws Exception {
        Path fifo = dir.resolve("fifo6/f");
        Files.createDirectories(fifo.getParent());
        assumeTrue(HostileBundles.mkfifo(fifo), "mkfifo");
        refused(fifo + ": is a named pipe (FIFO), not a regular file", "info", fifo.toString());
        Path v = ROOT.resolve("eval/src/test/resources/dev/seamline/eval/corpus/valid");
        refused(fifo + ": is a named pipe", "eval", "--metric", "coco", "--gt", fifo.toString(), "--pred",
                v.resolve("coco_results.json").toString());
        refused(fifo + ": is a named pipe", "eval", "--metric", "dota-task1", "--gt", v.resolve("dota_labels").toString(),
                "--pred", v.resolve("dota_det").toString(), "--classes", fifo.toString());
        refused(fifo + ": is a named pipe", "detect", SCENE.toString(), "--config", fifo.toString(), "--out",
                dir.resolve("fifo6/out").toString());
        refused(fifo + ": is a named pipe", "detect", SCENE.toString(), "--model", fifo.toString(), "--out",
                dir.resolve("fifo6/out").toString());
        // a FIFO named a.tif in a folder of scenes fails alone; the scene after it runs
        Path scenes = Files.createDirectories(dir.resolve("fifo6/scenes"));
        assumeTrue(HostileBundles.mkfifo(scenes.resolve("a.tif")));
        Files.copy(SCENE, scenes.resolve("b.tif"));
        CliTest.Result r = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> CliTest.seamline(args(detect(scenes, dir.resolve("fifo6/batch"), "--format", "geojson"))));
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("seamline: failed: " + scenes.resolve("a.tif") + ": " + scenes.resolve("a.tif")
                + ": is a named pipe (FIFO), not a regular file"), r.err());
        assertTrue(r.err().contains("1 of 2 scene(s) done"), r.err());
        assertTrue(Files.isRegularFile(dir.resolve("fifo6/batch/b.geojson")));
    }

    @Test
    void finding7_aPresetBatchOf2147483647IsRefusedSayingWhatMemoryAllows() throws Exception {
        Path preset = dir.resolve("batch.yaml");
        Files.writeString(preset, "batch: 2147483647\n");
        String line = refused("batch 2147483647 of the model's 512x512x3 input needs about ", args(detect(SCENE,
                dir.resolve("batch-out"), "--config", preset.toString())));
        assertTrue(line.matches(".*at most --batch \\d+ fits \\(a bound derived from memory\\)"), line);
    }

    @Test
    void finding7_aLabelTxtWithoutNewlineIsRefusedBeforeItFillsTheHeap() throws Exception {
        Path labels = Files.createDirectories(dir.resolve("dota7/labelTxt"));
        byte[] line = new byte[9 << 20];
        java.util.Arrays.fill(line, (byte) '1');
        Files.write(labels.resolve("P1.txt"), line);
        Path v = ROOT.resolve("eval/src/test/resources/dev/seamline/eval/corpus/valid");
        refused(labels.resolve("P1.txt") + ": line 1 is longer than 8 M characters", "eval", "--metric", "dota-task1",
                "--gt", labels.toString(), "--pred", v.resolve("dota_det").toString());
    }

    @Test
    void finding7_anOutOfMemoryErrorIsOneLineNamingTheInputExit2() throws Exception {
        // a COCO ground truth of 400,000 annotations, scored in a JVM of 48 MB
        Path gt = dir.resolve("oom/gt.json");
        Files.createDirectories(gt.getParent());
        StringBuilder sb = new StringBuilder("{\"images\": [{\"id\": 1, \"file_name\": \"a.tif\", \"width\": 40000, "
                + "\"height\": 40000}], \"categories\": [{\"id\": 1, \"name\": \"car\"}], \"annotations\": [");
        for (int i = 0; i < 400_000; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"id\": ").append(i + 1).append(", \"image_id\": 1, \"category_id\": 1, ")
                    .append("\"bbox\": [").append(i % 40000).append(", ").append(i / 10).append(", 8, 8], \"area\": 64, ")
                    .append("\"iscrowd\": 0}");
        }
        Files.writeString(gt, sb.append("]}"));
        Path pred = dir.resolve("oom/pred.json");
        Files.writeString(pred, "[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 8, 8], \"score\": 0.9}]");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx48m", "-cp",
                System.getProperty("java.class.path"), "dev.seamline.cli.Main", "eval", "--metric", "coco", "--gt",
                gt.toString(), "--pred", pred.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(ExitCodes.BAD_INPUT, p.waitFor(), out);
        List<String> lines = out.lines().filter(l -> !l.startsWith("[")).toList();
        assertEquals(1, lines.size(), out);
        assertTrue(lines.get(0).startsWith("seamline: out of memory (Java heap space, with a "), lines.get(0));
        assertTrue(lines.get(0).contains(gt.toString()) && lines.get(0).contains("is too big for this heap"), lines.get(0));
    }

    @Test
    void finding9_aSceneNameWithASpaceIsRefusedForDotaAndTakenElsewhere() throws Exception {
        Path spaced = Files.createDirectories(dir.resolve("names9")).resolve("my scene.tif");
        Files.copy(SCENE, spaced);
        refused(spaced + ": the scene's name \"my scene\" holds white space, which DOTA lines", args(detect(spaced,
                dir.resolve("names9/out-dota"), "--format", "dota")));
        CliTest.Result r = CliTest.seamline(args(detect(spaced, dir.resolve("names9/out-geojson"), "--format", "geojson")));
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(Files.isRegularFile(dir.resolve("names9/out-geojson/my scene.geojson")));
    }

    @Test
    void finding9_aListIsOnePathPerLineAndAnExistingFileIsNotAGlob() throws Exception {
        Path names = Files.createDirectories(dir.resolve("list9/names"));
        Files.copy(SCENE, names.resolve("my scene.tif"));
        Files.copy(SCENE, names.resolve("scene[1].tif"));
        Path list = dir.resolve("list9/list.txt");
        Files.writeString(list, names.resolve("my scene.tif") + "\n\n" + names.resolve("scene[1].tif") + "\r\n");
        assertEquals(List.of(names.resolve("my scene.tif"), names.resolve("scene[1].tif")),
                SceneArguments.expand(List.of("@" + list)));
        assertEquals(List.of(names.resolve("scene[1].tif")), SceneArguments.expand(List.of(names.resolve("scene[1].tif")
                .toString())));
        // a glob still globs when no file has its name
        assertEquals(List.of(names.resolve("my scene.tif"), names.resolve("scene[1].tif")),
                SceneArguments.expand(List.of(names.resolve("*.tif").toString())));
        CliTest.Result r = CliTest.seamline(args(detect(Path.of("@" + list), dir.resolve("list9/out"), "--format",
                "geojson")));
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.err().contains("2 of 2 scene(s) done"), r.err());
        assertTrue(Files.isRegularFile(dir.resolve("list9/out/scene[1].geojson")));
    }

    @Test
    void finding9_aSceneNamedWithANewlineIsRefusedNotSkipped() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("newline9"));
        Path odd = folder.resolve("a\nb.tif");
        Files.copy(SCENE, odd);
        assertEquals(List.of(odd), SceneArguments.expand(List.of(folder.toString())), "listed, not skipped");
        refused(folder + "/a\\u000ab.tif: the scene's name holds a control character (U+000A)",
                args(detect(folder, dir.resolve("newline9/out"))));
    }
}
