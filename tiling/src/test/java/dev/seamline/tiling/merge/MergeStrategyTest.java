package dev.seamline.tiling.merge;

import static dev.seamline.testkit.BoxAssertions.assertBoxesEqual;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.core.OrientedBox;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The indexed strategies equal their textbook O(n²) definitions, and oriented overlap equals shapely's. */
class MergeStrategyTest {

    static List<Matching> matchings() {
        return List.of(Matching.iou(0.5), Matching.iou(0.3), Matching.ios(0.6),
                new Matching(MatchMetric.IOU, 0.45, ClassMode.CLASS_AGNOSTIC),
                new Matching(MatchMetric.IOS, 0.8, ClassMode.CLASS_AGNOSTIC));
    }

    @ParameterizedTest
    @MethodSource("matchings")
    void greedyNmsEqualsNaive(Matching m) {
        List<Detection> boxes = NaiveMerges.randomBoxes(3000, 1500, 11);
        List<Detection> merged = new GreedyNms(m).merge(boxes);
        assertEquals(NaiveMerges.greedyNms(boxes, m), merged);
        assertTrue(merged.size() < boxes.size() - 50, "suppressed " + (boxes.size() - merged.size()));
    }

    @ParameterizedTest
    @MethodSource("matchings")
    void softNmsEqualsNaive(Matching m) {
        List<Detection> boxes = NaiveMerges.randomBoxes(1500, 1000, 12);
        for (SoftNms s : List.of(new SoftNms(m, SoftNms.Decay.LINEAR, 0.5, 0.05),
                new SoftNms(m, SoftNms.Decay.GAUSSIAN, 0.5, 0.1))) {
            assertEquals(NaiveMerges.softNms(boxes, s), s.merge(boxes), s.toString());
        }
    }

    @ParameterizedTest
    @MethodSource("matchings")
    void greedyNmmEqualsNaive(Matching m) {
        List<Detection> boxes = NaiveMerges.randomBoxes(2000, 1200, 13);
        assertEquals(NaiveMerges.greedyNmm(boxes, m), new GreedyNmm(m).merge(boxes));
    }

    @ParameterizedTest
    @MethodSource("matchings")
    void weightedBoxFusionEqualsNaive(Matching m) {
        List<Detection> boxes = NaiveMerges.randomBoxes(2000, 1200, 14);
        for (int models : new int[] {1, 2}) {
            List<Detection> expected = NaiveMerges.wbf(boxes, m, models);
            List<Detection> actual = new WeightedBoxFusion(m, models).merge(boxes);
            assertEquals(expected.size(), actual.size());
            for (int i = 0; i < expected.size(); i++) {
                assertBoxesEqual(expected.get(i), actual.get(i), 1e-9);
            }
        }
    }

    @Test
    void inputOrderDoesNotMatter() {
        List<Detection> boxes = new ArrayList<>(NaiveMerges.randomBoxes(2000, 800, 15));
        // exact duplicates and score ties
        for (int i = 0; i < 200; i++) {
            boxes.add(boxes.get(i));
            boxes.add(boxes.get(i).withScore(0.5));
        }
        for (MergeStrategy s : SeamInvarianceTest.strategies()) {
            List<Detection> expected = s.merge(boxes);
            List<Detection> shuffled = new ArrayList<>(boxes);
            Collections.shuffle(shuffled, new java.util.Random(5));
            assertEquals(expected, s.merge(shuffled), s.toString());
        }
    }

    /** Hand-worked examples from the papers' definitions. */
    @Test
    void smallWorkedExamples() {
        Detection a = Detection.of(new Box(0, 0, 10, 10), 0, 0.9);
        Detection b = Detection.of(new Box(5, 0, 15, 10), 0, 0.6); // IoU 50/150 = 1/3
        Detection c = Detection.of(new Box(20, 0, 30, 10), 0, 0.8);
        assertEquals(List.of(a, b, c), GreedyNms.iou(0.4).merge(List.of(a, b, c)));
        assertEquals(List.of(a, c), GreedyNms.iou(0.3).merge(List.of(a, b, c)));
        // linear soft-NMS: b decays to 0.6·(1 − 1/3) = 0.4
        List<Detection> soft = new SoftNms(Matching.iou(0.3), SoftNms.Decay.LINEAR, 0.5, 0.01).merge(List.of(a, b, c));
        assertEquals(0.4, soft.get(1).score(), 1e-12);
        // Gaussian: 0.6·exp(−(1/9)/0.5)
        soft = new SoftNms(Matching.iou(0.3), SoftNms.Decay.GAUSSIAN, 0.5, 0.01).merge(List.of(a, b, c));
        assertEquals(0.6 * Math.exp(-1.0 / 9 / 0.5), soft.get(1).score(), 1e-12);
        // WBF: (0.9·a + 0.6·b)/1.5 = x from 2 to 12, score mean 0.75
        List<Detection> wbf = new WeightedBoxFusion(Matching.iou(0.3), 1).merge(List.of(a, b));
        assertBoxesEqual(Detection.of(new Box(2, 0, 12, 10), 0, 0.75), wbf.get(0), 1e-12);
        // NMM: union 0..15, top score
        assertEquals(List.of(Detection.of(new Box(0, 0, 15, 10), 0, 0.9)),
                new GreedyNmm(Matching.iou(0.3)).merge(List.of(a, b)));
        // class-aware: different classes never interact
        Detection b1 = Detection.of(b.box(), 1, 0.6);
        assertEquals(2, GreedyNms.iou(0.3).merge(List.of(a, b1)).size());
        assertEquals(1, new GreedyNms(new Matching(MatchMetric.IOU, 0.3, ClassMode.CLASS_AGNOSTIC)).merge(List.of(a, b1)).size());
    }

