package dev.seamline.tiling.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.seamline.core.Detection;
import dev.seamline.tiling.Tile;
import dev.seamline.tiling.TileGrid;
import dev.seamline.tiling.TileLayout;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Strategies are serializable for real (Spark ships them to executors): a Java-serialization round trip
 * gives an equal strategy that merges exactly as the original, plain and across seams.
 */
class MergeStrategySerializationTest {

    static Stream<MergeStrategy> strategies() {
        List<MergeStrategy> all = new ArrayList<>(SeamInvarianceTest.strategies());
        all.add(new WeightedBoxFusion(new Matching(MatchMetric.IOS, 0.6, ClassMode.CLASS_AGNOSTIC), 2));
        for (String method : MergeStrategy.METHODS) {
            all.add(MergeStrategy.of(method, Matching.iou(0.5)));
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void roundTripIsEqualAndMergesTheSame(MergeStrategy strategy) throws Exception {
        MergeStrategy copy = roundTrip(strategy);
        assertNotSame(strategy, copy);
        assertEquals(strategy, copy);
        assertEquals(strategy.hashCode(), copy.hashCode());
        assertEquals(strategy.method(), copy.method());

        List<Detection> boxes = NaiveMerges.randomBoxes(1500, 900, 21);
        assertEquals(strategy.merge(boxes), copy.merge(boxes));

        TileGrid grid = TileGrid.of(1400, 1100, TileLayout.of(512, 96));
        SyntheticScene scene = SyntheticScene.generate(1400, 1100, 600, 10, 60, 3);
        Map<Tile, List<Detection>> perTile = scene.detectAll(grid);
        assertEquals(SeamMerger.mergeAll(grid, strategy, SeamRule.DEFAULT, perTile),
                SeamMerger.mergeAll(grid, copy, roundTrip(SeamRule.DEFAULT), perTile));
    }

    @Test
    void optionsRoundTrip() throws Exception {
        Matching m = new Matching(MatchMetric.IOS, 0.25, ClassMode.CLASS_AGNOSTIC);
        assertEquals(m, roundTrip(m));
        SeamRule rule = new SeamRule(true, 0.7, 2.5);
        assertEquals(rule, roundTrip(rule));
        assertEquals(SoftNms.Decay.LINEAR, roundTrip(SoftNms.Decay.LINEAR));
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
