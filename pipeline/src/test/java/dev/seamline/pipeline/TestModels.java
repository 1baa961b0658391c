package dev.seamline.pipeline;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.seamline.detector.builtin.BuiltinArchitectures;
import dev.seamline.detector.builtin.BuiltinBundles;
import dev.seamline.samples.SyntheticClass;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real model bundles for pipeline tests: the built-in architecture with seeded random weights. Its
 * heatmap sits near the focal-loss prior everywhere, so with a low threshold it yields hundreds of
 * detections per tile: a hard, deterministic load for merging, writing and resuming.
 */
public final class TestModels {

    private TestModels() {
    }

    /** Writes a random-weight built-in bundle (512 px input) into {@code folder}. */
    public static Path randomBuiltin(Path folder, double scoreThreshold) throws Exception {
        ai.djl.engine.Engine.getInstance().setRandomSeed(42);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = BuiltinArchitectures.create(BuiltinArchitectures.CENTERNET_LITE_V1, SyntheticClass.catalog().size());
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 64, 64));
            Path params = Files.createTempFile("random-builtin", ".params");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(params)))) {
                net.saveParameters(out);
            } catch (IOException e) {
                throw e;
            }
            BuiltinBundles.write(folder, params, new BuiltinBundles.Description("random-builtin", "test",
                    BuiltinArchitectures.CENTERNET_LITE_V1, SyntheticClass.catalog(), 512, 0.3, scoreThreshold, 100,
                    "random weights, for tests"));
            Files.delete(params);
        }
        return folder;
    }
}