    /** Polygon IoU/IoS of rotated rectangles against shapely (fixture made by make_oriented_iou.py). */
    @Test
    void orientedOverlapMatchesShapely() throws Exception {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("/oriented/oriented_iou.json")) {
            root = new ObjectMapper().readTree(in);
        }
        int n = 0;
        for (JsonNode c : root.get("cases")) {
            Detection a = Detection.of(obox(c.get("a")), 0, 0.9), b = Detection.of(obox(c.get("b")), 0, 0.8);
            assertEquals(c.get("iou").asDouble(), Geometry.metric(MatchMetric.IOU, a, b), 1e-9, c.toString());
            assertEquals(c.get("ios").asDouble(), Geometry.metric(MatchMetric.IOS, a, b), 1e-9, c.toString());
            assertEquals(c.get("iou").asDouble(), Geometry.metric(MatchMetric.IOU, b, a), 1e-9, c.toString());
            n++;
        }
        assertEquals(60, n);
        // a square and the same square turned 45°: a regular octagon, IoU = (√2 − 1)·2 / (2 − (√2 − 1)·2)
        Detection sq = Detection.of(new OrientedBox(0, 0, 10, 10, 0), 0, 1);
        Detection turned = Detection.of(new OrientedBox(0, 0, 10, 10, Math.PI / 4), 0, 1);
        double oct = 2 * (Math.sqrt(2) - 1);
        assertEquals(oct / (2 - oct), Geometry.metric(MatchMetric.IOU, sq, turned), 1e-12);
    }

    /** Properties any overlap measure must have, on many random rotated rectangles. */
    @Test
    void orientedOverlapProperties() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(21);
        for (int k = 0; k < 5000; k++) {
            OrientedBox p = new OrientedBox(r.nextDouble() * 50, r.nextDouble() * 50, 0.5 + r.nextDouble() * 30,
                    0.5 + r.nextDouble() * 30, r.nextDouble() * 7 - 3.5);
            OrientedBox q = new OrientedBox(r.nextDouble() * 50, r.nextDouble() * 50, 0.5 + r.nextDouble() * 30,
                    0.5 + r.nextDouble() * 30, r.nextDouble() * 7 - 3.5);
            Detection a = Detection.of(p, 0, 0.5), b = Detection.of(q, 0, 0.5);
            double iou = Geometry.metric(MatchMetric.IOU, a, b), ios = Geometry.metric(MatchMetric.IOS, a, b);
            assertTrue(iou >= 0 && iou <= 1 + 1e-12 && ios >= iou - 1e-12 && ios <= 1 + 1e-12, p + " " + q);
            assertEquals(iou, Geometry.metric(MatchMetric.IOU, b, a), 1e-9);
            assertEquals(1, Geometry.metric(MatchMetric.IOU, a, a), 1e-9);
            // a half-size copy about the same centre lies inside: IoS 1, IoU 1/4
            Detection inner = Detection.of(new OrientedBox(p.cx(), p.cy(), p.width() / 2, p.height() / 2, p.angle()), 0, 0.5);
            assertEquals(1, Geometry.metric(MatchMetric.IOS, a, inner), 1e-9);
            assertEquals(0.25, Geometry.metric(MatchMetric.IOU, a, inner), 1e-9);
        }
    }

    @Test
    void rejectsBadOptions() {
        assertThrows(IllegalArgumentException.class, () -> Matching.iou(1.0));
        assertThrows(IllegalArgumentException.class, () -> new SoftNms(Matching.iou(0.3), SoftNms.Decay.GAUSSIAN, 0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new WeightedBoxFusion(Matching.iou(0.3), 0));
        assertThrows(IllegalArgumentException.class, () -> new SeamRule(true, 0, 1));
    }

    private static OrientedBox obox(JsonNode a) {
        return new OrientedBox(a.get(0).asDouble(), a.get(1).asDouble(), a.get(2).asDouble(), a.get(3).asDouble(),
                a.get(4).asDouble());
    }
}
