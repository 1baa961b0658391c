package dev.seamline.detector;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.seamline.core.ClassCatalog;
import dev.seamline.core.PixelBuffer;
import dev.seamline.core.PixelWindow;
import dev.seamline.core.SampleType;
import dev.seamline.detector.builtin.BuiltinArchitectures;
import dev.seamline.detector.builtin.BuiltinBundles;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory must not grow with the number of tiles: each batch's activations are freed with the
 * batch. (They once joined the reused input tensor's long-lived manager: about 90 MB per 512-px
 * tile stayed resident, and a 6,000² scene was killed at 23 GB.)
 */
class NativeMemoryTest {

    @Test
    void residentMemoryStaysFlatOverManyBatches(@TempDir Path dir) throws Exception {
        ClassCatalog classes = ClassCatalog.ofNames(List.of("a", "b"));
        Path params = dir.resolve("init.params");
        try (NDManager m = NDManager.newBaseManager()) {
            Block net = BuiltinArchitectures.create(BuiltinArchitectures.CENTERNET_LITE_V1, classes.size());
            net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 64, 64));
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(params)))) {
                net.saveParameters(out);
            }
        }
        BuiltinBundles.write(dir.resolve("bundle"), params, new BuiltinBundles.Description("mem", "1",
                BuiltinArchitectures.CENTERNET_LITE_V1, classes, 512, 0.3, 0.5, 50, "memory test"));
        PixelWindow w = new PixelWindow(0, 0, 512, 512);
        byte[] px = new byte[3 * 512 * 512];
        new java.util.Random(1).nextBytes(px);
        PixelBuffer tile = new PixelBuffer(w, w, 3, SampleType.UINT8, px);
        try (Detector detector = Detector.open(ModelBundle.load(dir.resolve("bundle")), DetectorOptions.defaults())) {
            for (int i = 0; i < 3; i++) {
                detector.detect(List.of(tile, tile));
            }
            long before = residentKb();
            for (int i = 0; i < 25; i++) {
                detector.detect(List.of(tile, tile));
            }
            long grown = residentKb() - before;
            assertTrue(grown < 400_000, "resident memory grew by " + grown / 1024 + " MB over 25 batches");
        }
    }

    private static long residentKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
