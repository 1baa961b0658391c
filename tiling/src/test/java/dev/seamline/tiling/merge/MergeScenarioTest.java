package dev.seamline.tiling.merge;

import static dev.seamline.testkit.BoxAssertions.assertBoxesEqual;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.seamline.tiling.EdgePolicy;
import dev.seamline.tiling.Overlap;
import dev.seamline.tiling.Tile;
import dev.seamline.tiling.TileGrid;
import dev.seamline.tiling.TileLayout;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.core.PixelWindow;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the language-neutral merge scenarios in {@code src/test/resources/cases} (made by
 * {@code make_cases.py} there, which also says how the expected outputs were derived): each case is
 * merged with the tiles delivered in row-major order, in reverse, and in every order the case lists,
 * and must give exactly the expected detections.
 */
class MergeScenarioTest {

    static Stream<String> cases() {
        return Stream.of("object-on-seam", "four-tile-corner", "larger-than-overlap", "touching-same-class",
                "dense-crowd", "out-of-order");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scenario(String name) throws IOException {
        JsonNode c;
        try (InputStream in = getClass().getResourceAsStream("/cases/" + name + ".json")) {
            c = new ObjectMapper().readTree(in);
        }
        JsonNode g = c.get("grid");
        TileGrid grid = TileGrid.of(c.get("scene").get("width").asInt(), c.get("scene").get("height").asInt(),
                new TileLayout(g.get("tileSize").asInt(), Overlap.ofPixels(g.get("overlap").asInt()),
                        EdgePolicy.valueOf(g.get("edgePolicy").asText())));
        Map<Tile, List<Detection>> perTile = new java.util.HashMap<>();
        for (JsonNode t : c.get("tiles")) {
            Tile tile = grid.tile(t.get("col").asInt(), t.get("row").asInt());
            JsonNode w = t.get("window");
            assertEquals(new PixelWindow(w.get(0).asInt(), w.get(1).asInt(), w.get(2).asInt(), w.get(3).asInt()),
                    tile.window(), "window of tile " + t.get("col") + "," + t.get("row"));
            perTile.put(tile, detections(t.get("detections")));
        }
        assertEquals(grid.size(), perTile.size(), "the case lists every tile");
        List<MergeStrategy> strategies = new ArrayList<>(List.of(strategy(c.get("merge"))));
        for (JsonNode other : c.path("sameForMethods")) {
            strategies.add(strategy(((com.fasterxml.jackson.databind.node.ObjectNode) c.get("merge").deepCopy())
                    .put("method", other.asText())));
        }
        SeamRule rule = c.get("merge").get("seamRule").asBoolean() ? SeamRule.DEFAULT : SeamRule.OFF;
        List<Detection> expected = detections(c.get("expected"));
        double tol = c.get("tolerance").asDouble();

        List<List<Integer>> orders = new ArrayList<>();
        List<Integer> rowMajor = new ArrayList<>();
        for (int i = 0; i < grid.size(); i++) {
            rowMajor.add(i);
        }
        orders.add(rowMajor);
        List<Integer> reversed = new ArrayList<>(rowMajor);
        Collections.reverse(reversed);
        orders.add(reversed);
        for (JsonNode o : c.get("orders")) {
            List<Integer> order = new ArrayList<>();
            o.forEach(i -> order.add(i.asInt()));
            orders.add(order);
        }
        for (MergeStrategy strategy : strategies) {
        for (List<Integer> order : orders) {
            List<Detection> actual = new ArrayList<>();
            SeamMerger merger = new SeamMerger(grid, strategy, rule, actual::addAll);
            for (int i : order) {
                merger.accept(grid.tile(i), perTile.get(grid.tile(i)));
            }
            merger.finish();
            assertEquals(expected.size(), actual.size(), name + " " + strategy + " order " + order + ": " + actual);
            for (int i = 0; i < expected.size(); i++) {
                assertBoxesEqual(expected.get(i), actual.get(i), tol);
            }
        }
        }
    }

    private static List<Detection> detections(JsonNode array) {
        List<Detection> out = new ArrayList<>();
        for (JsonNode d : array) {
            JsonNode b = d.get("box");
            out.add(Detection.of(new Box(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble()),
                    d.get("class").asInt(), d.get("score").asDouble()));
        }
        return out;
    }

    /**
     * The case's strategy: {@code "method"} in {@link MergeStrategy#method()}'s spelling (nms, soft-nms,
     * wbf, nmm) with that method's defaults ({@link MergeStrategy#of}), and where a case needs others,
     * explicit fields next to it: {@code "decay"} ("linear" or "gaussian"), {@code "sigma"} and
     * {@code "scoreThreshold"} for soft-nms, {@code "models"} for wbf.
     */
    private static MergeStrategy strategy(JsonNode m) {
        Matching matching = new Matching(MatchMetric.valueOf(m.get("metric").asText()), m.get("threshold").asDouble(),
                ClassMode.valueOf(m.get("classMode").asText()));
        MergeStrategy strategy = MergeStrategy.of(m.get("method").asText(), matching);
        if (strategy instanceof SoftNms s) {
            return new SoftNms(matching,
                    m.has("decay") ? SoftNms.Decay.valueOf(m.get("decay").asText().toUpperCase(java.util.Locale.ROOT)) : s.decay(),
                    m.path("sigma").asDouble(s.sigma()), m.path("scoreThreshold").asDouble(s.scoreThreshold()));
        }
        if (strategy instanceof WeightedBoxFusion w) {
            return new WeightedBoxFusion(matching, m.path("models").asInt(w.models()));
        }
        return strategy;
    }
}
