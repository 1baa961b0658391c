package dev.seamline.tiling.merge;

import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Textbook O(n²) merges, written straight from their definitions (torchvision's {@code nms}, Bodla et
 * al.'s soft-NMS loop, SAHI's greedy NMM, ensemble_boxes' WBF comparing every cluster): the references
 * the indexed implementations must equal.
 */
final class NaiveMerges {

    private NaiveMerges() {
    }

    /** Descending score, then y0, x0, y1, x1, class: Seamline's documented tie-break. */
    static final Comparator<Detection> ORDER = Comparator.comparingDouble((Detection d) -> -d.score())
            .thenComparingDouble(d -> d.box().y0()).thenComparingDouble(d -> d.box().x0())
            .thenComparingDouble(d -> d.box().y1()).thenComparingDouble(d -> d.box().x1())
            .thenComparingInt(Detection::classId);

    static boolean matches(Matching m, Detection a, Detection b) {
        return (m.classMode() == ClassMode.CLASS_AGNOSTIC || a.classId() == b.classId())
                && Geometry.metric(m.metric(), a, b) > m.threshold();
    }

    static List<Detection> greedyNms(List<Detection> input, Matching m) {
        List<Detection> d = new ArrayList<>(input);
        d.sort(ORDER);
        boolean[] gone = new boolean[d.size()];
        List<Detection> keep = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            if (gone[i]) {
                continue;
            }
            keep.add(d.get(i));
            for (int j = i + 1; j < d.size(); j++) {
                if (!gone[j] && matches(m, d.get(i), d.get(j))) {
                    gone[j] = true;
                }
            }
        }
        keep.sort(OutputOrder.COMPARATOR);
        return keep;
    }

    static List<Detection> softNms(List<Detection> input, SoftNms s) {
        List<Detection> d = new ArrayList<>(input);
        d.sort(ORDER);
        int n = d.size();
        double[] score = new double[n];
        boolean[] done = new boolean[n];
        for (int i = 0; i < n; i++) {
            score[i] = d.get(i).score();
        }
        List<Detection> out = new ArrayList<>();
        for (int step = 0; step < n; step++) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (!done[i] && (best < 0 || score[i] > score[best])) {
                    best = i;
                }
            }
            done[best] = true;
            if (score[best] < s.scoreThreshold()) {
                continue;
            }
            out.add(d.get(best).withScore(score[best]));
            for (int j = 0; j < n; j++) {
                Detection a = d.get(best), b = d.get(j);
                if (done[j] || !(s.matching().classMode() == ClassMode.CLASS_AGNOSTIC || a.classId() == b.classId())) {
                    continue;
                }
                double m = Geometry.metric(s.matching().metric(), a, b);
                if (s.decay() == SoftNms.Decay.LINEAR) {
                    if (m > s.matching().threshold()) {
                        score[j] *= 1 - m;
                    }
                } else if (m > 0) {
                    score[j] *= Math.exp(-m * m / s.sigma());
                }
            }
        }
        out.sort(OutputOrder.COMPARATOR);
        return out;
    }

    static List<Detection> greedyNmm(List<Detection> input, Matching m) {
        List<Detection> d = new ArrayList<>(input);
        d.sort(ORDER);
        boolean[] gone = new boolean[d.size()];
        List<Detection> out = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            if (gone[i]) {
                continue;
            }
            gone[i] = true;
            List<Detection> matched = new ArrayList<>();
            for (int j = i + 1; j < d.size(); j++) {
                if (!gone[j] && matches(m, d.get(i), d.get(j))) {
                    gone[j] = true;
                    matched.add(d.get(j));
                }
            }
            Detection merged = d.get(i);
            for (Detection x : matched) {
                // SAHI has no oriented boxes; Seamline documents that oriented ones are absorbed, not grown
                if (!merged.isOriented() && !x.isOriented() && Geometry.metric(m.metric(), merged, x) > m.threshold()) {
                    merged = Detection.of(merged.box().union(x.box()), merged.classId(), Math.max(merged.score(), x.score()));
                }
            }
            out.add(merged);
        }
        out.sort(OutputOrder.COMPARATOR);
        return out;
    }

    static List<Detection> wbf(List<Detection> input, Matching m, int models) {
        List<Detection> d = new ArrayList<>(input);
        d.sort(ORDER);
        List<List<Detection>> clusters = new ArrayList<>();
        List<Detection> fused = new ArrayList<>();
        for (Detection x : d) {
            int best = -1;
            double bestM = m.threshold();
            for (int c = 0; c < clusters.size(); c++) {
                Detection f = fused.get(c);
                if (m.classMode() == ClassMode.CLASS_AWARE && f.classId() != x.classId()) {
                    continue;
                }
                double v = Geometry.metric(m.metric(), f, x);
                if (v > bestM) {
                    bestM = v;
                    best = c;
                }
            }
            if (best < 0) {
                clusters.add(new ArrayList<>());
                fused.add(null);
                best = clusters.size() - 1;
            }
            clusters.get(best).add(x);
            fused.set(best, fuse(clusters.get(best), 1));
        }
        List<Detection> out = new ArrayList<>();
        for (List<Detection> c : clusters) {
            out.add(fuse(c, models));
        }
        out.sort(OutputOrder.COMPARATOR);
        return out;
    }

    private static Detection fuse(List<Detection> c, int models) {
        if (c.size() == 1 && models == 1) {
            return c.get(0);
        }
        double sw = 0;
        for (Detection x : c) {
            sw += x.score();
        }
        double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
        for (Detection x : c) {
            double w = x.score() / sw;
            x0 += w * x.box().x0();
            y0 += w * x.box().y0();
            x1 += w * x.box().x1();
            y1 += w * x.box().y1();
        }
        double score = Math.min(1, sw / c.size() * Math.min(c.size(), models) / models);
        return Detection.of(new Box(x0, y0, x1, y1), c.get(0).classId(), score);
    }

    /** Random boxes over a {@code size × size} frame: clusters of overlapping boxes and loners, three classes. */
    static List<Detection> randomBoxes(int n, double size, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        List<Detection> out = new ArrayList<>(n);
        while (out.size() < n) {
            double cx = r.nextDouble() * size, cy = r.nextDouble() * size;
            int cluster = 1 + r.nextInt(4);
            for (int k = 0; k < cluster && out.size() < n; k++) {
                double w = 8 + r.nextDouble() * 40, h = 8 + r.nextDouble() * 40;
                out.add(Detection.of(Box.ofCenter(cx + r.nextDouble() * 8 - 4, cy + r.nextDouble() * 8 - 4, w, h),
                        r.nextInt(3), 0.05 + 0.95 * r.nextDouble()));
            }
        }
        return out;
    }
}
