package dev.seamline.spark;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.seamline.detector.builtin.BuiltinArchitectures;
import dev.seamline.detector.builtin.BuiltinBundles;
import dev.seamline.samples.SyntheticClass;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * What the module's tests share: one local Spark session for every test class (a session starts in
 * 3–5 s), two task slots and two attempts per task ({@code local[2,2]}, so a task failed by a hook is
 * retried), and a small random-weight model (128-px input, so tiles are cheap).
 */
final class SharedSpark {

    private static SparkSession session;

    private SharedSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder().master("local[2,2]").appName("seamline-tests")
                    .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                    .config("spark.driver.host", "127.0.0.1").getOrCreate();
            session.sparkContext().setLogLevel("WARN");
        }
        return session;
    }

    /** A random-weight built-in bundle with a 128-px input, seeded: the same weights every time. */
    static Path randomModel(Path folder, double scoreThreshold) throws Exception {
        ai.djl.engine.Engine.getInstance().setRandomSeed(42);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = BuiltinArchitectures.create(BuiltinArchitectures.CENTERNET_LITE_V1, SyntheticClass.catalog().size());
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 64, 64));
            Path params = Files.createTempFile("random-builtin", ".params");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(params)))) {
                net.saveParameters(out);
            }
            BuiltinBundles.write(folder, params, new BuiltinBundles.Description("random-builtin", "test",
                    BuiltinArchitectures.CENTERNET_LITE_V1, SyntheticClass.catalog(), 128, 0.3, scoreThreshold, 100,
                    "random weights, for tests"));
            Files.delete(params);
        }
        return folder;
    }
}
