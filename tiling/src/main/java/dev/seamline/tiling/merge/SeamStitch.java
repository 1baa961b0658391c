package dev.seamline.tiling.merge;

import dev.seamline.core.Box;
import dev.seamline.core.Detection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The seam stitch: joins agreeing axis-aligned cut views from different tiles (rank 2, still alive)
 * into one detection, the union of their boxes with the score and class of the first in processing
 * order, which takes over the neighbours of all its parts. An object larger than the overlap, which no
 * tile sees whole, so comes out once and at full size. Stateless.
 */
final class SeamStitch {

    private SeamStitch() {
    }

    /** Stitches within {@code order} (the component in seam order), replacing detections in {@code g}. */
    static void stitch(OverlapGraph g, int[] order, SeamGiveWay rule) {
        int[] rank = g.rank;
        boolean[] alive = g.alive;
        PendingDetection[] items = g.items;
        Map<Integer, Integer> parent = null;
        for (int i : order) {
            if (rank[i] != 2 || !alive[i] || items[i].det.isOriented()) {
                continue;
            }
            for (int k = g.adjStart[i]; k < g.adjStart[i + 1]; k++) {
                int j = g.adj[k];
                if (j > i && rank[j] == 2 && alive[j] && !items[j].det.isOriented() && rule.agree(g, i, j)) {
                    if (parent == null) {
                        parent = new HashMap<>();
                    }
                    int ri = find(parent, i), rj = find(parent, j);
                    if (ri != rj) {
                        parent.put(Math.max(ri, rj), Math.min(ri, rj));
                    }
                }
            }
        }
        if (parent == null) {
            return;
        }
        Map<Integer, List<Integer>> groups = new HashMap<>();
        for (int i : order) {
            if (parent.containsKey(i)) {
                groups.computeIfAbsent(find(parent, i), r -> new ArrayList<>()).add(i);
            }
        }
        if (g.adjOverride == null) {
            g.adjOverride = new int[items.length][];
        }
        Detection[] cur = g.cur;
        for (List<Integer> group : groups.values()) {
            int best = group.get(0);
            for (int i : group) {
                if (g.compare(i, best) < 0) {
                    best = i;
                }
            }
            Box box = cur[best].box();
            TreeSet<Integer> nbrs = new TreeSet<>();
            for (int i : group) {
                box = box.union(cur[i].box());
                for (int k = g.adjStart[i]; k < g.adjStart[i + 1]; k++) {
                    nbrs.add(g.adj[k]);
                }
                if (i != best) {
                    alive[i] = false;
                }
            }
            nbrs.removeAll(group);
            cur[best] = new Detection(box, null, cur[best].classId(), cur[best].score());
            g.adjOverride[best] = nbrs.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    private static int find(Map<Integer, Integer> parent, int i) {
        parent.putIfAbsent(i, i);
        int r = i;
        while (parent.get(r) != r) {
            r = parent.get(r);
        }
        return r;
    }
}
