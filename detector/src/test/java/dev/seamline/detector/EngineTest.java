package dev.seamline.detector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/**
 * DJL's PyTorch engine starts from the natives in the {@code pytorch-native-cpu} jar, with no
 * network, and computes. The surefire configuration sets {@code ai.djl.offline=true}, so any
 * attempt to download would fail this test.
 */
class EngineTest {

    @Test
    void pytorchEngineStartsOfflineAndMultipliesMatrices() {
        Engine engine = Engine.getEngine("PyTorch");
        assertEquals("PyTorch", engine.getEngineName());
        assertEquals("2.7.1", engine.getVersion());
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
            NDArray b = manager.create(new float[] {5, 6, 7, 8}, new Shape(2, 2));
            assertArrayEquals(new float[] {19, 22, 43, 50}, a.matMul(b).toFloatArray());
        }
    }
}
