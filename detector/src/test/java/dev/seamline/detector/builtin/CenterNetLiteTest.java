package dev.seamline.detector.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class CenterNetLiteTest {

    @Test
    void outputsFollowTheDocumentedContract() {
        ai.djl.engine.Engine.getInstance().setRandomSeed(5);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = BuiltinArchitectures.create(BuiltinArchitectures.CENTERNET_LITE_V1, 4);
            Shape input = new Shape(2, 3, 64, 96);
            net.initialize(manager, DataType.FLOAT32, input);
            NDList out = net.forward(new ParameterStore(manager, false), new NDList(manager.randomUniform(0, 1, input)), false);
            assertEquals(3, out.size());
            assertArrayEquals(new long[] {2, 4, 16, 24}, out.get(0).getShape().getShape());
            assertArrayEquals(new long[] {2, 2, 16, 24}, out.get(1).getShape().getShape());
            assertArrayEquals(new long[] {2, 2, 16, 24}, out.get(2).getShape().getShape());
            NDArray heat = out.get(0);
            assertTrue(heat.min().getFloat() >= 0 && heat.max().getFloat() <= 1, "heatmap is a probability");
            assertTrue(out.get(1).min().getFloat() > 0, "sizes are positive pixels");
            // untrained, the heatmap leans towards the focal-loss prior of 0.1, below 0.5
            assertTrue(heat.mean().getFloat() < 0.5, "mean heat " + heat.mean().getFloat());
            long params = net.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
            assertTrue(params < 1_250_000, "small enough to commit (< 5 MB of float32): " + params);
        }
    }

    @Test
    void rejectsInputsThatAreNotMultiplesOf32() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = BuiltinArchitectures.create(BuiltinArchitectures.CENTERNET_LITE_V1, 1);
            assertThrows(IllegalArgumentException.class, () -> net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 100, 100)));
        }
    }
}
