package dev.seamline.pipeline.cli;

import dev.seamline.core.BadInputException;
import dev.seamline.core.SeamlineException;
import dev.seamline.detector.ModelBundle;
import dev.seamline.detector.builtin.BuiltinArchitectures;
import dev.seamline.detector.builtin.BuiltinBundles;
import dev.seamline.detector.builtin.CenterNetTrainer;
import dev.seamline.detector.builtin.TrainingOptions;
import dev.seamline.pipeline.train.SyntheticChips;
import dev.seamline.samples.SceneSpec;
import dev.seamline.samples.SyntheticClass;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
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
    "Train the built-in CenterNet detector on synthetic scenes rendered in memory, or fine-tune a built-in bundle.",
    "Runs on the CPU; checkpoints every --checkpoint-every steps into --work, and the same command resumes there."})
final class TrainCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "BUNDLE", description = "Bundle folder to write.")
    Path out;

    @Option(names = "--from", paramLabel = "BUNDLE", description = "Start from this built-in bundle's weights (fine-tuning).")
    Path from;

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
        TrainingOptions options;
        try {
            options = new TrainingOptions(BuiltinArchitectures.CENTERNET_LITE_V1, SyntheticClass.catalog(), chip, batch, steps,
                    learningRate, 1.25, seed, checkpointEvery, Optional.empty());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        if (from != null) {
            ModelBundle base = ModelBundle.load(from);
            if (!base.isBuiltin()) {
                throw new BadInputException(from + ": fine-tuning needs a built-in bundle, this one is " + base.architecture());
            }
            if (!base.classes().equals(options.classes())) {
                throw new BadInputException(from + ": classes " + base.classes() + " differ from the training classes "
                        + options.classes());
            }
            options = options.withInitialWeights(base.weights());
        }
        Path workDir = work != null ? work : Path.of(out + ".work");
        int poolChip = (int) Math.ceil(chip * options.maxScale());
        SyntheticChips source = new SyntheticChips(firstSceneSeed, 3072, pool, 10, poolChip);
        err.printf("seamline train: %d steps of %d chips (%d px) on synthetic scenes %d..%d; checkpoints in %s%n", steps,
                batch, chip, firstSceneSeed, source.lastSeedExclusive() - 1, workDir);
        long[] lastPrint = {0};
        Path params = new CenterNetTrainer(options, workDir, p -> {
            long now = System.nanoTime();
            if (p.step() == p.steps() || now - lastPrint[0] > 10_000_000_000L) {
                lastPrint[0] = now;
                double eta = (p.steps() - p.step()) / Math.max(1e-9, p.stepsPerSecond());
                err.printf("step %d/%d  loss %.4f  %.2f steps/s  ETA %dm%02ds%n", p.step(), p.steps(), p.loss(),
                        p.stepsPerSecond(), (long) eta / 60, (long) eta % 60);
                err.flush();
            }
        }).train(source);
        BuiltinBundles.write(out, params, new BuiltinBundles.Description("seamline-builtin", "1",
                options.architecture(), options.classes(), inputSize, SceneSpec.DEFAULT_GSD, 0.3, 300,
                "Seamline's built-in CenterNet, trained by seamline train on synthetic 0.3 m scenes (seeds from "
                        + firstSceneSeed + ", run seed " + seed + ", " + steps + " steps)"));
        err.println("seamline train: wrote " + out);
        return ExitCodes.OK;
    }
}
