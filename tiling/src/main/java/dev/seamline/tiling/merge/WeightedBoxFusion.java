package dev.seamline.tiling.merge;

import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import dev.seamline.core.OrientedBox;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.Objects;

/**
 * Weighted box fusion (Solovyev et al., "Weighted boxes fusion: ensembling boxes from different object
 * detection models", 2019, as the {@code ensemble_boxes} package): detections are taken in descending
 * score; each joins the cluster whose fused box it matches best (above the threshold), or starts a new
 * one. A cluster's fused box is the score-weighted mean of its members' coordinates, its score the mean
 * of their scores times {@code min(members, models) / models}, and its class the top member's.
 *
 * <p>Candidate clusters for a detection are those holding a detection it overlaps (the spatial index
 * gives them); for oriented detections the centre, size and (unwrapped) angle are averaged.
 *
 * <p>Immutable and thread-safe.
 *
 * @param matching when a detection joins a cluster
 * @param models   the number of views expected per object (ensemble_boxes' number of models), ≥ 1
 */
public record WeightedBoxFusion(Matching matching, int models) implements MergeStrategy {

    /** @throws IllegalArgumentException for fewer than one model */
    public WeightedBoxFusion {
        Objects.requireNonNull(matching, "matching");
        if (models < 1) {
            throw new IllegalArgumentException("models must be at least 1, was " + models);
        }
    }

    /** {@value #METHOD}. */
    @Override
    public String method() {
        return METHOD;
    }

    /** This strategy's method name ({@link MergeStrategy#method()}). */
    public static final String METHOD = "wbf";

    /**
     * Clusters the group's detections in processing order and emits each cluster's fused detection; a
     * detection overlapping nothing keeps its box, its score scaled by {@code 1 / models}.
     */
    @Override
    public void mergeGroup(MergeGroup group) {
        if (group.alone()) {
            Detection d = group.detection(0);
            group.emit(models > 1 ? d.withScore(d.score() / models) : d);
            return;
        }
        int n = group.size();
        int[] clusterOf = new int[n];
        java.util.Arrays.fill(clusterOf, -1);
        List<List<Integer>> clusters = new ArrayList<>();
        List<Detection> fused = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Detection di = group.detection(i);
            int best = -1;
            double bestM = matching.threshold();
            TreeSet<Integer> candidates = new TreeSet<>();
            for (int j : group.neighbours(i)) {
                if (clusterOf[j] >= 0) {
                    candidates.add(clusterOf[j]);
                }
            }
            for (int c : candidates) {
                Detection f = fused.get(c);
                if (!matching.classesMatch(f.classId(), di.classId())) {
                    continue;
                }
                double m = matching.measure(f, di);
                if (m > bestM) {
                    bestM = m;
                    best = c;
                }
            }
            if (best < 0) {
                best = clusters.size();
                clusters.add(new ArrayList<>());
                fused.add(null);
            }
            clusters.get(best).add(i);
            clusterOf[i] = best;
            fused.set(best, fuse(group, clusters.get(best), 1));
        }
        for (List<Integer> c : clusters) {
            group.emit(fuse(group, c, models));
        }
    }

    /** The fused detection of a cluster; {@code models} scales the score as ensemble_boxes does. */
    private static Detection fuse(MergeGroup group, List<Integer> c, int models) {
        Detection top = group.detection(c.get(0));
        if (c.size() == 1 && models == 1) {
            return top;
        }
        double sw = 0, sum = 0;
        for (int i : c) {
            sw += group.detection(i).score();
        }
        boolean uniform = sw <= 0;
        double wsum = uniform ? c.size() : sw;
        for (int i : c) {
            sum += group.detection(i).score();
        }
        double score = Math.min(1, sum / c.size() * Math.min(c.size(), models) / models);
        if (top.isOriented()) {
            double cx = 0, cy = 0, ww = 0, hh = 0, an = 0;
            for (int i : c) {
                Detection d = group.detection(i);
                double wt = (uniform ? 1 : d.score()) / wsum;
                OrientedBox o = d.isOriented() ? d.oriented() : OrientedBox.of(d.box());
                double da = Math.IEEEremainder(o.angle() - top.oriented().angle(), Math.PI);
                cx += wt * o.cx();
                cy += wt * o.cy();
                ww += wt * o.width();
                hh += wt * o.height();
                an += wt * (top.oriented().angle() + da);
            }
            return Detection.of(new OrientedBox(cx, cy, ww, hh, an), top.classId(), score);
        }
        double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
        for (int i : c) {
            Detection d = group.detection(i);
            double wt = (uniform ? 1 : d.score()) / wsum;
            Box b = d.box();
            x0 += wt * b.x0();
            y0 += wt * b.y0();
            x1 += wt * b.x1();
            y1 += wt * b.y1();
        }
        return Detection.of(new Box(x0, y0, x1, y1), top.classId(), score);
    }
}
