package dev.seamline.tiling.merge;

import static org.junit.jupiter.api.Assertions.fail;

import dev.seamline.core.Detection;
import java.util.ArrayList;
import java.util.List;

/** Assertions on merged detections against known objects. */
public final class MergeAssertions {

    private MergeAssertions() {
    }

    /**
     * Every truth object is matched by exactly one detection of its class with IoU ≥ {@code minIou},
     * and every detection matches one object (greedy one-to-one matching by IoU).
     */
    public static void assertOneToOne(List<Detection> truth, List<Detection> actual, double minIou, String what) {
        boolean[] used = new boolean[actual.size()];
        List<String> problems = new ArrayList<>();
        // index detections by coarse cell to keep this linear
        java.util.Map<Long, List<Integer>> cells = new java.util.HashMap<>();
        for (int i = 0; i < actual.size(); i++) {
            cells.computeIfAbsent(key(actual.get(i)), k -> new ArrayList<>()).add(i);
        }
        for (Detection t : truth) {
            int best = -1;
            double bestIou = minIou;
            for (int dx = -1; dx <= 1; dx++) {
                for (int dy = -1; dy <= 1; dy++) {
                    long k = key(t) + dx * 1_000_000L + dy;
                    for (int i : cells.getOrDefault(k, List.of())) {
                        Detection d = actual.get(i);
                        double iou = d.box().iou(t.box());
                        if (!used[i] && d.classId() == t.classId() && iou >= bestIou) {
                            bestIou = iou;
                            best = i;
                        }
                    }
                }
            }
            if (best < 0) {
                if (problems.size() < 10) {
                    problems.add("missed " + t);
                }
            } else {
                used[best] = true;
            }
        }
        for (int i = 0; i < actual.size(); i++) {
            if (!used[i] && problems.size() < 20) {
                problems.add("extra " + actual.get(i));
            }
        }
        if (!problems.isEmpty()) {
            fail(what + ": " + truth.size() + " objects, " + actual.size() + " detections; " + problems);
        }
    }

    private static long key(Detection d) {
        return (long) Math.floor(d.box().centerX() / 128) * 1_000_000L + (long) Math.floor(d.box().centerY() / 128);
    }

    /** No two detections of the same class with IoU &gt; 0.5 or IoS &gt; 0.8 (brute force). */
    public static void assertNoDuplicatePair(List<Detection> actual, String what) {
        List<Detection> sorted = new ArrayList<>(actual);
        sorted.sort((a, b) -> Double.compare(a.box().x0(), b.box().x0()));
        for (int i = 0; i < sorted.size(); i++) {
            Detection a = sorted.get(i);
            for (int j = i + 1; j < sorted.size() && sorted.get(j).box().x0() < a.box().x1(); j++) {
                Detection b = sorted.get(j);
                if (a.classId() == b.classId() && (a.box().iou(b.box()) > 0.5 || a.box().ios(b.box()) > 0.8)) {
                    fail(what + ": duplicate pair " + a + " and " + b);
                }
            }
        }
    }
}
