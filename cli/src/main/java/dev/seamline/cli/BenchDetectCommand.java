package dev.seamline.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.seamline.core.ClassCatalog;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.SampleType;
import dev.seamline.detector.Decoder;
import dev.seamline.detector.Detector;
import dev.seamline.detector.DetectorOptions;
import dev.seamline.detector.DeviceChoice;
import dev.seamline.detector.InferenceTimings;
import dev.seamline.detector.ModelBundle;
import dev.seamline.detector.Normalization;
import dev.seamline.detector.NullModel;
import dev.seamline.detector.builtin.BuiltinArchitectures;
import java.io.DataOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code seamline bench detect [--model BUNDLE] [--input-size 512] [--tiles 16] [--batch 1,4,8] [--device cpu]
 * [--torch-threads N]}: tiles per second of a detector at each batch size, and where the time goes: the
 * Java-side work per tile (building and normalising the input tensor, decoding the output) against
 * the model's forward pass, its reference. Without {@code --model} it measures the built-in network
 * ({@code builtin:centernet-lite-v1}, three classes) with freshly initialised weights, which cost the
 * same as trained ones. The tiles are random 8-bit 3-band images of the model's input size; each batch
 * size gets an untimed warm-up of at least 8 tiles (the JIT compiles the Java side meanwhile). Each batch goes through {@link Detector#prepare} (the
 * pipeline's input building, timed as preprocessing) and then {@link Detector#detect}. Prints one JSON line per batch size.
 *
 * <p>With {@code --scene SCENE [--runs 3] [--threads N] [--batch N] [--overlap PX]}: the pipeline against its
 * reference, the pure forward passes over the same tiles; see {@link PipelineBench}.
 */
@Command(name = "detect", description = "Tiles per second of a detector at batch sizes 1, 4, 8; Java-side work "
        + "(preprocess + decode) against the forward pass. Prints one JSON line per batch size. Without --model: the "
        + "built-in network with fresh weights (with --scene: the trained built-in detector).")
final class BenchDetectCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Mixin
    ModelMixin model;

    @Option(names = "--input-size", paramLabel = "N", defaultValue = "512", description = "Input size of the untrained "
            + "built-in network, pixels (default ${DEFAULT-VALUE}; a bundle's own size otherwise).")
    int inputSize;

    @Option(names = "--tiles", defaultValue = "16", description = "Tiles measured per batch size (default ${DEFAULT-VALUE}).")
    int tiles;

    @Option(names = "--batch", split = ",", defaultValue = "1,4,8", description = "Batch sizes (default ${DEFAULT-VALUE}).")
    List<Integer> batchSizes;

    @Option(names = "--device", defaultValue = "cpu", description = "auto, cpu, gpu or gpu:N (default ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--torch-threads", paramLabel = "N", description = "PyTorch intra-op threads "
            + "(ai.djl.pytorch.num_threads; default: one per physical core).")
    Integer torchThreads;

    @Option(names = "--scene", paramLabel = "SCENE", description = "Measure the whole pipeline on this scene instead: "
            + "`seamline detect` (default preset, CPU) against the pure forward passes over the same tiles, alternating, "
            + "--runs times each; the scene's tiles must fit in memory (a 6,000² scene does).")
    Path scene;

    @Option(names = "--threads", paramLabel = "N", description = "With --scene: tile-reading threads of the "
            + "pipeline (default: the preset's).")
    Integer readThreads;

    @Option(names = "--input-transfer", paramLabel = "float32|uint8", defaultValue = "float32", description = "How "
            + "batches cross to the device: float32 normalised on the host, or uint8 normalised on the device "
            + "(default ${DEFAULT-VALUE}).")
    String inputTransfer;

    @Option(names = "--null-model", description = "Measure with the zero-cost model (no file, no boxes): the "
            + "pipeline's ceiling. With --scene: `seamline detect` against `bench read` over the same windows and threads.")
    boolean nullModel;

    @Option(names = "--overlap", paramLabel = "PX", description = "With --scene: tile overlap, pixels (default: "
            + "detect's, from the preset and the model's max_object_px).")
    Integer overlap;

    @Option(names = "--runs", defaultValue = "3", description = "With --scene: runs of each side (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--cpu-by-thread", description = "With --scene: each pipeline run's CPU by thread group, ms per "
            + "tile (Linux; its sampling costs a few % of a core, so ratios are measured without it).")
    boolean cpuByThread;

    @Override
    public Integer call() throws Exception {
        DeviceChoice choice = DeviceChoice.parse(device);
        DetectorOptions.InputTransfer transfer = RuntimeMixin.transfer(inputTransfer);
        if (nullModel && model.path() != null) {
            throw new ParameterException(spec.commandLine(), "--null-model and --model exclude each other");
        }
        if (scene != null) {
            if (runs < 1 || batchSizes.size() != 1 && !batchSizes.equals(List.of(1, 4, 8))) {
                throw new ParameterException(spec.commandLine(), "with --scene: --runs >= 1 and one --batch size");
            }
            if (torchThreads != null) {
                System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(torchThreads));
            }
            if (readThreads != null && readThreads < 1) {
                throw new ParameterException(spec.commandLine(), "--threads must be at least 1");
            }
            if (overlap != null && overlap < 0) {
                throw new ParameterException(spec.commandLine(), "--overlap must be at least 0");
            }
            PipelineBench bench = new PipelineBench(scene, model.path(), batchSizes.size() == 1 ? batchSizes.get(0) : 0,
                    readThreads == null ? 0 : readThreads, overlap == null ? -1 : overlap, runs, choice, transfer,
                    cpuByThread, spec.commandLine().getOut());
            return nullModel ? bench.ceiling() : bench.run();
        }
        if (tiles < 1 || inputSize < 32 || inputSize % 32 != 0 || batchSizes.stream().anyMatch(b -> b < 1)) {
            throw new ParameterException(spec.commandLine(), "need --tiles >= 1, --input-size a multiple of 32, "
                    + "batch sizes >= 1");
        }
        if (torchThreads != null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(torchThreads));
        }
        Path temp = null;
        try {
            ModelBundle bundle;
            if (nullModel) {
                bundle = NullModel.bundle();
            } else if (model.path() != null) {
                bundle = ModelBundle.load(model.path());
            } else {
                temp = Files.createTempDirectory("seamline-bench-");
                bundle = untrainedBuiltin(temp, inputSize);
            }
            List<PixelBuffer> input = randomTiles(tiles, bundle);
            PrintWriter out = spec.commandLine().getOut();
            for (int batch : batchSizes) {
                DetectorOptions options = DetectorOptions.defaults().withDevice(choice).withBatchSize(batch)
                        .withInput(transfer);
                try (Detector detector = Detector.open(bundle, options)) {
                    // untimed warm-up: at least 8 tiles, so that the JIT has compiled the Java side before timing
                    List<PixelBuffer> warm = input.subList(0, Math.min(input.size(), Math.max(8, batch)));
                    for (int from = 0; from < warm.size(); from += batch) {
                        detector.detect(detector.prepare(warm.subList(from, Math.min(warm.size(), from + batch))));
                    }
                    InferenceTimings before = detector.timings();
                    long detections = 0;
                    long t0 = System.nanoTime();
                    // as the pipeline runs it: each batch's input built by prepare (there on another thread,
                    // here on this one, so that its cost is measured alone), then one forward pass and the decoding
                    for (int from = 0; from < input.size(); from += batch) {
                        List<PixelBuffer> tilesOfBatch = input.subList(from, Math.min(input.size(), from + batch));
                        for (List<?> d : detector.detect(detector.prepare(tilesOfBatch))) {
                            detections += d.size();
                        }
                    }
                    double wall = (System.nanoTime() - t0) / 1e9;
                    InferenceTimings t = detector.timings().minus(before);
                    double perTile = 1e6 * t.tiles();
                    out.println(String.format(Locale.ROOT,
                            "{\"model\": \"%s\", \"architecture\": \"%s\", \"device\": \"%s\", \"transfer\": \"%s\", \"input\": %d, "
                                    + "\"batch\": %d, \"tiles\": %d, \"seconds\": %.3f, \"tilesPerSecond\": %.3f, "
                                    + "\"forwardMsPerTile\": %.3f, \"preprocessMsPerTile\": %.3f, \"decodeMsPerTile\": %.3f, "
                                    + "\"javaShareOfForward\": %.4f, \"detections\": %d}",
                            bundle.name(), bundle.architecture(), detector.device(),
                            transfer.name().toLowerCase(Locale.ROOT), bundle.inputWidth(), batch, t.tiles(),
                            wall, t.tiles() / wall, t.forwardNanos() / perTile, t.preprocessNanos() / perTile,
                            t.decodeNanos() / perTile, t.javaShareOfForward(), detections));
                    out.flush();
                }
            }
            return ExitCodes.OK;
        } finally {
            if (temp != null) {
                try (Stream<Path> s = Files.walk(temp)) {
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    /** The built-in network with freshly initialised weights, as a bundle in {@code dir}. */
    private static ModelBundle untrainedBuiltin(Path dir, int size) throws Exception {
        String arch = BuiltinArchitectures.CENTERNET_LITE_V1;
        Path params = dir.resolve("model.params");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Block block = BuiltinArchitectures.create(arch, 3);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, size, size));
            try (DataOutputStream data = new DataOutputStream(Files.newOutputStream(params))) {
                block.saveParameters(data);
            }
        }
        ModelBundle draft = new ModelBundle(params, params, "builtin-untrained", "0", Decoder.CENTERNET,
                ModelBundle.BUILTIN_PREFIX + arch, size, size, List.of(1, 2, 3),
                Normalization.ofScale(1 / 255.0, List.of(0.5, 0.5, 0.5), List.of(0.25, 0.25, 0.25)),
                ClassCatalog.ofNames(List.of("small-vehicle", "large-vehicle", "ship")), OptionalDouble.empty(), true,
                0.3, 0.45, 100, BuiltinArchitectures.outputStride(arch), "");
        return draft.writeTo(dir.resolve("bundle"));
    }

    /** Random 8-bit tiles holding every band the bundle reads, at its input size. */
    private static List<PixelBuffer> randomTiles(int count, ModelBundle bundle) {
        int bands = bundle.bands().stream().mapToInt(Integer::intValue).max().orElse(1);
        int w = bundle.inputWidth();
        int h = bundle.inputHeight();
        Random random = new Random(1);
        List<PixelBuffer> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] data = new byte[bands * w * h];
            random.nextBytes(data);
            PixelWindow window = new PixelWindow(i * w, 0, w, h);
            out.add(new PixelBuffer(window, window, bands, SampleType.UINT8, data));
        }
        return out;
    }
}
