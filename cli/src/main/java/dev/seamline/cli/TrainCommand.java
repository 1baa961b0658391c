package dev.seamline.cli;

import dev.seamline.core.BadInputException;
import dev.seamline.core.SeamlineException;
import dev.seamline.detector.ModelBundle;
import dev.seamline.detector.builtin.BuiltinArchitectures;
import dev.seamline.detector.builtin.BuiltinBundles;
import dev.seamline.detector.builtin.CenterNetTrainer;
import dev.seamline.detector.builtin.TrainingOptions;
import dev.seamline.detector.builtin.ChipSource;
import dev.seamline.geo.Scene;
import dev.seamline.core.ClassCatalog;
import dev.seamline.pipeline.train.LabelledSceneChips;
import dev.seamline.pipeline.train.NewHeads;
import dev.seamline.pipeline.train.SceneLabels;
import dev.seamline.pipeline.train.SyntheticChips;
import dev.seamline.samples.SceneSpec;
import dev.seamline.samples.SyntheticClass;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code seamline train}: trains the built-in detector (or fine-tunes a built-in bundle) and writes a
 * model bundle. Checkpoints go to a work folder; running the same command again resumes there.
 */
@Command(name = "train", description = {
    "Train the built-in CenterNet detector on synthetic scenes rendered in memory, or fine-tune a built-in bundle "
            + "(--from) on your own labelled GeoTIFFs (--data).",
    "Runs on the CPU; checkpoints every --checkpoint-every steps into --work, and the same command resumes there."})
