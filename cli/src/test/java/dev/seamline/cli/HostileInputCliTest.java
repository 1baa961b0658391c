package dev.seamline.cli;

import dev.seamline.pipeline.TestModels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seamline.cli.ExitCodes;
import dev.seamline.testkit.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every refused file of every module's corpus, end to end through the real command ({@code Main.run}):
 * {@code seamline info} for the broken TIFFs (geo), {@code seamline detect --model} for the broken model
 * bundles (detector), {@code seamline eval} for the broken label files (eval), {@code seamline detect
 * --config} for the broken presets (pipeline). Each must exit with code 2 and print exactly one line,
 * {@code seamline: <the file>: <the problem>}, with no stack trace, within 10 s. A TIFF whose damage
 * lies in its pixel data passes {@code info} (which reads none) and then goes through {@code detect},
 * which must report it as a failed scene with exit code 2.
 *
 * <p>The corpora are read where their modules keep them (this module's working directory is
 * {@code pipeline/}); each is described in the {@code manifest.tsv} next to it.
 */
class HostileInputCliTest {

    @TempDir
    static Path out;

    record Run(String kind, String file, List<String> args) {
        @Override
        public String toString() {
            return kind + " " + file;
        }
    }

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path GEO = ROOT.resolve("geo/src/test/resources/dev/seamline/geo/corpus");
    private static final Path MODELS = ROOT.resolve("detector/src/test/resources/dev/seamline/detector/corpus");
    private static final Path LABELS = ROOT.resolve("eval/src/test/resources/dev/seamline/eval/corpus");
    private static final Path PRESETS = ROOT.resolve("pipeline/src/test/resources/dev/seamline/pipeline/corpus");

    static Stream<Run> runs() {
        List<Run> runs = new ArrayList<>();
        for (List<String> r : Corpus.at(GEO).rows()) {
            if (r.get(1).equals("bad")) {
                runs.add(new Run("info", r.get(0), List.of("info", GEO.resolve(r.get(0)).toString())));
            }
        }
        Path scene = GEO.resolve("base.tif");
        for (List<String> r : Corpus.at(MODELS).rows()) {
            if (r.get(1).equals("load")) {
                runs.add(new Run("detect --model", r.get(0), List.of("detect", scene.toString(), "--model",
                        MODELS.resolve(r.get(0)).toString(), "--out", out.resolve("m").toString())));
            }
        }
        for (List<String> r : Corpus.at(PRESETS).rows()) {
            runs.add(new Run("detect --config", r.get(0), List.of("detect", scene.toString(), "--config",
                    PRESETS.resolve(r.get(0)).toString(), "--out", out.resolve("c").toString())));
        }
        for (List<String> r : Corpus.at(LABELS).rows()) {
            runs.add(new Run("eval", r.get(0), evalArgs(r.get(0), r.get(1), r.get(2))));
        }
        return runs.stream();
    }

    /** The broken label file on its side, the valid counterpart of corpus/valid/ on the other. */
    private static List<String> evalArgs(String file, String metric, String side) {
        Path v = LABELS.resolve("valid");
        boolean geojson = file.endsWith(".geojson");
        String[] gtPred = switch (metric) {
            case "coco" -> new String[] {"coco_gt.json", geojson ? "seamline.geojson" : "coco_results.json"};
            case "dota-task1" -> new String[] {"dota_labels", "dota_det"};
            case "xview" -> new String[] {"xview_gt.geojson", "xview_pred"};
            case "spacenet" -> geojson ? new String[] {"spacenet_gt.geojson", "spacenet_pred.geojson"}
                    : new String[] {"spacenet_gt.csv", "spacenet_pred.csv"};
            case "deepforest" -> new String[] {"deepforest_gt.csv", "deepforest_pred.csv"};
            case "safe-passage" -> new String[] {"safepassage_gt.csv", "safepassage_pred.csv"};
            default -> throw new IllegalArgumentException(metric);
        };
        String gt = side.equals("gt") ? LABELS.resolve(file).toString() : v.resolve(gtPred[0]).toString();
        String pred = side.equals("pred") ? LABELS.resolve(file).toString() : v.resolve(gtPred[1]).toString();
        List<String> args = new ArrayList<>(List.of("eval", "--metric", metric, "--gt", gt, "--pred", pred));
        if (side.equals("imageset")) {
            args.addAll(List.of("--imageset", LABELS.resolve(file).toString()));
        }
        return args;
    }

    private static Path model;

    @BeforeAll
    static void warmUp() throws Exception {
        // the EPSG database, SIS and DJL's natives load once per process (seconds); not inside a timed case
        model = TestModels.randomBuiltin(out.resolve("model"), 0.3);
        // the corpus's scenes have one band: the model reads band 1 three times
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var descriptor = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(model.resolve("model.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) descriptor.get("input")).putArray("bands").add(1).add(1).add(1);
        json.writeValue(model.resolve("model.json").toFile(), descriptor);
        assertEquals(ExitCodes.OK, CliTest.seamline("info", GEO.resolve("base.tif").toString()).code());
        // the corpus is at 10 m, the test model at 0.3 m: 33x up, beyond the 4x limit, so resampling is forced
        // (as it was before the limit) and the cases fail on their damage, not on the GSD
        assertEquals(ExitCodes.OK, CliTest.seamline("detect", GEO.resolve("base.tif").toString(), "--model", model.toString(),
                "--out", out.resolve("warm").toString(), "--device", "cpu", "--resample", "force").code());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void exitCode2AndOneLineNamingTheFile(Run run) {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            CliTest.Result r = CliTest.seamline(run.args().toArray(String[]::new));
            Path file = (switch (run.kind()) {
                case "info" -> GEO;
                case "eval" -> LABELS;
                case "detect --model" -> MODELS;
                default -> PRESETS;
            }).resolve(run.file());
            if (run.kind().equals("info") && r.code() == ExitCodes.OK) {
                // the damage is in the pixel data, which `info` does not read: `detect` reads every tile, and a
                // scene that fails is reported as "seamline: failed: <scene>: <problem>" after the run's summary
                r = CliTest.seamline("detect", file.toString(), "--model", model.toString(), "--device", "cpu", "--out",
                        out.resolve("d-" + run.file()).toString(), "--resample", "force");
                assertEquals(ExitCodes.BAD_INPUT, r.code(), run + ": " + r.err());
                List<String> failed = r.err().lines().filter(l -> l.startsWith("seamline: failed: ")).toList();
                assertEquals(1, failed.size(), run + ": " + r.err());
                assertTrue(failed.get(0).startsWith("seamline: failed: " + file + ": "), run + ": " + failed.get(0));
            } else {
                assertEquals(ExitCodes.BAD_INPUT, r.code(), run + ": " + r.err());
                List<String> lines = r.err().lines().filter(l -> !l.startsWith("[")).toList(); // [main] INFO … log lines
                assertEquals(1, lines.size(), run + " prints one line: " + r.err());
                // a folder (DOTA, xView) or bundle is named with the file inside it that is wrong
                assertTrue(lines.get(0).startsWith("seamline: " + file + (Files.isDirectory(file) ? "/" : ": ")),
                        run + ": " + lines.get(0));
            }
            assertFalse(r.err().contains("\tat ") || r.err().contains("Caused by"), run + ": " + r.err());
            assertFalse(r.err().contains("--verbose"), run + " is not reported as an unexpected error: " + r.err());
        });
    }
}
