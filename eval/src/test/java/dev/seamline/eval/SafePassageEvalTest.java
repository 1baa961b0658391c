package dev.seamline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seamline.formats.safepassage.SafePassageCsv.Centre;
import dev.seamline.formats.safepassage.SafePassageCsv.Row;
import dev.seamline.formats.safepassage.VehicleClass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Safe Passage metric against the independent Python reference of
 * src/test/resources/dev/seamline/eval/safepassage (reference_scorer.py: networkx's and scipy's
 * maximum matchings, a brute force over the literal two-stage rule; make_cases.py wrote the cases):
 * hand-made cases (greedy loses, clusters closer than the radius, exactly at the radius and one step
 * beyond, duplicates, low-confidence hits, wrong classes, images and None rows) and 24 random ones;
 * and the submission {@code detect --format safe-passage} writes (safepassage/detect_output).
 */
class SafePassageEvalTest {

    @TempDir
    Path dir;

    static Stream<String> cases() throws Exception {
        try (Stream<Path> s = Files.list(Fixtures.resource("safepassage/cases"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void equalsTheReference(String name) throws Exception {
        assertMatchesReference(Fixtures.resource("safepassage/cases/" + name), name);
    }

    /** What {@code detect --format safe-passage} wrote (outputs' SafePassageSinkTest checks the bytes) scores as Python did. */
    @Test
    void detectOutputScoresAsTheReferenceDid() throws Exception {
        assertMatchesReference(Fixtures.resource("safepassage/detect_output"), "detect_output");
    }

    private static void assertMatchesReference(Path d, String name) throws Exception {
        EvalRequest req = EvalRequest.of(Metric.SAFE_PASSAGE, d.resolve("truth.csv"), d.resolve("pred.csv"));
        if (Files.exists(d.resolve("lowconf.csv"))) {
            req = req.withIgnore(d.resolve("lowconf.csv"));
        }
        EvalResult r = Evaluator.evaluate(req);
        JsonNode exp = Fixtures.json(d.resolve("expected.json"));
        for (String k : List.of("TP", "FP", "FN")) {
            assertEquals(exp.get(k).asLong(), ((Number) r.values().get(k)).longValue(), name + " " + k);
        }
        Fixtures.assertNumber(exp.get("jaccard"), r.number("jaccard"), name + " jaccard");
        @SuppressWarnings("unchecked")
        var per = (java.util.Map<String, java.util.Map<String, Object>>) r.values().get("per_class");
        assertEquals(List.of("A", "B", "C", "D", "E", "F", "G", "H", "I"), List.copyOf(per.keySet()));
        ErrorTable errors = r.errors();
        for (VehicleClass c : VehicleClass.values()) {
            JsonNode e = exp.get("per_class").get(c.name());
            for (String k : List.of("TP", "FP", "FN")) {
                assertEquals(e.get(k).asLong(), ((Number) per.get(c.name()).get(k)).longValue(), name + " " + c + " " + k);
            }
            Object j = per.get(c.name()).get("jaccard");
            Fixtures.assertNumber(e.get("jaccard"), ((Number) j).doubleValue(), name + " " + c + " jaccard");
            for (int k = 0; k < errors.columns().size(); k++) {
                String kind = errors.columns().get(k);
                assertEquals(exp.get("errors").get(c.name()).get(kind).asLong(), errors.count(c.name(), k),
                        name + " " + c + " " + kind);
            }
        }
        assertTrue(r.table().contains("Jaccard = " + Tables.num(r.number("jaccard"))), r.table());
    }

    private static Row row(VehicleClass c, double... xy) {
        List<Centre> pts = new ArrayList<>();
        for (int i = 0; i < xy.length; i += 2) {
            pts.add(new Centre(xy[i], xy[i + 1]));
        }
        return new Row("TQ2379_0_0.jpg", c, pts);
    }

    @Test
    void aGreedyNearestMatchIsNotTheAnswer() {
        // d1 (124,100) is nearest to t1 (24 px, t2 at 26): nearest-first and shortest-pair-first both give
        // d1-t1 and strand d2 (71,100), which reaches t1 only (29 px). The maximum matching pairs both.
        var r = SafePassageEval.score(List.of(row(VehicleClass.B, 100, 100, 150, 100)),
                List.of(row(VehicleClass.B, 124, 100, 71, 100)), List.of());
        assertEquals(new SafePassageEval.Counts(2, 0, 0), r.total());
        assertEquals(1.0, r.total().jaccard(), 0);
    }

    @Test
    void exactlyTheRadiusIsAHitAndTheDetectionLeftOverChoosesTheLowConfidenceMatch() {
        // 18-24-30: exactly B's radius; 18-25 is beyond
        var at = SafePassageEval.score(List.of(row(VehicleClass.B, 100, 100)), List.of(row(VehicleClass.B, 118, 124)), List.of());
        assertEquals(new SafePassageEval.Counts(1, 0, 0), at.total());
        var beyond = SafePassageEval.score(List.of(row(VehicleClass.B, 100, 100)), List.of(row(VehicleClass.B, 118, 125)),
                List.of());
        assertEquals(new SafePassageEval.Counts(0, 1, 1), beyond.total());
        assertEquals(1, beyond.count(SafePassageEval.Kind.OFF));
        // d1 reaches the true t and the low-confidence l, d2 only t: whichever takes t first, d1 is the one excused
        for (double[] order : new double[][] {{320, 300, 290, 300}, {290, 300, 320, 300}}) {
            var r = SafePassageEval.score(List.of(row(VehicleClass.D, 300, 300)), List.of(row(VehicleClass.D, order)),
                    List.of(row(VehicleClass.D, 345, 300)));
            assertEquals(new SafePassageEval.Counts(1, 0, 0), r.total());
            assertEquals(1, r.count(SafePassageEval.Kind.LOW_CONFIDENCE));
        }
        // nothing anywhere: Jaccard undefined, written as null
        var none = SafePassageEval.score(List.of(row(VehicleClass.A)), List.of(), List.of());
        assertTrue(Double.isNaN(none.total().jaccard()));
        assertTrue(SafePassageEval.result(none, false).toJson().contains("\"jaccard\" : null"));
    }

    @Test
    void hopcroftKarpIsMaximumAndExtendsItsStart() {
        Random rnd = new Random(19);
        for (int trial = 0; trial < 2000; trial++) {
            int n = rnd.nextInt(9), m = rnd.nextInt(9);
            int[][] adj = new int[n][];
            for (int u = 0; u < n; u++) {
                adj[u] = java.util.stream.IntStream.range(0, m).filter(v -> rnd.nextDouble() < 0.3).toArray();
            }
            int[] match = BipartiteMatching.maximum(adj, m);
            assertEquals(kuhn(adj, m), valid(adj, m, match), Arrays.deepToString(adj));
            int[] start = greedy(adj, m);
            int[] ext = BipartiteMatching.extend(adj, m, start);
            assertEquals(kuhn(adj, m), valid(adj, m, ext));
            boolean[] rightAfter = new boolean[m];
            for (int v : ext) {
                if (v >= 0) {
                    rightAfter[v] = true;
                }
            }
            for (int u = 0; u < n; u++) {
                if (start[u] >= 0) {
                    assertTrue(ext[u] >= 0 && rightAfter[start[u]], "a vertex matched at the start stays matched");
                }
            }
        }
        // a long alternating chain: 10,000 left vertices, each reaching its own and the next right vertex
        int n = 10_000;
        int[][] chain = new int[n][];
        int[] start = new int[n];
        for (int u = 0; u < n; u++) {
            chain[u] = u + 1 < n ? new int[] {u, u + 1} : new int[] {u};
            start[u] = u + 1 < n ? u + 1 : -1; // forces one augmenting path through the whole chain
        }
        assertEquals(n, valid(chain, n, BipartiteMatching.extend(chain, n, start)));
    }

    private static int[] greedy(int[][] adj, int m) {
        int[] out = new int[adj.length];
        boolean[] used = new boolean[m];
        for (int u = 0; u < adj.length; u++) {
            out[u] = -1;
            for (int v : adj[u]) {
                if (!used[v]) {
                    used[v] = true;
                    out[u] = v;
                    break;
                }
            }
        }
        return out;
    }

    /** The matching's size, after checking it is one. */
    private static int valid(int[][] adj, int m, int[] match) {
        boolean[] used = new boolean[m];
        int size = 0;
        for (int u = 0; u < adj.length; u++) {
            if (match[u] >= 0) {
                int v = match[u];
                assertTrue(Arrays.stream(adj[u]).anyMatch(x -> x == v), "an edge of the graph");
                assertTrue(!used[v], "one-to-one");
                used[v] = true;
                size++;
            }
        }
        return size;
    }

    /** Kuhn's simple augmenting-path algorithm: the size of a maximum matching. */
    private static int kuhn(int[][] adj, int m) {
        int[] matchR = new int[m];
        Arrays.fill(matchR, -1);
        int size = 0;
        for (int u = 0; u < adj.length; u++) {
            if (kuhnTry(u, adj, matchR, new boolean[m])) {
                size++;
            }
        }
        return size;
    }

    private static boolean kuhnTry(int u, int[][] adj, int[] matchR, boolean[] seen) {
        for (int v : adj[u]) {
            if (!seen[v]) {
                seen[v] = true;
                if (matchR[v] < 0 || kuhnTry(matchR[v], adj, matchR, seen)) {
                    matchR[v] = u;
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void reportBreaksErrorsDownByDistance() throws Exception {
        Path d = Fixtures.resource("safepassage/cases/wrong_class");
        EvalResult r = Evaluator.evaluate(EvalRequest.of(Metric.SAFE_PASSAGE, d.resolve("truth.csv"), d.resolve("pred.csv")));
        ReportWriter.write(r, dir);
        String errors = Files.readString(dir.resolve("errors.csv"));
        assertTrue(errors.startsWith("class,hit,low_confidence,duplicate,wrong_class,off,background,missed\n"), errors);
        assertTrue(errors.contains("\nA,0,0,0,1,0,0,0\n"), errors); // the A detection 20 px from a true B car
        assertTrue(errors.endsWith("\nall,0,0,0,2,1,1,3\n"), errors); // the A and B detections wrong class, H off, E background
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("wrong class within the radius"), md);
        assertTrue(md.contains("off by more than the radius"), md);
    }

    @Test
    void submissionOnAnImageTheTruthLacksIsBadInput() throws Exception {
        Path gt = dir.resolve("gt.csv"), pred = dir.resolve("pred.csv");
        Files.writeString(gt, "id,image,class,detections\nTQ2379_0_0_A,TQ2379_0_0.jpg,A,None\n");
        Files.writeString(pred, "id,image,class,detections\nTQ2379_0_0_A,TQ2379_0_0.jpg,A,None\nTQ9999_0_0_B,TQ9999_0_0.jpg,B,1:1\n");
        var x = org.junit.jupiter.api.Assertions.assertThrows(dev.seamline.core.BadInputException.class,
                () -> Evaluator.evaluate(EvalRequest.of(Metric.SAFE_PASSAGE, gt, pred)));
        assertEquals(pred + ": line 3: image 'TQ9999_0_0.jpg' is not in the truth (no row has id TQ9999_0_0_<class>)",
                x.getMessage());
    }
}