final class TrainCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "BUNDLE", description = "Bundle folder to write.")
    Path out;

    @Option(names = "--from", paramLabel = "BUNDLE", description = "Start from this built-in bundle's weights (fine-tuning); "
            + "with other --classes its backbone is kept and the class heads start fresh.")
    Path from;

    @Option(names = "--classes", paramLabel = "NAMES|FILE",
            description = "The bundle's classes: comma-separated names, a file with one name per line, or safe-passage "
                    + "(A..I). Default: the --from bundle's, else the synthetic scenes' four.")
    String classes;

    @Option(names = "--data", paramLabel = "PATH", converter = ScenePathConverter.class,
            description = "Train on these labelled scenes instead of synthetic ones: 8-bit GeoTIFF, PNG or JPEG, or folders "
                    + "of them. Labels are found next to each SCENE as SCENE.labels.geojson, SCENE.geojson, SCENE.coco.json, "
                    + "../labelTxt/SCENE.txt (DOTA) or trainingObservations.csv (Safe Passage), unless --labels says; every "
                    + "format eval reads is read (GeoJSON, COCO, xView, DOTA, DeepForest, SpaceNet, Safe Passage).")
    List<Path> data = new ArrayList<>();

    @Option(names = "--labels", paramLabel = "FILE",
            description = "Label files, one per scene of --data in the same order, or one for all the scenes (default: found "
                    + "next to each scene).")
    List<Path> labels = new ArrayList<>();

    @Option(names = "--work", paramLabel = "DIR", description = "Checkpoint folder (default: BUNDLE.work).")
    Path work;

    @Option(names = "--steps", defaultValue = "3000", description = "Optimizer steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch", defaultValue = "16", description = "Chips per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--chip", defaultValue = "256", description = "Chip size, pixels, a multiple of 32 (default: ${DEFAULT-VALUE}).")
    int chip;

    @Option(names = "--lr", defaultValue = "0.002", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the run (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--first-scene-seed", defaultValue = "100000",
            description = "Synthetic scenes use seeds from this one up (default: ${DEFAULT-VALUE}); evaluate on others.")
    long firstSceneSeed;

    @Option(names = "--pool", defaultValue = "5000", description = "Synthetic chips rendered once and reused (default: ${DEFAULT-VALUE}).")
    int pool;

    @Option(names = "--checkpoint-every", defaultValue = "50", description = "Steps between checkpoints (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--input-size", defaultValue = "512", description = "Tile size the bundle declares (default: ${DEFAULT-VALUE}).")
    int inputSize;

    @Override
    public Integer call() throws SeamlineException {
        PrintWriter err = spec.commandLine().getErr();
        ModelBundle base = null;
        if (from != null) {
            base = ModelBundle.load(from);
            if (!base.isBuiltin()) {
                throw new BadInputException(from + ": fine-tuning needs a built-in bundle, this one is " + base.architecture());
            }
        }
        ClassCatalog catalog = classes != null ? parseClasses(classes) : base != null ? base.classes() : SyntheticClass.catalog();
        if (data.isEmpty() && !catalog.equals(SyntheticClass.catalog())) {
            throw new BadInputException("the synthetic scenes have the classes " + SyntheticClass.catalog()
                    + ": other --classes need --data (labelled scenes)");
        }
        TrainingOptions options;
        try {
            options = new TrainingOptions(BuiltinArchitectures.CENTERNET_LITE_V1, catalog, chip, batch, steps,
                    learningRate, 1.25, seed, checkpointEvery, Optional.empty());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        Path workDir = work != null ? work : Path.of(out + ".work");
        newHeads = base != null && !base.classes().equals(catalog);
        if (base != null && !newHeads) {
            options = options.withInitialWeights(base.weights());
        } else if (newHeads) {
            NewHeads.Result r = NewHeads.write(base, catalog, seed, workDir.resolve("new-heads.params"));
            err.printf("seamline train: classes %s for %s's %s: %d parameter arrays kept, %d fresh (the class heads)%n",
                    names(catalog), base.name(), names(base.classes()), r.copied(), r.fresh());
            options = options.withInitialWeights(r.file());
        }
        if (!labels.isEmpty() && data.isEmpty()) {
            throw new BadInputException("--labels needs --data (the scenes they label)");
        }
        return data.isEmpty() ? trainSynthetic(options, workDir, err) : trainLabelled(options, base, workDir, err);
    }

    private Integer trainSynthetic(TrainingOptions options, Path workDir, PrintWriter err) throws SeamlineException {
        int poolChip = (int) Math.ceil(chip * options.maxScale());
        SyntheticChips source = new SyntheticChips(firstSceneSeed, 3072, pool, 10, poolChip);
        err.printf("seamline train: %d steps of %d chips (%d px) on synthetic scenes %d..%d; checkpoints in %s%n", steps,
                batch, chip, firstSceneSeed, source.lastSeedExclusive() - 1, workDir);
        Path params = train(options, workDir, source, err);
        BuiltinBundles.write(out, params, new BuiltinBundles.Description("seamline-builtin", "1",
                options.architecture(), options.classes(), inputSize, SceneSpec.DEFAULT_GSD, 0.3, 300,
                "Seamline's built-in CenterNet, trained by seamline train on synthetic 0.3 m scenes (seeds from "
                        + firstSceneSeed + ", run seed " + seed + ", " + steps + " steps)",
                OptionalInt.of(SyntheticClass.maxObjectPixels(SceneSpec.DEFAULT_GSD))));
        err.println("seamline train: wrote " + out);
        return ExitCodes.OK;
    }

    private Integer trainLabelled(TrainingOptions options, ModelBundle base, Path workDir, PrintWriter err)
            throws SeamlineException {
        List<Path> scenePaths = new ArrayList<>();
        for (Path p : data) {
            scenePaths.addAll(scenesIn(p));
        }
        if (labels.size() > 1 && labels.size() != scenePaths.size()) {
            throw new BadInputException("--labels gives " + labels.size() + " file(s) for " + scenePaths.size()
                    + " scene(s) of --data; give one per scene, in order, one for all, or none");
        }
        int[] bands = base != null ? base.bands().stream().mapToInt(Integer::intValue).toArray() : new int[] {1, 2, 3};
        List<Scene> scenes = new ArrayList<>();
        List<SceneLabels> sceneLabels = new ArrayList<>();
        double largest = 0;
        try {
            for (int i = 0; i < scenePaths.size(); i++) {
                Path scenePath = scenePaths.get(i);
                Scene scene = Scene.open(scenePath);
                scenes.add(scene);
                Path labelFile = labels.isEmpty() ? SceneLabels.findNextTo(scenePath).orElseThrow(() -> new BadInputException(
                        scenePath, "no label file next to it (tried " + String.join(", ", SceneLabels.candidateNames(scenePath))
                                + "); name one with --labels")) : labels.get(i);
                SceneLabels l = SceneLabels.read(scene, labelFile, options.classes());
                sceneLabels.add(l);
                for (dev.seamline.core.Detection d : l.objects()) {
                    largest = Math.max(largest, Math.max(d.box().x1() - d.box().x0(), d.box().y1() - d.box().y0()));
                }
                err.printf("seamline train: %s: %d labelled object(s) from %s%n", scenePath.getFileName(), l.objects().size(),
                        labelFile.getFileName());
            }
            java.util.OptionalDouble firstGsd = scenes.get(0).groundSampleDistance();
            try (LabelledSceneChips source = new LabelledSceneChips(scenes, sceneLabels, bands)) {
                scenes = List.of();
                err.printf("seamline train: %d steps of %d chips (%d px) on %d labelled scene(s), %d object(s)%s; "
                        + "checkpoints in %s%n", steps, batch, chip, scenePaths.size(), source.objectCount(),
                        from != null ? ", from " + from : ", from scratch", workDir);
                Path params = train(options, workDir, source, err);
                // the data's GSD: the model learns objects at the size the chips show them
                double gsd = firstGsd.isPresent() ? firstGsd.getAsDouble()
                        : base != null && base.gsd().isPresent() ? base.gsd().getAsDouble() : SceneSpec.DEFAULT_GSD;
                double threshold = base != null ? base.scoreThreshold() : 0.3;
                BuiltinBundles.write(out, params, new BuiltinBundles.Description(
                        base != null ? base.name() + (newHeads ? "-newheads" : "-finetuned") : "seamline-builtin", "1",
                        options.architecture(),
                        options.classes(), inputSize, gsd, threshold, 300,
                        (base != null ? "Fine-tuned from " + base.name() + " " + base.version() : "Trained from scratch")
                                + " by seamline train on " + scenePaths.size() + " labelled scene(s) (run seed " + seed + ", "
                                + steps + " steps)", base != null && !newHeads ? base.maxObjectPx()
                                        : largest > 0 ? OptionalInt.of((int) Math.ceil(largest)) : OptionalInt.empty()));
            }
        } finally {
            for (Scene s : scenes) {
                s.close();
            }
        }
        err.println("seamline train: wrote " + out);
        return ExitCodes.OK;
    }

    private static java.util.List<String> names(ClassCatalog c) {
        return c.classes().stream().map(dev.seamline.core.ObjectClass::name).toList();
    }

    /** Whether the classes differ from the base bundle's: its backbone with new class heads. */
    private boolean newHeads;

    /** {@code --classes}: {@code safe-passage}, a file of names (one a line) or comma-separated names. */
    private static ClassCatalog parseClasses(String value) throws BadInputException {
        List<String> names = new ArrayList<>();
        if (value.equals("safe-passage")) {
            for (dev.seamline.formats.safepassage.VehicleClass c : dev.seamline.formats.safepassage.VehicleClass.values()) {
                names.add(c.name());
            }
        } else if (Files.isRegularFile(Path.of(value))) {
            try {
                for (String line : Files.readAllLines(Path.of(value))) {
                    if (!line.isBlank()) {
                        names.add(line.strip());
                    }
                }
            } catch (java.io.IOException e) {
                throw new BadInputException(Path.of(value), "cannot read: " + e.getMessage(), e);
            }
        } else {
            for (String n : value.split(",")) {
                if (!n.isBlank()) {
                    names.add(n.strip());
                }
            }
        }
        if (names.isEmpty() || new java.util.HashSet<>(names).size() != names.size()) {
            throw new BadInputException("--classes needs distinct class names, got '" + value + "'");
        }
        return ClassCatalog.ofNames(names);
    }

    /** A GeoTIFF, or the GeoTIFFs of a folder in name order. */
    private static List<Path> scenesIn(Path p) throws BadInputException {
        if (dev.seamline.geo.ScenePaths.isUrl(p)) {
            return List.of(p); // read by range requests; its labels come from --labels
        }
        if (!Files.isDirectory(p)) {
            if (!Files.isRegularFile(p)) {
                throw new BadInputException(p, "no such file or folder");
            }
            return List.of(p);
        }
        try (var files = Files.list(p)) {
            List<Path> tifs = files.filter(f -> {
                String n = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                return Files.isRegularFile(f) && n.matches(".*\\.(tiff?|png|jpe?g)");
            }).sorted().toList();
            if (tifs.isEmpty()) {
                throw new BadInputException(p, "folder holds no .tif, .tiff, .png, .jpg or .jpeg scene");
            }
            return tifs;
        } catch (java.io.IOException e) {
            throw new BadInputException(p, "cannot list the folder: " + e.getMessage());
        }
    }

    private Path train(TrainingOptions options, Path workDir, ChipSource source, PrintWriter err) throws SeamlineException {
        long[] lastPrint = {0};
        return new CenterNetTrainer(options, workDir, p -> {
            long now = System.nanoTime();
            if (p.step() == p.steps() || now - lastPrint[0] > 10_000_000_000L) {
                lastPrint[0] = now;
                double eta = (p.steps() - p.step()) / Math.max(1e-9, p.stepsPerSecond());
                err.printf("step %d/%d  loss %.4f  %.2f steps/s  ETA %dm%02ds%n", p.step(), p.steps(), p.loss(),
                        p.stepsPerSecond(), (long) eta / 60, (long) eta % 60);
                err.flush();
            }
        }).train(source);
    }
}
