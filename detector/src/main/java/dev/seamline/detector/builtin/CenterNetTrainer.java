package dev.seamline.detector.builtin;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import dev.seamline.core.SeamlineException;
import dev.seamline.core.io.AtomicFile;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Trains a built-in detector with DJL's {@link Trainer} on the PyTorch engine: Adam, linear warm-up
 * then cosine decay, chips drawn and augmented on a loader thread one batch ahead.
 *
 * <p>Reproducible: weights are initialised from {@link TrainingOptions#seed()} and the chips of step
 * k come from a generator seeded by (seed, k), so a rerun (on the same engine and thread count)
 * repeats the run. Resumable: every {@link TrainingOptions#checkpointEvery()} steps the parameters
 * and the step count are written atomically to the work folder; a new run with the same folder
 * continues from there (Adam's moment estimates restart; the schedule does not).
 */
public final class CenterNetTrainer {

    /** Progress after a step. Immutable. */
    public record Progress(int step, int steps, double loss, double stepsPerSecond) {
    }

    private static final String CHECKPOINT = "checkpoint.params";
    private static final String STATE = "checkpoint.properties";

    private final TrainingOptions options;
    private final Path workDir;
    private final Consumer<Progress> listener;

    /**
     * @param options  what to train
     * @param workDir  folder for checkpoints (created if needed)
     * @param listener told of progress after every step
     */
    public CenterNetTrainer(TrainingOptions options, Path workDir, Consumer<Progress> listener) {
        this.options = options;
        this.workDir = workDir;
        this.listener = listener;
    }

    /**
     * Runs (or resumes) the training and returns the file of the final parameters, in the work
     * folder; {@link #loadParameters} reads it back.
     */
    public Path train(ChipSource source) throws SeamlineException {
        try {
            Files.createDirectories(workDir);
            int start = resumeStep();
            Engine.getInstance().setRandomSeed((int) options.seed());
            Block block = BuiltinArchitectures.create(options.architecture(), options.classes().size());
            try (Model model = Model.newInstance("seamline-builtin", Device.cpu(), "PyTorch")) {
                model.setBlock(block);
                // Parameters to start from are loaded before the trainer exists: the trainer's
                // parameter store keeps the arrays it first sees, so arrays swapped in later would
                // never be trained (nor saved).
                Path init = start > 0 ? workDir.resolve(CHECKPOINT) : options.initialWeights().orElse(null);
                if (init != null) {
                    copyParameters(init, block, model.getNDManager());
                }
                int total = options.steps();
                Tracker lr = update -> learningRate(start + update, total);
                DefaultTrainingConfig config = new DefaultTrainingConfig(new CenterNetLoss(1f, 1f))
                        .optOptimizer(Adam.builder().optLearningRateTracker(lr).build())
                        .optDevices(new Device[] {Device.cpu()});
                try (Trainer trainer = model.newTrainer(config)) {
                    int size = options.chipSize();
                    trainer.initialize(new Shape(options.batchSize(), 3, size, size));
                    loop(trainer, block, source, start);
                }
            }
            return workDir.resolve(CHECKPOINT);
        } catch (IOException e) {
            throw new SeamlineException("training failed in " + workDir + ": " + e.getMessage(), e);
        }
    }

    private void loop(Trainer trainer, Block block, ChipSource source, int start) throws SeamlineException, IOException {
        BlockingQueue<Object> batches = new ArrayBlockingQueue<>(2);
        Augmenter augmenter = new Augmenter(source, options.maxScale());
        Thread loader = new Thread(() -> load(augmenter, start, batches), "seamline-train-loader");
        loader.setDaemon(true);
        loader.start();
        double ema = Double.NaN;
        long t0 = System.nanoTime();
        try {
            for (int step = start; step < options.steps(); step++) {
                Object next = batches.take();
                if (next instanceof SeamlineException e) {
                    throw e;
                }
                if (next instanceof RuntimeException e) {
                    throw e;
                }
                HostBatch batch = (HostBatch) next;
                double loss;
                try (NDManager m = trainer.getManager().newSubManager()) {
                    NDList input = new NDList(m.create(batch.pixels, batch.inputShape));
                    NDList labels = new NDList(m.create(batch.heat, batch.heatShape), m.create(batch.size, batch.boxShape),
                            m.create(batch.offset, batch.boxShape), m.create(batch.mask, batch.maskShape));
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        NDList pred = trainer.forward(input);
                        NDArray l = trainer.getLoss().evaluate(labels, pred);
                        loss = l.getFloat();
                        gc.backward(l);
                    }
                    trainer.step();
                }
                if (!Double.isFinite(loss)) {
                    throw new SeamlineException("training diverged at step " + step + " (loss " + loss + ")");
                }
                ema = Double.isNaN(ema) ? loss : 0.98 * ema + 0.02 * loss;
                int done = step + 1;
                listener.accept(new Progress(done, options.steps(), ema, (done - start) / ((System.nanoTime() - t0) / 1e9)));
                if (done % options.checkpointEvery() == 0 || done == options.steps()) {
                    checkpoint(block, done);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SeamlineException("training interrupted", e);
        } finally {
            loader.interrupt();
        }
    }

    /** The loader thread: builds batch k from a generator seeded by (seed, k). */
    private void load(Augmenter augmenter, int start, BlockingQueue<Object> out) {
        try {
            for (int step = start; step < options.steps(); step++) {
                SplittableRandom random = new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L + step);
                out.put(buildBatch(augmenter, random));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SeamlineException | RuntimeException e) {
            try {
                out.put(e);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One batch on the host, as flat arrays in NCHW order, normalised. */
    private record HostBatch(float[] pixels, Shape inputShape, float[] heat, Shape heatShape, float[] size, float[] offset,
            Shape boxShape, float[] mask, Shape maskShape) {
    }

    private HostBatch buildBatch(Augmenter augmenter, SplittableRandom random) throws SeamlineException {
        int b = options.batchSize(), s = options.chipSize(), c = options.classes().size();
        int stride = BuiltinArchitectures.outputStride(options.architecture());
        int h = s / stride, w = s / stride;
        float[] pixels = new float[b * 3 * s * s];
        float[] heat = new float[b * c * h * w], size = new float[b * 2 * h * w], offset = new float[b * 2 * h * w];
        float[] mask = new float[b * h * w];
        for (int i = 0; i < b; i++) {
            Augmenter.Sample sample = augmenter.next(s, random);
            float[] p = sample.pixels();
            int base = i * 3 * s * s;
            for (int j = 0; j < p.length; j++) {
                pixels[base + j] = (p[j] * BuiltinNormalization.SCALE - BuiltinNormalization.MEAN) / BuiltinNormalization.STD;
            }
            CenterNetTargets t = CenterNetTargets.of(sample.objects(), s, s, c, stride);
            System.arraycopy(t.heat, 0, heat, i * c * h * w, t.heat.length);
            System.arraycopy(t.size, 0, size, i * 2 * h * w, t.size.length);
            System.arraycopy(t.offset, 0, offset, i * 2 * h * w, t.offset.length);
            System.arraycopy(t.mask, 0, mask, i * h * w, t.mask.length);
        }
        return new HostBatch(pixels, new Shape(b, 3, s, s), heat, new Shape(b, c, h, w), size, offset,
                new Shape(b, 2, h, w), mask, new Shape(b, 1, h, w));
    }

    private float learningRate(int step, int total) {
        double peak = options.learningRate();
        int warmup = Math.min(200, total / 10);
        if (step < warmup) {
            return (float) (peak * (step + 1) / warmup);
        }
        double progress = Math.min(1.0, (step - warmup) / (double) Math.max(1, total - warmup));
        return (float) (peak * (0.05 + 0.95 * 0.5 * (1 + Math.cos(Math.PI * progress))));
    }

    private int resumeStep() throws IOException {
        Path state = workDir.resolve(STATE);
        if (!Files.exists(state) || !Files.exists(workDir.resolve(CHECKPOINT))) {
            return 0;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(state)) {
            p.load(in);
        }
        if (!fingerprint().equals(p.getProperty("options"))) {
            throw new IOException("the checkpoint in " + workDir + " was made with other training options; "
                    + "use another folder or delete it");
        }
        return Integer.parseInt(p.getProperty("step"));
    }

    private String fingerprint() {
        return options.withSteps(1).toString();
    }

    private void checkpoint(Block block, int step) throws IOException {
        AtomicFile.write(workDir.resolve(CHECKPOINT), out -> {
            DataOutputStream data = new DataOutputStream(out);
            block.saveParameters(data);
            data.flush();
        });
        Properties p = new Properties();
        p.setProperty("step", Integer.toString(step));
        p.setProperty("options", fingerprint());
        AtomicFile.writeString(workDir.resolve(STATE), toString(p), StandardCharsets.ISO_8859_1);
    }

    private static String toString(Properties p) throws IOException {
        java.io.StringWriter w = new java.io.StringWriter();
        p.store(w, "seamline training checkpoint");
        return w.toString();
    }

    private static void copyParameters(Path file, Block block, NDManager manager) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            block.loadParameters(manager, in);
        } catch (ai.djl.MalformedModelException e) {
            throw new IOException(file + ": not parameters of this network: " + e.getMessage(), e);
        }
    }

    /**
     * Reads parameters written by {@link #train} into a new network of the named architecture.
     *
     * @throws SeamlineException when the file is missing or does not fit the architecture
     */
    public static Block loadParameters(Path file, String architecture, int numClasses, NDManager manager)
            throws SeamlineException {
        Block block = BuiltinArchitectures.create(architecture, numClasses);
        try {
            copyParameters(file, block, manager);
        } catch (IOException e) {
            throw new SeamlineException(e.getMessage(), e);
        }
        return block;
    }
}
