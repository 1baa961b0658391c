package dev.seamline.cli;

import dev.seamline.core.SeamlineException;
import dev.seamline.detector.ModelBundle;
import dev.seamline.eval.EvalRequest;
import dev.seamline.eval.EvalResult;
import dev.seamline.eval.Evaluator;
import dev.seamline.eval.Metric;
import dev.seamline.pipeline.DetectOptions;
import dev.seamline.pipeline.Preset;
import dev.seamline.pipeline.RunSummary;
import dev.seamline.pipeline.SceneResult;
import dev.seamline.pipeline.Seamline;
import dev.seamline.outputs.OutputFormat;
import dev.seamline.samples.SampleData;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code seamline demo}: the main job on the bundled sample: detection with the built-in model into
 * every output format, then COCO evaluation against the sample's labels.
 */
@Command(name = "demo", description = "Detect objects in the bundled sample scene with the built-in model, write every "
        + "output format, and score the detections against the scene's labels (COCO).")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "seamline-demo",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    ModelMixin model;

    @Override
    public Integer call() throws SeamlineException {
        PrintWriter err = spec.commandLine().getErr(), stdout = spec.commandLine().getOut();
        Path sample;
        try {
            sample = SampleData.folder();
        } catch (IOException e) {
            throw new SeamlineException("cannot unpack the sample scene: " + e.getMessage(), e);
        }
        Path scene = sample.resolve("scene.tif"), truth = sample.resolve("scene.coco.json");
        ModelBundle bundle = model.loadOrBuiltin();
        DetectOptions options = Preset.load("default").applyTo(DetectOptions.defaults())
                .withFormats(EnumSet.complementOf(EnumSet.of(OutputFormat.SAFE_PASSAGE))).withQuicklook(true); // the sample has no A-I
        err.println("seamline demo: detecting objects in the sample scene " + scene + " with " + bundle.name() + " "
                + bundle.version());
        RunSummary run = Seamline.detect(List.of(scene), bundle, options, out, new Seamline.RunControl(false,
                Seamline.cocoImageIds(truth)), ConsoleProgress.forConsole(err));
        if (!run.failures().isEmpty()) {
            return DetectCommand.report(run, err, out);
        }
        SceneResult result = run.scenes().get(0);
        EvalResult eval = Evaluator.evaluate(EvalRequest.of(Metric.COCO, truth, out.resolve("scene.coco.json")));
        stdout.println(eval.table());
        stdout.printf(Locale.ROOT, "%nseamline demo: %d detections %s in %.1f s%n", result.detections(),
                result.countsByClass(), result.seconds().getOrDefault("total", 0.0));
        List<?> stats = (List<?>) eval.values().get("stats");
        stdout.printf(Locale.ROOT, "COCO AP = %.3f, AP50 = %.3f, AP75 = %.3f against %s%n", stat(stats, 0),
                stat(stats, 1), stat(stats, 2), truth);
        stdout.println("outputs in " + out.toAbsolutePath() + ":");
        for (String f : List.of("scene.geojson", "scene.gpkg", "scene.csv", "scene.coco.json", "scene.quicklook.png",
                "xview/scene.tif.txt", "dota/", "run.json")) {
            stdout.println("  " + out.resolve(f));
        }
        stdout.flush();
        return ExitCodes.OK;
    }

    private static double stat(List<?> stats, int i) {
        return stats != null && i < stats.size() && stats.get(i) instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
